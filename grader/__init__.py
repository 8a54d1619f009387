"""Autograder for the backpropagation & gradient-descent course unit.

The library is the product; the ``grader`` command is a thin layer over it::

    from grader import load_rubric, grade_batch
    result = grade_batch(["submissions/"], load_rubric("rubrics/assignment.yaml"), Path("out"))
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from grader.version import __version__

if TYPE_CHECKING:
    from grader.batch.grade import BatchResult, grade_batch
    from grader.errors import GraderError, NotebookInvalid, RubricError, RubricProblem, UsageError
    from grader.formats.report import report_to_dict
    from grader.front.selfcheck import check
    from grader.front.template import build_template
    from grader.load.rubric import load_rubric
    from grader.load.specs import Rubric
    from grader.load.submissions import SubmissionFile, discover
    from grader.options import DEFAULT_RUBRIC, ExecutionLimits
    from grader.pipeline import grade_submission
    from grader.records import CheckResult, Execution, Report, TaskResult
    from grader.run.executor import Executor, NbclientExecutor

#: Public name → the module that defines it. Imported on first use (PEP 562): the pytest plugin loads this
#: package in every pytest session of anyone who installed it, and importing the whole grader (nbclient,
#: zmq, jinja2, matplotlib's friends) cost that session about 0.6 s before a test ran.
_LAZY = {
    "BatchResult": "grader.batch.grade",
    "CheckResult": "grader.records",
    "DEFAULT_RUBRIC": "grader.options",
    "Execution": "grader.records",
    "ExecutionLimits": "grader.options",
    "Executor": "grader.run.executor",
    "GraderError": "grader.errors",
    "NbclientExecutor": "grader.run.executor",
    "NotebookInvalid": "grader.errors",
    "Report": "grader.records",
    "Rubric": "grader.load.specs",
    "RubricError": "grader.errors",
    "RubricProblem": "grader.errors",
    "SubmissionFile": "grader.load.submissions",
    "TaskResult": "grader.records",
    "UsageError": "grader.errors",
    "build_template": "grader.front.template",
    "check": "grader.front.selfcheck",
    "discover": "grader.load.submissions",
    "grade_batch": "grader.batch.grade",
    "grade_submission": "grader.pipeline",
    "load_rubric": "grader.load.rubric",
    "report_to_dict": "grader.formats.report",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "DEFAULT_RUBRIC",
    "BatchResult",
    "CheckResult",
    "Execution",
    "ExecutionLimits",
    "Executor",
    "GraderError",
    "NbclientExecutor",
    "NotebookInvalid",
    "Report",
    "Rubric",
    "RubricError",
    "RubricProblem",
    "SubmissionFile",
    "TaskResult",
    "UsageError",
    "__version__",
    "build_template",
    "check",
    "discover",
    "grade_batch",
    "grade_submission",
    "load_rubric",
    "report_to_dict",
]

"""Autograder for the backpropagation & gradient-descent course unit.

The library is the product; the ``grader`` command is a thin layer over it::

    from grader import load_rubric, grade_batch
    result = grade_batch(["submissions/"], load_rubric("rubrics/assignment.yaml"), Path("out"))
"""

from grader.batch.grade import BatchResult, grade_batch
from grader.errors import GraderError, NotebookInvalid, RubricError, RubricProblem, UsageError
from grader.formats.report import report_to_dict
from grader.front.selfcheck import check
from grader.front.template import build_template
from grader.load.rubric import Rubric, load_rubric
from grader.load.submissions import SubmissionFile, discover
from grader.options import DEFAULT_RUBRIC, ExecutionLimits
from grader.pipeline import grade_submission
from grader.records import CheckResult, Execution, Report, TaskResult
from grader.run.execute import Executor, NbclientExecutor
from grader.version import __version__

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

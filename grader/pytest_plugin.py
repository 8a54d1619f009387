"""pytest plugin: ``pytest --grade PATH`` turns every submission × check into a test item.

A course's CI then gets per-check results, ``-k`` selection, ``--junitxml`` and every pytest reporter
for free. Grading is the same engine as ``grader grade`` (:func:`grader.grade_batch`, the same rubric,
sandbox and limits), run once for all notebooks when collection starts, in parallel; each item only
reports its check's verdict, with the check's message as the failure text. Registered through the
``pytest11`` entry point, so it is active wherever the package is installed, and does nothing unless
``--grade`` is given.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from grader.batch import default_jobs, grade_batch
from grader.options import DEFAULT_RUBRIC
from grader.records import CheckResult, Report
from grader.rubric import load_rubric
from grader.submissions import discover


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("grader", "grade notebooks (backprop-grader)")
    group.addoption("--grade", action="append", default=[], metavar="PATH", help="notebooks or folders to grade")
    group.addoption("--grade-rubric", default=str(DEFAULT_RUBRIC), metavar="FILE", help="assignment rubric")
    group.addoption("--grade-out", default=None, metavar="DIR", help="keep reports and feedback here")
    group.addoption("--grade-jobs", type=int, default=None, metavar="N", help="notebooks graded at once")


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("grade"):
        # the submissions are what this session collects (not the project's own tests)
        config.args[:] = [str(Path(path)) for path in config.getoption("grade")]
        config.stash[_REPORTS] = {}


_REPORTS = pytest.StashKey[dict[Path, Report]]()


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix == ".ipynb" and parent.config.getoption("grade"):
        return NotebookFile.from_parent(parent, path=file_path)
    return None


def _reports(config: pytest.Config) -> dict[Path, Report]:
    """Grade every notebook under --grade once, on first use; key the reports by resolved path."""
    reports = config.stash[_REPORTS]
    if not reports:
        paths = [Path(path) for path in config.getoption("grade")]
        out_option = config.getoption("grade_out")
        out = Path(out_option) if out_option else Path(tempfile.mkdtemp(prefix="grader-pytest-"))
        rubric = load_rubric(config.getoption("grade_rubric"))
        jobs = config.getoption("grade_jobs") or default_jobs()
        result = grade_batch(paths, rubric, out, jobs=jobs, figures=out_option is not None)
        files = {submission.id: submission.path.resolve() for submission in discover(paths)}
        for report in result.reports:
            reports[files.get(report.submission.id, report.submission.path.resolve())] = report
    return reports


class NotebookFile(pytest.File):
    """One submission; its items are its checks (``<task>.<check>``) and its quiz questions."""

    def collect(self) -> Iterator[pytest.Item]:
        report = _reports(self.config).get(self.path.resolve())
        if report is None or report.status != "graded":
            message = report.message if report is not None else "no report was produced"
            yield GradedItem.from_parent(self, name="graded", outcome=("error", message or ""))
            return
        for task in report.tasks:
            for check in task.checks:
                yield GradedItem.from_parent(self, name=f"{task.id}.{check.id}", outcome=_outcome(check))
        if report.quiz is not None:
            for question in report.quiz.questions:
                status = "pass" if question.score >= question.max_score else "fail"
                text = f"{question.score:g}/{question.max_score:g}; missing concepts: {', '.join(question.missing)}"
                yield GradedItem.from_parent(self, name=f"quiz.{question.id}", outcome=(status, text))


def _outcome(check: CheckResult) -> tuple[str, str]:
    return check.status, f"{check.score:g}/{check.max_score:g}: {check.message}"


class CheckFailed(Exception):
    """A check did not earn all its points; the message is the grader's."""


class GradedItem(pytest.Item):
    def __init__(self, *, outcome: tuple[str, str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.outcome = outcome

    def runtest(self) -> None:
        status, message = self.outcome
        if status != "pass":
            raise CheckFailed(f"[{status}] {message}")

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, CheckFailed):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"{self.path.stem}::{self.name}"

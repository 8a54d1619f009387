"""pytest plugin: ``pytest --grade PATH`` turns every submission × check into a test item.

A course's CI then gets per-check results, ``-k`` selection, ``--junitxml`` and every pytest reporter
for free. Grading is the same engine as ``grader grade`` (:func:`grader.grade_batch`, the same rubric,
sandbox and limits), run once for all notebooks when collection starts, in parallel; each item only
reports its check's verdict, with the check's message as the failure text. Registered through the
``pytest11`` entry point, so it is active wherever the package is installed, and does nothing unless
``--grade`` is given.

``-k`` matches a check's name (``backprop.dL_dw1``, ``quiz.q3``) and the student — the folder of a
submission's id (``Bob Jones_1002_assignsubmission_file_``), or its id when it has no folder
(``alice``) — but not the notebook's file name: in an LMS export every student's file has the same
name ("Homework 3 - Backprop.ipynb"), and pytest's own matching, which also reads every parent node's
name, made ``-k backprop`` select every check of every student. A failure's header names the
submission by its id, folder included, so that students with same-named files can be told apart.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import pytest
from _pytest.mark import KeywordMatcher  # pytest's own -k matching, for items that are not checks
from _pytest.mark.expression import Expression

from grader.options import DEFAULT_RUBRIC

if TYPE_CHECKING:
    from grader.records import CheckResult, Report


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


_REPORTS = pytest.StashKey[dict[Path, "Report"]]()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Apply ``-k`` to the checks by check name and student (see the module docstring), then clear it so
    that pytest's own matching, which would also read the notebooks' file names, does not run again."""
    expression = config.option.keyword.strip() if config.getoption("grade") else ""
    if not expression:
        return
    compiled = Expression.compile(expression)
    kept: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        matcher = _CheckMatcher(item) if isinstance(item, GradedItem) else KeywordMatcher.from_item(item)
        (kept if compiled.evaluate(matcher) else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
    config.option.keyword = ""


class _CheckMatcher:
    """``-k`` names of a check's item: its own name and its student, matched as pytest matches (a
    case-insensitive substring)."""

    def __init__(self, item: GradedItem) -> None:
        folder = str(PurePosixPath(item.submission).parent)
        self.names = [item.name.lower(), (item.submission if folder == "." else folder).lower()]

    def __call__(self, name: str, /, **kwargs: object) -> bool:
        if kwargs:
            raise pytest.UsageError("-k takes names, not calls with arguments")
        return any(name.lower() in own for own in self.names)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix == ".ipynb" and parent.config.getoption("grade"):
        return NotebookFile.from_parent(parent, path=file_path)
    return None


def _reports(config: pytest.Config) -> dict[Path, Report]:
    """Grade every notebook under --grade once, on first use; key the reports by resolved path."""
    reports = config.stash[_REPORTS]
    if not reports:
        # imported here: pytest loads this plugin in every session, most of which grade nothing
        from grader.batch.grade import default_jobs, grade_batch
        from grader.load.rubric import load_rubric
        from grader.load.submissions import discover

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
            submission = report.submission.id if report is not None else self.path.stem
            yield GradedItem.from_parent(self, name="graded", outcome=("error", message or ""), submission=submission)
            return
        who = report.submission.id
        for task in report.tasks:
            for check in task.checks:
                yield GradedItem.from_parent(
                    self, name=f"{task.id}.{check.id}", outcome=_outcome(check), submission=who
                )
        if report.quiz is not None:
            for question in report.quiz.questions:
                status = "pass" if question.score >= question.max_score else "fail"
                text = f"{question.score:g}/{question.max_score:g}; missing concepts: {', '.join(question.missing)}"
                yield GradedItem.from_parent(self, name=f"quiz.{question.id}", outcome=(status, text), submission=who)


def _outcome(check: CheckResult) -> tuple[str, str]:
    return check.status, f"{check.score:g}/{check.max_score:g}: {check.message}"


class CheckFailed(Exception):
    """A check did not earn all its points; the message is the grader's."""


class GradedItem(pytest.Item):
    def __init__(self, *, outcome: tuple[str, str], submission: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.outcome = outcome
        self.submission = submission  # the submission's id: its path in the graded folder

    def runtest(self) -> None:
        status, message = self.outcome
        if status != "pass":
            raise CheckFailed(f"[{status}] {message}")

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, CheckFailed):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"{self.submission}::{self.name}"

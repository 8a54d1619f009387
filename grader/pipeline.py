"""The grading pipeline in one screen: load → segment → execute → extract → compare → score → report.

:func:`grade_submission` grades one notebook and always returns a :class:`Report`, whatever the
notebook does; :func:`grade_batch` grades many, writes each report as soon as it is ready (so an
interrupted batch keeps what it finished), turns a failure of the grader's own code on one submission
into that submission's ``status: "error"`` report, and writes the gradebook last.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from grader.errors import NotebookInvalid
from grader.execute import Executor, NbclientExecutor, Plan, Probe
from grader.formats.gradebook import write_gradebook
from grader.options import ExecutionLimits
from grader.overrides import OverrideEntry, apply_overrides, check_submissions
from grader.quiz import grade_quiz
from grader.records import Report, SubmissionInfo
from grader.report import read_report, report_path, write_report
from grader.rubric import Rubric
from grader.score import score_task
from grader.segment import Segmentation, segment
from grader.submissions import SubmissionFile, discover, read_notebook, sha256_of
from grader.version import __version__


@dataclass(frozen=True, slots=True)
class BatchResult:
    reports: tuple[Report, ...]
    out_dir: Path
    gradebook: Path

    @property
    def all_graded(self) -> bool:
        return all(report.status == "graded" for report in self.reports)


def grade_submission(
    submission: SubmissionFile,
    rubric: Rubric,
    executor: Executor | None = None,
    limits: ExecutionLimits | None = None,
) -> Report:
    """Grade one notebook. Invalid files give ``status: "invalid"``; student errors are report fields."""
    try:
        raw = submission.path.read_bytes()
    except OSError as error:
        info = SubmissionInfo(submission.id, submission.path, "")
        return _failed(info, rubric, "invalid", f"{submission.path}: cannot read: {error.strerror or error}")
    info = SubmissionInfo(submission.id, submission.path, sha256_of(raw))
    try:
        notebook = read_notebook(raw, submission.path)
    except NotebookInvalid as error:
        return _failed(info, rubric, "invalid", str(error))
    segmentation = segment(notebook, rubric)
    execution = (executor or NbclientExecutor()).run(notebook, plan_for(rubric, segmentation), limits or rubric.limits)
    tasks = tuple(score_task(task, segmentation, execution) for task in rubric.tasks)
    quiz = grade_quiz(notebook, rubric.quiz) if rubric.quiz is not None else None
    return Report(
        submission=info,
        status="graded",
        message=None,
        score=sum(task.score for task in tasks) + (quiz.score if quiz is not None else 0.0),
        max_score=rubric.max_score,
        execution=execution,
        tasks=tasks,
        flags=tuple(sorted(set(execution.flags) | _segmentation_flags(segmentation))),
        grader_version=__version__,
        rubric_sha256=rubric.sha256,
        quiz=quiz,
    )


def plan_for(rubric: Rubric, segmentation: Segmentation) -> Plan:
    """One snapshot per task, right after its last code cell, of every name its checks may read."""
    probes = tuple(
        Probe(task=task.id, names=task.names, after_cell=segmentation.cells[task.id][-1])
        for task in rubric.tasks
        if segmentation.cells.get(task.id)
    )
    owners = {index: task for task, cells in segmentation.cells.items() for index in cells}
    return Plan(probes=probes, task_of_cell=owners)


def _segmentation_flags(segmentation: Segmentation) -> set[str]:
    flags = set()
    if "headings" in segmentation.method.values():
        flags.add("untagged")
    if "none" in segmentation.method.values():
        flags.add("task_missing")
    return flags


def _failed(info: SubmissionInfo, rubric: Rubric, status: str, message: str, trace: str | None = None) -> Report:
    return Report(
        submission=info,
        status=status,
        message=message,
        score=0.0,
        max_score=rubric.max_score,
        execution=None,
        tasks=(),
        flags=(),
        grader_version=__version__,
        rubric_sha256=rubric.sha256,
        traceback=trace,
    )


def grade_batch(
    paths: Iterable[Path | str],
    rubric: Rubric,
    out_dir: Path,
    executor: Executor | None = None,
    limits: ExecutionLimits | None = None,
    on_report: Callable[[Report], None] | None = None,
    resume: bool = False,
    overrides: Sequence[OverrideEntry] = (),
) -> BatchResult:
    """Grade every notebook under ``paths`` into ``out_dir`` (reports/, gradebook.csv).

    Raises :class:`~grader.errors.UsageError` before grading anything if a path does not exist or two
    files would share a submission id; after that, every submission gets a report. With ``resume``,
    a submission whose complete report is already there — same file bytes, same rubric, same grader
    version, not an ``error`` — is not graded again (a batch killed midway picks up where it stopped).
    ``overrides`` (see :mod:`grader.overrides`) are applied to every report, graded or resumed.
    """
    files = discover(paths)
    check_submissions(overrides, [submission.id for submission in files])
    executor = executor or NbclientExecutor()
    reports: list[Report] = []
    for submission in files:
        report = _finished_report(out_dir, submission, rubric) if resume else None
        if report is None:
            report = _grade_guarded(submission, rubric, executor, limits)
        report = apply_overrides(report, overrides)
        write_report(out_dir, report)
        reports.append(report)
        if on_report is not None:
            on_report(report)
    gradebook = write_gradebook(out_dir, reports, rubric)
    return BatchResult(reports=tuple(reports), out_dir=out_dir, gradebook=gradebook)


def _finished_report(out_dir: Path, submission: SubmissionFile, rubric: Rubric) -> Report | None:
    report = read_report(report_path(out_dir, submission.id))
    if report is None or report.status == "error":
        return None
    try:
        current = sha256_of(submission.path.read_bytes())
    except OSError:
        return None
    same = (report.submission.sha256, report.rubric_sha256, report.grader_version)
    return report if same == (current, rubric.sha256, __version__) else None


def _grade_guarded(
    submission: SubmissionFile, rubric: Rubric, executor: Executor, limits: ExecutionLimits | None
) -> Report:
    """Grade one submission; a bug in the grader becomes this submission's error report, not a lost batch."""
    try:
        return grade_submission(submission, rubric, executor, limits)
    except Exception as error:
        info = SubmissionInfo(submission.id, submission.path, "")
        message = f"the grader failed on this submission ({type(error).__name__}: {error}); please report it"
        return _failed(info, rubric, "error", message, traceback.format_exc())


def with_limits(base: ExecutionLimits, **overrides: float | int | None) -> ExecutionLimits:
    """The rubric's limits with the command line's overrides (``None`` = not given) applied."""
    given: dict[str, Any] = {name: value for name, value in overrides.items() if value is not None}
    return replace(base, **given)


__all__: Sequence[str] = ["BatchResult", "grade_batch", "grade_submission", "plan_for", "with_limits"]

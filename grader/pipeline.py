"""The grading pipeline in one screen: load → segment → execute → extract → compare → score → report.

:func:`grade_submission` grades one notebook and always returns a :class:`Report`, whatever the
notebook does; :func:`guarded` turns a failure of the grader's own code into that submission's
``status: "error"`` report. Batches (parallelism, cache, resume) are :mod:`grader.batch.grade`.
"""

from __future__ import annotations

import copy
import errno
import tempfile
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from nbformat import NotebookNode

from grader.errors import NotebookInvalid, UsageError
from grader.judge.score import score_task
from grader.judge.typed import typed_answers, typed_diagnosis
from grader.load.specs import Rubric, TaskSpec
from grader.load.submissions import SubmissionFile, read_notebook, read_submission, sha256_of
from grader.observe.evidence import gather
from grader.options import QUIZ_CELL_MAX_CHARS, QUIZ_MAX_CHARS, ExecutionLimits, limit_problem
from grader.quiz.grade import grade_quiz
from grader.records import NOT_THE_ASSIGNMENT, Plan, Probe, QuizResult, Report, SubmissionInfo, TaskResult, Variation
from grader.run.execute import NOTEBOOK_PROBE
from grader.run.executor import Executor, NbclientExecutor
from grader.run.segment import Segmentation, segment
from grader.run.steps import skipped
from grader.run.variation import Rewrite, rewrite_parameters
from grader.version import __version__


def grade_submission(
    submission: SubmissionFile,
    rubric: Rubric,
    executor: Executor | None = None,
    limits: ExecutionLimits | None = None,
) -> Report:
    """Grade one notebook. Invalid files give ``status: "invalid"``; student errors are report fields."""
    try:
        raw = read_submission(submission)
    except NotebookInvalid as error:
        return failed_report(SubmissionInfo(submission.id, submission.path, ""), rubric, "invalid", str(error))
    info = SubmissionInfo(submission.id, submission.path, sha256_of(raw))
    try:
        notebook = read_notebook(raw, submission.path)
    except NotebookInvalid as error:
        return failed_report(info, rubric, "invalid", str(error))
    segmentation = segment(notebook, rubric)
    rewrites = rewrites_for(rubric, segmentation, notebook)
    plan = plan_for(rubric, segmentation, rewrites)
    own = executor is None
    runner = executor if executor is not None else NbclientExecutor()
    try:
        execution = runner.run(notebook, plan, limits or rubric.limits)
    finally:
        if own:
            runner.close()  # a warm launcher's zygote lives no longer than its user
    evidence = gather(code_sources(notebook), execution.snapshots.values())
    sources = code_sources(notebook)
    tasks = tuple(
        _with_typed_answers(task, score_task(task, segmentation, execution, evidence, rewrites.get(task.id)), sources)
        for task in rubric.tasks
    )
    quiz = grade_quiz(_quiz_text(notebook), rubric.quiz, segmentation.task_cells) if rubric.quiz is not None else None
    elsewhere = _not_the_assignment(tasks, quiz)
    if elsewhere:
        quiz = _without_empty_reviews(quiz)
    return Report(
        submission=info,
        status="graded",
        message=None,
        score=sum(task.score for task in tasks) + (quiz.score if quiz is not None else 0.0),
        max_score=rubric.max_score,
        execution=execution,
        tasks=tasks,
        flags=tuple(
            sorted(
                set(execution.flags)
                | _segmentation_flags(tasks)
                | _task_flags(tasks)
                | ({NOT_THE_ASSIGNMENT} if elsewhere else set())
            )
        ),
        grader_version=__version__,
        rubric_sha256=rubric.sha256,
        quiz=quiz,
    )


def _not_the_assignment(tasks: Sequence[TaskResult], quiz: QuizResult | None) -> bool:
    """No task's value found, and no quiz answer worth a tenth of the quiz (another notebook's numbered
    list can pass for labelled answers and pick up a point)."""
    # the blank template is the assignment, undone: its tasks are found (by tags or headings)
    nothing_found = all(
        task.segmentation == "none" and all(check.status == "missing" for check in task.checks) for task in tasks
    )
    no_quiz = quiz is None or quiz.score <= 0.1 * quiz.max_score
    return bool(tasks) and nothing_found and no_quiz


def _without_empty_reviews(quiz: QuizResult | None) -> QuizResult | None:
    """Empty answers are not sent to review one by one when the whole notebook is flagged."""
    if quiz is None:
        return None
    questions = tuple(
        replace(question, needs_review=False) if not question.answer.strip() else question
        for question in quiz.questions
    )
    return replace(quiz, questions=questions)


def _quiz_text(notebook: NotebookNode) -> NotebookNode:
    """The notebook as the quiz reads it: every cell's text capped in size (:data:`QUIZ_CELL_MAX_CHARS`,
    and :data:`QUIZ_MAX_CHARS` in all; answers are found in code comments too), so that no answer can
    take the quiz's scoring minutes. The cells that run are the notebook's own."""
    capped = copy.copy(notebook)
    cells, left = [], QUIZ_MAX_CHARS
    for cell in notebook.cells:
        room = max(0, min(QUIZ_CELL_MAX_CHARS, left))
        if len(cell.source) > room:
            cell = copy.copy(cell)
            cell.source = cell.source[:room]
        left -= len(cell.source)
        cells.append(cell)
    capped.cells = cells
    return capped


def plan_for(rubric: Rubric, segmentation: Segmentation, rewrites: Mapping[str, Rewrite] | None = None) -> Plan:
    """A probe right after each task's last code cell, where tags or headings say which cells are the
    task's (the namespace then still holds the task's values, before a later task reuses ``x``), and
    one after the notebook's last code cell; each takes what the recorder saw since the one before and
    the figures drawn since. Then the notebook is replayed for each task whose parameters could be
    rewritten, with them rewritten (see :mod:`grader.run.execute`)."""
    probes = tuple(
        Probe(task=task.id, after_cell=segmentation.cells[task.id][-1], figures=True)
        for task in rubric.tasks
        if segmentation.cells.get(task.id)
    )
    if segmentation.code_cells:
        probes += (Probe(task=NOTEBOOK_PROBE, after_cell=segmentation.code_cells[-1], figures=True),)
    owners = {index: task for task, cells in segmentation.cells.items() for index in cells}
    variations = tuple(
        Variation(task.id, dict(zip(rewrite.cells, rewrite.sources, strict=True)))
        for task in rubric.tasks
        if (rewrite := (rewrites or {}).get(task.id)) is not None and rewrite.changed
    )
    return Plan(probes=probes, task_of_cell=owners, variations=variations)


def code_sources(notebook: NotebookNode) -> dict[int, str]:
    """Code-cell index → source, as the kernel hashes it to say which cell computed a value."""
    return {index: str(cell.source) for index, cell in enumerate(notebook.cells) if cell.cell_type == "code"}


def rewrites_for(rubric: Rubric, segmentation: Segmentation, notebook: NotebookNode) -> dict[str, Rewrite]:
    """Each task's cells with the rubric's variation parameters written in (see :mod:`grader.run.variation`);
    a cell tagged ``skip-execution`` did not run in the notebook and is left out of the re-run too."""
    rewrites = {}
    for task in rubric.tasks:
        cells = [index for index in segmentation.cells.get(task.id, ()) if not skipped(notebook.cells[index])]
        if task.variation is None or not cells:
            continue
        sources = [str(notebook.cells[index].source) for index in cells]
        rewrite = rewrite_parameters(sources, task.variation.params, task.variation.names)
        rewrites[task.id] = replace(rewrite, cells=tuple(cells))
    return rewrites


def _with_typed_answers(spec: TaskSpec, task: TaskResult, sources: Mapping[int, str]) -> TaskResult:
    """The task with a ``typed_answer`` diagnosis when its answers appear as literals in the source
    (:mod:`grader.judge.typed`); the score is left as it is, for a person to decide."""
    literals = typed_answers(spec, task, sources)
    if not literals:
        return task
    return replace(task, diagnoses=(*task.diagnoses, typed_diagnosis(literals)))


def _task_flags(tasks: Sequence[TaskResult]) -> set[str]:
    """``hard_coded`` when a task's values did not follow changed parameters; ``unverified`` when a task
    earned points that its re-run could not confirm as computed (no parameter to rewrite, a re-run that
    raised or moved nothing, values that moved unlike the reference): never silently full marks;
    ``typed_answer`` when a passing value appears as a literal in the source (:mod:`grader.judge.typed`)."""
    flags = set()
    for task in tasks:
        status = task.variation.status if task.variation is not None else None
        if status == "hard_coded":
            flags.add("hard_coded")
        elif status in ("not_possible", "inconsistent") and task.score > 0:
            flags.add("unverified")
        if any(diagnosis.id == "typed_answer" for diagnosis in task.diagnoses):
            flags.add("typed_answer")
    return flags


def _segmentation_flags(tasks: Sequence[TaskResult]) -> set[str]:
    """``untagged``: a task's cells were found by headings or by what they compute, not by tags;
    ``task_missing``: a task's cells were not found at all (nothing computed any of its values)."""
    methods = {task.segmentation for task in tasks}
    flags = set()
    if methods & {"headings", "content"}:
        flags.add("untagged")
    if "none" in methods:
        flags.add("task_missing")
    return flags


def failed_report(info: SubmissionInfo, rubric: Rubric, status: str, message: str, trace: str | None = None) -> Report:
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


#: How a report or a message begins when the grading machine's disk filled up (exit code 4).
NO_SPACE = "the grading machine ran out of disk space"


def guarded(submission: SubmissionFile, rubric: Rubric, executor: Executor, limits: ExecutionLimits | None) -> Report:
    """Grade one submission; a bug in the grader becomes this submission's error report, not a lost batch."""
    try:
        return grade_submission(submission, rubric, executor, limits)
    except OSError as error:
        info = SubmissionInfo(submission.id, submission.path, "")
        if error.errno != errno.ENOSPC:
            message = f"the grader failed on this submission ({type(error).__name__}: {error}); please report it"
            return failed_report(info, rubric, "error", message, traceback.format_exc())
        message = (
            f"{NO_SPACE} (scratch folders in {tempfile.gettempdir()}: {error}): "
            "free some space (or set TMPDIR to a roomier folder) and grade again with --resume"
        )
        return failed_report(info, rubric, "error", message, traceback.format_exc())
    except Exception as error:  # any failure of ours must still leave a report
        info = SubmissionInfo(submission.id, submission.path, "")
        message = f"the grader failed on this submission ({type(error).__name__}: {error}); please report it"
        return failed_report(info, rubric, "error", message, traceback.format_exc())


def with_limits(base: ExecutionLimits, **overrides: float | int | None) -> ExecutionLimits:
    """The rubric's limits with the command line's overrides (``None`` = not given) applied."""
    given: dict[str, Any] = {name: value for name, value in overrides.items() if value is not None}
    wrong = [f"{name}: {problem}" for name, value in given.items() if (problem := limit_problem(name, value))]
    if wrong:
        raise UsageError(f"limits out of range: {'; '.join(wrong)}")
    return replace(base, **given)


__all__: Sequence[str] = [
    "code_sources",
    "failed_report",
    "grade_submission",
    "guarded",
    "plan_for",
    "rewrites_for",
    "with_limits",
]

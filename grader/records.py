"""The records that the score stage produces and the report stage writes out.

Frozen data only: rendering to JSON, CSV, Markdown or the terminal lives in :mod:`grader.formats.report` and
:mod:`grader.formats`, which read these records and never change them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Statuses of one check, as the report schema names them.
CHECK_STATUSES = ("pass", "fail", "partial", "missing", "error")
#: Flag of a notebook in which nothing of the assignment was found: no task's value, no quiz answer
#: worth a tenth of the quiz (another course's notebook, a draft, the wrong file handed in). One flag
#: for a person to look at, instead of a review item for each empty quiz answer.
NOT_THE_ASSIGNMENT = "not_the_assignment"


# What the run stage is told to do (the plan, from segmenting the notebook) and what it produced.


@dataclass(frozen=True, slots=True)
class Probe:
    """Snapshot the namespace and drain the recorder for task ``task`` right after code cell
    ``after_cell`` has run."""

    task: str
    after_cell: int
    #: also take the figures drawn since the last probe that took figures
    figures: bool = False


@dataclass(frozen=True, slots=True)
class Variation:
    """Replay ``task`` with ``sources`` (code cell index → its source with the parameters rewritten) and
    take its probe's snapshot there."""

    task: str
    sources: Mapping[int, str]


@dataclass(frozen=True, slots=True)
class Plan:
    """What to run: the probes, which task owns each code cell (cells of no task are setup), and the
    variations to replay after the notebook."""

    probes: tuple[Probe, ...]
    task_of_cell: Mapping[int, str]
    variations: tuple[Variation, ...] = ()


@dataclass(frozen=True, slots=True)
class CellError:
    """A code cell that raised, timed out or killed its kernel; ``cell`` is its 0-based index."""

    cell: int
    ename: str
    evalue: str


@dataclass(frozen=True, slots=True)
class Execution:
    """What running one notebook produced: errors, per-task snapshots, and facts worth flagging."""

    status: str  # "ok" | "errors" | "timeout" | "kernel_died"
    seconds: float
    errors: tuple[CellError, ...] = ()
    snapshots: Mapping[str, Snapshot] = field(default_factory=dict)
    #: task id → why it has no snapshot (its cells did not finish: time limit, dead kernel, …)
    missed: Mapping[str, str] = field(default_factory=dict)
    flags: tuple[str, ...] = ()
    sandbox: str = "none"
    #: kernels the notebook's own run started (more than one after a restart); the replay's not counted
    kernels_started: int = 1
    #: task id → its probe's snapshot in the replay with changed parameters, or why there is none
    variant_snapshots: Mapping[str, Snapshot] = field(default_factory=dict)
    variant_missed: Mapping[str, str] = field(default_factory=dict)
    #: the language the notebook's metadata names when it is not Python ("R (kernel ir)"), else None
    declared_language: str | None = None


@dataclass(frozen=True, slots=True)
class Series:
    """The values one target of the student's code took, in order (first values, then the last few).

    ``cell`` is the hash of the cell whose code holds the statement, ``run`` of the cell that was
    running when it executed (they differ for a function defined in one cell and called in another).
    ``kind``: ``assign``, ``update`` (the target reads itself: ``x = x - lr * g``, ``w -= …``),
    ``loop``, ``arg``, ``return``, ``item`` (a value under a key of a dict literal or ``dict(…)``),
    ``print``, ``append``, ``expr`` (a cell's displayed value) or
    ``literal`` (a typed-in list too long to keep: its one value is the number of items).
    """

    cell: str
    run: str
    scope: str
    target: str
    kind: str
    line: int
    literal: bool
    count: int
    seqs: tuple[int, ...]
    values: tuple[Any, ...]

    @property
    def truncated(self) -> bool:
        return self.count > len(self.values)

    @property
    def name(self) -> str:
        """The student's name for the value, as a message should show it."""
        if self.kind == "return":
            return f"{self.target}()"
        if self.kind in ("print", "expr"):
            return "the value your code printed"
        if self.kind == "append":
            return f"{self.target}.append(…)"
        return self.target


@dataclass(frozen=True, slots=True)
class Line:
    """One plotted series: ``kind`` is ``line`` or ``scatter``."""

    kind: str
    x: tuple[float, ...]
    y: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Axes:
    title: str
    xlabel: str
    ylabel: str
    lines: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class Figure:
    """A student's matplotlib figure as data: what the plot checks read and the feedback re-draws."""

    suptitle: str
    axes: tuple[Axes, ...]
    #: hash of the cell that drew it (:func:`grader.observe.recorder.cell_hash`), to tell which task it shows
    cell: str = ""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The plain values of a task's variables, and why any defined variable could not be read."""

    values: Mapping[str, Any] = field(default_factory=dict)
    problems: Mapping[str, str] = field(default_factory=dict)
    figures: tuple[Figure, ...] = ()
    #: what the recorder saw since the previous probe (:mod:`grader.observe.recorder`)
    series: tuple[Series, ...] = ()


# What the judge and score stages produce.


@dataclass(frozen=True, slots=True)
class Override:
    """An instructor's decision that replaced an automatic score (from ``--overrides``)."""

    auto_score: float
    by: str
    comment: str
    group: str = ""  # the answer group decided together (grader review), if any


@dataclass(frozen=True, slots=True)
class CheckResult:
    id: str
    status: str
    score: float
    max_score: float
    expected: Any
    actual: Any
    message: str
    #: the student's variable that was read (the first of the check's names found), if any
    name: str | None = None
    override: Override | None = None
    #: what the value was judged against: "reference", "convention:<id>", "carried" (error carried
    #: forward from the student's own upstream values), "mistake:<id>", or "hard_coded"
    basis: str = "reference"
    #: the message as a student may read it: no expected value where the rubric hides it
    feedback: str = ""


@dataclass(frozen=True, slots=True)
class Diagnosis:
    """A named mistake (or, ``kind == "convention"``, an accepted reading) and the checks it explains."""

    id: str
    message: str
    kind: str = "mistake"  # "mistake" | "convention" | "hard_coded"
    checks: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class VariationResult:
    """Outcome of re-running a task with other parameters (the hard-coding check).

    ``status``: ``followed`` (values moved with the parameters, as the reference did), ``hard_coded``
    (some passing value stayed put while the reference moved), ``inconsistent`` (values moved but not
    as the reference did — noted, never penalised), or ``not_possible`` (``reason`` says why).
    """

    status: str
    params: dict[str, Any]
    names: dict[str, str]
    static: tuple[str, ...] = ()
    reason: str = ""


@dataclass(frozen=True, slots=True)
class TaskResult:
    id: str
    title: str
    score: float
    max_score: float
    checks: tuple[CheckResult, ...]
    diagnoses: tuple[Diagnosis, ...] = ()
    #: 0-based indices of the notebook's code cells that belong to the task, and how they were found
    cells: tuple[int, ...] = ()
    segmentation: str = "none"
    #: the figures the task's cells drew, as data (only for tasks with a plot check)
    figures: tuple[Figure, ...] = ()
    variation: VariationResult | None = None
    #: the task's free parameters as this student chose them (``x0``, ``lr``, ``steps``)
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class QuestionResult:
    id: str
    score: float
    max_score: float
    needs_review: bool
    answer: str
    concepts: tuple[str, ...]  # ids of the concepts the answer expresses
    missing: tuple[str, ...]  # ids of those it does not
    reasons: tuple[str, ...]  # why the score was capped, and why a human should look
    extraction: str  # "tags" | "after_question" | "labelled" | "same_cell" | "none"
    override: Override | None = None


@dataclass(frozen=True, slots=True)
class QuizResult:
    score: float
    max_score: float
    questions: tuple[QuestionResult, ...]
    #: Student text in the notebook that no question got (a note to the TA, or an answer we missed).
    unattributed: tuple[str, ...] = ()

    @property
    def needs_review(self) -> int:
        return sum(question.needs_review for question in self.questions)


@dataclass(frozen=True, slots=True)
class SubmissionInfo:
    id: str
    path: Path
    sha256: str


@dataclass(frozen=True, slots=True)
class Report:
    """Everything known about one submission's grading; ``status`` is graded, invalid or error."""

    submission: SubmissionInfo
    status: str
    message: str | None
    score: float
    max_score: float
    execution: Execution | None
    tasks: tuple[TaskResult, ...]
    flags: tuple[str, ...]
    grader_version: str
    rubric_sha256: str
    traceback: str | None = None
    quiz: QuizResult | None = None


@dataclass(frozen=True, slots=True)
class SelfCheckResult:
    """The outcome of a self-check: what a student may see, and how much is held back for grading
    (shown by :class:`grader.front.selfcheck.SelfCheck`)."""

    tasks: tuple[TaskResult, ...]
    quiz: QuizResult | None
    hidden: int  # checks of the full rubric that only run at grading
    skipped_plots: int = 0  # plot checks a live check cannot run
    problem: str | None = None  # why the notebook could not be checked at all
    #: how the notebook ran (``grader check``); ``None`` for a live check, which runs nothing
    execution: Execution | None = None

    @property
    def checks(self) -> int:
        return sum(len(task.checks) for task in self.tasks)

    @property
    def passed(self) -> int:
        return sum(check.status == "pass" for task in self.tasks for check in task.checks)

    @property
    def unanswered(self) -> tuple[str, ...]:
        """Quiz questions with no answer found: the quiz is most of the marks, so these keep ``ok`` false."""
        questions = self.quiz.questions if self.quiz is not None else ()
        return tuple(question.id for question in questions if not question.answer.strip())

    @property
    def ok(self) -> bool:
        return self.problem is None and self.passed == self.checks and not self.unanswered

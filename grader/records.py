"""The records that the score stage produces and the report stage writes out.

Frozen data only: rendering to JSON, CSV, Markdown or the terminal lives in :mod:`grader.formats.report` and
:mod:`grader.formats`, which read these records and never change them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader.run.execute import Execution
from grader.run.probe import Figure

#: Statuses of one check, as the report schema names them.
CHECK_STATUSES = ("pass", "fail", "partial", "missing", "error")
#: Flag of a notebook in which nothing of the assignment was found: no task's value, no quiz answer
#: worth a tenth of the quiz (another course's notebook, a draft, the wrong file handed in). One flag
#: for a person to look at, instead of a review item for each empty quiz answer.
NOT_THE_ASSIGNMENT = "not_the_assignment"


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

"""The rubric as frozen records: a task, its checks, its catalogued mistakes, free parameters and
variation, read by every stage after loading. :mod:`grader.load.rubric` builds them from YAML.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.load.quizrubric import QuizSpec
from grader.load.references import Reference
from grader.options import ExecutionLimits

COMPARISONS = ("scalar", "sequence", "pairs", "plot", "array")
#: ``orientation: free`` lets a vector come as (n,), (n, 1) or (1, n); ``fixed`` asks for the exact shape.
ORIENTATIONS = ("fixed", "free")
#: What a ``plot`` check may require of the student's figure besides a line with the right values.
PLOT_REQUIREMENTS = ("title", "xlabel", "ylabel")
VISIBILITIES = ("public", "hidden")


def _unresolved(**_: Any) -> dict[str, Any]:
    return {}


#: Stands in for a reference that could not be loaded while validation goes on collecting problems;
#: a rubric holding it is never returned (its problem is raised).
UNRESOLVED = Reference("<unresolved>", None, _unresolved, None, None, None, None, frozenset(), "")


@dataclass(frozen=True, slots=True)
class CheckSpec:
    """One graded comparison: a student variable (first of ``names`` found) against a reference quantity."""

    id: str
    names: tuple[str, ...]
    quantity: str
    compare: str
    rtol: float
    atol: float
    points: float
    feedback: str
    #: ids of upstream checks whose *student* values the reference may start from (error carried forward)
    carried_from: tuple[str, ...] = ()
    #: fraction of the points a value consistent with the student's own upstream values earns
    carried_credit: float = 1.0
    #: whether feedback to the student may show the expected value
    show_expected: bool = True
    #: ``public`` checks run in a student's self-check; ``hidden`` ones only when the instructor grades
    visibility: str = "public"
    #: for sequences: the quantity of an optional leading start point, aligned away in messages
    start: str | None = None
    #: for plots: what the figure must have besides the right line
    requires: tuple[str, ...] = ()
    #: for plots: the quantity the line may be drawn against, besides the iteration number
    along: str | None = None
    #: how messages name the quantity's entries (``(x, f(x))`` for pairs, what a plot's line shows)
    label: str | None = None
    #: how messages name what a plot's line is drawn along (``the descent``, ``your Newton iterates``)
    along_label: str | None = None
    #: for arrays: ``free`` accepts a vector as (n,), (n, 1) or (1, n)
    orientation: str = "fixed"


@dataclass(frozen=True, slots=True)
class MistakeSpec:
    """A catalogued mistake (or, with ``accepted``, a legitimate reading of the task) for one task.

    It is recognised in one of three ways: the student's values match the reference run with one of
    ``variants`` (extra parameters, e.g. ``{mistake: gradient_sign}``); they match the reference at the
    parameters ``fit`` infers from them (``wrong_learning_rate``); or a check of ``when_failing`` fails
    with no other explanation (``forward_pass_error``). ``example`` gives the parameters of the mutant
    notebook ``grader selftest`` writes for ``fit`` and ``when_failing`` mistakes.
    """

    id: str
    variants: tuple[Mapping[str, Any], ...]
    fit: tuple[str, ...]
    when_failing: tuple[str, ...]
    example: Mapping[str, Any] | None
    accepted: bool
    credit: float
    feedback: str

    @property
    def mutants(self) -> tuple[Mapping[str, Any], ...]:
        """The parameter sets of the notebooks that must be diagnosed as this mistake."""
        return self.variants if self.variants else ((self.example,) if self.example is not None else ())


@dataclass(frozen=True, slots=True)
class FreeParam:
    """A reference parameter the task text leaves to the student (Task 1's start, rate, step count).

    The grader reads it from the student's code (a literal or argument under one of ``names``) or fits
    it from their values, and evaluates the reference at *their* value. A value outside ``low``–``high``
    (exclusive; e.g. a rate at which f does not decrease) is the mistake ``outside`` names.
    """

    name: str
    names: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None
    outside: str | None = None

    def allows(self, value: float) -> bool:
        return (self.low is None or value > self.low) and (self.high is None or value < self.high)


@dataclass(frozen=True, slots=True)
class Reading:
    """One accepted way of doing the task: the official one (``convention is None``) or an accepted variant."""

    convention: str | None
    params: Mapping[str, Any]
    expected: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class VariationSpec:
    """Re-run the task with other parameters to tell computed answers from typed-in ones."""

    params: Mapping[str, Any]
    #: reference parameter → the student variable names that may hold it (top-level assignments)
    names: Mapping[str, tuple[str, ...]]
    credit: float
    feedback: str


@dataclass(frozen=True, slots=True)
class TaskSpec:
    """A task of the notebook: where its cells are, what the reference expects, and its checks."""

    id: str
    title: str
    tag: str
    headings: tuple[str, ...]
    description: str
    reference: Reference
    params: Mapping[str, Any]
    expected: Mapping[str, Any]
    checks: tuple[CheckSpec, ...]
    mistakes: tuple[MistakeSpec, ...] = ()
    variation: VariationSpec | None = None
    #: the official reading first, then each accepted convention's variants
    readings: tuple[Reading, ...] = ()
    #: parameters the student chooses; every other parameter is fixed by the task (``params``)
    free: tuple[FreeParam, ...] = ()
    #: fixed parameters with the names a student's code may state them under (``weight1 = 0.5``), so
    #: that a student who copied a given value wrongly is told so (``wrong_given_value``)
    stated: tuple[FreeParam, ...] = ()
    #: other forms of the same computation (reference parameters) that agree with it on right values
    #: but not from a wrong upstream value; error carried forward accepts any of them
    equivalent: tuple[Mapping[str, Any], ...] = ()

    @property
    def free_names(self) -> frozenset[str]:
        return frozenset(param.name for param in self.free)

    @property
    def max_score(self) -> float:
        return sum(check.points for check in self.checks)

    @property
    def names(self) -> tuple[str, ...]:
        """Every variable name the checks may read, in rubric order and without repeats."""
        return tuple(dict.fromkeys(name for check in self.checks for name in check.names))

    @property
    def has_plot(self) -> bool:
        return any(check.compare == "plot" for check in self.checks)

    def check(self, check_id: str) -> CheckSpec:
        return next(check for check in self.checks if check.id == check_id)


@dataclass(frozen=True, slots=True)
class Rubric:
    title: str
    source: Path
    sha256: str
    limits: ExecutionLimits
    tasks: tuple[TaskSpec, ...]
    quiz: QuizSpec | None

    @property
    def assignment_max_score(self) -> float:
        return sum(task.max_score for task in self.tasks)

    @property
    def max_score(self) -> float:
        """Tasks and quiz together: what a report's ``max_score`` is."""
        return self.assignment_max_score + (self.quiz.max_score if self.quiz is not None else 0.0)

    def task(self, task_id: str) -> TaskSpec:
        return next(task for task in self.tasks if task.id == task_id)

    @property
    def hidden_checks(self) -> int:
        return sum(check.visibility == "hidden" for task in self.tasks for check in task.checks)

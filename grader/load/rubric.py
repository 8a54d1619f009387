"""Load stage: a rubric file → validated, frozen :class:`Rubric`, with expected values computed.

Rubrics are safe YAML with a ``schema_version``; unknown keys are errors (a typo such as ``rtoll``
would otherwise silently fall back to a default tolerance). Validation collects every problem with its
YAML path and line before raising one :class:`~grader.errors.RubricError`. Expected values come from
``reference/`` at load time, so a rubric whose reference cannot produce a checked quantity fails here,
before any student notebook is run. The reference is found by import path (:mod:`grader.load.references`),
and everything the rubric asks of it (a hook such as ``fit``, a mistake it must reproduce, a feedback
placeholder it must fill) is checked here too.
"""

from __future__ import annotations

import hashlib
import math
import string
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from grader.errors import ReferenceUnusable
from grader.load.quizrubric import QuizSpec, load_quiz
from grader.load.references import Reference, load_reference
from grader.load.yamlsource import SCHEMA_VERSION, Problems, check_schema_version, join, kind, load_yaml
from grader.options import DEFAULT_ATOL, DEFAULT_RTOL, ExecutionLimits, limit_problem
from reference import BUNDLED

__all__ = [
    "SCHEMA_VERSION",
    "CheckSpec",
    "FreeParam",
    "MistakeSpec",
    "Reading",
    "Rubric",
    "TaskSpec",
    "VariationSpec",
    "load_rubric",
    "public_rubric",
]
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


def hidden_check_ids(rubric: Rubric) -> frozenset[str]:
    """``task.check`` ids of the checks students may not see the verdicts of (``visibility: hidden``)."""
    return frozenset(
        f"{task.id}.{check.id}" for task in rubric.tasks for check in task.checks if check.visibility == "hidden"
    )


def public_rubric(rubric: Rubric, plots: bool = True) -> Rubric:
    """The rubric a student's self-check runs: hidden checks removed (and, with ``plots=False``, plot
    checks), along with every reference to them, so that nothing about a hidden check is computed."""
    tasks = []
    for task in rubric.tasks:
        kept = [check for check in task.checks if check.visibility == "public" and (plots or check.compare != "plot")]
        ids = {check.id for check in kept}
        checks = tuple(
            replace(check, carried_from=tuple(up for up in check.carried_from if up in ids)) for check in kept
        )
        mistakes = tuple(
            replace(mistake, when_failing=tuple(c for c in mistake.when_failing if c in ids))
            for mistake in task.mistakes
            if not mistake.when_failing or any(c in ids for c in mistake.when_failing)
        )
        tasks.append(replace(task, checks=checks, mistakes=mistakes, variation=None))
    return replace(rubric, tasks=tuple(tasks))


def load_rubric(source: Path | str) -> Rubric:
    """Read and validate an assignment rubric (and the quiz file it names), computing expectations.

    Raises :class:`RubricError` listing every problem, e.g.
    ``tasks[1].checks[2].rtol: must be a non-negative number, got -1 (line 57)``.
    """
    doc = load_yaml(Path(source))
    problems = Problems(doc)
    root = problems.mapping(doc.data, "", {"schema_version", "title", "tasks"}, {"limits", "quiz"})
    check_schema_version(root.get("schema_version"), problems)
    problems.raise_if_any()

    title = problems.text(root.get("title"), "title")
    limits = _limits(root.get("limits"), problems)
    raw_tasks = problems.sequence(root.get("tasks"), "tasks")
    folder = doc.source.parent
    tasks = [_task(raw, join("tasks", index), folder, problems) for index, raw in enumerate(raw_tasks)]
    problems.unique([task.id for task in tasks], "tasks", "task")
    quiz: QuizSpec | None = None
    if root.get("quiz") is not None:
        quiz_name = problems.text(root.get("quiz"), "quiz")
        problems.raise_if_any()
        quiz = load_quiz(doc.source.parent / quiz_name)
    problems.raise_if_any()
    return Rubric(
        title=title,
        source=doc.source,
        # the quiz file is part of the rubric: a change to either must change every fingerprint
        sha256=hashlib.sha256(doc.raw + b"\0" + (quiz.raw if quiz is not None else b"")).hexdigest(),
        limits=limits,
        tasks=tuple(tasks),
        quiz=quiz,
    )


def _limits(value: Any, problems: Problems) -> ExecutionLimits:
    """Every field of :class:`ExecutionLimits` may be set; integers stay integers (they become rlimits)."""
    defaults = ExecutionLimits()
    if value is None:
        return defaults
    names = {item.name for item in fields(ExecutionLimits)}
    raw = problems.mapping(value, "limits", set(), names)
    chosen: dict[str, Any] = {}
    for name in sorted(names & set(raw)):
        default = getattr(defaults, name)
        number = problems.number(raw[name], join("limits", name), default, maximum=math.inf)
        if isinstance(default, int) and number != int(number):
            problems.add(join("limits", name), f"must be a whole number, got {raw[name]!r}")
            number = default
        if (problem := limit_problem(name, number)) is not None:
            problems.add(join("limits", name), problem)
            number = default
        chosen[name] = type(default)(number)
    return replace(defaults, **chosen)


def _task(value: Any, path: str, folder: Path, problems: Problems) -> TaskSpec:
    raw = problems.mapping(
        value,
        path,
        {"id", "title", "reference", "checks"},
        {"tag", "headings", "description", "mistakes", "variation"},
    )
    task_id = problems.text(raw.get("id"), join(path, "id"))
    headings = raw.get("headings", [])
    if not isinstance(headings, list) or not all(isinstance(item, str) and item.strip() for item in headings):
        problems.add(join(path, "headings"), "must be a list of non-empty strings")
        headings = []
    function, expected = _expected(raw.get("reference"), join(path, "reference"), folder, problems)
    checks = [
        _check(item, join(join(path, "checks"), index), expected, problems)
        for index, item in enumerate(problems.sequence(raw.get("checks"), join(path, "checks")))
    ]
    problems.unique([check.id for check in checks], join(path, "checks"), "check")
    reference_raw: dict[str, Any] = raw["reference"] if isinstance(raw.get("reference"), dict) else {}
    params = dict(reference_raw.get("params") or {}) if isinstance(reference_raw.get("params"), dict) else {}
    _check_links(checks, expected, function, params, path, problems)
    checks = _hide_what_gives_away(checks)
    mistakes: list[MistakeSpec] = []
    if raw.get("mistakes") is not None:
        for index, item in enumerate(problems.sequence(raw.get("mistakes"), join(path, "mistakes"))):
            mistake_path = join(join(path, "mistakes"), index)
            mistakes.append(
                _mistake(
                    item, mistake_path, checks, function, params, bool(expected), problems, _outside(reference_raw)
                )
            )
        problems.unique([mistake.id for mistake in mistakes], join(path, "mistakes"), "mistake")
    free = _free(reference_raw.get("free"), join(join(path, "reference"), "free"), params, mistakes, problems)
    stated = _free(reference_raw.get("stated"), join(join(path, "reference"), "stated"), params, mistakes, problems)
    for param in stated:
        if param.name in {item.name for item in free}:
            problems.add(join(join(join(path, "reference"), "stated"), param.name), "is free; list it under free only")
    variation = None
    if raw.get("variation") is not None:
        variation = _variation(raw["variation"], join(path, "variation"), function, params, bool(expected), problems)
    readings = [Reading(None, params, expected)]
    if expected:
        for mistake in mistakes:
            if mistake.accepted:
                for variant in mistake.variants:
                    variant_expected = function.values({**params, **variant})
                    if variant_expected is not None:
                        readings.append(Reading(mistake.id, {**params, **variant}, variant_expected))
    return TaskSpec(
        id=task_id,
        title=problems.text(raw.get("title"), join(path, "title")),
        tag=problems.text(raw.get("tag"), join(path, "tag"), default=f"task:{task_id}"),
        headings=tuple(headings),
        description=str(raw.get("description") or ""),
        reference=function,
        params=params,
        expected=expected,
        checks=tuple(checks),
        mistakes=tuple(mistakes),
        variation=variation,
        readings=tuple(readings),
        free=free,
        stated=stated,
        equivalent=tuple(
            _params(item, join(join(join(path, "reference"), "equivalent"), index), function, params, problems)
            for index, item in enumerate(reference_raw.get("equivalent") or [])
        ),
    )


def _outside(reference_raw: Mapping[str, Any]) -> dict[str, frozenset[str]]:
    """Mistake id → the free parameters naming it as ``outside`` (read before ``free`` is validated)."""
    named: dict[str, set[str]] = {}
    free = reference_raw.get("free")
    for name, spec in free.items() if isinstance(free, dict) else ():
        if isinstance(spec, dict) and isinstance(spec.get("outside"), str):
            named.setdefault(spec["outside"], set()).add(str(name))
    return {mistake: frozenset(names) for mistake, names in named.items()}


def _placeholders(text: Any, path: str, fillable: set[str], official: Mapping[str, Any], problems: Problems) -> None:
    """Feedback placeholders must be ones the grader fills: a fitted parameter (``{lr:.3g}``) where the
    mistake fits it, or ``{official[name]}`` for a parameter of the reference. A typo such as
    ``{offical[x0]}`` would otherwise reach every student as written."""
    if not isinstance(text, str):
        return
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(text) if field is not None]
    except ValueError as error:
        problems.add(path, f"is not a valid template ({error}); write a literal brace as {{{{ or }}}}")
        return
    for field in fields:
        head, _, rest = field.partition("[")
        head = head.partition(".")[0]
        if head == "official":
            key = rest.rstrip("]")
            if key not in official:
                known = ", ".join(f"{{official[{name}]}}" for name in official) or "none"
                problems.add(path, f"placeholder {{{field}}} names no parameter of the reference (known: {known})")
        elif head not in fillable:
            known = ", ".join([f"{{{name}}}" for name in sorted(fillable)] + ["{official[...]}"])
            problems.add(path, f"unknown placeholder {{{field}}} (this feedback may use: {known})")


def _free(
    value: Any, path: str, params: Mapping[str, Any], mistakes: list[MistakeSpec], problems: Problems
) -> tuple[FreeParam, ...]:
    """``free: {lr: {names: [lr, alpha], range: [0, 1], outside: lr_out_of_range}}`` → :class:`FreeParam`."""
    if value is None:
        return ()
    if not isinstance(value, dict):
        problems.add(path, f"must map parameter names to what the student may choose, got {kind(value)}")
        return ()
    free = []
    mistake_ids = {mistake.id for mistake in mistakes}
    for name, spec in value.items():
        where = join(path, str(name))
        if name not in params:
            problems.add(where, f"{name!r} is not one of the reference's params ({', '.join(params)})")
        raw = problems.mapping(spec if spec is not None else {}, where, set(), {"names", "range", "outside"})
        names = raw.get("names", [])
        if not isinstance(names, list) or not all(isinstance(n, str) and n.isidentifier() for n in names):
            problems.add(join(where, "names"), f"must be a list of Python variable names, got {names!r}")
            names = []
        bounds = raw.get("range", [None, None])
        if (
            not isinstance(bounds, list)
            or len(bounds) != 2
            or not all(b is None or _is_number(b) for b in bounds)
            or (None not in bounds and bounds[0] >= bounds[1])
        ):
            problems.add(join(where, "range"), f"must be [low, high] with low < high (null: unbounded), got {bounds!r}")
            bounds = [None, None]
        outside = raw.get("outside")
        if outside is not None and outside not in mistake_ids:
            problems.add(join(where, "outside"), f"{outside!r} is not a mistake of this task")
        free.append(
            FreeParam(
                str(name),
                tuple(names),
                None if bounds[0] is None else float(bounds[0]),
                None if bounds[1] is None else float(bounds[1]),
                None if outside is None else str(outside),
            )
        )
    return tuple(free)


def _params(value: Any, path: str, function: Reference, base: Mapping[str, Any], problems: Problems) -> dict[str, Any]:
    """Extra reference parameters (a variant, an example): a mapping the reference accepts with ``base``."""
    if not isinstance(value, dict):
        problems.add(path, f"must be a mapping of reference parameters, got {kind(value)}")
        return {}
    mistake = value.get("mistake")
    known = function.mistakes
    if function is not UNRESOLVED and mistake is not None and known is not None and mistake not in known:
        listed = ", ".join(known) or "none"
        problems.add(
            path,
            f"reference {function.name!r} cannot reproduce mistake {mistake!r} (its MISTAKES: {listed}); "
            "add it to the reference module or fix the name",
        )
    elif function is not UNRESOLVED and function.values({**base, **value}) is None:
        problems.add(path, f"reference {function.name!r} does not accept these parameters: {value!r}")
    return dict(value)


def _credit(value: Any, path: str, problems: Problems, default: float) -> float:
    credit = problems.number(value, path, default)
    if credit > 1:
        problems.add(path, f"must be a fraction between 0 and 1, got {value!r}")
        return default
    return credit


def _check_links(
    checks: list[CheckSpec],
    expected: Mapping[str, Any],
    function: Reference,
    params: Mapping[str, Any],
    path: str,
    problems: Problems,
) -> None:
    """``carried_from`` must name other checks whose quantities the reference can start from (its
    ``GIVEN`` hook, when it declares one, and an actual run from the expected value)."""
    by_id = {check.id: check for check in checks}
    for index, check in enumerate(checks):
        where = join(join(join(path, "checks"), index), "carried_from")
        for upstream in check.carried_from:
            if upstream not in by_id or upstream == check.id:
                problems.add(where, f"{upstream!r} is not another check of this task")
            elif expected and function is not UNRESOLVED:
                quantity = by_id[upstream].quantity
                given = {"given": {quantity: expected.get(quantity)}}
                if function.given is not None and quantity not in function.given:
                    listed = ", ".join(function.given) or "none"
                    problems.add(
                        where,
                        f"reference {function.name!r} cannot start from the student's {quantity!r} "
                        f"(its GIVEN: {listed}); add it to GIVEN and to evaluate(given=...), or drop it here",
                    )
                elif function.values({**params, **given}) is None:
                    problems.add(where, f"reference {function.name!r} cannot start from the student's {quantity!r}")


def _hide_what_gives_away(checks: list[CheckSpec]) -> list[CheckSpec]:
    """A check computed from one whose expected value is hidden (``carried_from``, at any distance)
    hides its own too: the updated ``w1 = 0.5 − 0.1·dL/dw1`` would hand a student the gradient the
    rubric keeps to itself (a blind attacker read dL/dw1 off the feedback's expected w1)."""
    by_id = {check.id: check for check in checks}

    def hidden_upstream(check: CheckSpec, seen: frozenset[str]) -> bool:
        for upstream in (by_id[up] for up in check.carried_from if up in by_id and up not in seen):
            if not upstream.show_expected or hidden_upstream(upstream, seen | {upstream.id}):
                return True
        return False

    return [
        replace(check, show_expected=False)
        if check.show_expected and hidden_upstream(check, frozenset({check.id}))
        else check
        for check in checks
    ]


def _mistake(
    value: Any,
    path: str,
    checks: list[CheckSpec],
    function: Reference,
    params: Mapping[str, Any],
    has_reference: bool,
    problems: Problems,
    outside: Mapping[str, frozenset[str]] | None = None,
) -> MistakeSpec:
    """One catalogued mistake; ``outside``: mistake id → the free parameters whose out-of-range value
    it is named for (its feedback may show that value)."""
    raw = problems.mapping(
        value,
        path,
        {"id", "feedback"},
        {"params", "variants", "fit", "when_failing", "example", "accepted", "credit"},
    )
    ways = [key for key in ("params", "variants", "fit", "when_failing") if key in raw]
    if len(ways) != 1:
        problems.add(path, "give exactly one of params, variants, fit, when_failing (how the mistake is recognised)")
    variants: list[dict[str, Any]] = []
    if "params" in raw:
        variants = [_params(raw["params"], join(path, "params"), function, params, problems)]
    if "variants" in raw:
        variants = [
            _params(item, join(join(path, "variants"), index), function, params, problems)
            for index, item in enumerate(problems.sequence(raw["variants"], join(path, "variants")))
        ]
    fit = raw.get("fit", [])
    if not isinstance(fit, list) or not all(isinstance(name, str) for name in fit):
        problems.add(join(path, "fit"), f"must be a list of reference parameter names, got {fit!r}")
        fit = []
    if fit and function.fit is None and has_reference:
        problems.add(
            join(path, "fit"),
            f"reference {function.name!r} cannot infer parameters from a student's values: "
            "its module has no fit(values, params) function",
        )
    for name in fit:
        if name not in params:
            problems.add(join(path, "fit"), f"{name!r} is not a parameter of the task's reference")
    when_failing = raw.get("when_failing", [])
    ids = {check.id for check in checks}
    if not isinstance(when_failing, list) or not all(item in ids for item in when_failing):
        problems.add(join(path, "when_failing"), f"must list check ids of this task ({', '.join(sorted(ids))})")
        when_failing = []
    example = None
    if raw.get("example") is not None:
        example = _params(raw["example"], join(path, "example"), function, params, problems)
    accepted = raw.get("accepted", False)
    if not isinstance(accepted, bool):
        problems.add(join(path, "accepted"), f"must be true or false, got {accepted!r}")
        accepted = False
    if accepted and not variants:
        problems.add(join(path, "accepted"), "only a mistake given by params or variants can be an accepted reading")
    if accepted and "credit" in raw:
        problems.add(join(path, "credit"), "an accepted reading earns full credit; remove credit or accepted")
    mistake_id = problems.text(raw.get("id"), join(path, "id"))
    # a fit mistake's feedback may name what was fitted; a free parameter's `outside` mistake, its value
    fillable = set(fit) | set((outside or {}).get(mistake_id, ()))
    _placeholders(raw.get("feedback"), join(path, "feedback"), fillable, params, problems)
    return MistakeSpec(
        id=mistake_id,
        variants=tuple(variants),
        fit=tuple(fit),
        when_failing=tuple(when_failing),
        example=example,
        accepted=accepted,
        credit=1.0 if accepted else _credit(raw.get("credit"), join(path, "credit"), problems, 0.0),
        feedback=problems.text(raw.get("feedback"), join(path, "feedback")),
    )


def _variation(
    value: Any, path: str, function: Reference, params: Mapping[str, Any], has_reference: bool, problems: Problems
) -> VariationSpec:
    raw = problems.mapping(value, path, {"params", "names"}, {"credit", "feedback"})
    changed = _params(raw.get("params"), join(path, "params"), function, params, problems) if raw else {}
    names_raw = raw.get("names")
    names: dict[str, tuple[str, ...]] = {}
    if not isinstance(names_raw, dict):
        problems.add(join(path, "names"), f"must map each varied parameter to variable names, got {kind(names_raw)}")
    else:
        for parameter, candidates in names_raw.items():
            if isinstance(candidates, str):
                candidates = [candidates]
            if not isinstance(candidates, list) or not all(isinstance(n, str) and n.isidentifier() for n in candidates):
                problems.add(join(join(path, "names"), str(parameter)), "must be a list of Python variable names")
                continue
            names[str(parameter)] = tuple(candidates)
        for parameter in changed:
            if parameter not in names:
                problems.add(join(path, "names"), f"no variable names given for varied parameter {parameter!r}")
    _placeholders(raw.get("feedback"), join(path, "feedback"), set(), params, problems)
    return VariationSpec(
        params=changed,
        names=names,
        credit=_credit(raw.get("credit"), join(path, "credit"), problems, 0.0),
        feedback=str(raw.get("feedback") or ""),
    )


def _expected(value: Any, path: str, folder: Path, problems: Problems) -> tuple[Reference, dict[str, Any]]:
    """Load the named reference (by import path, the rubric's folder first) and run it with its
    parameters; report a bad name, module or parameter at its YAML path."""
    raw = problems.mapping(value, path, {"function"}, {"params", "free", "stated", "equivalent"})
    name = raw.get("function")
    if name is None:
        return UNRESOLVED, {}
    if not isinstance(name, str):
        problems.add(join(path, "function"), f"must be an import path such as `newton:newton_method`, got {kind(name)}")
        return UNRESOLVED, {}
    try:
        function = load_reference(name, folder)
    except ReferenceUnusable as error:
        bundled = ", ".join(sorted(BUNDLED))
        problems.add(join(path, "function"), f"unknown reference {name!r}: {error} (bundled: {bundled})")
        return UNRESOLVED, {}
    params = raw.get("params") or {}
    if not isinstance(params, dict):
        problems.add(join(path, "params"), f"must be a mapping, got {kind(params)}")
        return function, {}
    if (why := function.accepts(params)) is not None:
        problems.add(join(path, "params"), f"do not fit reference {name!r}: {why}")
        return function, {}
    try:
        return function, function.evaluate(params)
    except (ValueError, TypeError, ArithmeticError, KeyError) as error:
        problems.add(join(path, "params"), f"reference {name!r} failed with these parameters: {error}")
        return function, {}


def _check(value: Any, path: str, expected: Mapping[str, Any], problems: Problems) -> CheckSpec:
    optional = {"rtol", "atol", "feedback", "carried_from", "carried_credit", "show_expected", "visibility"}
    optional |= {"start", "requires", "names", "along", "label", "along_label", "orientation"}
    raw = problems.mapping(value, path, {"id", "quantity", "compare", "points"}, optional)
    compare = raw.get("compare")
    names = raw.get("names", [] if compare == "plot" else None)
    if isinstance(names, str):
        names = [names]
    if compare == "plot" and names:
        problems.add(join(path, "names"), "a plot check reads the student's figures, not variables; remove names")
    elif compare != "plot" and (
        not isinstance(names, list) or not names or not all(isinstance(n, str) and n.isidentifier() for n in names)
    ):
        problems.add(join(path, "names"), f"must be a list of Python variable names, got {names!r}")
        names = []
    carried = raw.get("carried_from", [])
    if not isinstance(carried, list) or not all(isinstance(item, str) for item in carried):
        problems.add(join(path, "carried_from"), f"must be a list of check ids, got {carried!r}")
        carried = []
    requires = raw.get("requires", [])
    if not isinstance(requires, list) or not all(item in PLOT_REQUIREMENTS for item in requires):
        problems.add(join(path, "requires"), f"must be a list drawn from {', '.join(PLOT_REQUIREMENTS)}")
        requires = []
    if requires and compare != "plot":
        problems.add(join(path, "requires"), "only a plot check has requirements on a figure")
    show_expected = raw.get("show_expected", True)
    if not isinstance(show_expected, bool):
        problems.add(join(path, "show_expected"), f"must be true or false, got {show_expected!r}")
        show_expected = True
    visibility = raw.get("visibility", "public")
    if visibility not in VISIBILITIES:
        problems.add(join(path, "visibility"), f"must be one of {', '.join(VISIBILITIES)}, got {visibility!r}")
        visibility = "public"
    start, along = raw.get("start"), raw.get("along")
    if start is not None and expected and start not in expected:
        problems.add(join(path, "start"), f"the reference has no quantity {start!r}")
    if along is not None and expected and along not in expected:
        problems.add(join(path, "along"), f"the reference has no quantity {along!r}")
    if along is not None and compare != "plot":
        problems.add(join(path, "along"), "only a plot check is drawn along a quantity")
    label_text, along_label = raw.get("label"), raw.get("along_label")
    for key, text in (("label", label_text), ("along_label", along_label)):
        if text is not None and (not isinstance(text, str) or not text.strip()):
            problems.add(join(path, key), f"must be a non-empty string, got {kind(text)}")
    if along_label is not None and compare != "plot":
        problems.add(join(path, "along_label"), "only a plot check is drawn along something")
    orientation = raw.get("orientation", "fixed")
    if orientation not in ORIENTATIONS:
        problems.add(join(path, "orientation"), f"must be one of {', '.join(ORIENTATIONS)}, got {orientation!r}")
        orientation = "fixed"
    if orientation != "fixed" and compare != "array":
        problems.add(join(path, "orientation"), "only an array check has an orientation")
    if compare not in COMPARISONS:
        problems.add(join(path, "compare"), f"must be one of {', '.join(COMPARISONS)}, got {compare!r}")
    quantity = str(raw.get("quantity"))
    if expected and quantity not in expected:
        known = ", ".join(expected)
        problems.add(join(path, "quantity"), f"the reference has no quantity {quantity!r} (it has: {known})")
    elif expected and compare in COMPARISONS and not _shape_fits(expected[quantity], compare):
        problems.add(join(path, "compare"), f"{compare!r} does not fit the shape of quantity {quantity!r}")
    return CheckSpec(
        id=problems.text(raw.get("id"), join(path, "id")),
        names=tuple(names or ()),
        quantity=quantity,
        compare=str(compare),
        rtol=problems.number(raw.get("rtol"), join(path, "rtol"), DEFAULT_RTOL),
        atol=problems.number(raw.get("atol"), join(path, "atol"), DEFAULT_ATOL),
        points=problems.number(raw.get("points"), join(path, "points"), 0.0),
        feedback=str(raw.get("feedback") or ""),
        carried_from=tuple(carried),
        carried_credit=_credit(raw.get("carried_credit"), join(path, "carried_credit"), problems, 1.0),
        show_expected=show_expected,
        visibility=str(visibility),
        start=None if start is None else str(start),
        requires=tuple(requires),
        along=None if along is None else str(along),
        label=label_text if isinstance(label_text, str) and label_text.strip() else None,
        along_label=along_label if isinstance(along_label, str) and along_label.strip() else None,
        orientation=str(orientation),
    )


def _shape_fits(value: Any, compare: str) -> bool:
    if compare in ("sequence", "plot"):
        return isinstance(value, list) and all(_is_number(item) for item in value)
    if compare == "scalar":
        return _is_number(value)
    if compare == "array":  # a vector or a matrix; a single number is a scalar check
        shape = shape_of(value)
        return shape is not None and len(shape) >= 1
    return isinstance(value, list) and all(
        isinstance(item, list) and len(item) == 2 and all(_is_number(v) for v in item) for item in value
    )


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def shape_of(value: Any) -> tuple[int, ...] | None:
    """The shape of a rectangular nesting of numbers (``()`` for a number), ``None`` for anything else."""
    if _is_number(value):
        return ()
    if not isinstance(value, list) or not value:
        return None
    inner = [shape_of(item) for item in value]
    first = inner[0]
    if first is None or any(item != first for item in inner):
        return None
    return (len(value), *first)

"""Observe stage, per task: the student's value of every check, found in the notebook's :class:`Evidence`.

:mod:`grader.observe.evidence` gathers what the kernel recorded; this module decides, for one task, which of
those values is the student's ``h``, their updated ``w1``, their trajectory — by value under each
hypothesis the rubric knows, then by error carried forward, then by the role the rubric's name hints
give — and at which parameters the reference must be evaluated for this student (the task's fixed
parameters, and the free ones read from their code or fitted from their values).

What it cannot find it says, truthfully, in ``absent``: what was looked for and where.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from grader.judge.compare import is_number
from grader.judge.results import Observed, given_value
from grader.load.specs import CheckSpec, FreeParam, TaskSpec
from grader.observe.evidence import Candidate, Evidence
from grader.observe.find import (
    Hypothesis,
    Trajectory,
    find_array,
    find_array_by_role,
    find_by_role,
    find_scalar,
    find_trajectory,
    hinted,
    stated_as,
)

Params = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Located:
    """What was found of one task: observed values, why the others are absent, where, and at which
    parameters the student worked."""

    observed: tuple[Observed, ...]
    absent: Mapping[str, str]
    cells: tuple[int, ...]
    #: reference parameters for this student: the fixed ones, and the free ones as they chose them
    params: Mapping[str, Any]
    #: free parameters read from the student's code (not fitted), for the report
    read: Mapping[str, float] = field(default_factory=dict)
    #: adapts any hypothesis's parameters to the student's free choices (identity without free params)
    fitter: Callable[[Params], dict[str, Any]] | None = None
    #: free parameters whose value makes no sense for the task, with that value
    outside: tuple[tuple[FreeParam, float], ...] = ()
    #: the task's given values as the student's code states them (only those found)
    stated: Mapping[str, float] = field(default_factory=dict)


def hypotheses(task: TaskSpec) -> list[Hypothesis]:
    """The readings first (official, then accepted conventions), then each catalogued mistake variant
    under each reading (a student who drops the ½ of the MSE can still forget a σ′)."""
    found = [Hypothesis(reading.convention or "official", reading.params, None) for reading in task.readings]
    for mistake in task.mistakes:
        if mistake.accepted:
            continue
        for variant in mistake.variants:
            for reading in task.readings:
                found.append(Hypothesis(mistake.id, {**reading.params, **variant}, mistake.id))
    return found


def locate_task(
    task: TaskSpec, evidence: Evidence, elsewhere: frozenset[int] = frozenset(), crashed: bool = False
) -> Located:
    """Find each check's value for ``task``; see the module docstring for the order of the search.

    ``elsewhere``: cells that tags or headings give to *other* tasks; a sequence computed only there is
    not this task's trajectory. ``crashed``: a cell raised, so a value still as given may simply not
    have been reached — it is not matched to a mistake such as "no update step"."""
    hyps = hypotheses(task)
    fitter: Callable[[Params], dict[str, Any]] | None = None
    trajectory = next((c for c in task.checks if c.compare in ("sequence", "pairs")), None)
    observed: dict[str, Observed] = {}
    absent: dict[str, str] = {}
    cells: set[int] = set()
    read: dict[str, float] = {}
    fit = task.reference.fit
    if trajectory is not None and fit is not None:

        def evaluate_free(params: Params) -> dict[str, Any] | None:
            return task.reference.values(params)

        found = find_trajectory(task, trajectory, evidence, hyps, fit, evaluate_free, elsewhere)
        if found is None:
            absent[trajectory.id] = _no_trajectory(task, trajectory)
        else:
            read = found.read
            fitter = _fitter(task, fit, found)
            observed[trajectory.id] = _observed(trajectory, found.candidate, found.run)
            cells.update(found.candidate.cells)

    def evaluate(params: Params) -> dict[str, Any] | None:
        return task.reference.values(fitter(params) if fitter is not None else params)

    readings = [(hyp, evaluate(hyp.params)) for hyp in hyps if hyp.mistake is None]
    scalars = [c for c in task.checks if c.compare == "scalar" and c.id not in observed]
    givens = frozenset(float(value) for value in task.params.values() if is_number(value))
    near = {i for candidate in _by_value(scalars, evidence, readings, givens=givens).values() for i in candidate.cells}
    stated = read_stated(task, evidence, near)
    for mistake in task.mistakes:  # a copied-wrong given value: the reference at the values they state
        changed = {name: value for name, value in stated.items() if name in mistake.fit}
        if changed and any(not _same(value, task.params.get(name)) for name, value in changed.items()):
            hyps += [Hypothesis(mistake.id, {**r.params, **changed}, mistake.id) for r in task.readings]
    expectations = [(hyp, evaluate(hyp.params)) for hyp in hyps]
    scalar_checks = [c for c in task.checks if c.compare == "scalar" and c.id not in observed]
    for check, candidate in _by_value(scalar_checks, evidence, expectations, crashed, givens).items():
        observed[check.id] = _observed(check, candidate, candidate.value)
        cells.update(candidate.cells)
    for check in task.checks:
        if check.id in observed or check.id in absent:
            continue
        if check.compare == "plot":
            if evidence.figures:
                observed[check.id] = Observed(check, "figure", evidence.figures)
                for figure in evidence.figures:
                    cells.update(evidence.figure_cells(figure))
            else:
                absent[check.id] = "no figure was drawn by the notebook's code"
            continue
        if check.compare == "array":
            found_array = find_array(check, evidence, [e[check.quantity] for _, e in expectations if e is not None])
            if found_array is not None:
                observed[check.id] = _observed(check, found_array, found_array.value)
                cells.update(found_array.cells)
        elif check.compare != "scalar":
            absent[check.id] = _no_trajectory(task, check)
    reading_params = fitter(task.params) if fitter is not None else dict(task.params)
    for check in task.checks:  # error carried forward, then roles, once upstream values are known
        if check.id in observed or check.id in absent or check.compare not in ("scalar", "array"):
            continue
        found_here = _carried(task, check, evidence, observed, evaluate, reading_params)
        if found_here is None and check.compare == "array":
            given = task.params.get(check.quantity)
            found_here = find_array_by_role(check, evidence, [given] if given is not None else [])
        elif found_here is None:
            # the updated w1 is not the w1 = 0.5 the task gives (but a wrong h may well equal 0.5)
            given = task.params.get(check.quantity)
            found_here = find_by_role(check, evidence, [float(given)] if isinstance(given, (int, float)) else [])
        if found_here is None:
            absent[check.id] = _not_found(check, evidence)
            continue
        observed[check.id] = _observed(check, found_here, found_here.value)
        cells.update(found_here.cells)
    outside = tuple(
        (param, float(reading_params[param.name]))
        for param in task.free
        if param.name in reading_params and not param.allows(float(reading_params[param.name]))
    )
    ordered = tuple(observed[check.id] for check in task.checks if check.id in observed)
    return Located(ordered, absent, tuple(sorted(cells)), reading_params, read, fitter, outside, stated)


def read_stated(task: TaskSpec, evidence: Evidence, near: set[int]) -> dict[str, float]:
    """The fixed parameters as the student's code first states them (a literal or an argument under a
    name the rubric lists), for telling a copied-wrong given value from a wrong computation; in the
    cells ``near`` (where the task's right values were found) when any is stated there — Task 1's
    ``x = 10`` is not Task 2's input."""
    stated: dict[str, float] = {}
    for param in task.stated:
        chosen = stated_as(evidence, param.names)
        close_by = [c for c in chosen if set(c.cells) & near]
        chosen = close_by or chosen
        if chosen:
            stated[param.name] = float(min(chosen, key=lambda c: c.seq).value)
    return stated


def _same(value: float, official: Any) -> bool:
    return isinstance(official, (int, float)) and abs(value - float(official)) <= 1e-9 * max(1.0, abs(official))


def _fitter(
    task: TaskSpec, fit: Callable[[Params, Params], dict[str, Any]], found: Trajectory
) -> Callable[[Params], dict[str, Any]]:
    """Under any hypothesis, the free parameters become the student's (read from code, else fitted).

    The iterates are laid out as they were found (``found.record``), whatever layout the hypothesis
    reads: the start and the number of steps are the student's, only what a mistake changes (the rate
    a halved or climbing step implies) depends on the hypothesis."""

    def adapt(params: Params) -> dict[str, Any]:
        fitted = fit({"xs": list(found.run), **found.read}, {**params, "record": found.record})
        return {**params, **{name: value for name, value in fitted.items() if name in task.free_names}}

    return adapt


def _by_value(
    checks: Sequence[CheckSpec],
    evidence: Evidence,
    expectations: Sequence[tuple[Hypothesis, dict[str, Any] | None]],
    crashed: bool = False,
    givens: frozenset[float] = frozenset(),
) -> dict[CheckSpec, Candidate]:
    """Each check's value under the hypothesis that explains the most of them: the readings first
    (best first, then the others), then, for what is left, the mistake that explains most of the rest.

    Judging hypotheses jointly matters: a single wrong value may equal an intermediate the student
    computed on the way (with x = 1, a dL/dh that lacks σ′ equals the student's correct dL/dh), but
    only the student's real mistake also explains their updated weight."""

    def matches(
        expected: dict[str, Any] | None, pending: Sequence[CheckSpec], mistake: bool = False
    ) -> dict[CheckSpec, Candidate]:
        found: dict[CheckSpec, Candidate] = {}
        if expected is None:
            return found
        for check in pending:
            if check.quantity in expected:
                candidate = find_scalar(check, evidence, [expected[check.quantity]])
                given_only = mistake and candidate is not None and candidate.given
                if candidate is not None and not (given_only and (crashed or _recomputed(check, evidence, candidate))):
                    if mistake and check.id in named and not hinted(candidate.name, check.names):
                        # their `dL_dw1` holds another value: a `dL_dh` that equals what a mistake would
                        # give for dL/dw1 (with x = 1 it does) is not their dL/dw1
                        continue
                    found[check] = candidate
        return found

    def strength(found: dict[CheckSpec, Candidate]) -> tuple[int, int]:
        return len(found), sum(hinted(c.name, check.names) for check, c in found.items())

    chosen: dict[CheckSpec, Candidate] = {}
    readings = [matches(expected, checks) for hyp, expected in expectations if hyp.mistake is None]
    for found in sorted(readings, key=strength, reverse=True):
        for check, candidate in found.items():
            chosen.setdefault(check, candidate)
    pending = [check for check in checks if check not in chosen]
    # a property of the notebook, not of a hypothesis: asked once, not for each mistake
    named = {check.id for check in pending if _named_otherwise(check, evidence, givens)}
    mistakes = [matches(expected, pending, True) for hyp, expected in expectations if hyp.mistake is not None]
    if pending and mistakes:
        best: dict[CheckSpec, Candidate] = max(mistakes, key=strength)
        chosen.update(best)
    return chosen


def _named_otherwise(check: CheckSpec, evidence: Evidence, givens: frozenset[float]) -> bool:
    """Whether the student's code put a number under one of the check's own names: computed, or typed
    in (``dL_dw1 = 0.123``) — but not the task's given value (``w1 = 0.5`` before the update)."""
    return any(
        c.origin == "recorded"
        and hinted(c.name, check.names)
        and is_number(c.value)
        and not (c.given and float(c.value) in givens)
        for c in evidence.scalars
    )


def _recomputed(check: CheckSpec, evidence: Evidence, start: Candidate) -> bool:
    """Whether the student's code later put another value under one of the check's names: then a
    typed-in value that a mistake predicts (``w2 = -1.0``, for "no update step") is only where the
    variable started."""
    return any(
        c.origin == "recorded" and c.seq > start.seq and c.value != start.value and hinted(c.name, check.names)
        for c in evidence.scalars
    )


def _carried(
    task: TaskSpec,
    check: CheckSpec,
    evidence: Evidence,
    observed: Mapping[str, Observed],
    evaluate: Callable[[Params], dict[str, Any] | None],
    params: Params,
) -> Candidate | None:
    """A value the reference computes from the student's own *computed* upstream values."""
    upstream = [observed.get(up) for up in check.carried_from]
    if not upstream or any(up is None or not up.computed for up in upstream):
        return None
    given = {up.check.quantity: given_value(up.value) for up in upstream if up is not None}
    forms = [evaluate({**params, **form, "given": given}) for form in ({}, *task.equivalent)]
    wanted = [expected[check.quantity] for expected in forms if expected is not None]
    if check.compare == "array":
        return find_array(check, evidence, wanted, computed_only=True) if wanted else None
    return find_scalar(check, evidence, wanted, computed_only=True) if wanted else None


def _observed(check: CheckSpec, candidate: Candidate, value: Any) -> Observed:
    return Observed(check, candidate.name, value, computed=not candidate.given)


def _no_trajectory(task: TaskSpec, check: CheckSpec) -> str:
    return (
        f"no sequence of values in the notebook moves like gradient descent on this task's function "
        f"(looked at every variable the code updates, every argument and every list; "
        f"at least three iterates are needed). {check.feedback}"
    ).strip()


def _not_found(check: CheckSpec, evidence: Evidence) -> str:
    hints = ", ".join(f"`{name}`" for name in check.names[:4])
    if not evidence.scalars:
        return "could not find this value: the notebook's code computed no number the grader could see"
    return (
        "could not find this value: no number the notebook's code assigned, passed, returned or printed "
        f"matches it, and no variable named like {hints} holds a computed value"
    )


__all__: Sequence[str] = ["Located", "hypotheses", "locate_task", "read_stated"]

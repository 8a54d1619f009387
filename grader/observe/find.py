"""Observe stage, grader side: find each of a task's quantities in what the student's code computed.

The kernel's recorder (:mod:`grader.observe.recorder`) reports every value the code assigned, passed, returned,
printed or appended, and each probe the plain values left in the namespace; that is gathered into one
:class:`Evidence` per notebook (:mod:`grader.observe.evidence`). For each task, this module finds the
student's value of every checked quantity — the way a TA reads a notebook, not by our variable names:

1. **By value**, against the reference evaluated at the student's own parameters under each hypothesis
   the rubric knows (the official reading, accepted conventions, catalogued mistakes): the first value
   the code computed that equals ``h`` *is* their h, whatever it is called, wherever it was computed
   (inside a function that only prints, on an object, in a dict), and the first update after the
   forward pass is the one graded even if the notebook trains on.
2. **Error carried forward**: once an upstream value is found, the reference started from it gives
   what a consistent chain rule computes next; found by value too, and only from computed values
   (a literal typed in earns nothing).
3. **By role**, for a wrong value no hypothesis explains: the variable whose name the rubric lists as
   a hint (``names``), its first computed (not typed) value.

Task 1's trajectory is the sequence of values a variable took (``x = x - lr * grad`` in a loop, the
arguments of a recursive call, a history list, two lists, an array), whether or not it was stored: a
geometric run of at least three iterates. Free parameters (the start, the rate, the number of steps)
are read from the student's code where it states them and fitted from the run otherwise.
"""

from __future__ import annotations

import bisect
import functools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from grader.judge.compare import close, compare, is_number
from grader.load.specs import CheckSpec, FreeParam, TaskSpec
from grader.observe.evidence import MIN_ITERATES, RATIO_RTOL, Candidate, Evidence


def geometric_run(values: Sequence[float]) -> list[float]:
    """The longest prefix of ``values`` that gradient descent on a quadratic produces: each value's
    distance to a fixed point ``m`` is the previous one's times the same ratio (neither 0 nor 1).

    ``m`` is 0 for the course function's minimum; a student whose gradient carries a constant
    (2x + 4) descends towards another point, and their run is found all the same (it then needs one
    more value than a run towards 0, since its fixed point is read off the values themselves). Empty
    if shorter than three values."""
    xs = [float(v) for v in values]
    if len(xs) < MIN_ITERATES or not all(math.isfinite(x) for x in xs):
        return []
    if xs[0] != 0.0 and (around_zero := _run_towards(xs, 0.0, xs[1] / xs[0], MIN_ITERATES)):
        return around_zero
    if len(xs) < MIN_ITERATES + 1 or xs[1] == xs[0]:
        return []
    ratio = (xs[2] - xs[1]) / (xs[1] - xs[0])
    if ratio == 0.0 or abs(ratio - 1.0) < 1e-9:
        return []
    fixed = (xs[1] - ratio * xs[0]) / (1.0 - ratio)
    return _run_towards(xs, fixed, ratio, MIN_ITERATES + 1)


def _run_towards(xs: list[float], fixed: float, ratio: float, shortest: int) -> list[float]:
    if ratio == 0.0 or abs(ratio - 1.0) < 1e-9:
        return []
    end = 2
    while end < len(xs) and close(xs[end] - fixed, (xs[end - 1] - fixed) * ratio, RATIO_RTOL, 1e-12):
        end += 1
    return xs[:end] if end >= shortest else []


@functools.lru_cache(maxsize=8192)
def normalized(name: str) -> str:
    """``self.weight_1`` → ``weight1``: a name as a hint list matches it (case, underscores, owner).
    Kept: the same few hundred names are asked about for every value of every notebook."""
    tail = name.rsplit(".", 1)[-1]
    if tail.endswith("[…]"):  # x_hist[k + 1] = …: the array is the variable
        tail = tail[: -len("[…]")]
    elif tail.endswith("]") and "[" in tail:  # params['w1']: the key names the value
        tail = tail[tail.rindex("[") + 1 : -1].strip("'\"")
    return tail.replace("_", "").lower()


def hinted(name: str, hints: Iterable[str]) -> bool:
    return normalized(name) in _wanted(tuple(hints))


@functools.lru_cache(maxsize=1024)
def _wanted(hints: tuple[str, ...]) -> frozenset[str]:
    return frozenset(normalized(hint) for hint in hints)


@dataclass(frozen=True, slots=True)
class Hypothesis:
    """One way the task may have been done: a reading (``mistake is None``) or a catalogued mistake."""

    label: str
    params: Mapping[str, Any]
    mistake: str | None


def read_free_params(free: Sequence[FreeParam], evidence: Evidence, trajectory: Candidate | None) -> dict[str, float]:
    """The free parameters the student's own code states: a literal or an argument under a hinted
    name, the last one before the trajectory starts (the start also from the trajectory's own first
    value, when that value was typed in or passed in)."""
    read: dict[str, float] = {}
    before: float = math.inf
    if trajectory is not None:  # stated before the first update (Task 2's later `lr = 0.1` is not Task 1's)
        before = trajectory.seqs[1] if len(trajectory.seqs) > 1 else trajectory.seq
    for param in free:
        if not param.names:
            continue
        chosen = [c for c in stated_as(evidence, param.names) if c.seq <= before]
        if chosen:
            read[param.name] = float(max(chosen, key=lambda c: c.seq).value)
    return read


def stated_as(evidence: Evidence, names: Sequence[str]) -> list[Candidate]:
    """The values the student's code states (typed in or passed in) under one of ``names``."""
    return [c for c in evidence.scalars if c.given and c.origin == "recorded" and hinted(c.name, names)]


Evaluate = Callable[[Mapping[str, Any]], "dict[str, Any] | None"]


def find_trajectory(
    task: TaskSpec,
    check: CheckSpec,
    evidence: Evidence,
    hypotheses: Sequence[Hypothesis],
    fit: Callable[[Mapping[str, Any], Mapping[str, Any]], dict[str, Any]],
    evaluate: Evaluate,
    elsewhere: frozenset[int] = frozenset(),
) -> Trajectory | None:
    """The sequence that is the student's descent, its run of iterates, and the parameters they
    stated; tried under every hypothesis so that a climbing or halved descent is still found."""
    pool = [c for c in evidence.sequences if _may_be_iterates(c, elsewhere)]
    runs = sorted(
        ((candidate, geometric_run(candidate.value)) for candidate in pool),
        key=lambda item: _sequence_rank(check, item[0], item[1]),
    )
    stripped = [_without_start(candidate, run) for candidate, run in runs if run]
    ranked = [(candidate, run, start) for candidate, run, start in stripped if len(run) >= MIN_ITERATES]
    for use_read in (True, False):
        for hypothesis in hypotheses:
            for candidate, run, start in ranked:
                read = read_free_params(task.free, evidence, candidate)
                if not use_read and (not _x_like(check, candidate) or "lr" in read):
                    # refit only a variable that *is* x, and only when the code states no rate: a
                    # descent whose steps disagree with the student's own lr is wrong, not another lr
                    continue
                read = read if use_read else {}
                if start is not None:
                    read["x0"] = start
                params = dict(hypothesis.params)
                fitted = fit({"xs": run, **read}, params)
                if not fitted:
                    continue
                expected = evaluate({**params, **{k: v for k, v in fitted.items() if k in task.free_names}})
                if expected is None:
                    continue
                want = expected.get(check.quantity)
                if (
                    isinstance(want, list)
                    and len(want) == len(run)
                    and all(close(a, b, check.rtol, check.atol) for a, b in zip(run, want, strict=True))
                ):
                    return Trajectory(candidate, run, read, str(params.get("record", "after")))
    # no hypothesis explains a sequence: grade the student's own descent as it is (it then fails; a
    # mistake fitted from it, or a plot of f along it, may still be credited) — the best geometric run
    # first (a descent at other parameters than a strict rubric's), else their update loop
    geometric = [(c, run, start) for c, run, start in ranked if _x_like(check, c)]
    if geometric:
        candidate, run, start = geometric[0]
        read = read_free_params(task.free, evidence, candidate)
        return Trajectory(candidate, run, {**read, "x0": start} if start is not None else read, "after")
    updated = [c for c in pool if c.origin == "recorded" and c.kind != "arg" and _x_like(check, c)]
    if updated:
        candidate = min(updated, key=lambda c: _sequence_rank(check, c, c.value))
        candidate, run, start = _without_start(candidate, [float(v) for v in candidate.value])
        read = read_free_params(task.free, evidence, candidate)
        if len(run) >= MIN_ITERATES:
            return Trajectory(candidate, run, {**read, "x0": start} if start is not None else read, "after")
    return None


def _may_be_iterates(candidate: Candidate, elsewhere: frozenset[int]) -> bool:
    """Not a gradient or a step (they shrink like x does), not computed only in another task's cells."""
    name = normalized(candidate.name)
    if any(word in name for word in _NOT_ITERATES):
        return False
    return not (candidate.cells and set(candidate.cells) <= elsewhere)


def _x_like(check: CheckSpec, candidate: Candidate) -> bool:
    return (
        candidate.kind in ("timeline", "update")
        or hinted(candidate.name, check.names)
        or normalized(candidate.name).startswith("x")
    )


@dataclass(frozen=True, slots=True)
class Trajectory:
    """The student's descent: where it was found, its iterates, the parameters their code states, and
    how the iterates are laid out (``record``: after each update, or with the start first)."""

    candidate: Candidate
    run: list[float]
    read: dict[str, float]
    record: str


def _without_start(candidate: Candidate, run: list[float]) -> tuple[Candidate, list[float], float | None]:
    """A variable's timeline that begins with the value it was given (``x = 10``, an argument) holds the
    start and then the iterates: the start is a parameter the student stated, not a step to grade. A
    stored history that begins with the start is graded as stored (the accepted convention says so)."""
    if candidate.given and candidate.kind in ("timeline", "arg"):
        return candidate, run[1:], run[0]
    return candidate, run, None


#: Words that name a step or a slope, not a position: such a sequence moves like the iterates (2x and
#: lr·2x shrink by the same ratio) but is not them.
_NOT_ITERATES = ("grad", "slope", "deriv", "step", "delta", "dx", "update", "change", "df")


def _sequence_rank(check: CheckSpec, candidate: Candidate, run: Sequence[float]) -> tuple[int, int, int]:
    kind_rank = {"timeline": 0, "update": 0, "arg": 1, "namespace": 2}.get(
        candidate.kind if candidate.origin != "namespace" else "namespace", 1
    )
    named = 0 if hinted(candidate.name, check.names) or normalized(candidate.name).startswith("x") else 1
    return (named, kind_rank, -len(run))


#: Which of several places holding the same value names it best: an assignment before an argument or a
#: return value, before an appended or printed value, before the namespace at the end.
_KIND_RANK = {"assign": 0, "update": 0, "loop": 0, "timeline": 0, "item": 1, "arg": 1, "return": 1, "append": 2}


def find_scalar(
    check: CheckSpec,
    evidence: Evidence,
    expected_values: Sequence[Any],
    computed_only: bool = False,
) -> Candidate | None:
    """The value the student's code computed that equals one of ``expected_values``; where several
    places hold it (``h = sigmoid(z1)`` records both the return and ``h``), the one a message should
    name: a hinted name first, then an assignment, then the earliest."""
    matches = []
    for want in (float(value) for value in expected_values if is_number(value)):
        if not math.isfinite(want):
            continue
        reach = check.atol + check.rtol * abs(want)
        low = bisect.bisect_left(evidence.sorted_values, want - reach)
        high = bisect.bisect_right(evidence.sorted_values, want + reach)
        matches += [
            candidate
            for candidate in evidence.by_value[low:high]
            if not (computed_only and candidate.given) and close(float(candidate.value), want, check.rtol, check.atol)
        ]
    if not matches:
        return None
    return min(matches, key=lambda c: (not hinted(c.name, check.names), _rank(c), c.seq))


def _rank(candidate: Candidate) -> int:
    if candidate.origin == "namespace":
        return 4
    return 3 if candidate.origin == "printed" else _KIND_RANK.get(candidate.kind, 1)


def find_array(
    check: CheckSpec, evidence: Evidence, expected_values: Sequence[Any], computed_only: bool = False
) -> Candidate | None:
    """The vector or matrix the student's code computed that equals one of ``expected_values`` under
    the check's shape rules; a hinted name first, then an assignment, then the earliest."""
    matches = [
        candidate
        for candidate in evidence.arrays
        if not (computed_only and candidate.given)
        and any(compare(check, "", candidate.value, want).passed for want in expected_values)
    ]
    if not matches:
        return None
    return min(matches, key=lambda c: (not hinted(c.name, check.names), _rank(c), c.seq))


def find_array_by_role(check: CheckSpec, evidence: Evidence, givens: Sequence[Any]) -> Candidate | None:
    """The first computed array under a name the rubric hints (a wrong ``W1_new`` is still the one to
    grade), skipping arrays equal to a given value (the ``W1`` the task starts from)."""
    for candidate in sorted(evidence.arrays, key=lambda c: (c.origin == "namespace", c.seq)):
        if candidate.kind == "arg" or candidate.origin == "printed" or not hinted(candidate.name, check.names):
            continue
        if any(compare(check, "", candidate.value, given).passed for given in givens):
            continue
        return candidate
    return None


def find_by_role(check: CheckSpec, evidence: Evidence, givens: Sequence[float]) -> Candidate | None:
    """The first value of a variable the rubric's hints name (``names``), skipping the given values it
    starts from (the updated ``w1`` is not the ``w1 = 0.5`` the task gives). A typed-in wrong answer is
    found too (it then fails, and being typed in, earns nothing by error carried forward)."""
    for candidate in sorted(evidence.scalars, key=lambda c: (c.origin == "namespace", c.seq)):
        if candidate.kind == "arg" or candidate.origin == "printed" or not hinted(candidate.name, check.names):
            continue
        if any(close(float(candidate.value), float(g), 1e-9, 1e-12) for g in givens):
            continue
        return candidate
    return None


__all__: Sequence[str] = [
    "Hypothesis",
    "Trajectory",
    "find_array",
    "find_array_by_role",
    "find_by_role",
    "find_scalar",
    "find_trajectory",
    "geometric_run",
    "hinted",
    "normalized",
    "read_free_params",
    "stated_as",
]

"""Observe stage, grader side: find each of a task's quantities in what the student's code computed.

The kernel's recorder (:mod:`grader.observe.recorder`) reports every value the code assigned, passed, returned,
printed or appended, and each probe the plain values left in the namespace. This module turns that
into one :class:`Evidence` per notebook and, for each task, finds the student's value of every checked
quantity — the way a TA reads a notebook, not by our variable names:

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
from dataclasses import dataclass, replace
from typing import Any

from grader.judge.compare import close, compare, is_number, unwrap
from grader.load.checks import shape_of
from grader.load.specs import CheckSpec, FreeParam, TaskSpec
from grader.observe.recorder import cell_hash
from grader.records import Figure, Series, Snapshot

#: Fewest iterates that make a trajectory (two updates fix the ratio, a third confirms it).
MIN_ITERATES = 3
#: Relative tolerance for "each update multiplies x by the same ratio".
RATIO_RTOL = 1e-6


@dataclass(frozen=True, slots=True)
class Candidate:
    """One value the student's code held: where it came from and how to name it in a message."""

    name: str
    value: Any
    seq: int
    cells: tuple[int, ...]
    #: typed in as a literal (``w1 = 0.5``) or passed in as an argument: chosen, not computed
    given: bool
    origin: str  # "recorded" | "printed" | "namespace"
    kind: str = "assign"
    scope: str = "<module>"
    #: sequence numbers of a sequence's values (empty for namespace values)
    seqs: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Evidence:
    """Everything one notebook's kernel reported, gathered across probes (and kernel restarts)."""

    scalars: tuple[Candidate, ...]
    sequences: tuple[Candidate, ...]
    figures: tuple[Figure, ...]
    series: tuple[Series, ...]
    #: a cell's hash (as the kernel computed it) → the code-cell indices with that source
    cells: Mapping[str, tuple[int, ...]]
    #: ``scalars`` sorted by value, and their values: a value is looked up by bisection, not by a scan
    #: (a task has dozens of hypotheses × checks, a notebook hundreds of values)
    by_value: tuple[Candidate, ...] = ()
    sorted_values: tuple[float, ...] = ()
    #: every value that is a vector or matrix of numbers (``np.array([[0.1, 0.2]])``), in the order the
    #: code held them, for ``array`` checks: found by value like scalars, whatever their shape
    arrays: tuple[Candidate, ...] = ()

    def figure_cells(self, figure: Figure) -> tuple[int, ...]:
        return self.cells.get(figure.cell, ())


def gather(cell_sources: Mapping[int, str], snapshots: Iterable[Snapshot]) -> Evidence:
    """Merge every probe's record and namespace into candidates, attributed to code-cell indices."""
    hashes: dict[str, list[int]] = {}
    for index, source in cell_sources.items():
        hashes.setdefault(cell_hash(source), []).append(index)
    cells = {key: tuple(value) for key, value in hashes.items()}
    all_series: list[Series] = []
    scalars: list[Candidate] = []
    sequences: list[Candidate] = []
    figures: list[Figure] = []
    last_seq = 0
    typed: set[str] = set()  # names a long literal list was assigned to (a typed-in history)
    arrays: list[Candidate] = []
    for snapshot in snapshots:
        all_series.extend(item for item in snapshot.series if item.kind != "literal")
        typed.update(item.target for item in snapshot.series if item.kind == "literal")
        figures.extend(snapshot.figures)
        seqs = [seq for series in snapshot.series for seq in series.seqs]
        last_seq = max([last_seq, *seqs]) + 1
        for name, value in snapshot.values.items():
            _add(scalars, sequences, Candidate(name, value, last_seq, (), name in typed, "namespace"))
            if _is_array(value):
                arrays.append(Candidate(name, value, last_seq, (), name in typed, "namespace"))
    for series in all_series:
        where = tuple(sorted(set(cells.get(series.run, ())) | set(cells.get(series.cell, ()))))
        origin = "printed" if series.kind in ("print", "expr") else "recorded"
        given = series.kind == "arg" or series.literal
        for seq, value in zip(series.seqs, series.values, strict=True):
            scalar = unwrap(value)
            if is_number(scalar):
                scalars.append(Candidate(series.name, scalar, seq, where, given, origin, series.kind, series.scope))
            elif _is_array(value):
                arrays.append(Candidate(series.name, value, seq, where, given, origin, series.kind, series.scope))
        _series_sequences(series, where, sequences)
    _merged_sequences(all_series, cells, sequences)
    # a copy of a typed-in list (`xs, ys = zip(*history)`) is as typed as the list itself
    typed_values = [c.value for c in sequences if c.origin == "namespace" and c.given]
    sequences = [
        replace(c, given=True) if c.origin == "namespace" and not c.given and c.value in typed_values else c
        for c in sequences
    ]
    ordered = sorted((c for c in scalars if math.isfinite(float(c.value))), key=lambda c: float(c.value))
    return Evidence(
        tuple(scalars),
        tuple(sequences),
        tuple(figures),
        tuple(all_series),
        cells,
        tuple(ordered),
        tuple(float(c.value) for c in ordered),
        tuple(sorted(arrays, key=lambda c: c.seq)),
    )


def _is_array(value: Any) -> bool:
    shape = shape_of(value)
    return shape is not None and len(shape) >= 1


def _add(scalars: list[Candidate], sequences: list[Candidate], candidate: Candidate) -> None:
    value, given = candidate.value, candidate.given
    scalar = unwrap(value)
    if is_number(scalar):
        scalars.append(Candidate(candidate.name, scalar, candidate.seq, (), given, "namespace"))
        return
    numbers = _numbers(value)
    if numbers is not None and len(numbers) >= MIN_ITERATES:
        sequences.append(Candidate(candidate.name, numbers, candidate.seq, (), given, "namespace"))
        return
    pairs = _pairs(value)
    if pairs is not None and len(pairs) >= MIN_ITERATES:
        for column, label in ((0, "[:, 0]"), (1, "[:, 1]")):
            name = f"{candidate.name}{label}"
            sequences.append(Candidate(name, [pair[column] for pair in pairs], candidate.seq, (), given, "namespace"))


def _series_sequences(series: Series, where: tuple[int, ...], sequences: list[Candidate]) -> None:
    """A target that took several values is a candidate trajectory; appended pairs give two columns."""
    numbers = [unwrap(value) for value in series.values]
    first = series.seqs[0] if series.seqs else 0
    if len(numbers) >= MIN_ITERATES and all(is_number(value) for value in numbers):
        given = series.kind == "arg" or series.literal
        sequences.append(
            Candidate(series.name, numbers, first, where, given, "recorded", series.kind, series.scope, series.seqs)
        )
        return
    rows = [value for value in series.values if _pairs_row(value)]
    if len(rows) >= MIN_ITERATES and len(rows) == len(series.values):
        for column in (0, 1):
            name = f"{series.name}[{column}]"
            values = [float(row[column]) for row in rows]
            sequences.append(Candidate(name, values, first, where, False, "recorded", series.kind, series.scope))


def _merged_sequences(all_series: Sequence[Series], cells: Mapping[str, tuple[int, ...]], out: list[Candidate]) -> None:
    """The timeline of one variable across statements and cells (``x = 10`` then the loop's updates)."""
    groups: dict[tuple[str, str], list[Series]] = {}
    for series in all_series:
        if series.kind in ("assign", "update", "arg", "loop"):
            groups.setdefault((series.scope, series.target), []).append(series)
    for (scope, target), members in groups.items():
        if len(members) < 2:
            continue
        timeline = sorted(
            (seq, unwrap(value), member)
            for member in members
            for seq, value in zip(member.seqs, member.values, strict=True)
            if is_number(unwrap(value))
        )
        if len(timeline) < MIN_ITERATES:
            continue
        first_member = timeline[0][2]
        where = tuple(
            sorted({i for member in members for key in (member.run, member.cell) for i in cells.get(key, ())})
        )
        given = first_member.literal or first_member.kind == "arg"
        values = [item[1] for item in timeline]
        seqs = tuple(item[0] for item in timeline)
        out.append(Candidate(target, values, timeline[0][0], where, given, "recorded", "timeline", scope, seqs))


def _numbers(value: Any) -> list[float] | None:
    if isinstance(value, list) and value and all(is_number(unwrap(item)) for item in value):
        return [float(unwrap(item)) for item in value]
    return None


def _pairs_row(value: Any) -> bool:
    return isinstance(value, list) and len(value) == 2 and all(is_number(item) for item in value)


def _pairs(value: Any) -> list[list[float]] | None:
    if isinstance(value, list) and value and all(_pairs_row(item) for item in value):
        return value
    return None


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
    "Candidate",
    "Evidence",
    "Hypothesis",
    "Trajectory",
    "find_array",
    "find_array_by_role",
    "find_by_role",
    "find_scalar",
    "find_trajectory",
    "gather",
    "geometric_run",
    "hinted",
    "normalized",
    "read_free_params",
    "stated_as",
]

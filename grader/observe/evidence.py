"""Observe stage, grader side: what one notebook's kernel reported, as one :class:`Evidence`.

The kernel's recorder (:mod:`grader.observe.recorder`) reports every value the code assigned, passed, returned,
printed or appended, and each probe the plain values left in the namespace. :func:`gather` merges every
probe's record into candidates, attributed to the notebook's code cells: numbers, sequences (a
variable's successive values, a history list, two lists, an array of iterates, pairs), arrays and
figures. Finding a task's quantities in it is :mod:`grader.observe.find`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from grader.judge.compare import is_number, unwrap
from grader.load.checks import shape_of
from grader.observe.recorder import cell_hash
from grader.records import Figure, Series, Snapshot

#: Fewest iterates that make a trajectory (two updates fix the ratio, a third confirms it).
MIN_ITERATES = 3
#: a vector of at most this many numbers also offers each element as a value (see ``_elements``)
SMALL_VECTOR = 4
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
                scalars.extend(_elements(arrays[-1]))
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
                scalars.extend(_elements(arrays[-1]))
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


def _elements(candidate: Candidate) -> list[Candidate]:
    """Each number of a short vector, as a value of its own (``w[0]``): a student's ``w = [w1, w2]``,
    ``grads = (dw1, dw2)`` or ``np.array([[0.5, -1.0]])`` holds several quantities at once."""
    numbers = _numbers(unwrap(candidate.value))
    if numbers is None or not 2 <= len(numbers) <= SMALL_VECTOR:
        return []
    return [replace(candidate, name=f"{candidate.name}[{index}]", value=number) for index, number in enumerate(numbers)]


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


__all__: Sequence[str] = [
    "Candidate",
    "Evidence",
    "gather",
]

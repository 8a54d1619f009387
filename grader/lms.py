"""Optional gradebook extras for an LMS import: a roster (names, LMS ids) and late penalties.

Both are plain CSV files keyed by the submission id (the ``id`` column of ``gradebook.csv``):

* ``--roster roster.csv``: ``id`` plus any columns the LMS wants (``student_id``, ``name``, ``email``);
  they are added to each row, after ``id``.
* ``--late late.csv``: ``id,penalty`` — points to deduct; the gradebook gains ``penalty`` and
  ``final_score`` (the score minus the penalty, never below 0).

Kept deliberately simple: no formulas, no dates. A malformed file is refused before grading, naming
the file, the line and the fix.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from grader.errors import UsageError


@dataclass(frozen=True, slots=True)
class GradebookExtras:
    roster_columns: tuple[str, ...] = ()
    roster: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    penalties: Mapping[str, float] | None = None


def _rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            fields = list(reader.fieldnames or [])
            rows = [(reader.line_num, dict(row)) for row in reader]
    except OSError as error:
        raise UsageError(f"{path}: cannot read: {error.strerror or error}") from error
    if "id" not in fields:
        raise UsageError(f"{path}: needs a header row with an `id` column (the submission ids of gradebook.csv)")
    return fields, rows


def load_extras(roster: Path | None, late: Path | None) -> GradebookExtras:
    columns: tuple[str, ...] = ()
    people: dict[str, dict[str, str]] = {}
    if roster is not None:
        fields, rows = _rows(roster)
        columns = tuple(name for name in fields if name != "id")
        for line, row in rows:
            ident = (row.get("id") or "").strip()
            if not ident:
                raise UsageError(f"{roster}, line {line}: empty id")
            if ident in people:
                raise UsageError(f"{roster}, line {line}: id {ident!r} appears twice")
            people[ident] = {name: row.get(name) or "" for name in columns}
    penalties: dict[str, float] | None = None
    if late is not None:
        fields, rows = _rows(late)
        if "penalty" not in fields:
            raise UsageError(f"{late}: needs a `penalty` column (points to deduct)")
        penalties = {}
        for line, row in rows:
            try:
                points = float(row.get("penalty") or "")
            except ValueError:
                points = math.nan
            if not math.isfinite(points) or points < 0:
                raise UsageError(
                    f"{late}, line {line}: penalty must be a non-negative number, got {row.get('penalty')!r}"
                )
            penalties[(row.get("id") or "").strip()] = points
    return GradebookExtras(columns, people, penalties)

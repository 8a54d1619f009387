"""Optional gradebook extras for an LMS import: a roster (names, LMS ids) and late penalties.

Both are plain CSV files keyed by the submission id (the ``id`` column of ``gradebook.csv``):

* ``--roster roster.csv``: ``id`` plus any columns the LMS wants (``student_id``, ``name``, ``email``);
  they are added to each row, after ``id``.
* ``--late late.csv``: ``id,penalty`` — points to deduct; the gradebook gains ``penalty`` and
  ``final_score`` (the score minus the penalty, never below 0).

A row's ``id`` may also be the student's LMS id where the submissions come from an LMS export, whose
folder or file names say who submitted (:func:`lms_identity`): Moodle's ``Bob Jones_1002_assignsubmission_file_/…``
and Canvas's ``jonesbob_1002_5550_homework.ipynb``. The gradebook then has ``student`` and ``lms_id``
columns after ``id``. A roster student with no submission still gets a row (``status`` ``missing``,
score 0); ids of either file that match no submission are reported (:func:`unmatched_ids`), since a
typo there silently loses a student's name or penalty.

Kept deliberately simple: no formulas, no dates. A malformed file is refused before grading, naming
the file, the line and the fix.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader.errors import UsageError


@dataclass(frozen=True, slots=True)
class GradebookExtras:
    roster_columns: tuple[str, ...] = ()
    roster: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    penalties: Mapping[str, float] | None = None

    def person(self, submission_id: str) -> Mapping[str, str]:
        """The roster's columns for a submission, found by its id or by the LMS id in its path."""
        return _lookup(self.roster, submission_id) or {}

    def penalty(self, submission_id: str) -> float:
        return _lookup(self.penalties or {}, submission_id) or 0.0


@dataclass(frozen=True, slots=True)
class LmsIdentity:
    """Who submitted, as an LMS export's names say: ``Bob Jones`` (Canvas: ``jonesbob``) and ``1002``."""

    name: str
    lms_id: str


#: Moodle's "Download all submissions": a folder per student and submission plugin.
_MOODLE = re.compile(r"^(?P<name>.+?)_(?P<lms_id>\d+)_assignsubmission_[a-z]+_?$")
#: Canvas's "Download submissions": flat files ``<lastfirst>[_LATE]_<user id>_<attachment id>_<file>``.
_CANVAS = re.compile(r"^(?P<name>[a-z]+)(?:_late)?_(?P<lms_id>\d+)_\d+_.+$")


def lms_identity(submission_id: str) -> LmsIdentity | None:
    """The student an LMS export names in a submission id, or ``None`` for any other id.

    >>> lms_identity("Bob Jones_1002_assignsubmission_file_/Homework 3 - Backprop")
    LmsIdentity(name='Bob Jones', lms_id='1002')
    """
    parts = submission_id.split("/")
    for part in parts[:-1]:
        if (moodle := _MOODLE.match(part)) is not None:
            return LmsIdentity(moodle["name"], moodle["lms_id"])
    canvas = _CANVAS.match(parts[-1])
    return LmsIdentity(canvas["name"], canvas["lms_id"]) if canvas is not None else None


def _lookup(table: Mapping[str, Any], submission_id: str) -> Any:
    if submission_id in table:
        return table[submission_id]
    identity = lms_identity(submission_id)
    return table.get(identity.lms_id) if identity is not None else None


def unmatched_ids(extras: GradebookExtras, submission_ids: Iterable[str]) -> tuple[list[str], list[str]]:
    """Roster ids and late-file ids that match no submission (by id or LMS id), each sorted."""
    known = set(submission_ids)
    known |= {identity.lms_id for ident in known if (identity := lms_identity(ident)) is not None}
    roster = sorted(ident for ident in extras.roster if ident not in known)
    late = sorted(ident for ident in (extras.penalties or {}) if ident not in known)
    return roster, late


def shared_lms_ids(submission_ids: Iterable[str]) -> dict[str, list[str]]:
    """LMS ids that more than one submission belongs to (a student who uploaded two notebooks), with
    those submissions' ids, sorted. Each is graded and gets its own row, but an LMS import keeps one
    grade per student, so which one counts is the instructor's call, not the order of the rows."""
    by_id: dict[str, list[str]] = {}
    for ident in submission_ids:
        identity = lms_identity(ident)
        if identity is not None:
            by_id.setdefault(identity.lms_id, []).append(ident)
    return {lms_id: sorted(ids) for lms_id, ids in sorted(by_id.items()) if len(ids) > 1}


def absent(extras: GradebookExtras, submission_ids: Iterable[str]) -> list[str]:
    """Roster ids of students without a submission: they get a gradebook row all the same."""
    return unmatched_ids(GradebookExtras(roster=extras.roster), submission_ids)[0]


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

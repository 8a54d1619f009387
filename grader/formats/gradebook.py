"""``gradebook.csv``: one row per submission, ready for an LMS import, in a stable order.

Columns: ``id, status, score, max_score``, then ``<task>`` (task score) for each task, ``quiz`` and
``quiz.<question>``, ``needs_review`` (answers a human should read), then ``<task>.<check>`` for each
check, in rubric order, then ``flags`` (the report's flags, space-separated: ``hard_coded``,
``unverified`` — correct answers the re-run could not confirm, for a person to look at —
``typed_answer`` — passing answers typed into the source as numbers, likewise — ``untagged`` …), and
last ``sandbox`` (``bwrap``, or ``none`` where the notebook ran without the sandbox; empty when it did
not run). With ``--roster``/``--late`` (:mod:`grader.batch.lms`) the roster's columns follow
``id`` and ``penalty, final_score`` follow ``max_score``; where submission ids come from an LMS export
(:func:`grader.batch.lms.lms_identity`), ``student, lms_id`` come right after ``id``. A roster student
without a submission gets a row of their own (``status`` ``missing``, score 0). Rows are sorted by id,
so two runs over the same files give byte-identical gradebooks whatever order the grading finished in.

Text that comes from outside the grader — submission ids (file names a student chose), the roster's
columns and values — is neutralised against formula injection: a spreadsheet runs a cell starting
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a formula (``=HYPERLINK(…)``), so such
a cell gets a leading ``'`` (OWASP's advice), which spreadsheets show as text. Numbers the grader
writes itself are left as they are.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from pathlib import Path

from grader.batch.lms import GradebookExtras, absent, lms_identity
from grader.formats.report import write_atomic
from grader.load.specs import Rubric
from grader.records import Report

FILENAME = "gradebook.csv"


def gradebook_columns(rubric: Rubric, extras: GradebookExtras | None = None, lms: bool = False) -> list[str]:
    extras = extras or GradebookExtras()
    lms_columns = ("student", "lms_id") if lms else ()
    columns = ["id", *lms_columns, *map(text_cell, extras.roster_columns), "status", "score", "max_score"]
    if extras.penalties is not None:
        columns += ["penalty", "final_score"]
    columns += [task.id for task in rubric.tasks]
    if rubric.quiz is not None:
        columns += ["quiz", *(f"quiz.{question.id}" for question in rubric.quiz.questions), "needs_review"]
    columns += [f"{task.id}.{check.id}" for task in rubric.tasks for check in task.checks]
    return [*columns, "flags", "sandbox"]


def gradebook_rows(
    reports: Iterable[Report], extras: GradebookExtras | None = None, absent_students: bool = True
) -> list[dict[str, str]]:
    """A row per report, and with ``absent_students`` one per roster student without a submission."""
    extras = extras or GradebookExtras()
    reports = list(reports)
    rows = []
    for report in reports:
        identity = lms_identity(report.submission.id)
        row = {
            "id": text_cell(report.submission.id),
            **({"student": text_cell(identity.name), "lms_id": identity.lms_id} if identity is not None else {}),
            **_person(extras.person(report.submission.id)),
            "status": report.status,
            "score": _number(report.score),
            "max_score": _number(report.max_score),
            "flags": " ".join(report.flags),
            "sandbox": report.execution.sandbox if report.execution is not None else "",
        }
        if extras.penalties is not None:
            penalty = extras.penalty(report.submission.id)
            row["penalty"] = _number(penalty)
            row["final_score"] = _number(max(0.0, report.score - penalty))
        for task in report.tasks:
            row[task.id] = _number(task.score)
            for check in task.checks:
                row[f"{task.id}.{check.id}"] = _number(check.score)
        if report.quiz is not None:
            row["quiz"] = _number(report.quiz.score)
            row["needs_review"] = str(report.quiz.needs_review)
            for question in report.quiz.questions:
                row[f"quiz.{question.id}"] = _number(question.score)
        rows.append(row)
    most = reports[0].max_score if reports else 0.0
    for ident in absent(extras, (r.submission.id for r in reports)) if absent_students else ():
        row = {"id": text_cell(ident), **_person(extras.roster[ident])}
        row.update(status="missing", score="0", max_score=_number(most))
        if extras.penalties is not None:
            row.update(penalty=_number(extras.penalties.get(ident, 0.0)), final_score="0")
        rows.append(row)
    return sorted(rows, key=lambda row: row["id"])


def write_gradebook(
    out_dir: Path,
    reports: Iterable[Report],
    rubric: Rubric,
    extras: GradebookExtras | None = None,
    absent_students: bool = True,
) -> Path:
    """``absent_students``: rows for roster students without a submission (not in one shard of many,
    whose other shards may hold their submissions)."""
    reports = list(reports)
    lms = any(lms_identity(report.submission.id) is not None for report in reports)
    buffer = io.StringIO()
    columns = gradebook_columns(rubric, extras, lms)
    writer = csv.DictWriter(buffer, fieldnames=columns, restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows(gradebook_rows(reports, extras, absent_students))
    path = out_dir / FILENAME
    write_atomic(path, buffer.getvalue())
    return path


#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(value: str) -> str:
    """``value`` as a spreadsheet will show it, never run it: ``=1+1`` → ``'=1+1``."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _person(columns: Mapping[str, str]) -> dict[str, str]:
    """A roster row's columns, neutralised (see the module docstring)."""
    return {text_cell(column): text_cell(value) for column, value in columns.items()}


def _number(value: float) -> str:
    return f"{value:g}"

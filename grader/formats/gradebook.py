"""``gradebook.csv``: one row per submission, ready for an LMS import, in a stable order.

Columns: ``id, status, score, max_score``, then ``<task>`` (task score) for each task, ``quiz`` and
``quiz.<question>``, ``needs_review`` (answers a human should read), then ``<task>.<check>`` for each
check, in rubric order, and last ``sandbox`` (``bwrap``, or ``none`` where the notebook ran without the
sandbox; empty when it did not run). With ``--roster``/``--late`` (:mod:`grader.lms`) the roster's columns follow
``id`` and ``penalty, final_score`` follow ``max_score``. Rows are sorted by submission id, so two
runs over the same files give byte-identical gradebooks whatever order the grading finished in.

Text that comes from outside the grader — submission ids (file names a student chose), the roster's
columns and values — is neutralised against formula injection: a spreadsheet runs a cell starting
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a formula (``=HYPERLINK(…)``), so such
a cell gets a leading ``'`` (OWASP's advice), which spreadsheets show as text. Numbers the grader
writes itself are left as they are.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from grader.lms import GradebookExtras
from grader.records import Report
from grader.report import write_atomic
from grader.rubric import Rubric

FILENAME = "gradebook.csv"


def gradebook_columns(rubric: Rubric, extras: GradebookExtras | None = None) -> list[str]:
    extras = extras or GradebookExtras()
    columns = ["id", *map(text_cell, extras.roster_columns), "status", "score", "max_score"]
    if extras.penalties is not None:
        columns += ["penalty", "final_score"]
    columns += [task.id for task in rubric.tasks]
    if rubric.quiz is not None:
        columns += ["quiz", *(f"quiz.{question.id}" for question in rubric.quiz.questions), "needs_review"]
    columns += [f"{task.id}.{check.id}" for task in rubric.tasks for check in task.checks]
    return [*columns, "sandbox"]


def gradebook_rows(reports: Iterable[Report], extras: GradebookExtras | None = None) -> list[dict[str, str]]:
    extras = extras or GradebookExtras()
    rows = []
    for report in sorted(reports, key=lambda r: r.submission.id):
        roster = extras.roster.get(report.submission.id, {})
        row = {
            "id": text_cell(report.submission.id),
            **{text_cell(column): text_cell(value) for column, value in roster.items()},
            "status": report.status,
            "score": _number(report.score),
            "max_score": _number(report.max_score),
            "sandbox": report.execution.sandbox if report.execution is not None else "",
        }
        if extras.penalties is not None:
            penalty = extras.penalties.get(report.submission.id, 0.0)
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
    return rows


def write_gradebook(
    out_dir: Path, reports: Iterable[Report], rubric: Rubric, extras: GradebookExtras | None = None
) -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=gradebook_columns(rubric, extras), restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows(gradebook_rows(reports, extras))
    path = out_dir / FILENAME
    write_atomic(path, buffer.getvalue())
    return path


#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(value: str) -> str:
    """``value`` as a spreadsheet will show it, never run it: ``=1+1`` → ``'=1+1``."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _number(value: float) -> str:
    return f"{value:g}"

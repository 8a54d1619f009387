"""``gradebook.csv``: one row per submission, ready for an LMS import, in a stable order.

Columns: ``id, status, score, max_score``, then ``<task>`` (task score) for each task, ``quiz`` and
``quiz.<question>``, ``needs_review`` (answers a human should read), then ``<task>.<check>`` for each
check, in rubric order. Rows are sorted by submission id, so two runs over the same files give
byte-identical gradebooks whatever order the grading finished in.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from grader.records import Report
from grader.report import write_atomic
from grader.rubric import Rubric

FILENAME = "gradebook.csv"


def gradebook_columns(rubric: Rubric) -> list[str]:
    columns = ["id", "status", "score", "max_score"]
    columns += [task.id for task in rubric.tasks]
    if rubric.quiz is not None:
        columns += ["quiz", *(f"quiz.{question.id}" for question in rubric.quiz.questions), "needs_review"]
    columns += [f"{task.id}.{check.id}" for task in rubric.tasks for check in task.checks]
    return columns


def gradebook_rows(reports: Iterable[Report]) -> list[dict[str, str]]:
    rows = []
    for report in sorted(reports, key=lambda r: r.submission.id):
        row = {
            "id": report.submission.id,
            "status": report.status,
            "score": _number(report.score),
            "max_score": _number(report.max_score),
        }
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


def write_gradebook(out_dir: Path, reports: Iterable[Report], rubric: Rubric) -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=gradebook_columns(rubric), restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows(gradebook_rows(reports))
    path = out_dir / FILENAME
    write_atomic(path, buffer.getvalue())
    return path


def _number(value: float) -> str:
    return f"{value:g}"

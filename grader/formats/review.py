"""The review queue: quiz answers whose automatic score a human should confirm, and an overrides
skeleton to record the decisions in (``grader review OUT_DIR``)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml

from grader.records import QuestionResult, Report
from grader.report import read_report

ANSWER_PREVIEW = 240


def read_reports(out_dir: Path) -> list[Report]:
    """Every complete report under ``out_dir/reports``, in id order."""
    found = (read_report(path) for path in sorted((out_dir / "reports").rglob("*.json")))
    return sorted((report for report in found if report is not None), key=lambda r: r.submission.id)


def review_queue(reports: Iterable[Report]) -> dict[str, list[tuple[str, QuestionResult]]]:
    """Question id → (submission id, answer) pairs needing review, in question then submission order."""
    queue: dict[str, list[tuple[str, QuestionResult]]] = {}
    for report in reports:
        for question in report.quiz.questions if report.quiz is not None else ():
            if question.needs_review and question.override is None:
                queue.setdefault(question.id, []).append((report.submission.id, question))
    return dict(sorted(queue.items()))


def review_lines(queue: dict[str, list[tuple[str, QuestionResult]]]) -> list[str]:
    if not queue:
        return ["no quiz answers need review"]
    lines = []
    for question_id, items in queue.items():
        lines.append(f"== {question_id}: {len(items)} to review")
        for submission_id, question in items:
            concepts = ", ".join(question.concepts) or "none"
            lines.append(f"-- {submission_id}: {question.score:g}/{question.max_score:g} (concepts: {concepts})")
            lines.append(f"   why: {'; '.join(question.reasons)}")
            answer = " ".join(question.answer.split())
            preview = answer if len(answer) <= ANSWER_PREVIEW else answer[: ANSWER_PREVIEW - 1] + "…"
            lines.append(f"   answer: {preview}")
    total = sum(len(items) for items in queue.values())
    lines.append(f"{total} answers to review")
    return lines


def overrides_skeleton(queue: dict[str, list[tuple[str, QuestionResult]]]) -> str:
    """An overrides file with one entry per answer to review, its points set to the automatic score."""
    entries = [
        {
            "submission": submission_id,
            "question": question.id,
            "points": question.score,
            "by": "",
            "comment": "",
        }
        for items in queue.values()
        for submission_id, question in items
    ]
    header = (
        "# Review each answer, set `points` and `by`, then merge the entries you decided into your\n"
        "# overrides.yaml and grade again with --overrides overrides.yaml.\n"
    )
    return header + yaml.safe_dump({"schema_version": 1, "overrides": entries}, sort_keys=False, allow_unicode=True)

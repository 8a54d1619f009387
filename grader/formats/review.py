"""The review queue: quiz answers whose automatic score a human should confirm, in groups of similar
answers, and an overrides skeleton to record the decisions in (``grader review OUT_DIR``).

An instructor with 200 notebooks reads each *kind* of answer once: answers to review are grouped per
question when they are near-identical (the same words, give or take a few: rapidfuzz's token-sort
ratio) or say the same thing (the quiz's embedding model finds them close and the same concepts were
credited). A decision on a group is one overrides entry listing its members, applied to each of them
and recorded per submission with the group's id. Near-identical answers of several students are also
listed as possible copying, whether or not they need review — short or empty answers excepted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from rapidfuzz import fuzz

from grader.formats.report import read_report
from grader.quiz import sense as quizsense
from grader.records import QuestionResult, Report

ANSWER_PREVIEW = 240
NEAR_IDENTICAL = 90  # token-sort ratio (0–100) from which two answers are the same text
SAME_MEANING = 0.93  # cosine similarity from which two answers crediting the same concepts say the same
COPY_MIN_WORDS = 12  # shorter answers are alike by nature ("Use ReLU."), not copied


@dataclass(frozen=True, slots=True)
class AnswerGroup:
    """Answers to one question that a reviewer can decide together."""

    id: str  # "q3-2": question and number, stable for the same reports
    question: str
    members: tuple[tuple[str, QuestionResult], ...]  # (submission id, answer), in submission order
    near_identical: bool  # every member is the same text, give or take a few words


def _normal(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.lower()))


def _group(items: Sequence[tuple[str, QuestionResult]], question_id: str, by_meaning: bool) -> list[AnswerGroup]:
    """Single-link groups of ``items`` (near-identical text, or same meaning and concepts)."""
    texts = [_normal(question.answer) for _, question in items]
    parent = list(range(len(items)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    identical: set[tuple[int, int]] = set()
    vectors = quizsense.embed([question.answer for _, question in items]) if by_meaning and items else None
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            same_text = texts[i] == texts[j] or fuzz.token_sort_ratio(texts[i], texts[j]) >= NEAR_IDENTICAL
            same_meaning = (
                vectors is not None
                and items[i][1].concepts == items[j][1].concepts
                and float(np.dot(vectors[i], vectors[j])) >= SAME_MEANING
            )
            if same_text:
                identical.add((i, j))
            if same_text or same_meaning:
                parent[root(j)] = root(i)
    clusters: dict[int, list[int]] = {}
    for index in range(len(items)):
        clusters.setdefault(root(index), []).append(index)
    ordered = sorted(clusters.values(), key=lambda members: (-len(members), members[0]))
    return [
        AnswerGroup(
            id=f"{question_id}-{number}",
            question=question_id,
            members=tuple(items[index] for index in members),
            near_identical=len(members) > 1
            and all((a, b) in identical for k, a in enumerate(members) for b in members[k + 1 :]),
        )
        for number, members in enumerate(ordered, start=1)
    ]


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


def review_groups(queue: dict[str, list[tuple[str, QuestionResult]]]) -> dict[str, list[AnswerGroup]]:
    """Question id → the groups its answers to review fall into, largest first."""
    return {question_id: _group(items, question_id, by_meaning=True) for question_id, items in queue.items()}


def possible_copying(reports: Iterable[Report]) -> list[AnswerGroup]:
    """Near-identical answers of two or more students to the same question (reviewed or not)."""
    by_question: dict[str, list[tuple[str, QuestionResult]]] = {}
    for report in reports:
        for question in report.quiz.questions if report.quiz is not None else ():
            if len(_normal(question.answer).split()) >= COPY_MIN_WORDS:
                by_question.setdefault(question.id, []).append((report.submission.id, question))
    return [
        group
        for question_id, items in sorted(by_question.items())
        for group in _group(items, question_id, by_meaning=False)
        if group.near_identical and len({submission for submission, _ in group.members}) > 1
    ]


def _preview(text: str) -> str:
    answer = " ".join(text.split())
    return answer if len(answer) <= ANSWER_PREVIEW else answer[: ANSWER_PREVIEW - 1] + "…"


def review_lines(groups: dict[str, list[AnswerGroup]], copying: Sequence[AnswerGroup] = ()) -> list[str]:
    lines = []
    if not groups:
        lines.append("no quiz answers need review")
    for question_id, question_groups in groups.items():
        count = sum(len(group.members) for group in question_groups)
        lines.append(f"== {question_id}: {count} to review in {len(question_groups)} groups")
        for group in question_groups:
            first = group.members[0][1]
            who = ", ".join(submission for submission, _ in group.members)
            scores = sorted({f"{question.score:g}" for _, question in group.members})
            concepts = ", ".join(first.concepts) or "none"
            lines.append(
                f"-- {group.id} ({len(group.members)}: {who}): {'/'.join(scores)} of {first.max_score:g}"
                f" (concepts: {concepts})"
            )
            lines.append(f"   why: {'; '.join(first.reasons)}")
            lines.append(f"   answer: {_preview(first.answer)}")
    if copying:
        lines.append("== possible copying (near-identical answers)")
        for group in copying:
            lines.append(f"-- {group.question}: {', '.join(submission for submission, _ in group.members)}")
            lines.append(f"   answer: {_preview(group.members[0][1].answer)}")
    total = sum(len(group.members) for question_groups in groups.values() for group in question_groups)
    if groups:
        lines.append(f"{total} answers to review in {sum(len(g) for g in groups.values())} groups")
    return lines


def overrides_skeleton(groups: dict[str, list[AnswerGroup]]) -> str:
    """An overrides file with one entry per group to review, its points set to the automatic score
    (the group's most common one). ``answer`` shows the first member's text; it is not read back."""
    entries = []
    for question_groups in groups.values():
        for group in question_groups:
            scores = [question.score for _, question in group.members]
            entry: dict[str, object] = {"group": group.id, "question": group.question}
            if len(group.members) == 1:
                entry["submission"] = group.members[0][0]
            else:
                entry["submissions"] = [submission for submission, _ in group.members]
            entry.update(
                {
                    "points": max(set(scores), key=scores.count),
                    "by": "",
                    "comment": "",
                    "answer": _preview(group.members[0][1].answer),
                }
            )
            entries.append(entry)
    header = (
        "# Review each group, set `points` and `by` (who decided), then merge the entries you decided into\n"
        "# your overrides.yaml and grade again with --overrides overrides.yaml. A group's decision applies to\n"
        "# every submission it lists. Entries left with an empty `by` are refused: nobody decided them.\n"
    )
    return header + yaml.safe_dump({"schema_version": 1, "overrides": entries}, sort_keys=False, allow_unicode=True)

"""Instructor overrides: a human's decision on any question or check, merged into every grading run.

``overrides.yaml`` is the source of truth for human decisions; pass it with ``--overrides`` on every
run and the decisions survive re-grading (the automatic score is kept beside each one)::

    schema_version: 1
    overrides:
      - submission: alice/hw        # a submission id, as in the gradebook
        question: q2                # or: check: descent.trajectory
        points: 3
        by: Jane (TA)
        comment: Good reasoning about initialisation.

A decision on a group of similar answers (``grader review`` proposes them) lists its members; it is
applied to each, and each report records the group's id beside who decided and why::

      - group: q3-2
        question: q3
        submissions: [alice/hw, bob/hw, chen/hw]
        points: 4
        by: Jane (TA)
        comment: Right idea, the too-large case is missing.

An entry naming an unknown submission, question or check is an error, reported with its line before
anything is graded; so is an entry nobody signed (`by` empty: the unedited review skeleton).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from grader.errors import RubricError, RubricProblem
from grader.load.specs import Rubric
from grader.load.yamlsource import Problems, check_schema_version, join, load_yaml
from grader.records import Override, QuestionResult, Report, TaskResult


class OverridesError(RubricError):
    """An overrides file that is unreadable, invalid, or names what does not exist."""

    what = "overrides file"


@dataclass(frozen=True, slots=True)
class OverrideEntry:
    submission: str
    target: str  # "q2" for a question, "descent.trajectory" for a check
    is_question: bool
    points: float
    by: str
    comment: str
    source: Path
    line: int | None
    group: str = ""  # the answer group this decision was taken for (grader review)


def load_overrides(source: Path, rubric: Rubric) -> tuple[OverrideEntry, ...]:
    """Read and validate against the rubric (question and check ids, points within their maximum)."""
    doc = load_yaml(source, OverridesError)
    problems = Problems(doc, OverridesError)
    root = problems.mapping(doc.data, "", {"schema_version", "overrides"}, set())
    check_schema_version(root.get("schema_version"), problems)
    problems.raise_if_any()
    maxima = {q.id: q.max_score for q in (rubric.quiz.questions if rubric.quiz else ())}
    checks = {f"{t.id}.{c.id}": c.points for t in rubric.tasks for c in t.checks}
    entries: list[OverrideEntry] = []
    decided: dict[tuple[str, str], tuple[int, int | None]] = {}
    for index, raw in enumerate(root.get("overrides") or []):
        path = join("overrides", index)
        item = problems.mapping(
            raw,
            path,
            {"points"},
            {"submission", "submissions", "group", "answer", "question", "check", "by", "comment"},
        )
        if ("submission" in item) == ("submissions" in item):
            problems.add(path, "give exactly one of `submission` or `submissions` (a group's members)")
            continue
        members = item.get("submissions") if "submissions" in item else [item.get("submission")]
        if not isinstance(members, list) or not members or not all(isinstance(m, str) and m for m in members):
            problems.add(join(path, "submissions"), f"must be a non-empty list of submission ids, got {members!r}")
            continue
        if not str(item.get("by") or "").strip():
            problems.add(join(path, "by"), "say who decided (`by: Jane (TA)`); an unsigned entry changes nothing")
        if ("question" in item) == ("check" in item):
            problems.add(path, "give exactly one of `question` or `check`")
            continue
        is_question = "question" in item
        target = str(item.get("question") if is_question else item.get("check"))
        known = maxima if is_question else checks
        key = join(path, "question" if is_question else "check")
        if target not in known:
            problems.add(
                key, f"unknown {'question' if is_question else 'check'} {target!r} (known: {', '.join(known)})"
            )
            continue
        twice = False
        for member in members:  # two decisions on one score: which one holds would be an accident of order
            first = decided.setdefault((member, target), (index, doc.line(path)))
            if first[0] != index:
                where = f"overrides[{first[0]}]" + (f", line {first[1]}" if first[1] is not None else "")
                problems.add(path, f"a second decision on {member!r} {target} (the first is {where}); keep one")
                twice = True
        if twice:
            continue
        points = problems.number(item.get("points"), join(path, "points"), 0.0)
        if points > known[target]:
            problems.add(join(path, "points"), f"{points:g} is more than {target}'s {known[target]:g} points")
        entries.extend(
            OverrideEntry(
                submission=member,
                target=target,
                is_question=is_question,
                points=points,
                by=str(item.get("by") or ""),
                comment=str(item.get("comment") or ""),
                source=source,
                line=doc.line(path),
                group=str(item.get("group") or ""),
            )
            for member in members
        )
    problems.raise_if_any()
    return tuple(entries)


def check_submissions(entries: Sequence[OverrideEntry], submission_ids: Iterable[str]) -> None:
    """Refuse overrides for submissions that are not in this run: a typo must not silently do nothing."""
    known = set(submission_ids)
    unknown = [
        RubricProblem(f"overrides[{i}].submission", f"no submission {entry.submission!r} in this run", entry.line)
        for i, entry in enumerate(entries)
        if entry.submission not in known
    ]
    if unknown:
        raise OverridesError(entries[0].source, unknown)


def apply_overrides(report: Report, entries: Iterable[OverrideEntry]) -> Report:
    """The report with this submission's overrides applied; idempotent (a re-applied override keeps the
    original automatic score), and totals recomputed. A decision that is no longer in the file (a
    resumed report, an entry removed) is undone: the automatic score comes back, and a quiz answer goes
    back to review, because the file is the only record of what a person decided."""
    mine = [entry for entry in entries if entry.submission == report.submission.id]
    if report.status != "graded":
        return report
    tasks = tuple(_task(task, mine) for task in report.tasks)
    quiz = report.quiz
    if quiz is not None:
        questions = tuple(_question(question, mine) for question in quiz.questions)
        quiz = replace(quiz, questions=questions, score=sum(q.score for q in questions))
    score = sum(task.score for task in tasks) + (quiz.score if quiz is not None else 0.0)
    return replace(report, tasks=tasks, quiz=quiz, score=score)


def _decision(entry: OverrideEntry, current: float, previous: Override | None) -> Override:
    auto = previous.auto_score if previous is not None else current
    return Override(auto_score=auto, by=entry.by, comment=entry.comment, group=entry.group)


def _question(question: QuestionResult, entries: list[OverrideEntry]) -> QuestionResult:
    for entry in entries:
        if entry.is_question and entry.target == question.id:
            override = _decision(entry, question.score, question.override)
            return replace(question, score=entry.points, needs_review=False, override=override)
    if question.override is not None:
        return replace(question, score=question.override.auto_score, needs_review=True, override=None)
    return question


def _task(task: TaskResult, entries: list[OverrideEntry]) -> TaskResult:
    checks = []
    for check in task.checks:
        entry = next((e for e in entries if not e.is_question and e.target == f"{task.id}.{check.id}"), None)
        if entry is not None:
            check = replace(check, score=entry.points, override=_decision(entry, check.score, check.override))
        elif check.override is not None:
            check = replace(check, score=check.override.auto_score, override=None)
        checks.append(check)
    return replace(task, checks=tuple(checks), score=sum(c.score for c in checks))


__all__ = ["OverrideEntry", "OverridesError", "apply_overrides", "check_submissions", "load_overrides"]

"""Per-student feedback: ``feedback/<id>.md``, written for the student, not for the gradebook.

It walks through every check and quiz question with what was right, what was not and what to do
next, names each diagnosed mistake with its explanation, and shows the student's own figure
(re-drawn from the captured data by :mod:`grader.formats.figures`). It reads each check's
``feedback`` text, which already leaves out the expected values the rubric hides; the JSON report
keeps the full messages for the instructor.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import quote

from grader.formats.execution import execution_notes
from grader.formats.report import write_atomic
from grader.quiz.grade import for_the_student
from grader.records import NOT_THE_ASSIGNMENT, CheckResult, QuizResult, Report, TaskResult

FEEDBACK_DIR = "feedback"
_MARK = {"pass": "✅", "partial": "🟡", "fail": "❌", "missing": "⬜", "error": "⚠️"}


def feedback_path(out_dir: Path, submission_id: str) -> Path:
    return out_dir / FEEDBACK_DIR / f"{submission_id}.md"


def write_feedback(out_dir: Path, report: Report, figures: Mapping[str, Sequence[str]] | None = None) -> Path:
    """Write the Markdown feedback; ``figures`` maps task id → image paths relative to ``feedback/``."""
    path = feedback_path(out_dir, report.submission.id)
    links = {
        task: [image_link(image, report.submission.id) for image in images] for task, images in (figures or {}).items()
    }
    write_atomic(path, feedback_markdown(report, links))
    return path


def image_link(image: str, submission_id: str) -> str:
    """The Markdown link target of an image at ``image`` (relative to ``feedback/``) from the feedback
    file of ``submission_id``, which lives in the id's folder: an LMS export's nested id
    (``Bob Jones_1002_/Homework 3 - Backprop``) links ``Homework%203%20-%20Backprop/descent-1-….png``,
    not the folder twice, and with its spaces escaped (a Markdown link ends at a space)."""
    relative = posixpath.relpath(image, posixpath.dirname(submission_id) or ".")
    return quote(relative)


def feedback_markdown(report: Report, figures: Mapping[str, Sequence[str]]) -> str:
    """The feedback text; ``figures`` maps task id → image link targets relative to the file."""
    lines = [f"# Feedback for {_inert(report.submission.id)}", ""]
    if report.status != "graded":
        lines += [
            "We could not grade this notebook, so no points were given yet:",
            "",
            f"> {_inert(report.message or 'unknown problem')}",
            "",
            "Fix that (the message says where) and submit again, or ask your instructor.",
        ]
        return "\n".join(lines) + "\n"
    lines += [f"**Score: {report.score:g} / {report.max_score:g}** — {_opening(report)}", ""]
    if NOT_THE_ASSIGNMENT in report.flags:
        lines += [
            "This notebook does not look like this assignment: none of the tasks' values were found in it, "
            "and next to nothing of the quiz. If you handed in the wrong file, hand in your assignment notebook.",
            "",
        ]
    notes = execution_notes(report.execution)
    if notes:
        lines += ["## When your notebook ran", ""]
        lines += [f"- {_inert(note)}" for note in notes]
        lines.append("")
    for task in report.tasks:
        lines += _task(task, figures.get(task.id, ()))
    if report.quiz is not None:
        lines += _quiz(report.quiz)
    lines += _next_steps(report)
    return "\n".join(lines).rstrip() + "\n"


def _inert(text: str) -> str:
    """Text that may come from the notebook (an exception's message, a file name, a variable's value) as
    Markdown that shows it and does nothing else. Feedback is read where Markdown may carry raw HTML
    (an LMS, GitHub): a student's ``raise ValueError("<img src=x onerror=…>")`` was embedded as HTML,
    and a newline in it could start a heading or end the list it was in."""
    text = " ".join(text.splitlines())
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _opening(report: Report) -> str:
    fraction = report.score / report.max_score if report.max_score else 0.0
    if fraction >= 1:
        return "everything checks out. Well done!"
    if fraction >= 0.75:
        return "most of it is right; the notes below show the few places to revisit."
    if fraction >= 0.4:
        return "a good part is right, and the notes below say what went wrong and how to fix it."
    return "there is work left to do; each note below says what the grader saw and where to start."


def _task(task: TaskResult, images: Sequence[str]) -> list[str]:
    lines = [f"## {task.title} — {task.score:g} / {task.max_score:g}", ""]
    for check in task.checks:
        lines.append(f"- {_MARK.get(check.status, '•')} **{check.id}** ({_points(check)}): {_text(check)}")
    lines.append("")
    conventions = [d for d in task.diagnoses if d.kind == "convention"]
    mistakes = [d for d in task.diagnoses if d.kind != "convention"]
    if mistakes:
        lines += ["**What went wrong, and how to fix it**", ""]
        lines += [f"- *{d.id.replace('_', ' ')}*: {_inert(d.message)}" for d in mistakes]
        lines.append("")
    if conventions:
        lines += [f"> Note — {_inert(d.message)}" for d in conventions]
        lines.append("")
    if task.variation is not None and task.variation.status == "inconsistent":
        lines += [f"> Note — re-run with other parameters, {_inert(task.variation.reason)}.", ""]
    for number, image in enumerate(images, start=1):
        lines += [f"![Your figure {number} for {task.title}]({image})", ""]
    return lines


def _points(check: CheckResult) -> str:
    return f"{check.score:g}/{check.max_score:g}"


def _text(check: CheckResult) -> str:
    text = check.feedback or check.message
    if check.override is not None:
        text += f" — reviewed by {check.override.by}: {check.override.comment}".rstrip(": ")
    return _inert(text)


def _quiz(quiz: QuizResult) -> list[str]:
    lines = [f"## Quiz — {quiz.score:g} / {quiz.max_score:g}", ""]
    for question in quiz.questions:
        head = f"- **{question.id}** ({question.score:g}/{question.max_score:g})"
        if not question.answer.strip():
            if question.override is not None:
                lines.append(f"{head}: " + _inert(f"reviewed by {question.override.by}: {question.override.comment}"))
            elif question.needs_review:
                lines.append(f"{head}: no answer found under this question; a person will read the rest of your text.")
            else:
                lines.append(f"{head}: no answer found — write it in the cell right below the question.")
            continue
        parts = []
        if question.concepts:
            parts.append("you covered " + ", ".join(_concept(c) for c in question.concepts))
        if question.missing and question.score < question.max_score:
            parts.append("think also about " + ", ".join(_concept(c) for c in question.missing))
        parts += for_the_student(question)
        if question.needs_review:
            parts.append("a person will read this answer before the grade is final")
        if question.override is not None:
            parts.append(f"reviewed by {question.override.by}: {question.override.comment}")
        lines.append(f"{head}: {_inert('; '.join(parts)) or 'answer found'}.")
    lines.append("")
    return lines


def _concept(concept_id: str) -> str:
    return concept_id.replace("_", " ")


def _next_steps(report: Report) -> list[str]:
    """One line per task with checks to revisit (one crashed cell fails a whole task's checks: five
    "Revisit" lines for one error read like five problems), the cell errors first: fixing those is
    what makes the rest gradable."""
    todo = {
        task.title: [check.id for check in task.checks if check.status in ("fail", "missing", "error", "partial")]
        for task in report.tasks
    }
    todo = {title: ids for title, ids in todo.items() if ids}
    quiz = report.quiz.questions if report.quiz is not None else ()
    unanswered = [q.id for q in quiz if not q.answer.strip() and q.override is None and not q.needs_review]
    if not todo and not unanswered:
        return []
    lines = ["## What to do next", ""]
    if todo and report.execution is not None and report.execution.errors:
        lines.append("1. Fix the errors listed under “When your notebook ran”: the checks after them depend on them.")
    for title, ids in todo.items():
        shown = ", ".join(ids[:5]) + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
        lines.append(f"1. Revisit {title}: {shown}.")
    if unanswered:
        lines.append(f"1. Answer the quiz: {', '.join(unanswered)} (each in the cell right below its question).")
    lines += ["", "Run `grader check` on your notebook to see these notes again before you resubmit.", ""]
    return lines

"""Gradescope's ``results.json`` for one submission, as the autograder specification documents it.

Top level: ``score``, ``execution_time``, ``output``, ``output_format``, ``tests``. Each check and
quiz question is a test with ``name``, ``number``, ``score``, ``max_score``, ``status``
(``passed``/``failed``), ``output`` and ``visibility``: public checks are ``visible``, hidden ones
``after_published`` (students see them once grades are released). ``output`` is each check's
student-facing feedback, so an expected value the rubric hides is never shown. The top ``output``
says, as feedback Markdown does, what went wrong while the notebook ran (:mod:`grader.formats.execution`).
"""

from __future__ import annotations

from typing import Any

from grader.formats.execution import execution_notes
from grader.formats.selfcheck import question_verdict
from grader.load.specs import Rubric
from grader.records import Report

VISIBILITY = {"public": "visible", "hidden": "after_published"}


def gradescope_results(report: Report, rubric: Rubric) -> dict[str, Any]:
    visibility = {(task.id, check.id): check.visibility for task in rubric.tasks for check in task.checks}
    tests: list[dict[str, Any]] = []
    for task_number, task in enumerate(report.tasks, start=1):
        for check_number, check in enumerate(task.checks, start=1):
            tests.append(
                {
                    "name": f"{task.title}: {check.id}",
                    "number": f"{task_number}.{check_number}",
                    "score": check.score,
                    "max_score": check.max_score,
                    "status": "passed" if check.status == "pass" else "failed",
                    "output": check.feedback or check.message,
                    "visibility": VISIBILITY[visibility.get((task.id, check.id), "public")],
                    "tags": [task.id, *(f"diagnosis:{d.id}" for d in task.diagnoses if check.id in d.checks)],
                }
            )
    if report.quiz is not None:
        for number, question in enumerate(report.quiz.questions, start=1):
            note = " A person will read this answer before the grade is final." if question.needs_review else ""
            status, detail = question_verdict(question)
            tests.append(
                {
                    "name": f"Quiz: {question.id}",
                    "number": f"{len(report.tasks) + 1}.{number}",
                    "score": question.score,
                    "max_score": question.max_score,
                    # as `grader check` says it: complete when every idea is there, whatever the points
                    "status": "passed" if status == "complete" else "failed",
                    "output": f"{detail[0].upper()}{detail[1:]}.{note}",
                    "visibility": "visible",
                    "tags": ["quiz"],
                }
            )
    diagnoses = [f"- {d.id.replace('_', ' ')}: {d.message}" for task in report.tasks for d in task.diagnoses]
    summary = [f"Score: {report.score:g} / {report.max_score:g}"]
    if report.status != "graded":
        summary.append(f"Your notebook could not be graded: {report.message}")
    notes = execution_notes(report.execution)
    if notes:
        summary += ["", "When your notebook ran:", *(f"- {note}" for note in notes)]
    if diagnoses:
        summary += ["", "What went wrong, and how to fix it:", *diagnoses]
    return {
        "score": report.score,
        "execution_time": round(report.execution.seconds) if report.execution is not None else 0,
        "output": "\n".join(summary),
        "output_format": "text",
        "tests": tests,
    }

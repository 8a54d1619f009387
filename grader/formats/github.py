"""GitHub Actions: annotations on the notebooks and a Markdown table in the job's step summary.

Student-controlled text (file names, their output, error messages) goes to the log too, and a log
line starting with ``::`` is a workflow command. So while the grader prints anything a student could
influence it has the runner ignore commands (``::stop-commands::<random token>``, GitHub's documented
mechanism), and every annotation it writes itself escapes its data and properties as GitHub specifies
(``%``, CR, LF; and ``:`` and ``,`` in properties).

The log, the annotations and the step summary are read by the pull request's author — the student.
So they show what ``grader check`` shows and no more: each check's ``feedback`` (never its
``message``, which holds the expected values a rubric hides with ``show_expected: false``), nothing of
a hidden check (``hidden``: ``task.check`` ids), and scores over the public checks and the quiz only.
Whether a submission is below ``--fail-under`` is judged on its full score, as the exit code is.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from grader.formats.summary import public_score, public_task_score
from grader.records import Report


def in_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


@contextmanager
def commands_stopped(stream: TextIO) -> Iterator[None]:
    """Within the block the runner treats no log line as a workflow command."""
    token = secrets.token_hex(16)
    print(f"::stop-commands::{token}", file=stream, flush=True)
    try:
        yield
    finally:
        print(f"::{token}::", file=stream, flush=True)


def workflow_annotations(
    reports: Sequence[Report], fail_under: float | None, hidden: Collection[str] = ()
) -> list[str]:
    """``::error``/``::warning`` lines pointing at each notebook that was not graded, failed public
    checks, or scored below ``fail_under``; ``hidden`` checks are left out."""
    lines = []
    for report in sorted(reports, key=lambda r: r.submission.id):
        where = f"file={escape_property(str(report.submission.path))}"
        name = report.submission.id
        if report.status != "graded":
            title = escape_property(f"{name}: not graded ({report.status})")
            lines.append(f"::error {where},title={title}::{escape_data(report.message or '')}")
            continue
        failing = [
            f"{task.id}.{check.id}: {check.feedback or check.message}"
            for task in report.tasks
            for check in task.checks
            if check.status != "pass" and f"{task.id}.{check.id}" not in hidden
        ]
        below = fail_under is not None and report.score < fail_under
        if not failing and not below:
            continue
        level = "error" if below else "warning"
        score, most = public_score(report, hidden)
        title = escape_property(f"{name}: {score:g}/{most:g}" + (" (below the pass mark)" if below else ""))
        body = "\n".join(failing[:10]) or "below the pass mark"
        lines.append(f"::{level} {where},title={title}::{escape_data(body)}")
    return lines


def step_summary(reports: Sequence[Report], fail_under: float | None, hidden: Collection[str] = ()) -> str:
    """A Markdown table for ``$GITHUB_STEP_SUMMARY`` (cells escaped so a name cannot break the table);
    scores leave out the ``hidden`` checks."""
    task_ids = list(dict.fromkeys(task.id for report in reports for task in report.tasks))
    header = ["submission", "score", *task_ids, "quiz", "status"]
    lines = ["## Grading results", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for report in sorted(reports, key=lambda r: r.submission.id):
        tasks = {task.id: "{:g}/{:g}".format(*public_task_score(task, hidden)) for task in report.tasks}
        quiz = f"{report.quiz.score:g}/{report.quiz.max_score:g}" if report.quiz is not None else ""
        below = report.status == "graded" and fail_under is not None and report.score < fail_under
        ok = report.status == "graded" and not below
        words = report.status if report.status != "graded" else ", ".join(report.flags) or "graded"
        # the pass mark is judged on the full score, which the table does not show when checks are
        # hidden: each row says which side of it the submission is on
        if fail_under is not None and report.status == "graded":
            words += ", below the pass mark" if below else ", passes"
        status = ("✅ " if ok else "❌ ") + words
        score, most = public_score(report, hidden)
        cells = [report.submission.id, f"{score:g}/{most:g}", *(tasks.get(t, "") for t in task_ids)]
        lines.append("| " + " | ".join(_cell(cell) for cell in [*cells, quiz, status]) + " |")
    if hidden:
        lines += [
            "",
            f"Scores count the public checks and the quiz; {len(hidden)} hidden checks are graded but not shown.",
        ]
    if fail_under is not None:
        whole = " (on the full score, hidden checks included)" if hidden else ""
        lines += ["", f"Pass mark: {fail_under:g}{whole}."]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


def append_step_summary(text: str) -> Path | None:
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return None
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(text)
    return Path(target)

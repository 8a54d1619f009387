"""The short terminal summary printed after ``grader grade``: a line per submission and the totals."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from grader.records import Report, TaskResult


def unsandboxed(reports: Sequence[Report]) -> list[Report]:
    """Reports whose notebook ran without the bwrap sandbox (``execution.sandbox == "none"``)."""
    return [r for r in reports if r.execution is not None and r.execution.sandbox == "none"]


def sandbox_warning(count: int, total: int) -> str:
    """What the summary, the dashboard and ``grader grade``'s stderr say when code ran unconfined."""
    return (
        f"WARNING: {count} of {total} submissions ran WITHOUT the bwrap sandbox: their code could read and "
        "write whatever the grading user can (other submissions, reports, the cache) and reach the network; "
        "grade untrusted notebooks with bubblewrap installed (--sandbox bwrap refuses to run without it)"
    )


def summary_lines(reports: Sequence[Report], hidden: Collection[str] = (), out_dir: str = "OUT_DIR") -> list[str]:
    """The lines for the terminal; with ``hidden`` (``task.check`` ids) the scores leave those checks
    out, for a log that students read (a pull request's CI run). ``out_dir`` names the output folder
    in the hint to review."""
    if not reports:
        return ["no submissions found"]
    width = max(len(printable(report.submission.id)) for report in reports)
    lines = []
    for report in sorted(reports, key=lambda r: r.submission.id):
        ok = report.status == "graded"
        verdict = "{:g}/{:g}".format(*public_score(report, hidden)) if ok else report.status.upper()
        details = ", ".join(report.flags)
        if report.status != "graded" and report.message:
            details = report.message.splitlines()[0]
        # a file name is the student's: a newline in it must not forge a line of this summary
        lines.append(f"{printable(report.submission.id):<{width}}  {verdict:>9}  {printable(details)}".rstrip())
    graded = [r for r in reports if r.status == "graded"]
    total = f"{len(graded)} of {len(reports)} submissions graded"
    if graded:
        scores = [public_score(r, hidden) for r in graded]
        mean = sum(score for score, _ in scores) / len(scores)
        total += f", mean {mean:.3g}/{scores[0][1]:g}"
    failed = len(reports) - len(graded)
    if failed:
        total += f"; {failed} could not be graded"
    review = sum(r.quiz.needs_review for r in graded if r.quiz is not None)
    if review:
        answers = "quiz answer needs" if review == 1 else "quiz answers need"
        total += f"; {review} {answers} review (grader review {out_dir})"
    if bare := unsandboxed(reports):
        lines.append(sandbox_warning(len(bare), len(reports)))
    lines.append(total)  # last: --quiet prints only this line
    return lines


def printable(text: str) -> str:
    """``text`` with control characters (newlines, escape sequences) shown as escapes, not acted on."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def public_task_score(task: TaskResult, hidden: Collection[str]) -> tuple[float, float]:
    shown = [check for check in task.checks if f"{task.id}.{check.id}" not in hidden]
    return sum(check.score for check in shown), sum(check.max_score for check in shown)


def public_score(report: Report, hidden: Collection[str]) -> tuple[float, float]:
    """Score and maximum without the ``hidden`` checks: what a student may know of the grade before
    grades are published (the quiz counts in full; it has no hidden part)."""
    if not hidden:
        return report.score, report.max_score
    tasks = [public_task_score(task, hidden) for task in report.tasks]
    quiz = (report.quiz.score, report.quiz.max_score) if report.quiz is not None else (0.0, 0.0)
    return sum(t[0] for t in tasks) + quiz[0], sum(t[1] for t in tasks) + quiz[1]

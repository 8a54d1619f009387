"""The short terminal summary printed after ``grader grade``: a line per submission and the totals."""

from __future__ import annotations

from collections.abc import Sequence

from grader.records import Report


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


def summary_lines(reports: Sequence[Report]) -> list[str]:
    if not reports:
        return ["no submissions found"]
    width = max(len(report.submission.id) for report in reports)
    lines = []
    for report in sorted(reports, key=lambda r: r.submission.id):
        ok = report.status == "graded"
        verdict = f"{report.score:g}/{report.max_score:g}" if ok else report.status.upper()
        details = ", ".join(report.flags)
        if report.status != "graded" and report.message:
            details = report.message.splitlines()[0]
        lines.append(f"{report.submission.id:<{width}}  {verdict:>9}  {details}".rstrip())
    graded = [r for r in reports if r.status == "graded"]
    total = f"{len(graded)} of {len(reports)} submissions graded"
    if graded:
        mean = sum(r.score for r in graded) / len(graded)
        total += f", mean {mean:.3g}/{graded[0].max_score:g}"
    failed = len(reports) - len(graded)
    if failed:
        total += f"; {failed} could not be graded"
    review = sum(r.quiz.needs_review for r in graded if r.quiz is not None)
    if review:
        total += f"; {review} quiz answers need review (grader review OUT_DIR)"
    if bare := unsandboxed(reports):
        lines.append(sandbox_warning(len(bare), len(reports)))
    lines.append(total)  # last: --quiet prints only this line
    return lines

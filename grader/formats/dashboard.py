"""``report.html``: the instructor's dashboard, one self-contained static page.

No network and no script: styles are inline and every picture is a PNG data URI, so the page works
from a ``file://`` URL, in an email or an archive. The class overview (histogram of totals, pass rate
per check, how often each diagnosis occurred, quiz answers to review, a table of submissions) comes
first, then a section per student with every check, diagnosis and quiz answer, and for each sequence
check (Task 1's trajectory) the student's values plotted over the reference's. Rendered from a Jinja2
template with autoescaping (student text cannot inject markup); plots drawn with matplotlib.
"""

from __future__ import annotations

import base64
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from grader.formats.figures import draw_overlays
from grader.formats.report import write_atomic
from grader.formats.review import possible_copying, review_groups, review_queue
from grader.formats.summary import sandbox_warning, unsandboxed
from grader.load.specs import Rubric
from grader.records import Report
from grader.version import __version__

FILENAME = "report.html"


def dashboard_html(reports: Sequence[Report], rubric: Rubric, plots: dict[tuple[str, str], list[str]]) -> str:
    ordered = sorted(reports, key=lambda r: r.submission.id)
    graded = [r for r in ordered if r.status == "graded"]
    scores = [r.score for r in graded]
    environment = Environment(loader=PackageLoader("grader", "templates"), autoescape=select_autoescape(default=True))
    return environment.get_template("dashboard.html.j2").render(
        title=rubric.title,
        version=__version__,
        rubric_sha=rubric.sha256,
        reports=ordered,
        graded=graded,
        ungraded=[r for r in ordered if r.status != "graded"],
        mean=statistics.fmean(scores) if scores else 0.0,
        median=statistics.median(scores) if scores else 0.0,
        max_score=rubric.max_score,
        histogram=_histogram(scores, rubric.max_score) if scores else "",
        pass_rates=_pass_rates(graded, rubric),
        diagnoses=_diagnoses(graded),
        review=_review(graded),
        copying=_copying(graded),
        task_ids=[task.id for task in rubric.tasks],
        task_scores={r.submission.id: {t.id: f"{t.score:g}" for t in r.tasks} for r in ordered},
        anchors={r.submission.id: _anchor(r.submission.id) for r in ordered},
        plots=plots,
        sandbox_warning=sandbox_warning(len(bare), len(ordered)) if (bare := unsandboxed(ordered)) else "",
    )


def write_dashboard(out_dir: Path, reports: Sequence[Report], rubric: Rubric, figures: bool = True) -> Path:
    """Embed each student's sequence-over-reference plot, drawn by the grading worker (or now, if missing);
    without ``figures`` the page has the histogram only."""
    plots: dict[tuple[str, str], list[str]] = {}
    for report in reports if figures else ():
        for task_id, path in draw_overlays(out_dir, report, rubric).items():
            plots[(report.submission.id, task_id)] = [base64.b64encode(path.read_bytes()).decode("ascii")]
    path = out_dir / FILENAME
    write_atomic(path, dashboard_html(reports, rubric, plots))
    return path


def _anchor(submission_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", submission_id)


def _pass_rates(graded: Sequence[Report], rubric: Rubric) -> list[dict[str, Any]]:
    rows = []
    for task in rubric.tasks:
        for check in task.checks:
            statuses = [
                c.status for r in graded for t in r.tasks if t.id == task.id for c in t.checks if c.id == check.id
            ]
            passed = sum(status == "pass" for status in statuses)
            total = len(statuses)
            rows.append(
                {
                    "key": f"{task.id}.{check.id}",
                    "task": task.id,
                    "check": check.id,
                    "passed": passed,
                    "total": total,
                    "rate": passed / total if total else 0.0,
                }
            )
    return rows


def _diagnoses(graded: Sequence[Report]) -> list[dict[str, Any]]:
    counts: Counter[tuple[str, str, str]] = Counter(
        (task.id, d.id, d.kind)
        for r in graded
        for task in r.tasks
        for d in {(d.id, d.kind): d for d in task.diagnoses}.values()
    )
    return [
        {"task": task, "id": ident, "kind": kind, "count": count}
        for (task, ident, kind), count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def _review(graded: Sequence[Report]) -> list[dict[str, Any]]:
    """One row per answer to review, with its text and its answer group (members decided together)."""
    groups = review_groups(review_queue(graded))
    return [
        {
            "submission": submission,
            "anchor": _anchor(submission),
            "question": question.id,
            "group": group.id,
            "group_size": len(group.members),
            "score": question.score,
            "max_score": question.max_score,
            "reasons": "; ".join(question.reasons),
            "answer": question.answer,
        }
        for question_groups in groups.values()
        for group in question_groups
        for submission, question in group.members
    ]


def _copying(graded: Sequence[Report]) -> list[dict[str, Any]]:
    return [
        {
            "question": group.question,
            "submissions": [submission for submission, _ in group.members],
            "answer": group.members[0][1].answer,
        }
        for group in possible_copying(graded)
    ]


def _histogram(scores: Sequence[float], max_score: float) -> Markup:
    """The totals' histogram as inline SVG: whole-number counts on its axis (a chart drawn with
    matplotlib showed 0.5 submissions), a tooltip per bar, and no plotting library loaded by the
    process that writes the page (≈0.8 s of a batch's last, single-core second)."""
    bins = min(20, max(5, int(max_score) // 2 or 5))
    step = max_score / bins if max_score > 0 else 1.0
    counts = [0] * bins
    for score in scores:
        counts[min(bins - 1, max(0, int(score // step)))] += 1
    tallest = max(counts) or 1
    width, height, left, right, top, bottom = 480, 208, 44, 12, 26, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    bar = plot_w / bins
    parts = [
        f'<svg id="histogram" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="Histogram of total scores" '
        'font-family="sans-serif" font-size="11">',
        f'<text x="{left + plot_w / 2:.1f}" y="16" text-anchor="middle" font-size="13">Score distribution</text>',
    ]
    ticks = max(1, -(-tallest // 4))
    for count in range(0, tallest + 1, ticks):
        y = top + plot_h - plot_h * count / tallest
        parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{count}</text>')
    for index, count in enumerate(counts):
        if count:
            bar_h = plot_h * count / tallest
            low, high = index * step, (index + 1) * step
            parts.append(
                f'<rect x="{left + index * bar + 1:.1f}" y="{top + plot_h - bar_h:.1f}" width="{bar - 2:.1f}" '
                f'height="{bar_h:.1f}" fill="#2da44e"><title>{low:g}–{high:g}: {count}</title></rect>'
            )
    for quarter in range(5):
        x = left + plot_w * quarter / 4
        parts.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 15}" text-anchor="middle">{max_score * quarter / 4:g}</text>'
        )
    parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#555"/>')
    parts.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 6}" text-anchor="middle">total score</text>')
    parts.append(
        f'<text transform="translate(12 {top + plot_h / 2:.1f}) rotate(-90)" text-anchor="middle">submissions</text>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))

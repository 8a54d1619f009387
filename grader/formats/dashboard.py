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
import io
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

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


def _png(figure: Any) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _histogram(scores: Sequence[float], max_score: float) -> str:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6, 2.6), dpi=80)
    ax = figure.add_subplot()
    bins = min(20, max(5, int(max_score) // 2 or 5))
    ax.hist(scores, bins=bins, range=(0, max_score), color="#2da44e", edgecolor="white")
    ax.set_xlabel("total score")
    ax.set_ylabel("submissions")
    ax.set_title("Score distribution")
    figure.subplots_adjust(left=0.1, bottom=0.2, right=0.98, top=0.87)
    return _png(figure)

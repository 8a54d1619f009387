"""Re-draw a student's figure from the data the kernel captured, in the grader process.

The kernel never renders a PNG (that is most of the cost of a matplotlib cell): the figure crosses as
numbers and labels, and it is drawn here only where a feedback file or the dashboard shows it. The
drawing uses no student code, only :class:`grader.run.probe.Figure` data.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from grader.formats.report import write_atomic
from grader.load.specs import Rubric
from grader.records import Figure, Report
from grader.run.probe import figure_to_dict

#: Where a report's figures go, next to its feedback file.
FIGURES_DIR = "feedback"


def figure_files(out_dir: Path, report: Report) -> dict[str, list[tuple[Path, Figure]]]:
    """task id → (PNG path, figure). Names carry a hash of the figure's data, so an unchanged figure is
    never drawn twice and a changed one never shows a stale picture."""
    files: dict[str, list[tuple[Path, Figure]]] = {}
    for task in report.tasks:
        for number, figure in enumerate(task.figures, start=1):
            digest = hashlib.sha256(json.dumps(figure_to_dict(figure), sort_keys=True).encode()).hexdigest()[:10]
            path = out_dir / FIGURES_DIR / report.submission.id / f"{task.id}-{number}-{digest}.png"
            files.setdefault(task.id, []).append((path, figure))
    return files


def draw_figures(out_dir: Path, report: Report) -> dict[str, list[str]]:
    """Draw the report's figures that are not on disk yet; return their paths relative to feedback/."""
    drawn: dict[str, list[str]] = {}
    for task_id, items in figure_files(out_dir, report).items():
        for path, figure in items:
            if not path.exists():
                _write_png(path, render_png(figure))
            drawn.setdefault(task_id, []).append(path.relative_to(out_dir / FIGURES_DIR).as_posix())
    return drawn


def render_png(figure: Figure, overlay: Sequence[tuple[str, Sequence[float], Sequence[float]]] = ()) -> bytes:
    """The figure as PNG bytes; ``overlay`` adds labelled reference series (label, x, y) to the first axes."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib.figure import Figure as MplFigure

    canvas_figure = MplFigure(figsize=(5.0, 3.4), dpi=80)
    count = max(1, len(figure.axes))
    for index, data in enumerate(figure.axes or ()):
        ax = canvas_figure.add_subplot(1, count, index + 1)
        for line in data.lines:
            if line.kind == "scatter":
                ax.scatter(line.x, line.y, s=12)
            else:
                ax.plot(line.x, line.y, marker="o", markersize=3)
        if index == 0:
            for label, xs, ys in overlay:
                ax.plot(xs, ys, linestyle="--", color="black", linewidth=1, label=label)
            if overlay:
                ax.legend(fontsize=7)
        ax.set_title(data.title, fontsize=9)
        ax.set_xlabel(data.xlabel, fontsize=8)
        ax.set_ylabel(data.ylabel, fontsize=8)
    if figure.suptitle:
        canvas_figure.suptitle(figure.suptitle, fontsize=10)
    canvas_figure.subplots_adjust(left=0.16, bottom=0.16, right=0.97, top=0.86, wspace=0.35)
    buffer = io.BytesIO()
    canvas_figure.savefig(buffer, format="png")
    return buffer.getvalue()


def overlay_png(report: Report, task_id: str, rubric: Rubric) -> bytes | None:
    """The student's values of the task's first pairs/sequence check over the reference's (f(x) per step)."""
    task = next((t for t in report.tasks if t.id == task_id), None)
    spec = next((t for t in rubric.tasks if t.id == task_id), None)
    check_spec = next((c for c in spec.checks if c.compare in ("pairs", "sequence")), None) if spec else None
    if task is None or spec is None or check_spec is None:
        return None
    result = next((c for c in task.checks if c.id == check_spec.id), None)
    actual = _series(result.actual if result is not None else None, check_spec.compare)
    expected = _series(spec.expected[check_spec.quantity], check_spec.compare)
    if not actual:
        return None
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib.figure import Figure as MplFigure

    figure = MplFigure(figsize=(5, 2.6), dpi=80)
    ax = figure.add_subplot()
    ax.plot(range(1, len(expected) + 1), expected, "--", color="black", linewidth=1, label="reference")
    ax.plot(range(1, len(actual) + 1), actual, "o-", markersize=3, color="#0969da", label=report.submission.id[:30])
    ax.set_xlabel("step")
    ax.set_ylabel(check_spec.label or ("f(x)" if check_spec.compare == "pairs" else check_spec.quantity))
    ax.set_title(f"{check_spec.id}: yours vs the reference")
    ax.legend(fontsize=7)
    figure.subplots_adjust(left=0.14, bottom=0.2, right=0.97, top=0.87)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def draw_overlays(out_dir: Path, report: Report, rubric: Rubric) -> dict[str, Path]:
    """task id → PNG of the student's sequence over the reference, drawn only if not on disk yet."""
    drawn = {}
    for task in report.tasks:
        spec = next(
            (c for t in rubric.tasks if t.id == task.id for c in t.checks if c.compare in ("pairs", "sequence")), None
        )
        result = next((c for c in task.checks if spec is not None and c.id == spec.id), None)
        if spec is None or result is None or not isinstance(result.actual, list):
            continue
        digest = hashlib.sha256(json.dumps([result.actual, rubric.sha256], default=str).encode()).hexdigest()[:10]
        path = out_dir / FIGURES_DIR / report.submission.id / f"{task.id}-{spec.id}-{digest}.png"
        if not path.exists():
            image = overlay_png(report, task.id, rubric)
            if image is None:
                continue
            _write_png(path, image)
        drawn[task.id] = path
    return drawn


def _write_png(path: Path, image: bytes) -> None:
    """Write under a temporary name and rename, so a reader never sees half a picture."""
    write_atomic(path, image)


def _series(value: Any, compare: str) -> list[float]:
    """The plotted numbers: f(x) of each (x, f(x)) pair, or the sequence itself; non-numbers skipped."""
    if not isinstance(value, list):
        return []
    items = [item[1] if compare == "pairs" and isinstance(item, list) and len(item) == 2 else item for item in value]
    return [float(item) for item in items if isinstance(item, (int, float)) and not isinstance(item, bool)][:1000]

"""Re-draw a student's figure from the data the kernel captured, in the grader process.

The kernel never renders a PNG (that is most of the cost of a matplotlib cell): the figure crosses as
numbers and labels, and it is drawn here only where a feedback file or the dashboard shows it. The
drawing uses no student code, only :class:`grader.probe.Figure` data.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Sequence
from pathlib import Path

from grader.probe import Figure, figure_to_dict
from grader.records import Report

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
                path.parent.mkdir(parents=True, exist_ok=True)
                temporary = path.with_suffix(".tmp")
                temporary.write_bytes(render_png(figure))
                os.replace(temporary, path)
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

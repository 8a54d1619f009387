"""Compare stage for figures: does the student's plot show the descent, and is it labelled?

The kernel sends figures as data (:class:`grader.run.probe.Figure`); this module only reads numbers and
strings, in the grader process. A plot check passes its data part when some plotted line (or scatter)
has the expected values within tolerance — drawn against the iteration number (from 0 or 1) or against
the quantity named by ``along`` — and earns the rest for each required title and axis label.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from grader.judge.compare import close
from grader.load.specs import CheckSpec
from grader.records import Figure, Line

#: Share of a plot check's points that the data earns; the requirements share the rest.
DATA_SHARE = 0.5
#: Credit for a plot whose line decreases over the iterations but is not f along the student's descent
#: (the wrong function plotted, say): it visualizes a decrease, as the task asks, but not the right one.
SHAPE_CREDIT = 0.5
_LABELS = {"title": "title", "xlabel": "x-axis label", "ylabel": "y-axis label"}


@dataclass(frozen=True, slots=True)
class PlotVerdict:
    score: float
    #: labels the figure lacks, in the rubric's order
    lacking: tuple[str, ...]
    message: str


def data_matches(check: CheckSpec, figures: Sequence[Figure], expected: Mapping[str, Any]) -> bool:
    """Whether any plotted series shows ``expected[check.quantity]`` (against an index or ``along``)."""
    ys = expected.get(check.quantity)
    if not isinstance(ys, list):
        return False
    along = expected.get(check.along) if check.along else None
    return any(_line_matches(check, line, ys, along) for line in _lines(figures))


def window_matches(
    check: CheckSpec, figures: Sequence[Figure], ys: Sequence[float], along: Sequence[float] | None
) -> bool:
    """Whether some plotted series shows a stretch of the descent, the way students draw it: ``ys``
    (and ``along``) start at the starting point and run past the last step; a line may begin at the
    start or after the first update, stop early, and be drawn against the iteration number (from 0 or
    1) or against the iterates themselves (the curve of f with their points on it)."""
    for line in _lines(figures):
        n = len(line.y)
        if n < 3:
            continue
        for offset in (0, 1):
            window = list(ys[offset : offset + n])
            if len(window) != n or not _series_close(check, line.y, window):
                continue
            xs = [[float(i) for i in range(first, first + n)] for first in {0, 1, offset}]
            if along is not None:
                xs.append([float(v) for v in along[offset : offset + n]])
            if any(_series_close(check, line.x, candidate) for candidate in xs):
                return True
    return False


def decreasing_line(figures: Sequence[Figure]) -> bool:
    """Whether some line of at least three points falls from its first value to its last without ever
    rising: a plot that shows *a* quantity decreasing over iterations (if not f along the descent)."""
    for line in _lines(figures):
        ys = line.y
        if len(ys) >= 3 and ys[-1] < ys[0] and all(b <= a for a, b in pairwise(ys)):
            xs = line.x
            if all(b > a for a, b in pairwise(xs)):  # drawn against the iterations
                return True
    return False


def _lines(figures: Sequence[Figure]) -> list[Line]:
    return [line for figure in figures for ax in figure.axes for line in ax.lines]


def _line_matches(check: CheckSpec, line: Line, ys: list[float], along: Any) -> bool:
    if not _series_close(check, line.y, ys):
        return False
    indices = [[float(i) for i in range(len(ys))], [float(i + 1) for i in range(len(ys))]]
    candidates = indices + ([[float(v) for v in along]] if isinstance(along, list) else [])
    return any(_series_close(check, line.x, xs) for xs in candidates)


def _series_close(check: CheckSpec, got: Sequence[float], want: Sequence[float]) -> bool:
    return len(got) == len(want) and all(close(a, b, check.rtol, check.atol) for a, b in zip(got, want, strict=True))


def lacking_labels(check: CheckSpec, figures: Sequence[Figure]) -> tuple[str, ...]:
    """Required labels that no axes of the figures has (a figure title counts as a title)."""
    present = {
        "title": any(figure.suptitle.strip() or any(ax.title.strip() for ax in figure.axes) for figure in figures),
        "xlabel": any(ax.xlabel.strip() for figure in figures for ax in figure.axes),
        "ylabel": any(ax.ylabel.strip() for figure in figures for ax in figure.axes),
    }
    return tuple(item for item in check.requires if not present[item])


def judge_plot(check: CheckSpec, figures: Sequence[Figure], data_credit: float, carried: bool = False) -> PlotVerdict:
    """Points for a figure whose data earned ``data_credit`` (1 right, a mistake's credit, or 0);
    ``carried``: the line is right for the student's own (wrong) values."""
    shape = data_credit <= 0 and decreasing_line(figures)
    if shape:
        data_credit = SHAPE_CREDIT
    lacking = lacking_labels(check, figures)
    share = DATA_SHARE if check.requires else 1.0
    labels = (1.0 - share) * (len(check.requires) - len(lacking)) / len(check.requires) if check.requires else 0.0
    score = check.points * (share * data_credit + labels)
    count = sum(len(figure.axes) for figure in figures)
    what = f"{len(figures)} figure{'s' if len(figures) != 1 else ''} ({count} axes)"
    shown = check.label or "f(x)"  # the rubric's words for the line and what it follows (Task 1's by default)
    run = check.along_label or "the descent"
    own = run.removeprefix("the ").removeprefix("your ")
    if data_credit >= 1.0 and carried:
        data = f"{what}: a line shows {shown} along your own {own} (error carried forward)"
    elif data_credit >= 1.0:
        data = f"{what}: a line shows {shown} along {run}"
    elif shape:
        data = f"{what}: a line decreases over the iterations, but its values are not {shown} along your own {own}"
    elif data_credit > 0:
        data = f"{what}: the plotted values follow your (mistaken) {own}"
    else:
        data = f"{what}, but no line shows {shown} along {run}"
    missing = f"; it has no {', no '.join(_LABELS[item] for item in lacking)}" if lacking else ""
    return PlotVerdict(round(score, 10), lacking, data + missing)

"""Gradient descent in one variable, as Task 1 asks students to simulate it — and as students get it wrong.

The trajectory records ``(x, f(x))`` *after* each update, which is what the seed solution appends to
``history``. ``record`` gives the other readings of "keep the history" (with the starting point first,
or the point *before* each update), and ``mistake`` switches on a well-known error, so the grader can
recognise a student's values as a convention or a misconception instead of only as "wrong".
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

#: Ways of recording the trajectory: after each update (the task's wording), the start then after each
#: update (one more entry), or before each update (the start, but not the last point).
RECORDS = ("after", "with_start", "before_update")
#: Misconceptions that change the update rule itself.
DESCENT_MISTAKES = ("gradient_sign", "derivative_missing_factor_2")


@dataclass(frozen=True, slots=True)
class DescentRun:
    """Every quantity a grader may check for Task 1."""

    x0: float
    lr: float
    steps: int
    #: ``(x0, f(x0))``: the point a history may or may not begin with
    start: tuple[float, float]
    trajectory: tuple[tuple[float, float], ...]
    xs: tuple[float, ...]
    fs: tuple[float, ...]
    final_x: float
    final_f: float


def gradient_descent(
    f: Callable[[float], float],
    df: Callable[[float], float],
    x0: float,
    lr: float,
    steps: int,
    record: str = "after",
    sign: float = -1.0,
) -> DescentRun:
    """Run ``steps`` updates ``x ← x + sign·lr·f′(x)`` from ``x0`` (``sign = −1`` is descent)."""
    if steps < 0:
        raise ValueError(f"steps must be non-negative, got {steps}")
    if record not in RECORDS:
        raise ValueError(f"record must be one of {', '.join(RECORDS)}, got {record!r}")
    x = np.float64(x0)
    points = [(float(x), float(f(float(x))))]
    for _ in range(int(steps)):
        x = x + np.float64(sign) * np.float64(lr) * np.float64(df(float(x)))
        points.append((float(x), float(f(float(x)))))
    trajectory = {"after": points[1:], "with_start": points, "before_update": points[:-1]}[record]
    return DescentRun(
        x0=float(x0),
        lr=float(lr),
        steps=int(steps),
        start=points[0],
        trajectory=tuple(trajectory),
        xs=tuple(point[0] for point in trajectory),
        fs=tuple(point[1] for point in trajectory),
        final_x=float(x),
        final_f=float(f(float(x))),
    )


def course_function(x: float) -> float:
    """f(x) = x² + 4, the function of Task 1."""
    return x**2 + 4.0


def course_derivative(x: float) -> float:
    """f′(x) = 2x."""
    return 2.0 * x


def descent_on_course_function(
    x0: float = 10.0, lr: float = 0.1, steps: int = 30, record: str = "after", mistake: str | None = None
) -> DescentRun:
    """Task 1 with the course's function; the rubric chooses ``x0``, ``lr`` and ``steps``.

    ``mistake="gradient_sign"`` climbs (``x + lr·f′``); ``"derivative_missing_factor_2"`` uses f′(x) = x.
    """
    if mistake is not None and mistake not in DESCENT_MISTAKES:
        raise ValueError(f"unknown descent mistake {mistake!r} (known: {', '.join(DESCENT_MISTAKES)})")
    derivative = (lambda x: x) if mistake == "derivative_missing_factor_2" else course_derivative
    sign = 1.0 if mistake == "gradient_sign" else -1.0
    return gradient_descent(course_function, derivative, x0, lr, steps, record, sign)


def fit_descent(values: Mapping[str, Any], params: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters a student's trajectory implies, for the wrong-parameter diagnoses.

    On f(x) = x² + 4 every update multiplies x by ``r = 1 − 2·lr``, so two consecutive points give the
    learning rate, the first one the start, and the length the number of steps (all read under the
    ``record`` convention in ``params``). Returns only what could be inferred: an empty mapping for a
    trajectory too short, non-numeric, or not geometric.
    """
    trajectory = values.get("trajectory")
    if not isinstance(trajectory, Sequence) or len(trajectory) < 3:
        return {}
    try:
        xs = [float(point[0]) for point in trajectory]
    except (TypeError, ValueError, IndexError, KeyError):
        return {}
    if not all(math.isfinite(x) for x in xs) or xs[0] == 0.0:
        return {}
    ratio = xs[1] / xs[0]
    record = str(params.get("record", "after"))
    fitted: dict[str, Any] = {}
    if ratio < 1.0:  # a rate ≤ 0 climbs: that is the sign mistake, not a wrong rate
        fitted["lr"] = (1.0 - ratio) / 2.0
    if ratio != 0.0:
        fitted["x0"] = xs[0] if record in ("with_start", "before_update") else xs[0] / ratio
    fitted["steps"] = len(xs) - 1 if record == "with_start" else len(xs)
    return fitted

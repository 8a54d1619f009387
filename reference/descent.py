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
from typing import Any, TypeGuard

import numpy as np

#: Ways of recording the trajectory: after each update (the task's wording), the start then after each
#: update (one more entry), or before each update (the start, but not the last point).
RECORDS = ("after", "with_start", "before_update")
#: Misconceptions that change the update rule itself.
DESCENT_MISTAKES = ("gradient_sign", "derivative_missing_factor_2", "gradient_plus_constant", "gradient_computed_once")


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


#: Most steps a reference run takes (about 0.3 s): a rubric's ``steps: 1e9`` or a student's stated
#: ``steps = 10**9`` must not stall the grader, which evaluates the reference at the student's values.
MAX_STEPS = 100_000


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
    if not 0 <= steps <= MAX_STEPS:
        raise ValueError(f"steps must be between 0 and {MAX_STEPS:,}, got {steps:g}")
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


def _along(f: Callable[[float], float], xs: list[float], lr: float) -> DescentRun:
    """The run whose iterates are ``xs`` (the first taken as the start), whatever rule produced them."""
    if not xs:
        raise ValueError("given xs must hold at least one iterate")
    points = tuple((x, float(f(x))) for x in xs)
    return DescentRun(
        x0=xs[0],
        lr=float(lr),
        steps=len(xs) - 1,
        start=points[0],
        trajectory=points,
        xs=tuple(xs),
        fs=tuple(point[1] for point in points),
        final_x=xs[-1],
        final_f=points[-1][1],
    )


def course_function(x: float) -> float:
    """f(x) = x² + 4, the function of Task 1."""
    return x**2 + 4.0


def course_derivative(x: float) -> float:
    """f′(x) = 2x."""
    return 2.0 * x


def descent_on_course_function(
    x0: float = 10.0,
    lr: float = 0.1,
    steps: int = 30,
    record: str = "after",
    mistake: str | None = None,
    given: Mapping[str, Sequence[float]] | None = None,
) -> DescentRun:
    """Task 1 with the course's function; the rubric chooses ``x0``, ``lr`` and ``steps``.

    ``mistake="gradient_sign"`` climbs (``x + lr·f′``); ``"derivative_missing_factor_2"`` uses f′(x) = x,
    ``"gradient_plus_constant"`` 2x + 4 (the constant differentiated to itself), ``"gradient_computed_once"``
    the slope at the start, computed once before the loop.
    ``given={"xs": [...]}`` takes the iterates as a student computed them (error carried forward: what
    f is along *their* descent, for a plot of it), in the order given.
    """
    if mistake is not None and mistake not in DESCENT_MISTAKES:
        raise ValueError(f"unknown descent mistake {mistake!r} (known: {', '.join(DESCENT_MISTAKES)})")
    if given:
        unknown = set(given) - {"xs"}
        if unknown:
            raise ValueError(f"cannot fix {', '.join(sorted(unknown))} (fixable: xs)")
        return _along(course_function, [float(x) for x in given["xs"]], lr)
    derivative = course_derivative
    if mistake == "derivative_missing_factor_2":
        derivative = lambda x: x  # noqa: E731
    if mistake == "gradient_plus_constant":  # 2x + 4: no longer a descent that shrinks x by a fixed ratio
        derivative = lambda x: 2.0 * x + 4.0  # noqa: E731
    if mistake == "gradient_computed_once":  # grad = 2 * x0 before the loop: steps of a fixed size
        derivative = lambda x: course_derivative(x0)  # noqa: E731
    sign = 1.0 if mistake == "gradient_sign" else -1.0
    return gradient_descent(course_function, derivative, x0, lr, steps, record, sign)


def fit_descent(values: Mapping[str, Any], params: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters a student's descent implies, under the hypothesis ``params`` describes.

    On f(x) = x² + 4 every update multiplies x by a constant ratio ``r``: ``1 − 2·lr`` for gradient
    descent, ``1 + 2·lr`` with the sign mistake, ``1 − lr`` with the derivative missing its factor 2
    (and ``1 − 2·lr`` for x + 2 with the derivative 2x + 4).
    So two consecutive iterates give the learning rate under each hypothesis, the first one the start,
    and the length the number of steps (read under the ``record`` convention in ``params``).

    ``values`` holds the student's iterates as ``xs`` (or, from older callers, ``trajectory`` pairs),
    and may hold the start ``x0`` and rate ``lr`` read from their own code: those win over the fit, so
    a student whose code says ``lr = 0.1`` but whose steps halve as if it were 0.05 is not taken to
    have chosen 0.05 (the comparison then fails, and a mistake may explain it). Returns only what
    could be inferred: an empty mapping for a sequence too short, non-numeric, or not geometric.
    """
    xs = _iterates(values)
    mistake = params.get("mistake")
    # with f′(x) = 2x + 4 the ratio holds for x + 2 (the point the rule heads for is −2, not 0)
    shift = 2.0 if mistake == "gradient_plus_constant" else 0.0
    if xs is None or len(xs) < 2 or xs[0] + shift == 0.0:
        return {}
    ratio = (xs[1] + shift) / (xs[0] + shift)
    record = str(params.get("record", "after"))
    fitted: dict[str, Any] = {}
    if mistake == "gradient_sign":
        rate = (ratio - 1.0) / 2.0
    elif mistake == "derivative_missing_factor_2":
        rate = 1.0 - ratio
    else:
        rate = (1.0 - ratio) / 2.0
    read_lr, read_x0 = values.get("lr"), values.get("x0")
    if _finite(read_lr):
        fitted["lr"] = float(read_lr)
    elif rate > 0.0:  # a rate ≤ 0 is no descent under this hypothesis (x climbs): another one explains it
        fitted["lr"] = rate
    if ratio != 0.0:
        fitted["x0"] = xs[0] if record in ("with_start", "before_update") else (xs[0] + shift) / ratio - shift
    if _finite(read_x0):
        fitted["x0"] = float(read_x0)
    fitted["steps"] = len(xs) - 1 if record == "with_start" else len(xs)
    return fitted


def _iterates(values: Mapping[str, Any]) -> list[float] | None:
    raw = values.get("xs")
    if raw is None:
        trajectory = values.get("trajectory")
        if not isinstance(trajectory, Sequence):
            return None
        try:
            raw = [point[0] for point in trajectory]
        except (TypeError, IndexError, KeyError):
            return None
    if not isinstance(raw, Sequence):
        return None
    try:
        xs = [float(x) for x in raw]
    except (TypeError, ValueError):
        return None
    return xs if all(math.isfinite(x) for x in xs) else None


def _finite(value: Any) -> TypeGuard[float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


# The hooks of grader.load.references.ReferenceModule, under the names the grader looks for.
fit = fit_descent
MISTAKES = DESCENT_MISTAKES
#: quantities ``given`` may fix (error carried forward)
GIVEN = ("xs",)
#: parameters only the solution renderer takes
PRESENTATION = ("plot",)


def solution(params: Mapping[str, Any]) -> str:
    """Task 1's solution code with ``params`` written in (``grader selftest``)."""
    from reference.solution import descent_source  # solution.py imports this module's constants

    return descent_source(**params)

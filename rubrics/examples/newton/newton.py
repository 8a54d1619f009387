"""Reference for the Newton's-method example: x ← x − f(x)/f′(x) on f(x) = x³ − 2x − 5.

The rubric beside this file names it ``newton:newton_method``; the grader imports it from the rubric's
folder. It implements the hooks of ``grader.load.references.ReferenceModule``: ``MISTAKES`` (what
``mistake=`` reproduces), ``GIVEN`` (what ``given=`` starts from, for error carried forward) and
``solution`` (the code ``grader selftest`` writes, each mistake written in).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: ``newton_sign``: x + f/f′ (moves away from the root); ``derivative_missing_constant``: f′(x) = 3x²
#: (the −2 of the derivative dropped).
MISTAKES = ("newton_sign", "derivative_missing_constant")
GIVEN = ("iterates",)
#: Most steps a run takes: a student's ``steps = 10**9`` must not stall the grader.
MAX_STEPS = 1000


@dataclass(frozen=True, slots=True)
class NewtonRun:
    #: x after each update
    iterates: tuple[float, ...]
    #: the last iterate, the approximation of the root
    root: float
    f_root: float


def f(x: float) -> float:
    return x**3 - 2.0 * x - 5.0


def df(x: float) -> float:
    return 3.0 * x**2 - 2.0


def newton_method(
    x0: float = 2.0,
    steps: int = 5,
    mistake: str | None = None,
    given: Mapping[str, Sequence[float]] | None = None,
) -> NewtonRun:
    """``steps`` Newton updates from ``x0``; ``given={"iterates": [...]}`` takes a student's iterates
    as they are (what their root is, even where their updates are wrong)."""
    if mistake is not None and mistake not in MISTAKES:
        raise ValueError(f"unknown mistake {mistake!r} (known: {', '.join(MISTAKES)})")
    if not 1 <= steps <= MAX_STEPS:
        raise ValueError(f"steps must be between 1 and {MAX_STEPS}, got {steps}")
    if given:
        xs = [float(x) for x in given["iterates"]]
        if not xs:
            raise ValueError("given iterates must hold at least one value")
    else:
        slope = (lambda x: 3.0 * x**2) if mistake == "derivative_missing_constant" else df
        sign = 1.0 if mistake == "newton_sign" else -1.0
        x, xs = float(x0), []
        for _ in range(int(steps)):
            x = x + sign * f(x) / slope(x)
            xs.append(x)
    return NewtonRun(tuple(xs), xs[-1], f(xs[-1]))


def solution(params: Mapping[str, Any]) -> str:
    """The solution's code cell with ``params`` (and any mistake) written in."""
    mistake = params.get("mistake")
    if mistake is not None and mistake not in MISTAKES:
        raise ValueError(f"cannot render mistake {mistake!r}")
    derivative = "3 * x**2" if mistake == "derivative_missing_constant" else "3 * x**2 - 2"
    update = "x + f(x) / df(x)" if mistake == "newton_sign" else "x - f(x) / df(x)"
    return (
        "\n".join(
            [
                "def f(x):",
                "    return x**3 - 2 * x - 5",
                "",
                "def df(x):",
                f"    return {derivative}",
                "",
                f"x0 = {float(params.get('x0', 2.0))!r}",
                f"steps = {int(params.get('steps', 5))}",
                "",
                "x = x0",
                "iterates = []",
                "for _ in range(steps):",
                f"    x = {update}",
                "    iterates.append(x)",
                "root = iterates[-1]",
                'print("root:", root)',
            ]
        )
        + "\n"
    )

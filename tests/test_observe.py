"""How the grader reads a student's values out of the record (pure functions, no kernel)."""

from __future__ import annotations

import pytest

from grader.observe.find import geometric_run, hinted, normalized


def test_a_geometric_run_is_the_iterates_of_descent_on_a_quadratic() -> None:
    xs = [10 * 0.8**k for k in range(6)]
    assert geometric_run(xs) == xs
    assert geometric_run([*xs, 1.0]) == xs  # Task 2's `x = 1.0` after the loop ends the run


def test_a_descent_towards_another_point_is_a_run_too() -> None:
    """f′(x) = 2x + 4 (or f = x² + 4x) heads for −2: x + 2 shrinks by the ratio, so the run is found
    and a mistake can explain it, instead of the grader falling back to every value x ever held."""
    xs = [-2 + 12 * 0.8**k for k in range(1, 8)]
    assert geometric_run([*xs, 1.0]) == pytest.approx(xs)
    assert geometric_run(xs[:3]) == []  # three values fix the ratio and the point: nothing confirms them


def test_constants_counters_and_jumps_are_not_a_descent() -> None:
    assert geometric_run([0.5, 0.5, 0.5, 0.5]) == []  # a return value repeated: ratio 1
    assert geometric_run([10.0, 0.0, 0.0]) == []  # ratio 0
    assert geometric_run([30.0, 29.0, 28.0, 27.0]) == []  # a step counter
    assert geometric_run([8.0, 6.4]) == []  # two values fix a ratio but cannot confirm it


def test_names_match_hints_whatever_their_case_underscores_or_owner() -> None:
    assert normalized("self.weight_1") == "weight1"
    assert normalized("params['w1']") == "w1"
    assert normalized("x_hist[…]") == "xhist"
    assert hinted("W1", ["w1"]) and hinted("net.dL_dw1", ["dL_dw1"]) and not hinted("dL_dw1", ["w1"])

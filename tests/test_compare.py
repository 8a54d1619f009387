"""Is the tolerance comparison right, and are its messages ones a student can act on?"""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from grader.judge.compare import close, compare, number_text
from grader.load.specs import CheckSpec


def spec(kind: str = "scalar", rtol: float = 1e-6, atol: float = 1e-9) -> CheckSpec:
    return CheckSpec(id="c", names=("v",), quantity="q", compare=kind, rtol=rtol, atol=atol, points=1, feedback="")


finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12)
tolerance = st.floats(min_value=0, max_value=1e-2)


@given(finite, tolerance, tolerance)
def test_a_value_is_always_close_to_itself(value: float, rtol: float, atol: float) -> None:
    assert close(value, value, rtol, atol)


@given(finite, finite, tolerance, tolerance)
def test_close_agrees_with_the_documented_rule(actual: float, expected: float, rtol: float, atol: float) -> None:
    assert close(actual, expected, rtol, atol) == (abs(actual - expected) <= atol + rtol * abs(expected))


@given(finite, st.floats(min_value=1e-3, max_value=1e3))
def test_zero_tolerance_means_exact(expected: float, offset: float) -> None:
    assert not close(expected + offset * max(1.0, abs(expected)), expected, 0.0, 0.0)


def test_nan_is_never_close_and_infinity_only_to_itself() -> None:
    assert not close(math.nan, math.nan, 1, 1)
    assert close(math.inf, math.inf, 0, 0)
    assert not close(math.inf, 1e308, 1, 1)


def test_scalar_failure_message_shows_the_digits_that_differ() -> None:
    result = compare(spec(), "w1", 0.4990, 0.49919472091872125)
    assert not result.passed
    assert result.message == "`w1` is 0.499, expected 0.4992 (±5e-07)"


def test_number_text_adds_digits_until_values_differ() -> None:
    assert number_text(0.123456789, 0.123456) == "0.123457"
    assert number_text(0.123456789, 0.1234567) == "0.1234568"
    assert number_text(2.0) == "2"


def test_scalar_accepts_a_one_element_array() -> None:
    assert compare(spec(), "w1", [[0.5]], 0.5).passed


def test_scalar_refuses_a_list() -> None:
    result = compare(spec(), "loss", [0.1, 0.2], 0.1)
    assert result.message == "`loss` is a list of 2 items, expected a single number"


def test_booleans_are_not_numbers() -> None:
    assert not compare(spec(), "h", True, 1.0).passed


def test_pairs_report_the_first_differing_step() -> None:
    expected = [[8.0, 68.0], [6.4, 44.96], [5.12, 30.2144]]
    result = compare(spec("pairs"), "history", [[8.0, 68.0], [6.4, 44.96], [5.0, 29.0]], expected)
    assert result.message == "`history` first differs at step 3: x is 5, expected 5.12 (±5e-06)"


def test_pairs_report_a_wrong_length() -> None:
    result = compare(spec("pairs"), "history", [[8.0, 68.0]], [[8.0, 68.0], [6.4, 44.96]])
    assert result.message == "`history` has 1 entries, expected 2 (x, f(x)) pairs"


def test_pairs_refuse_entries_that_are_not_pairs() -> None:
    result = compare(spec("pairs"), "history", [8.0, 6.4], [[8.0, 68.0], [6.4, 44.96]])
    assert result.message == "entry 1 of `history` is a float, expected an (x, f(x)) pair"


def test_sequence_of_numbers() -> None:
    assert compare(spec("sequence"), "xs", [1.0, 2.0], [1.0, 2.0]).passed
    assert "step 2" in compare(spec("sequence"), "xs", [1.0, 2.5], [1.0, 2.0]).message


@given(st.lists(st.tuples(finite, finite), min_size=1, max_size=20))
def test_pairs_always_pass_against_themselves(points: list[tuple[float, float]]) -> None:
    data = [list(point) for point in points]
    assert compare(spec("pairs"), "history", data, data).passed


def check_spec(orientation: str = "fixed", label: str | None = None, compare: str = "array") -> CheckSpec:
    return CheckSpec(
        id="c",
        names=("W",),
        quantity="q",
        compare=compare,
        rtol=1e-6,
        atol=1e-9,
        points=1,
        feedback="",
        label=label,
        orientation=orientation,
    )


def test_an_array_passes_element_wise_and_names_the_first_wrong_element() -> None:
    expected = [[0.1, 0.2], [0.3, 0.4]]
    assert compare(check_spec(), "W1", [[0.1, 0.2], [0.3, 0.4 + 1e-8]], expected).passed
    result = compare(check_spec(), "W1", [[0.1, 0.2], [0.35, 0.4]], expected)
    assert result.message == "`W1` first differs at [1, 0]: is 0.35, expected 0.3 (±3e-07)"
    hidden = compare(check_spec(), "W1", [[0.1, 0.2], [0.35, 0.4]], expected, reveal=False)
    assert hidden.message == "`W1` first differs at [1, 0]: is 0.35"


def test_a_vector_of_free_orientation_passes_as_column_row_or_flat() -> None:
    for shape in ([0.5, 0.7], [[0.5], [0.7]], [[0.5, 0.7]]):
        assert compare(check_spec("free"), "h", shape, [0.5, 0.7]).passed
    assert compare(check_spec("free"), "h", [[0.5], [0.7]], [[0.5, 0.7]]).passed


def test_a_fixed_orientation_asks_for_the_exact_shape() -> None:
    result = compare(check_spec(), "h", [[0.5], [0.7]], [0.5, 0.7])
    assert not result.passed
    assert result.message == "`h` has shape (2, 1), expected (2,)"
    free = compare(check_spec("free"), "h", [0.5, 0.7, 0.9], [0.5, 0.7])
    assert free.message == "`h` has shape (3,), expected (2,) (or (2, 1), (1, 2))"


def test_a_matrix_never_passes_for_a_differently_shaped_one_even_when_orientation_is_free() -> None:
    result = compare(check_spec("free"), "W1", [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], [[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]])
    assert not result.passed and "has shape (2, 3), expected (3, 2)" in result.message


def test_a_ragged_list_is_not_an_array() -> None:
    result = compare(check_spec(), "W1", [[0.1], [0.2, 0.3]], [[0.1, 0.2], [0.3, 0.4]])
    assert result.message == "`W1` is a list of 2 items, expected an array of shape (2, 2)"


def test_pairs_are_worded_by_the_rubric_label() -> None:
    labelled = check_spec(label="(t, v(t))", compare="pairs")
    result = compare(labelled, "history", [[0.0, 1.0], [1.0, 2.5]], [[0.0, 1.0], [1.0, 2.0]])
    assert result.message == "`history` first differs at step 2: v(t) is 2.5, expected 2 (±2e-06)"
    assert compare(labelled, "history", [[0.0, 1.0]], [[0.0, 1.0], [1.0, 2.0]]).message.endswith("(t, v(t)) pairs")

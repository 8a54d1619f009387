"""Compare stage: a student's plain value against the reference's, with the rubric's tolerances.

Runs in the grader process only, on data that crossed the JSON boundary, so nothing the student did to
numpy or to ``__eq__`` in their kernel can change a verdict. A value passes when
``|actual − expected| ≤ atol + rtol·|expected|`` (numpy's ``isclose`` rule, written out so that it
needs no numpy); sequences pass when they have the expected length and every element passes.

Messages come in two forms: with the expected value (for the instructor's report, and for students
where the rubric allows it) and without it (``reveal=False``), which still says where a sequence first
goes wrong. A sequence that begins with an optional starting point (``start``) is aligned before the
first difference is reported, so "first differs at step 3" means the third update in either layout.

Arrays (``compare: array``: a vector, a matrix, any rectangular nesting) pass when their shapes agree
and every element passes; with ``orientation: free`` a vector may come as (n,), (n, 1) or (1, n) (the
axes of length 1 are set aside before shapes are compared, so a (2, 2) matrix never passes for its
transpose's shape, only for its own). A failure names the first element that differs by its index.
How an entry is named (``(x, f(x))`` for pairs) comes from the check's ``label``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from grader.load.checks import shape_of
from grader.load.specs import CheckSpec


@dataclass(frozen=True, slots=True)
class Comparison:
    passed: bool
    message: str


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def close(actual: float, expected: float, rtol: float, atol: float) -> bool:
    """The tolerance rule; NaN is never close to anything, infinities only to themselves."""
    if math.isnan(actual) or math.isnan(expected):
        return False
    if math.isinf(actual) or math.isinf(expected):
        return actual == expected
    return abs(actual - expected) <= atol + rtol * abs(expected)


def compare(
    check: CheckSpec, name: str, actual: Any, expected: Any, reveal: bool = True, start: Any = None
) -> Comparison:
    """Compare by the check's kind; ``name`` is the student's variable, used in the message.

    ``start`` is the optional leading entry a sequence may carry (only used to word a failure).
    """
    if check.compare == "scalar":
        return _scalar(check, name, actual, expected, reveal)
    if check.compare == "array":
        return _array(check, name, actual, expected, reveal)
    width = 2 if check.compare == "pairs" else 1
    result = _sequence(check, name, actual, expected, width, reveal)
    if result.passed or start is None or not isinstance(actual, list) or not actual:
        return result
    if len(actual) in (len(expected), len(expected) + 1) and _same_entry(check, actual[0], start, width):
        rest = actual[1:]
        aligned = _sequence(check, name, rest, expected[: len(rest)], width, reveal)
        if aligned.passed:
            return Comparison(False, f"{label(name)} begins with the starting point and then misses the last update")
        return Comparison(False, f"after its starting point, {aligned.message}")
    return result


def _same_entry(check: CheckSpec, got: Any, want: Any, width: int) -> bool:
    got_items = got if width == 2 else [got]
    want_items = want if width == 2 else [want]
    if not isinstance(got_items, list) or len(got_items) != len(want_items):
        return False
    return all(
        is_number(g) and close(float(g), float(w), check.rtol, check.atol)
        for g, w in zip(got_items, want_items, strict=True)
    )


def same_quantity(check: CheckSpec, one: Mapping[str, Any], other: Mapping[str, Any]) -> bool:
    """Whether two reference runs agree on the check's quantity, within the check's tolerance (a plot's
    quantity is compared as the sequence it is)."""
    kind = "sequence" if check.compare == "plot" else check.compare
    return compare(replace(check, compare=kind), "", one[check.quantity], other[check.quantity]).passed


def label(name: str) -> str:
    """A student's variable as a message shows it: code in backticks (`weight1`, `net.w1`, `sigmoid()`),
    prose as it is ("the value your code printed")."""
    return name if name.startswith("the ") else f"`{name}`"


def tolerance_text(check: CheckSpec, expected: float) -> str:
    return f"±{check.atol + check.rtol * abs(expected):.1g}"


def number_text(value: float, other: float | None = None) -> str:
    """Four significant digits, or as many more as it takes to show how ``value`` differs from ``other``."""
    if not math.isfinite(value):
        return str(value)
    for digits in range(4, 18):
        text = f"{value:.{digits}g}"
        if other is None or not math.isfinite(other) or text != f"{other:.{digits}g}":
            return text
    return repr(value)


def unwrap(value: Any) -> Any:
    """Accept a number wrapped in one-element lists (``np.array([0.49])``) as that number."""
    while isinstance(value, list) and len(value) == 1:
        value = value[0]
    return value


def _describe(value: Any) -> str:
    if isinstance(value, list):
        return f"a list of {len(value)} items"
    if isinstance(value, bool):
        return f"the boolean {value}"
    return f"a {type(value).__name__}"


def _scalar(check: CheckSpec, name: str, actual: Any, expected: float, reveal: bool = True) -> Comparison:
    actual = unwrap(actual)
    if not is_number(actual):
        return Comparison(False, f"{label(name)} is {_describe(actual)}, expected a single number")
    if close(float(actual), expected, check.rtol, check.atol):
        return Comparison(True, f"{label(name)} = {number_text(float(actual))} is correct")
    shown = number_text(float(actual), expected)
    if not reveal:
        return Comparison(False, f"{label(name)} is {shown}, which is not the expected value")
    wanted = number_text(expected, float(actual))
    return Comparison(False, f"{label(name)} is {shown}, expected {wanted} ({tolerance_text(check, expected)})")


#: How an entry of a ``pairs`` check is named when the rubric gives no ``label`` (Task 1's wording).
PAIR_LABEL = "(x, f(x))"


def _coordinates(label: str) -> tuple[str, str]:
    """``(t, v(t))`` → ``t``, ``v(t)``: the names of a pair's two numbers, for "step 3: t is …"."""
    inner = label.strip()
    if inner.startswith("(") and inner.endswith(")"):
        inner = inner[1:-1]
    depth, cut = 0, -1
    for index, char in enumerate(inner):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            cut = index
            break
    if cut < 0:
        return ("first", "second")
    return (inner[:cut].strip(), inner[cut + 1 :].strip())


def _sequence(
    check: CheckSpec, name: str, actual: Any, expected: list[Any], width: int, reveal: bool = True
) -> Comparison:
    pair = check.label or PAIR_LABEL
    what = f"{pair} pairs" if width == 2 else "numbers"
    if not isinstance(actual, list):
        return Comparison(False, f"{label(name)} is {_describe(actual)}, expected a list of {len(expected)} {what}")
    if len(actual) != len(expected):
        return Comparison(False, f"{label(name)} has {len(actual)} entries, expected {len(expected)} {what}")
    for step, (got, want) in enumerate(zip(actual, expected, strict=True), start=1):
        got_items = got if width == 2 else [got]
        want_items = want if width == 2 else [want]
        if width == 2 and not (isinstance(got, list) and len(got) == 2):
            return Comparison(False, f"entry {step} of {label(name)} is {_describe(got)}, expected an {pair} pair")
        for coordinate, got_value, want_value in zip(_coordinates(pair), got_items, want_items, strict=False):
            if not is_number(got_value):
                text = f"entry {step} of {label(name)} holds {_describe(got_value)}, expected a number"
                return Comparison(False, text)
            if not close(float(got_value), want_value, check.rtol, check.atol):
                part = f"{coordinate} " if width == 2 else ""
                shown = number_text(float(got_value), want_value)
                wanted = number_text(want_value, float(got_value))
                tol = tolerance_text(check, want_value)
                if not reveal:
                    return Comparison(False, f"{label(name)} first differs at step {step}: {part}is {shown}")
                return Comparison(
                    False, f"{label(name)} first differs at step {step}: {part}is {shown}, expected {wanted} ({tol})"
                )
    return Comparison(True, f"{label(name)} matches all {len(expected)} steps")


def _flat(value: Any) -> list[float]:
    if isinstance(value, list):
        return [number for item in value for number in _flat(item)]
    return [float(value)]


def _index(position: int, shape: tuple[int, ...]) -> str:
    """Element ``position`` of a flattened array of ``shape`` as numpy prints its index: ``[1, 0]``."""
    index = []
    for size in reversed(shape):
        index.append(position % size)
        position //= size
    return "[" + ", ".join(str(i) for i in reversed(index)) + "]"


def _shape_text(shape: tuple[int, ...]) -> str:
    return f"({shape[0]},)" if len(shape) == 1 else "(" + ", ".join(str(n) for n in shape) + ")"


def _squeezed(shape: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(n for n in shape if n != 1)


def _array(check: CheckSpec, name: str, actual: Any, expected: Any, reveal: bool = True) -> Comparison:
    want_shape = shape_of(expected)
    got_shape = shape_of(actual)
    if want_shape is None:  # the rubric validates this; a reference that changed under it is a bug
        raise ValueError(f"reference value for {check.quantity!r} is not a rectangular array of numbers")
    wanted = _shape_text(want_shape) if want_shape else "a single number"
    if got_shape is None:
        return Comparison(False, f"{label(name)} is {_describe(actual)}, expected an array of shape {wanted}")
    free = check.orientation == "free"
    if got_shape != want_shape and not (free and _squeezed(got_shape) == _squeezed(want_shape)):
        accepted = ""
        if free and len(_squeezed(want_shape)) == 1:
            n = _squeezed(want_shape)[0]
            accepted = f" (or ({n}, 1), (1, {n}))" if want_shape == (n,) else f" (or ({n},), ({n}, 1), (1, {n}))"
        got = _shape_text(got_shape) if got_shape else "a single number"
        return Comparison(False, f"{label(name)} has shape {got}, expected {wanted}{accepted}")
    entries = check.label or "entries"
    for position, (got_value, want_value) in enumerate(zip(_flat(actual), _flat(expected), strict=True)):
        if close(got_value, want_value, check.rtol, check.atol):
            continue
        where = _index(position, got_shape)
        shown = number_text(got_value, want_value)
        if not reveal:
            return Comparison(False, f"{label(name)} first differs at {where}: is {shown}")
        wanted_value = number_text(want_value, got_value)
        tol = tolerance_text(check, want_value)
        return Comparison(False, f"{label(name)} first differs at {where}: is {shown}, expected {wanted_value} ({tol})")
    count = len(_flat(expected))
    return Comparison(True, f"{label(name)} matches all {count} {entries}")

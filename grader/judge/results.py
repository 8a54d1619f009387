"""Judge stage, the pieces of a verdict: a check's value as read (:class:`Observed`), the reading a task
is judged under (:class:`Judgement`), a check's result and its status, and feedback with the student's
own values filled in. Shared by :mod:`grader.judge.diagnose` and :mod:`grader.judge.hardcoding`.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from grader.judge.compare import is_number, number_text, unwrap
from grader.load.checks import shape_of
from grader.load.specs import CheckSpec, Reading
from grader.records import CheckResult, Diagnosis


@dataclass(frozen=True, slots=True)
class Observed:
    """A check's value as read from the student: a plain value, or the figures for a plot check."""

    check: CheckSpec
    name: str
    value: Any
    #: computed by the student's code (not typed in as a literal, not passed in as a given value)
    computed: bool = True


@dataclass(frozen=True, slots=True)
class Judgement:
    reading: Reading
    results: Mapping[str, CheckResult]
    diagnoses: tuple[Diagnosis, ...]
    #: ids of checks that match the reading itself (the only ones the variation check looks at)
    passing: frozenset[str]


def given_value(value: Any) -> Any:
    """A student's upstream value as the reference's ``given`` takes it: a number (unwrapped from
    ``np.array([0.49])``), or a vector or matrix as nested lists; ``None`` for anything else."""
    number = unwrap(value)
    if is_number(number):
        return float(number)
    shape = shape_of(value)
    return value if shape is not None and len(shape) >= 1 else None


def shown(value: Any) -> str:
    given = given_value(value)
    if isinstance(given, float):
        return number_text(given)
    return _nested_text(given)


def _nested_text(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_nested_text(item) for item in value) + "]"
    return number_text(float(value))


def format_feedback(text: str, fields: Mapping[str, Any], official: Mapping[str, Any]) -> str:
    """The rubric's feedback with ``{lr}``-style fields (fitted values) and ``{official[lr]}`` filled in;
    a field that cannot be filled leaves the text as written rather than failing the grading."""
    try:
        return string.Formatter().vformat(text, (), {**fields, "official": official}).strip()
    except (KeyError, IndexError, ValueError, TypeError, AttributeError):
        return text.strip()


def status_of(score: float, max_score: float) -> str:
    if score >= max_score:
        return "pass"
    return "partial" if score > 0 else "fail"


def check_result(
    check: CheckSpec,
    score: float,
    expected: Any,
    actual: Any,
    message: str,
    feedback: str,
    name: str,
    basis: str,
) -> CheckResult:
    score = round(score, 10)
    return CheckResult(
        check.id,
        status_of(score, check.points),
        score,
        check.points,
        expected,
        actual,
        message,
        name,
        basis=basis,
        feedback=feedback,
    )


__all__ = [
    "Judgement",
    "Observed",
    "check_result",
    "format_feedback",
    "given_value",
    "shown",
    "status_of",
]

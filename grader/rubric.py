"""Load stage: a rubric file → validated, frozen :class:`Rubric`, with expected values computed.

Rubrics are safe YAML with a ``schema_version``; unknown keys are errors (a typo such as ``rtoll``
would otherwise silently fall back to a default tolerance). Validation collects every problem with its
YAML path and line before raising one :class:`~grader.errors.RubricError`. Expected values come from
``reference/`` at load time, so a rubric whose reference cannot produce a checked quantity fails here,
before any student notebook is run.
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import reference
from grader.options import DEFAULT_ATOL, DEFAULT_RTOL, ExecutionLimits
from grader.quizrubric import QuizSpec, load_quiz
from grader.yamlsource import SCHEMA_VERSION, Problems, check_schema_version, join, kind, load_yaml

__all__ = ["SCHEMA_VERSION", "CheckSpec", "Rubric", "TaskSpec", "load_rubric"]
COMPARISONS = ("scalar", "sequence", "pairs")


@dataclass(frozen=True, slots=True)
class CheckSpec:
    """One graded comparison: a student variable (first of ``names`` found) against a reference quantity."""

    id: str
    names: tuple[str, ...]
    quantity: str
    compare: str
    rtol: float
    atol: float
    points: float
    feedback: str


@dataclass(frozen=True, slots=True)
class TaskSpec:
    """A task of the notebook: where its cells are, what the reference expects, and its checks."""

    id: str
    title: str
    tag: str
    headings: tuple[str, ...]
    description: str
    reference: str
    params: Mapping[str, Any]
    expected: Mapping[str, Any]
    checks: tuple[CheckSpec, ...]

    @property
    def max_score(self) -> float:
        return sum(check.points for check in self.checks)

    @property
    def names(self) -> tuple[str, ...]:
        """Every variable name the checks may read, in rubric order and without repeats."""
        return tuple(dict.fromkeys(name for check in self.checks for name in check.names))


@dataclass(frozen=True, slots=True)
class Rubric:
    title: str
    source: Path
    sha256: str
    limits: ExecutionLimits
    tasks: tuple[TaskSpec, ...]
    quiz: QuizSpec | None

    @property
    def assignment_max_score(self) -> float:
        return sum(task.max_score for task in self.tasks)

    @property
    def max_score(self) -> float:
        """Tasks and quiz together: what a report's ``max_score`` is."""
        return self.assignment_max_score + (self.quiz.max_score if self.quiz is not None else 0.0)

    def task(self, task_id: str) -> TaskSpec:
        return next(task for task in self.tasks if task.id == task_id)


def load_rubric(source: Path | str) -> Rubric:
    """Read and validate an assignment rubric (and the quiz file it names), computing expectations.

    Raises :class:`RubricError` listing every problem, e.g.
    ``tasks[1].checks[2].rtol: must be a non-negative number, got -1 (line 57)``.
    """
    doc = load_yaml(Path(source))
    problems = Problems(doc)
    root = problems.mapping(doc.data, "", {"schema_version", "title", "tasks"}, {"limits", "quiz"})
    check_schema_version(root.get("schema_version"), problems)
    problems.raise_if_any()

    title = problems.text(root.get("title"), "title")
    limits = _limits(root.get("limits"), problems)
    raw_tasks = problems.sequence(root.get("tasks"), "tasks")
    tasks = [_task(raw, join("tasks", index), problems) for index, raw in enumerate(raw_tasks)]
    problems.unique([task.id for task in tasks], "tasks", "task")
    quiz: QuizSpec | None = None
    if root.get("quiz") is not None:
        quiz_name = problems.text(root.get("quiz"), "quiz")
        problems.raise_if_any()
        quiz = load_quiz(doc.source.parent / quiz_name)
    problems.raise_if_any()
    return Rubric(
        title=title,
        source=doc.source,
        # the quiz file is part of the rubric: a change to either must change every fingerprint
        sha256=hashlib.sha256(doc.raw + b"\0" + (quiz.raw if quiz is not None else b"")).hexdigest(),
        limits=limits,
        tasks=tuple(tasks),
        quiz=quiz,
    )


def _limits(value: Any, problems: Problems) -> ExecutionLimits:
    """Every field of :class:`ExecutionLimits` may be set; integers stay integers (they become rlimits)."""
    defaults = ExecutionLimits()
    if value is None:
        return defaults
    names = {item.name for item in fields(ExecutionLimits)}
    raw = problems.mapping(value, "limits", set(), names)
    chosen: dict[str, Any] = {}
    for name in sorted(names & set(raw)):
        default = getattr(defaults, name)
        number = problems.number(raw[name], join("limits", name), default)
        if isinstance(default, int) and number != int(number):
            problems.add(join("limits", name), f"must be a whole number, got {raw[name]!r}")
        chosen[name] = type(default)(number)
    return replace(defaults, **chosen)


def _task(value: Any, path: str, problems: Problems) -> TaskSpec:
    raw = problems.mapping(value, path, {"id", "title", "reference", "checks"}, {"tag", "headings", "description"})
    task_id = problems.text(raw.get("id"), join(path, "id"))
    headings = raw.get("headings", [])
    if not isinstance(headings, list) or not all(isinstance(item, str) and item.strip() for item in headings):
        problems.add(join(path, "headings"), "must be a list of non-empty strings")
        headings = []
    expected = _expected(raw.get("reference"), join(path, "reference"), problems)
    checks = [
        _check(item, join(join(path, "checks"), index), expected, problems)
        for index, item in enumerate(problems.sequence(raw.get("checks"), join(path, "checks")))
    ]
    problems.unique([check.id for check in checks], join(path, "checks"), "check")
    reference_raw: dict[str, Any] = raw["reference"] if isinstance(raw.get("reference"), dict) else {}
    return TaskSpec(
        id=task_id,
        title=problems.text(raw.get("title"), join(path, "title")),
        tag=problems.text(raw.get("tag"), join(path, "tag"), default=f"task:{task_id}"),
        headings=tuple(headings),
        description=str(raw.get("description") or ""),
        reference=str(reference_raw.get("function", "")),
        params=dict(reference_raw.get("params") or {}),
        expected=expected,
        checks=tuple(checks),
    )


def _expected(value: Any, path: str, problems: Problems) -> dict[str, Any]:
    """Run the named reference with its parameters; report a bad name or parameter at its YAML path."""
    raw = problems.mapping(value, path, {"function"}, {"params"})
    name = raw.get("function")
    if name is None:
        return {}
    if name not in reference.REFERENCES:
        known = ", ".join(sorted(reference.REFERENCES))
        problems.add(join(path, "function"), f"unknown reference {name!r} (known: {known})")
        return {}
    params = raw.get("params") or {}
    if not isinstance(params, dict):
        problems.add(join(path, "params"), f"must be a mapping, got {kind(params)}")
        return {}
    try:
        inspect.signature(reference.REFERENCES[name]).bind(**params)
    except TypeError as error:
        problems.add(join(path, "params"), f"do not fit reference {name!r}: {error}")
        return {}
    try:
        return reference.evaluate(name, params)
    except (ValueError, TypeError, ArithmeticError) as error:
        problems.add(join(path, "params"), f"reference {name!r} failed with these parameters: {error}")
        return {}


def _check(value: Any, path: str, expected: Mapping[str, Any], problems: Problems) -> CheckSpec:
    raw = problems.mapping(value, path, {"id", "names", "quantity", "compare", "points"}, {"rtol", "atol", "feedback"})
    names = raw.get("names")
    if isinstance(names, str):
        names = [names]
    if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.isidentifier() for n in names):
        problems.add(join(path, "names"), f"must be a list of Python variable names, got {names!r}")
        names = []
    compare = raw.get("compare")
    if compare not in COMPARISONS:
        problems.add(join(path, "compare"), f"must be one of {', '.join(COMPARISONS)}, got {compare!r}")
    quantity = str(raw.get("quantity"))
    if expected and quantity not in expected:
        known = ", ".join(expected)
        problems.add(join(path, "quantity"), f"the reference has no quantity {quantity!r} (it has: {known})")
    elif expected and compare in COMPARISONS and not _shape_fits(expected[quantity], compare):
        problems.add(join(path, "compare"), f"{compare!r} does not fit the shape of quantity {quantity!r}")
    return CheckSpec(
        id=problems.text(raw.get("id"), join(path, "id")),
        names=tuple(names),
        quantity=quantity,
        compare=str(compare),
        rtol=problems.number(raw.get("rtol"), join(path, "rtol"), DEFAULT_RTOL),
        atol=problems.number(raw.get("atol"), join(path, "atol"), DEFAULT_ATOL),
        points=problems.number(raw.get("points"), join(path, "points"), 0.0),
        feedback=str(raw.get("feedback") or ""),
    )


def _shape_fits(value: Any, compare: str) -> bool:
    if compare == "scalar":
        return _is_number(value)
    if compare == "sequence":
        return isinstance(value, list) and all(_is_number(item) for item in value)
    return isinstance(value, list) and all(
        isinstance(item, list) and len(item) == 2 and all(_is_number(v) for v in item) for item in value
    )


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)

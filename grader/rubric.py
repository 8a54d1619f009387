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
import math
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import reference
from grader.errors import RubricError, RubricProblem
from grader.options import DEFAULT_ATOL, DEFAULT_RTOL, ExecutionLimits
from grader.yamlsource import YamlDocument, join, load_yaml

SCHEMA_VERSION = 1
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
class QuestionSpec:
    id: str
    text: str
    tag: str


@dataclass(frozen=True, slots=True)
class QuizSpec:
    title: str
    source: Path
    questions: tuple[QuestionSpec, ...]


@dataclass(frozen=True, slots=True)
class Rubric:
    title: str
    source: Path
    sha256: str
    limits: ExecutionLimits
    tasks: tuple[TaskSpec, ...]
    quiz: QuizSpec | None

    @property
    def max_score(self) -> float:
        return sum(task.max_score for task in self.tasks)

    def task(self, task_id: str) -> TaskSpec:
        return next(task for task in self.tasks if task.id == task_id)


class _Problems:
    """Collects problems against one YAML document so that all of them are reported together."""

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc
        self.items: list[RubricProblem] = []

    def add(self, path: str, message: str) -> None:
        self.items.append(RubricProblem(path or "<root>", message, self.doc.line(path)))

    def mapping(self, value: Any, path: str, required: set[str], optional: set[str]) -> dict[str, Any]:
        """Check that ``value`` is a mapping with exactly the allowed keys; return it (or {})."""
        if not isinstance(value, dict):
            self.add(path, f"must be a mapping, got {_kind(value)}")
            return {}
        for key in sorted(set(value) - required - optional, key=str):
            allowed = ", ".join(sorted(required | optional))
            self.add(join(path, str(key)), f"unknown key (allowed here: {allowed})")
        for key in sorted(required - set(value)):
            self.add(join(path, key), "is required")
        return value

    def text(self, value: Any, path: str, default: str | None = None) -> str:
        if value is None and default is not None:
            return default
        if not isinstance(value, str) or not value.strip():
            self.add(path, f"must be a non-empty string, got {_kind(value)}")
            return ""
        return value

    def number(self, value: Any, path: str, default: float) -> float:
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
            self.add(path, f"must be a non-negative number, got {value!r}")
            return default
        return float(value)

    def sequence(self, value: Any, path: str) -> list[Any]:
        if not isinstance(value, list) or not value:
            self.add(path, f"must be a non-empty list, got {_kind(value)}")
            return []
        return value

    def unique(self, ids: list[str], path: str, what: str) -> None:
        seen: set[str] = set()
        for index, item in enumerate(ids):
            if item and item in seen:
                self.add(join(join(path, index), "id"), f"duplicate {what} id {item!r}")
            seen.add(item)

    def raise_if_any(self) -> None:
        if self.items:
            raise RubricError(self.doc.source, self.items)


def _kind(value: Any) -> str:
    return "nothing" if value is None else type(value).__name__


def load_rubric(source: Path | str) -> Rubric:
    """Read and validate an assignment rubric (and the quiz file it names), computing expectations.

    Raises :class:`RubricError` listing every problem, e.g.
    ``tasks[1].checks[2].rtol: must be a non-negative number, got -1 (line 57)``.
    """
    doc = load_yaml(Path(source))
    problems = _Problems(doc)
    root = problems.mapping(doc.data, "", {"schema_version", "title", "tasks"}, {"limits", "quiz"})
    _check_schema_version(root.get("schema_version"), problems)
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
        sha256=hashlib.sha256(doc.raw).hexdigest(),
        limits=limits,
        tasks=tuple(tasks),
        quiz=quiz,
    )


def load_quiz(source: Path | str) -> QuizSpec:
    """Read the quiz file: the questions' text and the tags of their answer cells."""
    doc = load_yaml(Path(source))
    problems = _Problems(doc)
    root = problems.mapping(doc.data, "", {"schema_version", "title", "questions"}, set())
    _check_schema_version(root.get("schema_version"), problems)
    problems.raise_if_any()
    questions = []
    for index, raw in enumerate(problems.sequence(root.get("questions"), "questions")):
        path = join("questions", index)
        item = problems.mapping(raw, path, {"id", "text"}, {"tag"})
        question_id = problems.text(item.get("id"), join(path, "id"))
        text = problems.text(item.get("text"), join(path, "text"))
        tag = problems.text(item.get("tag"), join(path, "tag"), default=f"quiz:{question_id}")
        questions.append(QuestionSpec(id=question_id, text=text, tag=tag))
    problems.unique([question.id for question in questions], "questions", "question")
    title = problems.text(root.get("title"), "title")
    problems.raise_if_any()
    return QuizSpec(title=title, source=doc.source, questions=tuple(questions))


def _check_schema_version(value: Any, problems: _Problems) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        problems.add("schema_version", f"must be the integer {SCHEMA_VERSION}, got {value!r}")
    elif value > SCHEMA_VERSION:
        problems.add(
            "schema_version",
            f"{value} is newer than this grader understands ({SCHEMA_VERSION}); "
            "upgrade the grader (pip install --upgrade) or use a rubric written for it",
        )
    elif value < SCHEMA_VERSION:
        problems.add(
            "schema_version", f"{value} is older than the oldest supported ({SCHEMA_VERSION}); update the rubric"
        )


def _limits(value: Any, problems: _Problems) -> ExecutionLimits:
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


def _task(value: Any, path: str, problems: _Problems) -> TaskSpec:
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


def _expected(value: Any, path: str, problems: _Problems) -> dict[str, Any]:
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
        problems.add(join(path, "params"), f"must be a mapping, got {_kind(params)}")
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


def _check(value: Any, path: str, expected: Mapping[str, Any], problems: _Problems) -> CheckSpec:
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

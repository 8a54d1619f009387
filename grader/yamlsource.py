"""Safe YAML with line numbers, and the collector that validation reports its problems to.

``yaml.safe_load`` forgets positions; composing the node tree first keeps them. ``load_yaml`` returns
the plain data together with a map from a path such as ``tasks[1].checks[2].rtol`` to its line;
:class:`Problems` collects every problem of a document (with path and line) before raising once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from grader.errors import RubricError, RubricProblem


@dataclass(frozen=True, slots=True)
class YamlDocument:
    """A parsed YAML file: its data, where each path starts, and the file's bytes for hashing."""

    source: Path
    data: Any
    lines: dict[str, int]
    raw: bytes

    def line(self, path: str) -> int | None:
        return self.lines.get(path)


def join(path: str, key: str | int) -> str:
    """Extend a YAML path the way messages print it: ``tasks`` + 1 → ``tasks[1]``, + ``id`` → ``tasks[1].id``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def load_yaml(source: Path, failure: type[RubricError] = RubricError) -> YamlDocument:
    """Read ``source`` with the safe loader; any IO or syntax problem becomes a :class:`RubricError`."""
    try:
        raw = source.read_bytes()
    except OSError as error:
        raise failure(source, [RubricProblem("<file>", f"cannot read: {error.strerror or error}")]) from None
    loader = yaml.SafeLoader(raw.decode("utf-8", errors="replace"))
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(error, "problem", None) or str(error)
        raise failure(source, [RubricProblem("<yaml>", f"not valid YAML: {problem}", line)]) from None
    finally:
        loader.dispose()
    lines: dict[str, int] = {}
    if node is not None:
        _record_lines(node, "", lines)
    return YamlDocument(source=source, data=data, lines=lines, raw=raw)


def _record_lines(node: yaml.Node, path: str, lines: dict[str, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value)
            lines[join(path, key)] = key_node.start_mark.line + 1
            _record_lines(value_node, join(path, key), lines)
            lines[join(path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, join(path, index), lines)


SCHEMA_VERSION = 1


class Problems:
    """Collects problems against one YAML document so that all of them are reported together."""

    def __init__(self, doc: YamlDocument, error: type[RubricError] = RubricError) -> None:
        self.doc = doc
        self.error = error
        self.items: list[RubricProblem] = []

    def add(self, path: str, message: str) -> None:
        self.items.append(RubricProblem(path or "<root>", message, self.doc.line(path)))

    def mapping(self, value: Any, path: str, required: set[str], optional: set[str]) -> dict[str, Any]:
        """Check that ``value`` is a mapping with exactly the allowed keys; return it (or {})."""
        if not isinstance(value, dict):
            self.add(path, f"must be a mapping, got {kind(value)}")
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
            self.add(path, f"must be a non-empty string, got {kind(value)}")
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
            self.add(path, f"must be a non-empty list, got {kind(value)}")
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
            raise self.error(self.doc.source, self.items)


def kind(value: Any) -> str:
    return "nothing" if value is None else type(value).__name__


def check_schema_version(value: Any, problems: Problems) -> None:
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

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


#: Largest YAML file read (rubrics and overrides are a few kB; the bundled rubric is 20 kB).
MAX_YAML_BYTES = 2_000_000
#: Deepest nesting of mappings and lists (the bundled rubric nests 6 deep). PyYAML composes
#: recursively, so a few thousand ``[`` would otherwise end in a RecursionError.
MAX_YAML_DEPTH = 50


class _StrictLoader(yaml.SafeLoader):
    """The safe loader, minus what only an attack needs: aliases (``*a``: a few lines of them expand
    to billions of nodes — the "billion laughs") and nesting deeper than :data:`MAX_YAML_DEPTH`."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed; write the value out", event.start_mark
            )
        self._depth += 1
        try:
            if self._depth > MAX_YAML_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"nested more than {MAX_YAML_DEPTH} levels deep", self.peek_event().start_mark
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def load_yaml(source: Path, failure: type[RubricError] = RubricError) -> YamlDocument:
    """Read ``source`` with the safe loader; any IO or syntax problem becomes a :class:`RubricError`.

    Refused, each with its line: aliases, nesting deeper than :data:`MAX_YAML_DEPTH`, a key given twice
    in one mapping (YAML keeps the last silently; here each duplicate is named with its path), control
    characters such as NUL, and files over :data:`MAX_YAML_BYTES`.
    """
    try:
        with source.open("rb") as handle:
            raw = handle.read(MAX_YAML_BYTES + 1)
    except OSError as error:
        raise failure(source, [RubricProblem("<file>", f"cannot read: {error.strerror or error}")]) from None
    if len(raw) > MAX_YAML_BYTES:
        raise failure(
            source, [RubricProblem("<file>", f"is larger than {MAX_YAML_BYTES:,} bytes; is it the right file?")]
        )
    text = raw.decode("utf-8", errors="replace")
    loader: _StrictLoader | None = None
    try:
        loader = _StrictLoader(text)
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.reader.ReaderError as error:  # no mark: the position is a character offset
        at = text.count("\n", 0, error.position) + 1
        problem = (
            f"not valid YAML: character #x{error.character:04x} is not allowed"
            if isinstance(error.character, int)
            else f"not valid YAML: {error.reason}"
        )
        raise failure(source, [RubricProblem("<yaml>", problem, at)]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(error, "problem", None) or str(error)
        raise failure(source, [RubricProblem("<yaml>", f"not valid YAML: {problem}", line)]) from None
    except (ValueError, OverflowError) as error:  # a scalar the constructor cannot convert: 2020-13-01, 10**5000
        raise failure(source, [RubricProblem("<yaml>", f"a value cannot be read: {error}")]) from None
    finally:
        if loader is not None:
            loader.dispose()
    lines: dict[str, int] = {}
    duplicates: list[RubricProblem] = []
    if node is not None:
        _record_lines(node, "", lines, duplicates)
    if duplicates:
        raise failure(source, duplicates)
    return YamlDocument(source=source, data=data, lines=lines, raw=raw)


def _record_lines(node: yaml.Node, path: str, lines: dict[str, int], duplicates: list[RubricProblem]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                duplicates.append(
                    RubricProblem(join(path, key), f"key given twice (first on line {seen[key]}); keep one", line)
                )
                continue
            seen[key] = line
            lines[join(path, key)] = line
            _record_lines(value_node, join(path, key), lines, duplicates)
            lines[join(path, key)] = line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, join(path, index), lines, duplicates)


SCHEMA_VERSION = 1
#: Largest number a rubric or overrides file may give (points, tolerances): anything larger is a typo,
#: and sums of such numbers overflow to inf.
MAX_NUMBER = 1e6


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

    def number(self, value: Any, path: str, default: float, maximum: float = MAX_NUMBER) -> float:
        """A non-negative number up to ``maximum``; ``default`` when absent (or invalid, after a problem)."""
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not -1e300 < value < 1e300:
            self.add(path, f"must be a non-negative number, got {_short(value)}")
            return default
        if not math.isfinite(value) or value < 0:
            self.add(path, f"must be a non-negative number, got {value!r}")
            return default
        if value > maximum:
            self.add(path, f"must be at most {maximum:g}, got {value:g}")
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


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:37]}..."


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

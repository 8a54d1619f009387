"""Safe YAML with line numbers, so that every rubric problem can say where it is.

``yaml.safe_load`` forgets positions; composing the node tree first keeps them. ``load_yaml`` returns
the plain data together with a map from a path such as ``tasks[1].checks[2].rtol`` to its line.
"""

from __future__ import annotations

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


def load_yaml(source: Path) -> YamlDocument:
    """Read ``source`` with the safe loader; any IO or syntax problem becomes a :class:`RubricError`."""
    try:
        raw = source.read_bytes()
    except OSError as error:
        raise RubricError(source, [RubricProblem("<file>", f"cannot read: {error.strerror or error}")]) from None
    loader = yaml.SafeLoader(raw.decode("utf-8", errors="replace"))
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(error, "problem", None) or str(error)
        raise RubricError(source, [RubricProblem("<yaml>", f"not valid YAML: {problem}", line)]) from None
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

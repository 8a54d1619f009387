"""Computed answers typed into the source: a numeric literal in a code cell that *is* a value the task
asks the student to compute (Task 2's updated weight ``0.49877…``, an iterate ``5.12`` of Task 1).

The hard-coding re-run (:mod:`grader.run.variation`) judges values by whether they follow changed
parameters; it cannot judge a task with no parameter to rewrite, and a notebook that sees its
parameters change can switch to computing. What it leaves, this finds in the text itself. A finding
costs no points — a literal can be honest — and goes to a person: the task gets a ``typed_answer``
diagnosis naming the cell, the line and the number, and the report the flag ``typed_answer``.

What a careful TA would not want to look at, and is therefore never a finding:

* a value the task *gives* (x = 1.0, w1 = 0.5, w2 = -1.0, the target 0.5, lr = 0.1), or the student's own
  choice of a free one (a start of 10, 50 steps), or one the re-run writes in;
* whole numbers (``figsize=(8, 6)`` is not the first iterate 8.0) and numbers of fewer than three
  significant digits (``0.05``, ``6.4``, ``alpha=0.25``): too common to mean anything;
* a number inside an ``assert``, a comparison or a closeness test (``np.isclose``, ``pytest.approx``,
  ``assertAlmostEqual``…): a student checking a computed value against the answer they expect;
* comments, strings and Markdown: nothing there can be a value the code uses;
* a check that did not pass: a typed-in number that earned nothing needs no review — and naming it
  would tell the student it is the answer a hidden check expects.

Only tasks with a rubric ``variation`` are looked at (the hard-coding checks go together), so a
self-check, which runs none of them, is never an oracle for whether a guessed number is right.
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from grader.judge.compare import close
from grader.load.specs import TaskSpec
from grader.records import Diagnosis, TaskResult

#: A line IPython handles before Python sees it (``%matplotlib inline``, ``!pip install``).
_MAGIC = re.compile(r"^(\s*)[%!].*$", re.MULTILINE)
#: Calls whose arguments are a tolerance test, not a value the code goes on with.
_CLOSENESS = {"isclose", "allclose", "approx", "assertAlmostEqual", "assert_allclose", "assert_almost_equal"}
#: Fewer significant digits than this and a number is too common to be taken for a typed-in answer.
MIN_DIGITS = 3


@dataclass(frozen=True, slots=True)
class TypedLiteral:
    """A number in the source of code cell ``cell`` (0-based), at ``line`` (1-based), equal to the
    value of check ``check``."""

    cell: int
    line: int
    column: int
    text: str
    check: str


def typed_answers(spec: TaskSpec, result: TaskResult, sources: Mapping[int, str]) -> tuple[TypedLiteral, ...]:
    """The literals of ``sources`` (code cell index → source) equal to a passing check's value."""
    if spec.variation is None:
        return ()
    given = [value for value in _given(spec, result) if isinstance(value, (int, float))]
    targets: list[tuple[str, float, float, float]] = []
    checks = {check.id: check for check in spec.checks}
    for outcome in result.checks:
        check = checks.get(outcome.id)
        if check is None or check.compare == "plot" or outcome.status != "pass":
            continue
        for value in _numbers(outcome.expected):
            if not _common(value):
                targets.append((check.id, value, check.rtol, check.atol))
    if not targets:
        return ()
    found = []
    for cell, source in sorted(sources.items()):
        for node, value in _literals(source):
            if _common(value) or any(close(value, float(g), 1e-9, 1e-12) for g in given):
                continue
            match = next((c for c, target, rtol, atol in targets if close(value, target, rtol, atol)), None)
            if match is not None:
                text = ast.get_source_segment(source, node) or repr(value)
                found.append(TypedLiteral(cell, node.lineno, node.col_offset, text, match))
    return tuple(sorted(found, key=lambda item: (item.cell, item.line, item.column)))


def typed_diagnosis(literals: Sequence[TypedLiteral]) -> Diagnosis:
    """What the report (and, after grading, the student) reads about the literals found: each line
    that holds some, with its first (``cell 4, line 9: 5.12 and 24 more``)."""
    lines: dict[tuple[int, int], list[TypedLiteral]] = {}
    for item in literals:
        lines.setdefault((item.cell, item.line), []).append(item)
    where = [
        f"cell {cell + 1}, line {line}: {items[0].text}" + (f" and {len(items) - 1} more" if len(items) > 1 else "")
        for (cell, line), items in lines.items()
    ]
    shown = "; ".join(where[:3]) + (f"; {len(where) - 3} more lines" if len(where) > 3 else "")
    message = (
        f"Numbers this task asks you to compute are typed into your code ({shown}). A person will look at "
        "it: compute them from the task's values instead of typing them in."
    )
    return Diagnosis("typed_answer", message, "hard_coded", tuple(sorted({item.check for item in literals})))


def _given(spec: TaskSpec, result: TaskResult) -> Iterator[Any]:
    """The values the task gives or the student chose, and the ones the re-run writes in."""
    yield from spec.params.values()
    yield from result.params.values()
    if spec.variation is not None:
        yield from spec.variation.params.values()
    for reading in spec.readings:
        yield from reading.params.values()


def _numbers(value: Any) -> Iterator[float]:
    if isinstance(value, bool):
        return
    if isinstance(value, (int, float)):
        if math.isfinite(value):
            yield float(value)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _numbers(item)


def _common(value: float) -> bool:
    """A whole number, or one of fewer than :data:`MIN_DIGITS` significant digits (``0.05``, ``6.4``)."""
    if not math.isfinite(value) or value == int(value):
        return True
    digits = f"{abs(value):.15g}".replace(".", "").lstrip("0").split("e")[0]
    return len(digits) < MIN_DIGITS


def _literals(source: str) -> Iterator[tuple[ast.expr, float]]:
    """The numeric literals of a cell that its code may use as a value (see the module docstring),
    each with its value (``-0.9988`` is one literal, of value -0.9988)."""
    try:
        tree = ast.parse(_MAGIC.sub(lambda match: match.group(1) + "pass", source))
    except SyntaxError:
        return
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Assert, ast.Compare)) or (isinstance(node, ast.Call) and _closeness(node)):
            continue
        if not isinstance(node, ast.expr):
            stack.extend(ast.iter_child_nodes(node))
            continue
        sign, operand = 1.0, node
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            sign, operand = (-1.0 if isinstance(node.op, ast.USub) else 1.0), node.operand
        if isinstance(operand, ast.Constant) and isinstance(operand.value, (int, float)):
            if not isinstance(operand.value, bool):
                yield node, sign * float(operand.value)
            continue
        stack.extend(ast.iter_child_nodes(node))


def _closeness(call: ast.Call) -> bool:
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    return name in _CLOSENESS

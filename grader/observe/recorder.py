"""Observe stage, kernel side: record the values a student's code computes, whatever it names them.

Students do not write our template: they call the first weight ``weight1`` or ``W1``, keep it in a
dict or on an object, compute it inside a function that only prints, or never keep a history at all.
So instead of reading fixed names from the final namespace, the kernel's cells are rewritten on their
way to execution (an IPython AST transformer, registered by the preamble) so that every value the code
computes is recorded where it appears:

* assignments at every scope (module level, functions, methods, loops), tuple unpacking, augmented
  assignment, attributes (``self.w1 = …``) and constant-key items (``params["w1"] = …``);
* function arguments on entry (a recursive descent's iterates are its arguments) and return values;
* the arguments of ``print``, ``str.format`` and ``list.append``, f-string fields, and a cell's last
  expression (values that are only printed or appended are still seen).

Each record says where it came from (the cell's hash, the scope, the target's text, the kind of
statement, whether the right-hand side was a literal) and keeps values in order with a global sequence
number, bounded: the first :data:`FIRST_VALUES` and the last :data:`LAST_VALUES` values of each target,
a cap on targets and on values kept in total. Only numbers, numpy scalars of any precision and small
arrays or tuples of them are kept, converted to plain floats at the moment of assignment (an array
updated in place later does not rewrite history). Nothing is decided in the kernel: the probe drains
the record as plain JSON and :mod:`grader.observe.evidence` finds each quantity in the grader's process.

The cost: about 0.5 µs per recorded value (measured: a 1,000,000-step loop with two assignments goes
from 0.16 s to 1.1 s); after :data:`MAX_CALLS` values the recorder stops, so no loop is slowed by more
than about 1.5 s in all (a 10,000,000-step loop: 1.2 s → 1.8 s). Loop counters of
``for i in range(n)`` are not recorded.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from grader.observe.recorder_code import KERNEL_SOURCE  # the kernel side, kept as text
from grader.records import Series

#: Values kept from the start of each recorded target, and from its end.
FIRST_VALUES = 300
LAST_VALUES = 20
#: Targets recorded per kernel, and values kept in total, before recording only counts.
MAX_SERIES = 4000
MAX_VALUES = 200_000
#: Largest array (in items) recorded by value; bigger ones are not the quantities of this unit.
MAX_ITEMS = 16
#: Recording calls per kernel before the recorder stops (about 0.5 µs each: a 10-million-step loop would
#: otherwise spend seconds recording values nobody grades; the first values of each variable are kept).
MAX_CALLS = 3_000_000
#: Marks a cell the grader itself runs: it is neither instrumented nor attributed to the student.
INTERNAL_MARK = "#grader-internal"


def recorder_settings() -> dict[str, Any]:
    """The constants :data:`KERNEL_SOURCE` reads, injected into its namespace."""
    return {
        "_FIRST": FIRST_VALUES,
        "_LAST": LAST_VALUES,
        "_MAX_SERIES": MAX_SERIES,
        "_MAX_VALUES": MAX_VALUES,
        "_MAX_ITEMS": MAX_ITEMS,
        "_MAX_CALLS": MAX_CALLS,
        "_MARK": INTERNAL_MARK,
    }


def read_series(data: Any) -> tuple[Series, ...]:
    """Series from a probe's untrusted payload; malformed entries are dropped."""
    if not isinstance(data, list):
        return ()
    series = []
    for item in data[: MAX_SERIES * 2]:
        if not isinstance(item, dict):
            continue
        pairs = [pair for pair in _list(item.get("first")) + _list(item.get("last")) if _is_pair(pair)]
        if not pairs:
            continue
        series.append(
            Series(
                cell=_text(item.get("cell")),
                run=_text(item.get("run")),
                scope=_text(item.get("scope")),
                target=_text(item.get("target")),
                kind=_text(item.get("kind")),
                line=int(item["line"]) if isinstance(item.get("line"), int) else 0,
                literal=item.get("literal") is True,
                count=int(item["count"]) if isinstance(item.get("count"), int) else len(pairs),
                seqs=tuple(int(pair[0]) for pair in pairs),
                values=tuple(pair[1] for pair in pairs),
            )
        )
    return tuple(series)


def cell_hash(source: str) -> str:
    """The hash the kernel gives a cell's source (see ``_before`` in :data:`KERNEL_SOURCE`)."""
    return hashlib.sha1(source.encode("utf-8", "replace")).hexdigest()[:12]


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _text(value: Any) -> str:
    return value[:200] if isinstance(value, str) else ""


def _is_pair(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], int)
        and not isinstance(value[0], bool)
        and _is_plain(value[1], 0)
    )


def _is_plain(value: Any, depth: int) -> bool:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return True
    return isinstance(value, list) and depth < 3 and all(_is_plain(item, depth + 1) for item in value)


__all__: Sequence[str] = ["INTERNAL_MARK", "KERNEL_SOURCE", "Series", "cell_hash", "read_series", "recorder_settings"]

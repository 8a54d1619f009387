"""Extract stage: the code that snapshots a task's variables inside the kernel, and its strict reader.

Values cross from the student's kernel to the grader as size-capped JSON of plain numbers and nested
lists, published as display data under a private MIME type; the grader never unpickles or evaluates
anything the kernel sends. The kernel-side conversion reads numbers through ``float.__float__`` and
``int.__int__`` rather than ``float(value)``, so a float subclass that overrides ``__float__`` or
``__eq__`` cannot pass for another number — and the grader compares them anyway, never the kernel.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from grader.options import SNAPSHOT_MAX_BYTES

MIME = "application/vnd.grader.snapshot.v1"

#: Runs in the kernel inside its own namespace (so the student's names are neither read implicitly nor
#: overwritten); ``_names`` and ``_limit`` are injected by :func:`probe_source`.
_KERNEL_SOURCE = r"""
import json as _json, sys as _sys
from IPython import get_ipython as _get_ipython
from IPython.display import publish_display_data as _publish

_MAX_ITEMS = 100_000

def _plain(value, depth=0):
    if depth > 8:
        raise TypeError("is nested more than 8 levels deep")
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int.__int__(value)
    if isinstance(value, float):
        return float.__float__(value)
    numpy = _sys.modules.get("numpy")
    if numpy is not None:
        if isinstance(value, numpy.ndarray):
            if value.size > _MAX_ITEMS:
                raise TypeError(f"is an array of {value.size} items (at most {_MAX_ITEMS} are read)")
            return _plain(numpy.ndarray.tolist(value), depth + 1)
        if isinstance(value, numpy.generic):
            return _plain(numpy.generic.item(value), depth + 1)
    if isinstance(value, (list, tuple)):
        if len(value) > _MAX_ITEMS:
            raise TypeError(f"has {len(value)} items (at most {_MAX_ITEMS} are read)")
        return [_plain(item, depth + 1) for item in value]
    raise TypeError(f"is a {type(value).__name__}, not a number or a list of numbers")

_user_ns = _get_ipython().user_ns
_values, _problems = {}, {}
for _name in _names:
    if _name not in _user_ns:
        continue
    try:
        _values[_name] = _plain(_user_ns[_name])
    except (TypeError, ValueError, OverflowError, RecursionError) as _error:
        _problems[_name] = str(_error)[:300]
_payload = _json.dumps({"values": _values, "problems": _problems})
if len(_payload) > _limit:
    _payload = _json.dumps({"values": {}, "problems": {n: "too large to read" for n in _names}})
_publish({_mime: _payload})
"""


TRUNCATION_NOTE = "[output truncated by the grader]"

#: Runs once at the start of every kernel: caps what each cell may write to stdout/stderr. The grader
#: caps what it keeps anyway, but ipykernel spends about 8 µs per ``print`` sending output, so a flood
#: of millions of lines would otherwise use up the cell's time limit (3,000,000 lines ≈ 25 s).
_PREAMBLE_SOURCE = r"""
import os as _os, sys as _sys
from IPython import get_ipython as _get_ipython

class _CappedStream:
    # Once a cell has written its share, the stream is swapped for /dev/null (a C-level write, about
    # 5x cheaper per print than any Python-level one) until the next cell starts.
    def __init__(self, name, limit, note):
        self._name, self._stream, self._limit, self._note = name, getattr(_sys, name), limit, note
        self._sink = open(_os.devnull, "w")
        self.left = limit
    def write(self, text):
        self.left -= len(text)
        if self.left >= 0:
            return self._stream.write(text)
        self._stream.write(text[: len(text) + self.left] + "\n" + self._note + "\n")
        setattr(_sys, self._name, self._sink)
        return len(text)
    def reset(self, *args):
        self.left = self._limit
        setattr(_sys, self._name, self)
    def __getattr__(self, name):
        return getattr(self._stream, name)

for _name in ("stdout", "stderr"):
    _capped = _CappedStream(_name, _limit, _note)
    _capped.reset()
    _get_ipython().events.register("pre_run_cell", _capped.reset)
"""


def preamble_source(output_bytes: int) -> str:
    """The cell source that caps each cell's printed output at ``output_bytes`` characters per stream."""
    settings = {"_limit": output_bytes, "_note": TRUNCATION_NOTE}
    return f"exec({_PREAMBLE_SOURCE!r}, {settings!r})\n"


def probe_source(names: Sequence[str]) -> str:
    """The cell source that snapshots ``names``; run it as a cell right after a task's last cell."""
    settings = {"_names": list(names), "_limit": SNAPSHOT_MAX_BYTES, "_mime": MIME}
    return f"exec({_KERNEL_SOURCE!r}, {settings!r})\n"


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The plain values of a task's variables, and why any defined variable could not be read."""

    values: Mapping[str, Any] = field(default_factory=dict)
    problems: Mapping[str, str] = field(default_factory=dict)


def read_snapshot(outputs: Sequence[Mapping[str, Any]]) -> Snapshot | None:
    """Find the probe's payload among a probe cell's outputs; ``None`` when it is absent or malformed.

    Everything is re-validated here: the payload came from a process the student controls.
    """
    for output in outputs:
        payload = output.get("data", {}).get(MIME) if output.get("output_type") == "display_data" else None
        if not isinstance(payload, str) or len(payload) > SNAPSHOT_MAX_BYTES:
            continue
        try:
            data = json.loads(payload)
        except ValueError:
            continue
        if not isinstance(data, dict):
            continue
        values, problems = data.get("values"), data.get("problems")
        if not isinstance(values, dict) or not isinstance(problems, dict):
            continue
        clean = {str(name): value for name, value in values.items() if _is_plain(value, 0)}
        reasons = {str(name): str(reason)[:300] for name, reason in problems.items()}
        return Snapshot(values=clean, problems=reasons)
    return None


def _is_plain(value: Any, depth: int) -> bool:
    if isinstance(value, (bool, int, float)):
        return True
    if isinstance(value, list) and depth < 9:
        return all(_is_plain(item, depth + 1) for item in value)
    return False

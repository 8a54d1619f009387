"""Extract stage: the code that snapshots a task's variables inside the kernel, and its strict reader.

Figures are captured as data, not pictures: after every cell the preamble records each open
matplotlib figure's titles, axis labels and plotted points (capped), so plot checks compare numbers
and survive ``plt.show()`` and ``%matplotlib inline`` (whose flush closes figures after the cell: our
hook is registered first). ``show``/``close`` are wrapped before the first cell that mentions
matplotlib runs, so a figure closed inside a cell is still seen. No PNG is drawn in the kernel.

Values cross from the student's kernel to the grader as size-capped JSON of plain numbers and nested
lists, published as display data under a private MIME type; the grader never unpickles or evaluates
anything the kernel sends. The kernel-side conversion reads numbers through ``float.__float__`` and
``int.__int__`` rather than ``float(value)``, so a float subclass that overrides ``__float__`` or
``__eq__`` cannot pass for another number — and the grader compares them anyway, never the kernel.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from grader.observe.recorder import INTERNAL_MARK, read_series, recorder_settings
from grader.observe.recorder import KERNEL_SOURCE as RECORDER_SOURCE
from grader.options import SNAPSHOT_MAX_BYTES
from grader.records import Axes, Figure, Line, Snapshot
from grader.run.probe_code import FIGURES_SOURCE, KERNEL_SOURCE, PREAMBLE_SOURCE

MIME = "application/vnd.grader.snapshot.v1"
TRUNCATION_NOTE = "[output truncated by the grader]"


def preamble_source(output_bytes: int) -> str:
    """The first cell of every fresh kernel: caps each cell's output per stream, starts the recorder
    (:mod:`grader.observe.recorder`) and records figures. A warm kernel runs the same code as it starts
    (:func:`preamble_parts`), compiled once by its zygote."""
    source, settings = preamble_parts(output_bytes)
    return f"{INTERNAL_MARK}\nexec({source!r}, {settings!r})\n"


def preamble_parts(output_bytes: int) -> tuple[str, dict[str, Any]]:
    """The preamble's code and the constants it reads (plain JSON data), to run as ``exec(code, settings)``."""
    settings = {"_limit": output_bytes, "_note": TRUNCATION_NOTE, **recorder_settings()}
    return PREAMBLE_SOURCE + RECORDER_SOURCE + FIGURES_SOURCE, settings


def _probe_settings(
    names: Sequence[str] | None, figures: bool, series: bool = False, nonce: str = ""
) -> dict[str, Any]:
    return {
        "_names": None if names is None else list(names),
        "_limit": SNAPSHOT_MAX_BYTES,
        "_mime": MIME,
        "_want_figures": figures,
        "_want_series": series,
        "_nonce": nonce,
    }


def probe_source(names: Sequence[str] | None, figures: bool = False, series: bool = True, nonce: str = "") -> str:
    """The cell source that snapshots ``names`` (``None``: every plain value in the namespace), the
    figures drawn since the last probe that took figures, and (``series``) what the recorder saw since
    the last probe; run it as a cell right after a task's last cell. ``nonce`` (fresh for each probe
    cell, see :func:`read_snapshot`) goes into the payload."""
    settings = _probe_settings(names, figures, series, nonce)
    return f"{INTERNAL_MARK}\nexec({KERNEL_SOURCE!r}, {settings!r})\n"


def snapshot_here(names: Sequence[str] | None) -> Snapshot | None:
    """Run the probe in *this* IPython kernel (``grader.check()`` in a student's own notebook) and read
    its payload as the grader reads a kernel's: the same conversion, the same checks."""
    captured: list[dict[str, Any]] = []
    exec(KERNEL_SOURCE, {**_probe_settings(names, False), "_publish": captured.append})
    return read_snapshot([{"output_type": "display_data", "data": item} for item in captured])


def read_snapshot(outputs: Sequence[Mapping[str, Any]], nonce: str | None = None) -> Snapshot | None:
    """Find the probe's payload among a probe cell's outputs; ``None`` when it is absent or malformed.

    Everything is re-validated here: the payload came from a process the student controls. With a
    ``nonce`` (the grader's probes: a fresh random one per probe cell), the cell must have published
    exactly one payload, carrying that nonce: a snapshot a student's hook published before (or after)
    the real probe — prepared before the cell's text existed, or added to it — makes the whole probe
    unreadable rather than being taken for the real one.
    """
    if nonce is not None:
        published = [
            output
            for output in outputs
            if output.get("output_type") == "display_data" and MIME in (output.get("data") or {})
        ]
        if len(published) != 1:
            return None
        outputs = published
    for output in outputs:
        payload = output.get("data", {}).get(MIME) if output.get("output_type") == "display_data" else None
        if not isinstance(payload, str) or len(payload) > SNAPSHOT_MAX_BYTES:
            continue
        try:
            data = json.loads(payload)
        except (ValueError, RecursionError):  # nested thousands deep: the decoder recurses per level
            continue
        if not isinstance(data, dict):
            continue
        values, problems = data.get("values"), data.get("problems")
        if not isinstance(values, dict) or not isinstance(problems, dict):
            continue
        if nonce is not None and data.get("nonce") != nonce:
            return None
        clean = {str(name): value for name, value in values.items() if _is_plain(value, 0)}
        reasons = {str(name): str(reason)[:300] for name, reason in problems.items()}
        return Snapshot(
            values=clean,
            problems=reasons,
            figures=figures_from(data.get("figures")),
            series=read_series(data.get("series")),
        )
    return None


def figures_from(data: Any) -> tuple[Figure, ...]:
    """Figures from untrusted JSON (a kernel's payload or a report): malformed parts are dropped."""
    if not isinstance(data, list):
        return ()
    figures = []
    for item in data[:8]:
        if not isinstance(item, dict) or not isinstance(item.get("axes"), list):
            continue
        axes = []
        for ax in item["axes"][:8]:
            if not isinstance(ax, dict) or not isinstance(ax.get("lines"), list):
                continue
            lines = tuple(
                Line(str(line.get("kind", "line")), _floats(line.get("x")), _floats(line.get("y")))
                for line in ax["lines"][:16]
                if isinstance(line, dict)
            )
            axes.append(Axes(_text(ax.get("title")), _text(ax.get("xlabel")), _text(ax.get("ylabel")), lines))
        figures.append(Figure(_text(item.get("suptitle")), tuple(axes), _text(item.get("cell"))))
    return tuple(figures)


def figure_to_dict(figure: Figure) -> dict[str, Any]:
    return {
        "cell": figure.cell,
        "suptitle": figure.suptitle,
        "axes": [
            {
                "title": ax.title,
                "xlabel": ax.xlabel,
                "ylabel": ax.ylabel,
                "lines": [{"kind": line.kind, "x": list(line.x), "y": list(line.y)} for line in ax.lines],
            }
            for ax in figure.axes
        ],
    }


def _text(value: Any) -> str:
    return value[:200] if isinstance(value, str) else ""


def _floats(value: Any) -> tuple[float, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(float(item) for item in value[:1000] if isinstance(item, (int, float)) and not isinstance(item, bool))


def _is_plain(value: Any, depth: int) -> bool:
    if isinstance(value, (bool, int, float)):
        return True
    if isinstance(value, list) and depth < 9:
        return all(_is_plain(item, depth + 1) for item in value)
    return False

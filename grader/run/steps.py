"""Run stage, what to run: a notebook's code cells in order, each task's probe right after its last
cell, and the replay of the varied tasks (see :mod:`grader.run.execute`), as a list of :class:`Step`.

Cell tags are read here as nbclient and papermill read them (``skip-execution``, ``raises-exception``).
"""

from __future__ import annotations

import ast
import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from nbformat import NotebookNode

from grader.records import Execution, Plan, Probe
from grader.run.probe import probe_source

#: Cell tags with a meaning for execution, as nbclient and papermill read them.
SKIP_TAG = "skip-execution"
RAISES_TAG = "raises-exception"


@dataclass(slots=True)
class Step:
    cell: NotebookNode
    original: int  # index of the code cell in the submitted notebook
    task: str | None
    probe: Probe | None = None
    nonce: str | None = None  # a probe's: its payload must carry it (see probe.read_snapshot)
    raises: bool = False  # tagged raises-exception: an error here is expected


def notebook_steps(notebook: NotebookNode, plan: Plan, sources: Mapping[int, str] | None = None) -> list[Step]:
    """The cells to run: each code cell (outputs cleared; its source from ``sources`` where that has
    one), each probe right after its task's last cell."""
    steps: list[Step] = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        task = plan.task_of_cell.get(index)
        source = (sources or {}).get(index, cell.source)
        if not skipped(cell):
            raises = RAISES_TAG in cell.get("metadata", {}).get("tags", [])
            steps.append(Step(code_cell(source), index, task, raises=raises))
        for probe in plan.probes:
            if probe.after_cell == index:
                nonce = secrets.token_hex(16)
                probe_cell = code_cell(probe_source(None, probe.figures, nonce=nonce))
                steps.append(Step(probe_cell, index, probe.task, probe, nonce=nonce))
    return steps


def skipped(cell: NotebookNode) -> bool:
    """Whether the cell is tagged ``skip-execution``: its author keeps it from running (a long experiment,
    an exercise left undone), in the notebook's run and in a task's re-run with other parameters alike."""
    return SKIP_TAG in cell.get("metadata", {}).get("tags", [])


def code_cell(source: str) -> NotebookNode:
    """A code cell to run. ``nbformat.v4.new_code_cell`` validates each one against the whole notebook
    schema (about a millisecond, some twenty times a notebook); these cells are built here, from
    strings, and never written to disk."""
    return NotebookNode(
        id=uuid.uuid4().hex[:8],
        cell_type="code",
        metadata=NotebookNode(),
        execution_count=None,
        source=source,
        outputs=[],
    )


def replay_steps(notebook: NotebookNode, plan: Plan, first: Execution) -> list[Step] | None:
    """The replay of the notebook for its varied tasks (see the module docstring), or ``None`` when no
    task needs one: the same steps with those tasks' cells rewritten, up to the probe of the last varied
    task the first run finished (a task that timed out or killed its kernel has nothing to confirm).
    What comes after that probe is never run; the kernel is gone before it could tell."""
    wanted = {variation.task for variation in plan.variations if variation.task not in first.missed}
    if not wanted:
        return None
    sources = {index: source for variation in plan.variations for index, source in variation.sources.items()}
    steps = notebook_steps(notebook, plan, sources)
    probes = [i for i, step in enumerate(steps) if step.probe is not None and step.probe.task in wanted]
    return steps[: max(probes) + 1] if probes else None


def declared_language(notebook: NotebookNode) -> str | None:
    """The language the notebook says it is written in, when that is not Python: ``"R (kernel ir)"``.

    Jupyter writes it twice, in ``kernelspec.language`` and ``language_info.name``; a notebook that
    names no language (hand-written, or from an old tool) is taken to be Python.
    """
    metadata = notebook.get("metadata", {})
    spec = metadata.get("kernelspec") or {}
    language = str(spec.get("language") or (metadata.get("language_info") or {}).get("name") or "")
    if not language or language.lower() == "python":
        return None
    kernel = spec.get("name")
    return f"{language} (kernel {kernel})" if kernel else language


def error_of(cell: NotebookNode) -> tuple[str, str] | None:
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            return str(output.get("ename", "Error")), str(output.get("evalue", ""))
    return None


def imports_of(source: str) -> str:
    """The top-level ``import`` statements of a cell, to replay on a fresh kernel."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython magics or a syntax error: nothing to replay
        return ""
    return "\n".join(ast.unparse(node) for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom)))

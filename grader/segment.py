"""Segment stage: decide which code cells belong to which task.

The template tags each answer cell (``task:descent``); a notebook whose tags were lost — copied into a
fresh notebook, edited in a tool that drops metadata — is segmented by the seed's headings instead
("Task 1", "Task 2"): a task owns the code cells after its heading up to the next heading of the same or
a higher level. Tags win where both exist, task by task.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from nbformat import NotebookNode

from grader.rubric import Rubric

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*)$")


@dataclass(frozen=True, slots=True)
class Segmentation:
    """Code-cell indices per task (notebook order) and how each task's cells were found."""

    cells: Mapping[str, tuple[int, ...]]
    method: Mapping[str, str]  # task id → "tags" | "headings" | "none"

    def task_of(self, index: int) -> str | None:
        return next((task for task, cells in self.cells.items() if index in cells), None)


def segment(notebook: NotebookNode, rubric: Rubric) -> Segmentation:
    cells: dict[str, tuple[int, ...]] = {}
    method: dict[str, str] = {}
    by_heading = _cells_by_heading(notebook, rubric)
    for task in rubric.tasks:
        tagged = tuple(
            index
            for index, cell in enumerate(notebook.cells)
            if cell.cell_type == "code" and task.tag in cell.get("metadata", {}).get("tags", [])
        )
        if tagged:
            cells[task.id], method[task.id] = tagged, "tags"
        elif by_heading.get(task.id):
            cells[task.id], method[task.id] = by_heading[task.id], "headings"
        else:
            cells[task.id], method[task.id] = (), "none"
    return Segmentation(cells=cells, method=method)


def _cells_by_heading(notebook: NotebookNode, rubric: Rubric) -> dict[str, tuple[int, ...]]:
    patterns = {
        task.id: [re.compile(rf"(?<!\w){re.escape(text)}(?!\w)", re.IGNORECASE) for text in task.headings]
        for task in rubric.tasks
    }
    found: dict[str, list[int]] = {task.id: [] for task in rubric.tasks}
    current: str | None = None
    current_level = 0
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                match = _HEADING.match(line)
                if not match:
                    continue
                level, text = len(match.group(1)), match.group(2)
                owner = next((task for task, regexes in patterns.items() if any(r.search(text) for r in regexes)), None)
                if owner is not None:
                    current, current_level = owner, level
                elif current is not None and level <= current_level:
                    current = None
        elif cell.cell_type == "code" and current is not None:
            found[current].append(index)
    return {task: tuple(indices) for task, indices in found.items()}

"""Segment stage: decide which code cells belong to which task.

The template tags each answer cell (``task:descent``); a notebook whose tags were lost — copied into a
fresh notebook, edited in a tool that drops metadata — is segmented by its headings instead, in the
words the rubric lists ("Task 1", "Part 1", "Exercise 1", "Gradient descent"; a line that is only bold
counts as a heading, and so does a code cell's opening comment that numbers a task, ``# Task 2``): a
task owns the code cells after its heading up to the next heading of the same
or a higher level. A heading that names two tasks names neither, and neither does the notebook's title
(its first heading, at level 1, before any code, without a task number). Tags win where both exist, task by
task. A notebook with neither is still graded: :mod:`grader.observe.locate` finds each task's values wherever
they were computed, and the task's cells are the ones that computed them (``content``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from nbformat import NotebookNode

from grader.load.specs import Rubric

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*)$")
#: A line that is bold and nothing else (``**Task 1**``, ``__Part 2:__``) reads as a heading to students.
_BOLD_LINE = re.compile(r"^\s{0,3}(\*\*|__)(.+?)\1\s*:?\s*$")
#: The level a bold line counts as: below every real heading.
_BOLD_LEVEL = 7
#: A code cell's opening comment naming a task (``# Task 2``): below every heading and bold line.
_COMMENT = re.compile(r"^#+\s*(.+)$")
_COMMENT_LEVEL = 8


@dataclass(frozen=True, slots=True)
class Segmentation:
    """Code-cell indices per task (notebook order) and how each task's cells were found."""

    cells: Mapping[str, tuple[int, ...]]
    method: Mapping[str, str]  # task id → "tags" | "headings" | "none"
    #: every code cell of the notebook, whichever task (if any) it belongs to
    code_cells: tuple[int, ...] = ()

    @property
    def task_cells(self) -> frozenset[int]:
        """The code cells that belong to some task."""
        return frozenset(index for cells in self.cells.values() for index in cells)

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
    code = tuple(index for index, cell in enumerate(notebook.cells) if cell.cell_type == "code")
    return Segmentation(cells=cells, method=method, code_cells=code)


def _comment_heading(source: str, patterns: Mapping[str, list[re.Pattern[str]]]) -> str | None:
    """The task a code cell's opening comment numbers (``# Task 2``, ``# Part 1: descent``), if exactly
    one: a notebook without markdown often heads its cells so. Only numbered names count here: a
    comment "# gradient descent update" opens many a backprop cell."""
    first = next((line.strip() for line in source.splitlines() if line.strip()), "")
    match = _COMMENT.match(first)
    if match is None:
        return None
    text = match.group(1)
    owners = [
        task
        for task, regexes in patterns.items()
        if any(r.search(text) and re.search(r"\d", r.pattern) for r in regexes)
    ]
    return owners[0] if len(owners) == 1 else None


def _cells_by_heading(notebook: NotebookNode, rubric: Rubric) -> dict[str, tuple[int, ...]]:
    patterns = {
        task.id: [re.compile(rf"(?<!\w){re.escape(text)}(?!\w)", re.IGNORECASE) for text in task.headings]
        for task in rubric.tasks
    }
    found: dict[str, list[int]] = {task.id: [] for task in rubric.tasks}
    current: str | None = None
    current_level = 0
    seen_code = seen_heading = False
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                match = _HEADING.match(line)
                bold = None if match else _BOLD_LINE.match(line)
                if match:
                    level, text = len(match.group(1)), match.group(2)
                elif bold:
                    level, text = _BOLD_LEVEL, bold.group(2)
                else:
                    continue
                # a heading that names two tasks ("Gradient Descent and Backpropagation") names neither
                owners = [task for task, regexes in patterns.items() if any(r.search(text) for r in regexes)]
                owner = owners[0] if len(owners) == 1 else None
                # the notebook's title ("# Homework: descenso de gradiente y backpropagation") names the
                # notebook, not a task, unless it numbers one ("# Task 1: …")
                title = not seen_code and not seen_heading and level == 1 and not re.search(r"\d", text)
                seen_heading = True
                if title:
                    continue
                if owner is not None:
                    current, current_level = owner, level
                elif current is not None and level <= current_level:
                    current = None
        elif cell.cell_type == "code":
            seen_code = True
            named = _comment_heading(cell.source, patterns)
            if named is not None:
                current, current_level = named, _COMMENT_LEVEL
            if current is not None:
                found[current].append(index)
    return {task: tuple(indices) for task, indices in found.items()}

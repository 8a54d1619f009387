"""Are cells assigned to the right task, with tags and without?"""

from __future__ import annotations

from pathlib import Path

import nbformat

from grader.load.submissions import read_notebook
from grader.run.segment import segment

NOTEBOOKS = Path(__file__).resolve().parent / "notebooks"


def load(name: str) -> nbformat.NotebookNode:
    path = NOTEBOOKS / f"{name}.ipynb"
    return read_notebook(path.read_bytes(), path)


def test_template_tags_decide(rubric) -> None:  # type: ignore[no-untyped-def]
    notebook = load("correct")
    result = segment(notebook, rubric)
    assert result.method == {"descent": "tags", "backprop": "tags"}
    for task in rubric.tasks:
        (index,) = result.cells[task.id]
        assert task.tag in notebook.cells[index].metadata["tags"]


def test_headings_are_the_fallback_when_tags_are_lost(rubric) -> None:  # type: ignore[no-untyped-def]
    notebook = load("untagged")
    result = segment(notebook, rubric)
    assert result.method == {"descent": "headings", "backprop": "headings"}
    assert "history" in notebook.cells[result.cells["descent"][0]].source
    assert "dL_dw1" in notebook.cells[result.cells["backprop"][0]].source


def test_a_higher_level_heading_ends_a_task(rubric) -> None:  # type: ignore[no-untyped-def]
    cells = [
        nbformat.v4.new_markdown_cell("### Task 1: descent"),
        nbformat.v4.new_code_cell("a = 1"),
        nbformat.v4.new_markdown_cell("#### Plotting it"),
        nbformat.v4.new_code_cell("b = 2"),
        nbformat.v4.new_markdown_cell("## Appendix"),
        nbformat.v4.new_code_cell("scratch = 3"),
        nbformat.v4.new_markdown_cell("### task 2 — backprop"),
        nbformat.v4.new_code_cell("c = 4"),
    ]
    result = segment(nbformat.v4.new_notebook(cells=cells), rubric)
    assert result.cells == {"descent": (1, 3), "backprop": (7,)}


def test_task_10_is_not_task_1(rubric) -> None:  # type: ignore[no-untyped-def]
    cells = [nbformat.v4.new_markdown_cell("### Task 10"), nbformat.v4.new_code_cell("a = 1")]
    result = segment(nbformat.v4.new_notebook(cells=cells), rubric)
    assert result.method["descent"] == "none"


def test_empty_template_has_cells_for_each_task(rubric) -> None:  # type: ignore[no-untyped-def]
    result = segment(load("empty_template"), rubric)
    assert all(len(cells) == 1 for cells in result.cells.values())

"""The student notebook, generated from the rubrics so that questions, tasks and tags never drift apart.

Each quiz question is followed by an empty markdown answer cell tagged ``quiz:<id>``, each task's
description by a code cell tagged ``task:<id>`` holding ``# Your code here``. The tags are how the
grader finds answers; the headings ("Task 1", …) are its fallback when a student's tool drops tags.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping

import nbformat
from nbformat import NotebookNode

from grader.load.specs import Rubric

INTRO = (
    "Answer each quiz question in the empty cell below it, and write each task's code in the code "
    "cell below its description. Keep those cells (and their tags): the grader finds your answers "
    "there. Before you submit, restart the kernel and run all cells."
)
ANSWER_PLACEHOLDER_CODE = "# Your code here\n"


def build_template(rubric: Rubric) -> NotebookNode:
    new_markdown, new_code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    cells = [new_markdown(f"# {rubric.title}\n\n{INTRO}")]
    if rubric.quiz is not None:
        cells.append(new_markdown(f"# {rubric.quiz.title}\n\n### Questions"))
        for number, question in enumerate(rubric.quiz.questions, start=1):
            cells.append(new_markdown(f"{number}. {question.text}"))
            cells.append(new_markdown("", metadata={"tags": [question.tag]}))
    cells.append(new_markdown(f"# Assignment: {rubric.title}"))
    for task in rubric.tasks:
        cells.append(new_markdown(task.description.strip() or f"### {task.title}"))
        cells.append(new_code(ANSWER_PLACEHOLDER_CODE, metadata={"tags": [task.tag]}))
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.metadata["language_info"] = {"name": "python"}
    return typing.cast(NotebookNode, notebook)


def filled_template(rubric: Rubric, answers: Mapping[str, str]) -> NotebookNode:
    """The template with the cells tagged as the keys of ``answers`` (``task:descent``, ``quiz:q1``) filled."""
    notebook = build_template(rubric)
    for cell in notebook.cells:
        for tag in cell.metadata.get("tags", []):
            if tag in answers:
                cell.source = answers[tag]
    return notebook


def template_text(rubric: Rubric) -> str:
    notebook = build_template(rubric)
    stable_cell_ids(notebook)
    return str(nbformat.writes(notebook)) + "\n"


def stable_cell_ids(notebook: NotebookNode) -> None:
    """Give cells stable ids (nbformat makes random ones) so a generated notebook is byte-identical run to run."""
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index}"

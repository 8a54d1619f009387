"""The quiz's reading of a notebook: every line a student wrote, in order — Markdown and raw cells as
prose (HTML line breaks, quotes and tables flattened), code cells as their comments and string
literals — each marked as a heading, code, or a code cell's boundary. :mod:`grader.quiz.extract`
finds the answers among them.
"""

from __future__ import annotations

import ast
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from nbformat import NotebookNode

WORD = re.compile(r"[^\W_]+")
DECORATION = r"[\s>*_#\-•|]*"
#: "Q3", "Question 3", "Answer 3", "Ans. 3", "A3", "Frage 3", "Pregunta 3", with "& 4" for a merged answer.
STRONG = re.compile(
    rf"^{DECORATION}(?:q|question|answer|ans|a|frage|pregunta|antwort|respuesta|réponse|reponse|aufgabe)"
    r"\s*\.?\s*(\d{1,2})(?:\s*(?:&|and|/|,|\+|y|und)\s*(?:q\s*)?(\d{1,2}))?(?![\d.]\d)"
    r"\s*(?:\*\*|__)?\s*(?:[:.)\-–—]+|\s|$)\s*(?:\*\*|__)?\s*",
    re.I,
)
HEADING_NUMBER = re.compile(r"^\s{0,3}#{1,6}\s*(?:\*\*)?\s*(\d{1,2})\s*[.):]?\s*(?:\*\*)?\s*$")
HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_TAG = re.compile(r"<\s*br\s*/?\s*>|</\s*(?:p|div|li|tr)\s*>", re.I)
_HTML = re.compile(r"<[^>]{1,80}>")


@dataclass(slots=True)
class Line:
    cell: int
    text: str
    code: bool = False
    heading: bool = False
    boundary: bool = False  # a code cell with no prose: whatever answer was open ends here


def notebook_lines(notebook: NotebookNode) -> Iterator[Line]:
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type in ("markdown", "raw"):
            for line in _markdown_lines(cell.source):
                yield Line(
                    index,
                    line,
                    heading=bool(HEADING.match(line)) and not STRONG.match(line) and not HEADING_NUMBER.match(line),
                )
        elif cell.cell_type == "code":
            texts = list(_code_texts(cell.source))
            if not texts:
                yield Line(index, "", code=True, boundary=True)  # a code cell ends an answer
            for text in texts:
                for line in text.splitlines():
                    yield Line(index, line, code=True)


def _markdown_lines(source: str) -> Iterator[str]:
    source = html.unescape(_HTML.sub("", _TAG.sub("\n", source)))
    for line in source.splitlines():
        stripped = line.strip()
        if stripped.startswith("|") or stripped.count("|") >= 2:
            cells = [cell.strip() for cell in stripped.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", cell) or not cell for cell in cells):
                continue  # the table's rule
            if len(cells) >= 2 and re.fullmatch(r"(?:q|question|answer)?\s*\d{1,2}\.?", cells[0], re.I):
                yield "Q" + "".join(filter(str.isdigit, cells[0])) + ": " + " ".join(cells[1:])
                continue
            if all(len(WORD.findall(cell)) <= 2 for cell in cells):
                continue  # a header row
            yield " ".join(cells)
            continue
        yield re.sub(r"^\s*>\s?", "", line)


def _code_texts(source: str) -> Iterator[str]:
    """A code cell's prose: comments, and string literals (labelled by their variable's name)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        tree = None
    if tree is not None:
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
            ):
                name = node.targets[0].id if isinstance(node.targets[0], ast.Name) else ""
                number = re.fullmatch(r"(?:q|question|ans|answer|a)_?(\d{1,2})", name, re.I)
                text = node.value.value
                if len(WORD.findall(text)) >= 4:
                    yield f"Q{number.group(1)}: {text}" if number else text
            elif (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and len(WORD.findall(node.value)) >= 4
                and not _is_assigned(tree, node)
            ):
                yield node.value
    for line in source.splitlines():
        comment = re.match(r"^\s*#+\s?(.*)$", line)
        if comment and len(WORD.findall(comment.group(1))) >= 2:
            yield comment.group(1)


def _is_assigned(tree: ast.AST, constant: ast.Constant) -> bool:
    return any(isinstance(node, ast.Assign) and node.value is constant for node in ast.walk(tree))

"""Is every input file either read as a notebook or refused with a message that says why?"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from conftest import run_grader

from grader import NotebookInvalid, UsageError, discover
from grader.load.submissions import read_notebook

NOTEBOOKS = Path(__file__).resolve().parent / "notebooks"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("not_json", "not valid JSON (Expecting value at line 1, column 13); the file may be cut short"),
        # json's message ends in "at": said once, not "at at"
        ("half_written", "not valid JSON (Unterminated string starting at line 165, column 5);"),
        # what nbformat's schema rejected, and where in the notebook
        ("cell_without_source", "'source' is a required property, in cells[13] (cell 14)"),
        ("not_a_notebook", "JSON but not a Jupyter notebook (no integer 'nbformat' field)"),
        ("unknown_format", "unknown notebook format version 99 (this grader reads versions 3 and 4)"),
    ],
)
def test_invalid_files_are_refused_with_the_reason(name: str, message: str) -> None:
    path = NOTEBOOKS / f"{name}.ipynb"
    with pytest.raises(NotebookInvalid) as caught:
        read_notebook(path.read_bytes(), path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)


@pytest.mark.kernel
def test_nbformat_warnings_do_not_escape_without_the_file_name(tmp_path: Path) -> None:
    """Cells without ids make nbformat warn on stderr (no file name, even under --quiet); the warning
    is about something it repairs, so the notebook is read — and, here, a warning would fail the test."""
    path = NOTEBOOKS / "missing_cell_ids.ipynb"
    assert read_notebook(path.read_bytes(), path).cells
    graded = run_grader("grade", str(path), "--out", str(tmp_path / "out"), "--quiet", "--no-cache")
    assert graded.returncode == 0, graded.stderr
    assert graded.stderr == ""


def test_binary_file_is_refused() -> None:
    with pytest.raises(NotebookInvalid, match="not a text file"):
        read_notebook(b"\x89PNG\r\n\x1a\n\xff\xfe", Path("photo.ipynb"))


def test_structurally_broken_notebook_is_refused() -> None:
    with pytest.raises(NotebookInvalid, match="not a valid notebook"):
        read_notebook(
            b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code"}]}', Path("x.ipynb")
        )


def test_v3_notebook_is_upgraded_to_v4() -> None:
    path = NOTEBOOKS / "v3_format.ipynb"
    notebook = read_notebook(path.read_bytes(), path)
    assert notebook.nbformat == 4
    code = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    assert "history.append" in code[0] and "dL_dw1" in code[1]


def test_discover_ids_are_relative_paths_and_checkpoints_are_skipped(tmp_path: Path) -> None:
    empty = nbformat.writes(nbformat.v4.new_notebook())
    for relative in ("alice/hw.ipynb", "bob.ipynb", "alice/.ipynb_checkpoints/hw-checkpoint.ipynb", "notes.txt"):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(empty)
    assert [(s.id, s.path.relative_to(tmp_path).as_posix()) for s in discover([tmp_path])] == [
        ("alice/hw", "alice/hw.ipynb"),
        ("bob", "bob.ipynb"),
    ]
    assert [s.id for s in discover([tmp_path / "alice" / "hw.ipynb"])] == ["hw"]


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file or folder"):
        discover([tmp_path / "absent"])


def test_two_files_with_one_id_are_refused_before_grading(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "hw.ipynb").write_text("{}")
    with pytest.raises(UsageError, match="would share the id 'hw'"):
        discover([tmp_path / "a", tmp_path / "b"])


def test_an_incomplete_kernelspec_is_completed_not_refused() -> None:
    """nbclient's own test notebook Output.ipynb has a kernelspec without ``name``; Jupyter runs it, so
    the grader reads it (a hand-edited kernelspec must not cost a student every point)."""
    data = json.loads((NOTEBOOKS / "correct.ipynb").read_text())
    data["metadata"]["kernelspec"] = {"display_name": "Python 3", "language": "python"}
    notebook = read_notebook(json.dumps(data).encode(), Path("output.ipynb"))
    assert notebook.metadata.kernelspec["name"] == "Python 3"
    data["metadata"]["kernelspec"] = {"language": "R"}
    spec = read_notebook(json.dumps(data).encode(), Path("r.ipynb")).metadata.kernelspec
    assert spec["language"] == "R" and spec["name"] == "R"  # still told apart from Python


def test_a_number_too_long_for_python_is_an_invalid_notebook_not_a_grader_error() -> None:
    """A blind attacker's 100,000-digit integer in the metadata made the submission a grader `error`."""
    raw = b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {"x": ' + b"9" * 100_000 + b'}, "cells": []}'
    with pytest.raises(NotebookInvalid, match="not a notebook Jupyter wrote"):
        read_notebook(raw, Path("digits.ipynb"))

"""Load stage: find submission notebooks under the given paths and read each into a notebook object.

A file that is not a notebook is the student's problem, not the grader's: :func:`read_notebook` raises
:class:`~grader.errors.NotebookInvalid`, which the pipeline turns into a ``status: "invalid"`` report.
A path that does not exist or clashing submission ids are the caller's problem and raise
:class:`~grader.errors.UsageError` before anything is graded.
"""

from __future__ import annotations

import hashlib
import json
import os
import typing
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat.validator import ValidationError

from grader.errors import NotebookInvalid, UsageError

#: nbformat major versions the grader reads; v3 is upgraded to v4 on load.
READABLE_MAJOR_VERSIONS = (3, 4)
#: The largest notebook file read: a student's notebook with its figures saved is a few MB, and a
#: blind attacker's 160 MB one held a worker for three minutes and 1.4 GB.
MAX_NOTEBOOK_BYTES = 32 * 2**20


@dataclass(frozen=True, slots=True)
class SubmissionFile:
    """A notebook to grade. ``id`` is its path relative to the graded folder, without ``.ipynb``."""

    id: str
    path: Path
    #: the file, or a folder on the way to it below the graded folder, is a symbolic link
    linked: bool = False


def discover(paths: Iterable[Path | str]) -> list[SubmissionFile]:
    """Expand files and folders (recursively, skipping ``.ipynb_checkpoints``) into sorted submissions.

    A file given directly gets its stem as id; a file found in a folder gets its path relative to
    that folder, so ``class/alice/hw.ipynb`` graded as ``class/`` is ``alice/hw``.
    """
    found: dict[str, SubmissionFile] = {}
    for given in map(Path, paths):
        if given.is_dir():
            candidates = [
                (path, path.relative_to(given), _linked(path, given))
                for path in sorted(given.rglob("*.ipynb"))
                if ".ipynb_checkpoints" not in path.relative_to(given).parts and path.is_file()
            ]
        elif given.is_file():
            candidates = [(given, Path(given.name), given.is_symlink())]
        else:
            raise UsageError(f"{given}: no such file or folder; give notebooks or folders that contain them")
        for path, relative, linked in candidates:
            submission_id = relative.with_suffix("").as_posix()
            if submission_id in found and found[submission_id].path.resolve() != path.resolve():
                raise UsageError(
                    f"two submissions would share the id {submission_id!r}: {found[submission_id].path} and "
                    f"{path}; grade them in separate runs or with distinct --out folders"
                )
            found[submission_id] = SubmissionFile(id=submission_id, path=path, linked=linked)
    return [found[key] for key in sorted(found)]


def _linked(path: Path, root: Path) -> bool:
    """Whether ``path`` or a folder between ``root`` and it is a symbolic link."""
    current = path
    while current != root and current != current.parent:
        if current.is_symlink():
            return True
        current = current.parent
    return False


def read_submission(submission: SubmissionFile) -> bytes:
    """The notebook's bytes, or :class:`NotebookInvalid` for what is not the student's own file: a
    symbolic link (``mallory.ipynb -> alice.ipynb`` would hand in a classmate's work, a link to a
    root-only file would probe it) or a file too large to be a notebook (outputs are never used)."""
    path = submission.path
    if submission.linked:
        raise NotebookInvalid(
            f"{path}: a symbolic link, not a notebook file; the grader reads only the files handed in "
            "(copy the notebook itself into the submission)"
        )
    try:
        size = os.stat(path, follow_symlinks=False).st_size
        if size > MAX_NOTEBOOK_BYTES:
            raise NotebookInvalid(
                f"{path}: {size / 2**20:.0f} MB, more than the {MAX_NOTEBOOK_BYTES // 2**20} MB a notebook may "
                "be (saved outputs, such as images, make it large): clear all outputs in Jupyter, save, and "
                "hand it in again"
            )
        with open(path, "rb", opener=lambda name, flags: os.open(name, flags | os.O_NOFOLLOW)) as handle:
            return handle.read(MAX_NOTEBOOK_BYTES + 1)
    except OSError as error:
        raise NotebookInvalid(f"{path}: cannot read: {error.strerror or error}") from None


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_notebook(raw: bytes, path: Path) -> nbformat.NotebookNode:
    """Parse a notebook from bytes, upgrading v3 to v4 and validating it.

    Every failure raises :class:`NotebookInvalid` with a message a student can act on.
    """
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise NotebookInvalid(
            f"{path}: not a text file (byte {error.start} is not UTF-8); is it really a notebook?"
        ) from None
    except json.JSONDecodeError as error:
        # some of json's messages end in "at" ("Unterminated string starting at"): no second one
        joint = " " if error.msg.endswith(" at") else " at "
        raise NotebookInvalid(
            f"{path}: not valid JSON ({error.msg}{joint}line {error.lineno}, column {error.colno}); "
            "the file may be cut short or edited by hand: re-save the notebook from Jupyter"
        ) from None
    except RecursionError:
        raise NotebookInvalid(f"{path}: JSON nested too deeply to be a notebook; re-save it from Jupyter") from None
    except ValueError as error:  # a number of more than 4,300 digits (Python refuses to convert it)
        raise NotebookInvalid(f"{path}: not a notebook Jupyter wrote ({error}); re-save it from Jupyter") from None
    if not isinstance(data, dict) or "nbformat" not in data or not isinstance(data.get("nbformat"), int):
        raise NotebookInvalid(f"{path}: JSON but not a Jupyter notebook (no integer 'nbformat' field)")
    major = data["nbformat"]
    if major not in READABLE_MAJOR_VERSIONS:
        raise NotebookInvalid(
            f"{path}: unknown notebook format version {major} (this grader reads versions 3 and 4); "
            "re-save the notebook from a current Jupyter"
        )
    _repair_kernelspec(data)
    if major == 4 and isinstance(data.get("cells"), list):
        # stored outputs are never used (every cell is re-run), so none of them can make a notebook
        # invalid: not even one nested thousands deep, which validation would recurse into
        for cell in data["cells"]:
            if isinstance(cell, dict) and cell.get("cell_type") == "code":
                cell["outputs"] = []
    try:
        # nbformat warns about what it can repair (cells without ids, a v3 upgrade) on stderr, where
        # the warning would lose its file name and ignore --quiet; what it cannot repair raises below
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            notebook = nbformat.reads(json.dumps(data), as_version=4)
            nbformat.validate(notebook)
    except RecursionError:
        raise NotebookInvalid(f"{path}: nested too deeply to be a notebook; re-save it from Jupyter") from None
    except ValidationError as error:
        raise NotebookInvalid(f"{path}: not a valid notebook: {_validation_problem(error)}") from None
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        summary = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise NotebookInvalid(f"{path}: not a valid notebook: {summary}") from None
    return typing.cast(nbformat.NotebookNode, notebook)


def _repair_kernelspec(data: dict[str, typing.Any]) -> None:
    """A kernelspec missing ``name`` or ``display_name`` (hand-edited, or written by another tool) is
    completed from the other (or its language), or dropped when none is there: Jupyter and nbclient run such a
    notebook, so refusing it as invalid would cost a student every point for metadata."""
    metadata = data.get("metadata")
    spec = metadata.get("kernelspec") if isinstance(metadata, dict) else None
    if not isinstance(metadata, dict) or not isinstance(spec, dict):
        return
    name, display = spec.get("name"), spec.get("display_name")
    if isinstance(name, str) and isinstance(display, str):
        return
    if not isinstance(name, str) and not isinstance(display, str):
        if not isinstance(spec.get("language"), str):
            del metadata["kernelspec"]
            return
        name = display = spec["language"]  # the language still tells an R notebook from a Python one
    spec["name"] = name if isinstance(name, str) else str(display)
    spec["display_name"] = display if isinstance(display, str) else str(name)


def _validation_problem(error: ValidationError) -> str:
    """What nbformat's schema rejected and where: ``'name' is a required property, in
    cells[14].outputs[0] (cell 15); re-save the notebook from Jupyter``.

    nbformat's own message puts the place on its fourth line (``On instance['cells'][14]…``) after a
    schema excerpt, so a one-line summary of it said what but not where.
    """
    message = getattr(error, "message", None) or str(error).strip().splitlines()[0]
    parts = list(getattr(error, "absolute_path", ()) or ())
    where = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in parts).lstrip(".")
    if not where:
        return f"{message} (at the top level); re-save the notebook from Jupyter"
    cell = f" (cell {parts[1] + 1})" if len(parts) > 1 and parts[0] == "cells" and isinstance(parts[1], int) else ""
    return f"{message}, in {where}{cell}; re-save the notebook from Jupyter"

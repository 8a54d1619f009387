"""Shared fixtures. Kernel tests grade the named notebooks in ``tests/notebooks`` once per session.

Kernel output is made deterministic by the executor itself (it gives every kernel a fixed, scrubbed
environment: ``COLUMNS``, ``LINES``, ``IPYKERNEL_CELL_NAME``, ``PYTHONHASHSEED``, ``MPLBACKEND``), so
the tests need no environment of their own.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from grader import ExecutionLimits, Rubric, RubricError, grade_batch, load_rubric
from grader.options import DEFAULT_RUBRIC

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "tests" / "notebooks"
EXAMPLES = ROOT / "submissions_example"

#: Short enough that ``infinite_loop.ipynb`` costs the suite seconds, long enough for a slow CI machine
#: to run any honest cell (a correct task takes about 0.1 s).
TEST_LIMITS = ExecutionLimits(cell_timeout=10, notebook_timeout=90)


@pytest.fixture(scope="session")
def rubric() -> Rubric:
    return load_rubric(DEFAULT_RUBRIC)


@pytest.fixture
def private_temp() -> Iterator[Path]:
    """A temp folder of the test's own, made this process's temp folder while the test runs: the
    grader's scratch folders, zygotes and kernels' connection files land in it, so that what the test
    looks for (or a notebook of it drives) is its own run's, never another grader's on a shared machine.
    Directly under /tmp, so that the warm launcher's socket paths stay short enough."""
    temp = tempfile.mkdtemp(prefix="g-private-", dir="/tmp")
    saved, tempfile.tempdir = tempfile.tempdir, temp
    try:
        yield Path(temp)
    finally:
        tempfile.tempdir = saved
        shutil.rmtree(temp, ignore_errors=True)


@pytest.fixture(scope="session")
def graded_dir(tmp_path_factory: pytest.TempPathFactory, rubric: Rubric) -> Path:
    """Every fixture notebook graded once, on real kernels, by the library's batch entry point."""
    out = tmp_path_factory.mktemp("graded")
    grade_batch([NOTEBOOKS], rubric, out, limits=TEST_LIMITS)
    return out


@pytest.fixture(scope="session")
def reports(graded_dir: Path) -> dict[str, dict[str, Any]]:
    """The JSON reports as other tools read them, by submission id."""
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((graded_dir / "reports").glob("*.json"))
    }


def checks_of(report: dict[str, Any], task_id: str) -> dict[str, dict[str, Any]]:
    task = next(task for task in report["tasks"] if task["id"] == task_id)
    return {check["id"]: check for check in task["checks"]}


def task_of(report: dict[str, Any], task_id: str) -> dict[str, Any]:
    return next(task for task in report["tasks"] if task["id"] == task_id)


def rubric_problems(path: Path) -> list[str]:
    """The problems loading the rubric at ``path`` reports (it must refuse it), as strings."""
    with pytest.raises(RubricError) as caught:
        load_rubric(path)
    return [str(problem) for problem in caught.value.problems]

"""Shared fixtures. Kernel tests grade the named notebooks in ``tests/notebooks`` once per session.

``pytest -m "not kernel"`` is the fast loop: every test that starts a real kernel carries the
``kernel`` mark (a module's ``pytestmark``, a test's own mark, or, for tests using the session's
graded notebooks, :func:`pytest_collection_modifyitems`). The mark is kept honest here: a test without
it that starts a kernel — directly, or through a ``grader`` subprocess that grades — fails and says so.

Kernel output is made deterministic by the executor itself (it gives every kernel a fixed, scrubbed
environment: ``COLUMNS``, ``LINES``, ``IPYKERNEL_CELL_NAME``, ``PYTHONHASHSEED``, ``MPLBACKEND``), so
the tests need no environment of their own.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
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


def run_grader(
    *args: str, timeout: float = 300, cwd: Path | None = None, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m grader ARGS`` in a subprocess, as a user runs it: the exit code and both streams as
    text. ``env`` is the whole environment, as :func:`subprocess.run` takes it (``None``: this one's)."""
    return subprocess.run(
        [sys.executable, "-m", "grader", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=cwd,
        env=env,
    )


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


#: Session fixtures that grade notebooks on real kernels: a test using one (even indirectly) is a kernel test.
KERNEL_FIXTURES = frozenset({"graded_dir", "reports"})
#: ``grader`` subcommands that run notebooks (``grade`` or ``check`` of a missing path starts none, but
#: a test of one is a subprocess test, seconds anyway: it belongs with the kernel tests).
_RUNS_NOTEBOOKS = re.compile(r"\b(grade|check|selftest|gradescope)\b(?!-bundle)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if KERNEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.kernel)


def _kernel_start(args: object) -> str | None:
    """What the command ``args`` (of a ``subprocess.Popen`` in this process) starts, if it can start a
    kernel: a kernel or a warm zygote, a worker process of a parallel batch, or a grader that grades."""
    listed = args if isinstance(args, (list, tuple)) else [args]
    words = [os.fsdecode(word) for word in listed]  # type: ignore[arg-type]
    text = " ".join(words)
    if "ipykernel" in text:
        return "a kernel"
    if "multiprocessing" in text and ("spawn_main" in text or "forkserver" in text):
        return "a grading worker process"
    if "run_autograder" in text or ("-m pytest" in text and "--grade" in words):
        return "a grader that grades"
    commands = [text] if "-m grader" in text or re.search(r"(^|/)grader\s", text) else []
    commands += [word for word in words[1:] if re.search(r"\bgrader\s", word)]  # bash -c "… grader grade …"
    if any(_RUNS_NOTEBOOKS.search(command.split("grader", 1)[-1]) for command in commands):
        return "a grader that grades"
    return None


_STARTED: list[str] = []


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event == "subprocess.Popen" and (what := _kernel_start(args[1])) is not None:
        _STARTED.append(what)


sys.addaudithook(_audit)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    _STARTED.clear()
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    marked = item.get_closest_marker("kernel") is not None
    if call.when == "call" and _STARTED and not marked and report.passed:
        report.outcome = "failed"
        report.longrepr = (
            f"{item.nodeid} started {_STARTED[0]} but has no kernel mark: add @pytest.mark.kernel (or the "
            'module\'s pytestmark), so that `pytest -m "not kernel"` stays the fast loop'
        )
    audit = os.environ.get("GRADER_KERNEL_AUDIT")
    if audit and call.when == "teardown":
        with open(audit, "a", encoding="utf-8") as log:
            log.write(
                f"{item.nodeid}\t{'marked' if marked else 'unmarked'}\t{','.join(sorted(set(_STARTED))) or '-'}\n"
            )

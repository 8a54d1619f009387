"""Does a hostile notebook get exactly the outcome we promise — and nothing more — with and without bwrap?

Each scenario is a notebook whose Task 1 misbehaves and whose Task 2 is the seed's correct code, so
every test also checks that one task's hostility costs the other task nothing. Notebooks that need
the machine's real paths (to try reading the rubric, writing outside, reaching a server) are written
by the test, with those paths in them, as a student who knew the layout would write them.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest
from conftest import NOTEBOOKS, TEST_LIMITS, checks_of, task_of

from grader import NbclientExecutor, Rubric, grade_batch
from grader.options import DEFAULT_RUBRIC
from grader.run.kernels import MARKER_VARIABLE
from grader.run.sandbox import bwrap_works

sys.path.insert(0, str(NOTEBOOKS))
from make_notebooks import SEED_BACKPROP, SEED_IMPORTS, render

HOSTILE = ["memory_bomb", "fork_sleepers", "output_flood", "huge_file", "breaks_probe", "kills_own_kernel"]
NO_BWRAP = pytest.mark.skipif(not bwrap_works(), reason="bubblewrap cannot run here")
#: (sandbox, launcher): every hostile notebook runs in each combination
SETUPS = [
    pytest.param(("bwrap", "fresh"), marks=NO_BWRAP, id="bwrap-fresh"),
    pytest.param(("bwrap", "warm"), marks=NO_BWRAP, id="bwrap-warm"),
    pytest.param(("none", "fresh"), id="none-fresh"),
    pytest.param(("none", "warm"), id="none-warm"),
]


class Listener:
    """A TCP server on loopback that counts the connections it accepts (a stand-in for 'the internet')."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.accepted = 0
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stopping.is_set():
            try:
                connection, _ = self.server.accept()
            except OSError:
                continue
            self.accepted += 1
            connection.close()

    def close(self) -> None:
        self.stopping.set()
        self.thread.join(timeout=5)
        self.server.close()


def escape_notebook(secret_rubric: Path, other_submission: Path, victim_dir: Path, port: int) -> bytes:
    """Task 1: one escape attempt per cell (so each is recorded on its own); Task 2: the seed."""
    attempts = [
        f"stolen_rubric = open({str(secret_rubric)!r}).read()",
        f"stolen_answers = open({str(other_submission)!r}).read()",
        f"open({str(victim_dir / 'pwned.txt')!r}, 'w').write('student was here')",
        f"import socket\nsocket.create_connection(('127.0.0.1', {port}), timeout=3).close()",
        # the answer key: the reference computes every expected value (the grader's own install)
        "from reference.backprop import backprop_step\nimport grader\nimport rubrics",
        SEED_IMPORTS,
    ]
    cells = [nbformat.v4.new_markdown_cell("### Task 1")]
    cells += [nbformat.v4.new_code_cell(code, metadata={"tags": ["task:descent"]}) for code in attempts]
    cells += [nbformat.v4.new_markdown_cell("### Task 2")]
    cells += [nbformat.v4.new_code_cell(SEED_BACKPROP, metadata={"tags": ["task:backprop"]})]
    return render(nbformat.v4.new_notebook(cells=cells))


def kernel_leftovers(temp: Path) -> list[str]:
    """Scratch folders of ours in ``temp``, and live processes carrying a kernel marker that this run
    started: below this process, or with a folder of ``temp`` in their environment (the machine may
    be running other graders, whose kernels are none of this test's business)."""
    left = [p.name for p in temp.iterdir() if p.name.startswith(("grader-kernel-", "grader-conn-", "grader-z-"))]
    ours = _descendants(os.getpid())
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                environ = (entry / "environ").read_bytes()
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except (OSError, IndexError):
                continue
            marked = f"{MARKER_VARIABLE}=".encode() in environ or b"GRADER_ZYGOTE_ID=" in environ
            mine = int(entry.name) in ours or str(temp).encode() in environ
            if marked and mine and state != "Z":
                left.append(f"process {entry.name}")
    return left


def _descendants(root: int) -> set[int]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            tree.setdefault(parent, []).append(int(entry.name))
    found, todo = set(), [root]
    while todo:
        for child in tree.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def sleepers(temp: Path) -> list[str]:
    """The sleepers ``fork_sleepers.ipynb`` starts, of this run only (their ``HOME`` is under ``temp``:
    another grader's test run on the same machine starts the same sleepers)."""
    found = []
    ours = f"={temp}/".encode()
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
            environ = (entry / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        sleeper = command[:1] == [b"sleep"] and command[1:2] in ([b"321"], [b"322"], [b"323"])
        if sleeper and any(ours in variable for variable in environ):
            found.append(entry.name)
    return found


@pytest.fixture(scope="module", params=SETUPS)
def hostile(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Grade the hostile notebooks once per sandbox and launcher, in a private temp folder so leftovers
    are visible. With the warm launcher every notebook of the batch is forked from the same zygote, so
    each one also attacks the next."""
    sandbox, launcher = request.param
    root = tmp_path_factory.mktemp(f"hostile-{sandbox}-{launcher}")
    secret, victim, submissions, temp = root / "secret", root / "victim", root / "subs", root / "tmp"
    for folder in (secret, victim, submissions, temp):
        folder.mkdir()
    (secret / "assignment.yaml").write_bytes(DEFAULT_RUBRIC.read_bytes())
    (secret / "classmate.ipynb").write_bytes((NOTEBOOKS / "correct.ipynb").read_bytes())
    for name in HOSTILE:
        (submissions / f"{name}.ipynb").write_bytes((NOTEBOOKS / f"{name}.ipynb").read_bytes())
    listener = Listener()
    (submissions / "escape.ipynb").write_bytes(
        escape_notebook(secret / "assignment.yaml", secret / "classmate.ipynb", victim, listener.port)
    )
    saved = tempfile.tempdir
    tempfile.tempdir = str(temp)
    try:
        from grader import load_rubric

        out = root / "out"
        executor = NbclientExecutor(sandbox=sandbox, launcher=launcher)
        grade_batch([submissions], load_rubric(DEFAULT_RUBRIC), out, executor, TEST_LIMITS)
    finally:
        tempfile.tempdir = saved
        listener.close()
    reports = {p.stem: json.loads(p.read_text()) for p in (out / "reports").glob("*.json")}
    yield {
        "sandbox": sandbox,
        "launcher": launcher,
        "reports": reports,
        "victim": victim,
        "listener": listener,
        "temp": temp,
    }


def full_marks_for_task_2(report: dict[str, Any], rubric: Rubric) -> bool:
    return bool(task_of(report, "backprop")["score"] == rubric.task("backprop").max_score)


@pytest.mark.kernel
def test_every_hostile_notebook_is_graded_and_says_which_sandbox(hostile: dict[str, Any]) -> None:
    assert set(hostile["reports"]) == {*HOSTILE, "escape"}
    for report in hostile["reports"].values():
        assert report["status"] == "graded"
        assert report["execution"]["sandbox"] == hostile["sandbox"]


@pytest.mark.kernel
def test_memory_bomb_gets_a_memory_error_not_a_stuck_machine(hostile: dict[str, Any], rubric: Rubric) -> None:
    report = hostile["reports"]["memory_bomb"]
    (error,) = report["execution"]["errors"]
    assert error["ename"].endswith("MemoryError")  # numpy raises its subclass _ArrayMemoryError
    assert full_marks_for_task_2(report, rubric)


@pytest.mark.kernel
def test_forked_sleepers_do_not_outlive_the_submission(hostile: dict[str, Any], rubric: Rubric) -> None:
    assert sleepers(hostile["temp"]) == []
    assert full_marks_for_task_2(hostile["reports"]["fork_sleepers"], rubric)


@pytest.mark.kernel
def test_output_flood_is_capped_and_graded_normally(hostile: dict[str, Any], rubric: Rubric) -> None:
    report = hostile["reports"]["output_flood"]
    assert "output_truncated" in report["flags"]
    assert "timeout" not in report["flags"]
    assert report["score"] == rubric.max_score  # the flood was followed by a correct descent


@pytest.mark.kernel
def test_huge_file_hits_the_file_size_limit(hostile: dict[str, Any], rubric: Rubric) -> None:
    report = hostile["reports"]["huge_file"]
    (error,) = report["execution"]["errors"]
    assert error["ename"] == "OSError" and "File too large" in error["evalue"]
    assert full_marks_for_task_2(report, rubric)


@pytest.mark.kernel
def test_sabotaged_probe_means_no_values_never_a_crash(hostile: dict[str, Any]) -> None:
    report = hostile["reports"]["breaks_probe"]
    messages = {check["message"] for task in report["tasks"] for check in task["checks"]}
    assert messages == {"not graded: the task's variables could not be read from the kernel"}
    assert all(task["score"] == 0 for task in report["tasks"])  # (the quiz is read from the file)


@pytest.mark.kernel
def test_kernel_killer_loses_only_its_own_task(hostile: dict[str, Any], rubric: Rubric) -> None:
    report = hostile["reports"]["kills_own_kernel"]
    assert "kernel_died" in report["flags"]
    assert full_marks_for_task_2(report, rubric)


@pytest.mark.kernel
def test_no_scratch_folder_connection_file_or_process_remains(hostile: dict[str, Any]) -> None:
    assert kernel_leftovers(hostile["temp"]) == []


@pytest.mark.kernel
def test_escape_attempts_fail_inside_bwrap(hostile: dict[str, Any], rubric: Rubric) -> None:
    report = hostile["reports"]["escape"]
    errors = {error["cell"]: error for error in report["execution"]["errors"]}
    cells = task_of(report, "descent")["cells"]
    if hostile["sandbox"] == "none":
        # Honest fallback: without namespaces the reads succeed, and the report says so (the README
        # says so too: without bwrap a student can read the rubric and import the reference).
        assert cells[0] not in errors and cells[1] not in errors
        return
    assert errors[cells[0]]["ename"] == "FileNotFoundError"  # the rubric is not in the sandbox
    assert errors[cells[1]]["ename"] == "FileNotFoundError"  # nor are other submissions
    assert errors[cells[2]]["ename"] == "FileNotFoundError"  # nor anything outside to write to
    assert errors[cells[3]]["ename"] in {"ConnectionRefusedError", "OSError"}  # no network
    assert errors[cells[4]]["ename"] == "ModuleNotFoundError"  # no answer key
    assert not (hostile["victim"] / "pwned.txt").exists()
    assert hostile["listener"].accepted == 0
    assert full_marks_for_task_2(report, rubric)
    assert checks_of(report, "backprop")["w1"]["status"] == "pass"


def test_bwrap_choice_refuses_to_run_without_bwrap(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from grader import UsageError
    from grader.run.sandbox import choose_sandbox

    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH on which no bwrap can be found
    with pytest.raises(UsageError, match="apt-get install bubblewrap"):
        choose_sandbox("bwrap")
    assert choose_sandbox("auto") == "none"
    assert os.environ["PATH"] == str(tmp_path)

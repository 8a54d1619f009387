"""When the grader itself is killed (``kill -9`` or SIGTERM) in the middle of a batch, does everything
it started — pool workers, zygotes, bwrap, kernels — die within seconds, and does the next run remove
the scratch folders the killed one left?"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import NOTEBOOKS, run_grader

from grader.run.processes import SCRATCH_PREFIXES
from grader.run.sandbox import bwrap_works

pytestmark = pytest.mark.kernel

NO_BWRAP = pytest.mark.skipif(not bwrap_works(), reason="bubblewrap cannot run here")


def children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            tree.setdefault(parent, []).append(int(entry.name))
    return tree


def descendants(pid: int) -> set[int]:
    tree, found, todo = children(), set(), [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pids: set[int]) -> set[int]:
    """Those of ``pids`` that still run (a zombie waiting for init to reap it has ended)."""
    running = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            running.add(pid)
    return running


def scratch(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(SCRATCH_PREFIXES))


@pytest.mark.parametrize(
    ("sandbox", "launcher", "signum"),
    [
        pytest.param("bwrap", "warm", signal.SIGKILL, marks=NO_BWRAP, id="bwrap-warm-kill"),
        pytest.param("bwrap", "fresh", signal.SIGTERM, marks=NO_BWRAP, id="bwrap-fresh-term"),
        pytest.param("none", "warm", signal.SIGKILL, id="none-warm-kill"),
        pytest.param("none", "fresh", signal.SIGKILL, id="none-fresh-kill"),
        pytest.param("none", "warm", signal.SIGTERM, id="none-warm-term"),
    ],
)
def test_killing_the_grader_leaves_no_process_and_the_next_run_no_folder(
    tmp_path: Path, sandbox: str, launcher: str, signum: signal.Signals
) -> None:
    subs = tmp_path / "subs"
    subs.mkdir()
    shutil.copy(NOTEBOOKS / "infinite_loop.ipynb", subs / "a_loop.ipynb")
    shutil.copy(NOTEBOOKS / "infinite_loop.ipynb", subs / "b_loop.ipynb")
    for name in ("c", "d", "e"):
        shutil.copy(NOTEBOOKS / "correct.ipynb", subs / f"{name}.ipynb")
    temp = Path(tempfile.mkdtemp(prefix="g15k-", dir="/tmp"))  # short: the warm launcher's sockets live here
    try:
        killed_and_rerun(tmp_path, subs, temp, sandbox, launcher, signum)
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def killed_and_rerun(
    tmp_path: Path, subs: Path, temp: Path, sandbox: str, launcher: str, signum: signal.Signals
) -> None:
    env = {**os.environ, "TMPDIR": str(temp)}
    command = [sys.executable, "-m", "grader", "grade", str(subs), "--out", str(tmp_path / "out"), "--no-cache"]
    command += ["--jobs", "2", "--sandbox", sandbox, "--launcher", launcher, "--cell-timeout", "60"]
    grader = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        # both workers busy with an endless loop: workers, zygotes or bwrap, and kernels all exist (at
        # least the two workers and their two kernels)
        while time.monotonic() < deadline and len(descendants(grader.pid)) < 4:
            time.sleep(0.2)
        time.sleep(1.5)
        started = descendants(grader.pid)
        assert len(started) >= 4, "the grader did not get going"
        assert scratch(temp), "no scratch folder to leave behind"
    finally:
        grader.send_signal(signum)
        grader.wait(timeout=30)
    deadline = time.monotonic() + 10
    while alive(started) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert alive(started) == set(), "processes outlived the grader by 10 s"

    # the next run (here: of one notebook) removes what the killed run left
    rerun = run_grader("grade", str(NOTEBOOKS / "correct.ipynb"), "--out", str(tmp_path / "out2"), timeout=120, env=env)
    assert rerun.returncode == 0, rerun.stderr
    assert scratch(temp) == []

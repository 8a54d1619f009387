"""The warm launcher: the same grades as fresh kernels, and no student can reach the next one.

With `--launcher warm` every kernel of a worker is forked from one zygote. These tests grade real
notebooks in one batch (one zygote) where earlier notebooks try to leave something behind for later
ones — a file in /tmp and in their home, a changed numpy, a background process, a dead zygote — and
check that later notebooks see none of it and are graded as if alone.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import NOTEBOOKS, TEST_LIMITS

from grader import NbclientExecutor, Rubric, grade_batch
from grader.sandbox import bwrap_works

sys.path.insert(0, str(NOTEBOOKS))
from make_notebooks import SEED_DESCENT, filled, render

POLLUTER = (
    SEED_DESCENT
    + """
import os, subprocess, numpy
open("/tmp/left-by-a.txt", "w").write("hello")
open(os.path.expanduser("~/left-by-a.txt"), "w").write("hello")
numpy.pi = 3.0
import matplotlib.pyplot
matplotlib.pyplot.plot = None
subprocess.Popen(["sleep", "324"], start_new_session=True)
"""
)

CHECKER = """
import gc, os, numpy, matplotlib.pyplot
# a kernel like any other: collection on (the zygote turns it off), no figure from its warm-up
clean = gc.isenabled() and matplotlib.pyplot.get_fignums() == []
clean = clean and not os.path.exists(os.path.expanduser("~/left-by-a.txt"))
clean = clean and (PRIVATE_TMP is False or not os.path.exists("/tmp/left-by-a.txt"))
clean = clean and numpy.pi > 3.14 and matplotlib.pyplot.plot is not None
history, x = [], 10.0
for _ in range(30):
    x = x - 0.1 * 2 * x
    history.append((x, x**2 + 4))
if not clean:
    history = []
plt = matplotlib.pyplot
plt.plot([f for _, f in history]); plt.title("t"); plt.xlabel("step"); plt.ylabel("f(x)")
"""

ZYGOTE_KILLER = (
    SEED_DESCENT
    + """
import os, signal
os.kill(os.getppid(), signal.SIGKILL)
"""
)

SPY = (
    SEED_DESCENT
    + """
import glob, os
from jupyter_client import BlockingKernelClient
from ipykernel import get_connection_file
mine = os.path.realpath(get_connection_file())
found = glob.glob("/tmp/grader-*/**/*.json", recursive=True)
for path in sorted(found, key=os.path.getmtime, reverse=True)[:5]:  # the newest: a kernel starting up
    if os.path.realpath(path) == mine:
        continue
    try:  # another kernel's connection file: drive that kernel and sabotage its numpy
        other = BlockingKernelClient()
        other.load_connection_file(path)
        other.start_channels()
        other.execute("import numpy; numpy.pi = 3.0")
        other.get_shell_msg(timeout=1)
        other.stop_channels()
    except Exception:
        pass
"""
)

SANDBOXES = ["none", pytest.param("bwrap", marks=pytest.mark.skipif(not bwrap_works(), reason="no bwrap"))]


def sleepers() -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if command[:2] == [b"sleep", b"324"]:
                found.append(entry.name)
    return found


@pytest.mark.parametrize("sandbox", SANDBOXES)
def test_nothing_of_one_notebook_reaches_the_next(tmp_path: Path, rubric: Rubric, sandbox: str) -> None:
    Path("/tmp/left-by-a.txt").unlink(missing_ok=True)
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "a_polluter.ipynb").write_bytes(render(filled(descent=POLLUTER)))
    # without bwrap, /tmp is the machine's for fresh kernels too: only the sandbox promises a private one
    checker = f"PRIVATE_TMP = {sandbox == 'bwrap'}\n" + CHECKER
    (subs / "b_checker.ipynb").write_bytes(render(filled(descent=checker)))
    (subs / "c_zygote_killer.ipynb").write_bytes(render(filled(descent=ZYGOTE_KILLER)))
    (subs / "d_after_the_killer.ipynb").write_bytes((NOTEBOOKS / "correct.ipynb").read_bytes())
    executor = NbclientExecutor(sandbox=sandbox, launcher="warm")
    result = grade_batch([subs], rubric, tmp_path / "out", executor, TEST_LIMITS, jobs=1)
    reports = {report.submission.id: report for report in result.reports}
    checker = next(task for task in reports["b_checker"].tasks if task.id == "descent")
    trajectory = next(check for check in checker.checks if check.id == "trajectory")
    assert trajectory.status == "pass", trajectory.message  # it saw a clean /tmp, home, numpy, pyplot
    assert sleepers() == []
    killer = reports["c_zygote_killer"]
    assert killer.status == "graded"
    assert reports["d_after_the_killer"].status == "graded"
    assert reports["d_after_the_killer"].score == rubric.max_score  # a new zygote took over
    Path("/tmp/left-by-a.txt").unlink(missing_ok=True)


@pytest.mark.parametrize("launcher", ["fresh", "warm"])
@pytest.mark.parametrize("sandbox", SANDBOXES)
def test_the_next_kernel_waits_out_of_reach(tmp_path: Path, rubric: Rubric, sandbox: str, launcher: str) -> None:
    """From the second notebook on, the next notebook's kernel is started ahead — while this one runs
    where the sandbox keeps them apart, after this one's processes are gone where it does not. A
    notebook that drives every kernel whose connection file it can find must not reach it."""
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "a_first.ipynb").write_bytes((NOTEBOOKS / "correct.ipynb").read_bytes())
    (subs / "b_spy.ipynb").write_bytes(render(filled(descent=SPY)))
    (subs / "c_checker.ipynb").write_bytes(render(filled(descent=f"PRIVATE_TMP = {sandbox == 'bwrap'}\n" + CHECKER)))
    executor = NbclientExecutor(sandbox=sandbox, launcher=launcher)
    result = grade_batch([subs], rubric, tmp_path / "out", executor, TEST_LIMITS, jobs=1, figures=False)
    reports = {report.submission.id: report for report in result.reports}
    checker = next(task for task in reports["c_checker"].tasks if task.id == "descent")
    trajectory = next(check for check in checker.checks if check.id == "trajectory")
    assert trajectory.status == "pass", trajectory.message  # its numpy was nobody's but its own
    assert reports["a_first"].score == rubric.max_score


def test_a_batch_keeps_a_kernel_ready_and_leaves_none_behind(rubric: Rubric) -> None:
    from grader.pipeline import grade_submission
    from grader.processes import kill_marked
    from grader.submissions import discover

    submission = discover([NOTEBOOKS / "correct.ipynb"])[0]
    executor = NbclientExecutor(launcher="warm")
    for _ in range(3):
        assert grade_submission(submission, rubric, executor, TEST_LIMITS).score == rubric.max_score
    spare = executor._spare
    assert spare is not None and spare.manager.has_kernel  # started for a notebook that may follow
    executor.close()
    assert executor._spare is None and not spare.workdir.exists() and not spare.manager.has_kernel
    assert kill_marked(f"GRADER_KERNEL_ID={spare.marker}") == 0  # nothing of it was left to kill


def test_warm_and_fresh_kernels_give_the_same_grades(tmp_path: Path, rubric: Rubric) -> None:
    subs = tmp_path / "subs"
    subs.mkdir()
    names = ["correct", "descent_sign_flipped", "backprop_raises", "reversed_order", "untagged", "asks_for_input"]
    for name in names:
        (subs / f"{name}.ipynb").write_bytes((NOTEBOOKS / f"{name}.ipynb").read_bytes())
    verdicts: dict[str, dict[str, Any]] = {}
    for launcher, jobs in [("fresh", 1), ("fresh", 2), ("warm", 1), ("warm", 2)]:
        out = tmp_path / f"{launcher}-{jobs}"
        executor = NbclientExecutor(launcher=launcher)
        grade_batch([subs], rubric, out, executor, TEST_LIMITS, jobs=jobs, figures=False)
        way = verdicts[out.name] = {}
        for path in (out / "reports").glob("*.json"):
            report = json.loads(path.read_text())
            checks = [(t["id"], c["id"], c["status"], c["score"]) for t in report["tasks"] for c in t["checks"]]
            way[path.stem] = (report["score"], checks, report["flags"])
    # to the last digit, whichever launcher, serial (with spare kernels started ahead) or in parallel
    assert verdicts["warm-1"] == verdicts["warm-2"] == verdicts["fresh-1"] == verdicts["fresh-2"]
    assert set(verdicts["warm-1"]) == set(names)

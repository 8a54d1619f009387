"""The warm launcher: the same grades as fresh kernels, and no student can reach the next one.

With `--launcher warm` every kernel of a worker is forked from one zygote. These tests grade real
notebooks in one batch (one zygote) where earlier notebooks try to leave something behind for later
ones — a file in /tmp and in their home, a changed numpy, a background process, a dead zygote — and
check that later notebooks see none of it and are graded as if alone.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from conftest import NOTEBOOKS, TEST_LIMITS

from grader import NbclientExecutor, Rubric, grade_batch
from grader.records import CheckResult, Report
from grader.run.sandbox import bwrap_works

sys.path.insert(0, str(NOTEBOOKS))
from make_notebooks import SEED_DESCENT, filled, render

pytestmark = pytest.mark.kernel


def polluter(token: str) -> str:
    """Task 1, then leftovers for the notebooks after it: files in /tmp and in its home, a changed numpy
    and pyplot, a process in a session of its own. ``token`` names them, so that the test finds its own
    run's and never another grader's on the same machine."""
    return (
        SEED_DESCENT
        + f"""
import os, subprocess, sys, numpy
open("/tmp/left-by-{token}.txt", "w").write("hello")
open(os.path.expanduser("~/left-by-{token}.txt"), "w").write("hello")
numpy.pi = 3.0
import matplotlib.pyplot
matplotlib.pyplot.plot = None
subprocess.Popen([sys.executable, "-c", "import time; time.sleep(324)", "{token}"], start_new_session=True)
"""
    )


#: Task 1 computed and plotted, after a test notebook's gate: the gate raises when its condition fails,
#: so that the trajectory check fails (emptying the history would not: the grader finds the loop's values)
DESCENT_AND_PLOT = """history, x = [], 10.0
for _ in range(30):
    x = x - 0.1 * 2 * x
    history.append((x, x**2 + 4))
import matplotlib.pyplot as plt
plt.plot([f for _, f in history]); plt.title("t"); plt.xlabel("step"); plt.ylabel("f(x)")
"""


def trajectory_of(report: Report) -> CheckResult:
    """The report's Task 1 trajectory check (the one a gated notebook passes only when its gate holds)."""
    descent = next(task for task in report.tasks if task.id == "descent")
    return next(check for check in descent.checks if check.id == "trajectory")


def checker(token: str, private_tmp: bool) -> str:
    """Task 1, computed only if the kernel is clean: a kernel like any other (collection on, which the
    zygote turns off; no figure from its warm-up), no file of :func:`polluter` with ``token`` in its
    home (nor in /tmp where ``private_tmp``: without bwrap /tmp is the machine's, for fresh kernels too),
    and numpy and pyplot as shipped. Otherwise the cell raises before the descent and the trajectory
    check fails."""
    return (
        f"""
import gc, os, numpy, matplotlib.pyplot
clean = gc.isenabled() and matplotlib.pyplot.get_fignums() == []
clean = clean and not os.path.exists(os.path.expanduser("~/left-by-{token}.txt"))
clean = clean and ({not private_tmp} or not os.path.exists("/tmp/left-by-{token}.txt"))
clean = clean and numpy.pi > 3.14 and matplotlib.pyplot.plot is not None
if not clean:  # before the descent: the grader finds the loop's values whether or not they are kept
    raise RuntimeError("this kernel is not clean")
"""
        + DESCENT_AND_PLOT
    )


ZYGOTE_KILLER = (
    SEED_DESCENT
    + """
import os, signal
os.kill(os.getppid(), signal.SIGKILL)
"""
)


def spy(root: Path) -> str:
    """Task 1, then: drive every other kernel whose connection file it finds under ``root`` (the run's
    temp folder: a kernel starting up for the next notebook) and sabotage its numpy."""
    return (
        SEED_DESCENT
        + f"""
import glob, os
from jupyter_client import BlockingKernelClient
from ipykernel import get_connection_file
mine = os.path.realpath(get_connection_file())
found = glob.glob({str(root)!r} + "/**/*.json", recursive=True)
for path in sorted(found, key=os.path.getmtime, reverse=True)[:5]:  # the newest: a kernel starting up
    if os.path.realpath(path) == mine:
        continue
    try:
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


def sleepers(token: str) -> list[int]:
    """The processes :func:`polluter` started with ``token``: this run's only, whoever their parent is now."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if token.encode() in command:
                found.append(int(entry.name))
    return found


@pytest.mark.parametrize("sandbox", SANDBOXES)
def test_nothing_of_one_notebook_reaches_the_next(tmp_path: Path, rubric: Rubric, sandbox: str) -> None:
    token = f"g16-{uuid.uuid4().hex}"
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "a_polluter.ipynb").write_bytes(render(filled(descent=polluter(token))))
    (subs / "b_checker.ipynb").write_bytes(render(filled(descent=checker(token, private_tmp=sandbox == "bwrap"))))
    (subs / "c_zygote_killer.ipynb").write_bytes(render(filled(descent=ZYGOTE_KILLER)))
    (subs / "d_after_the_killer.ipynb").write_bytes((NOTEBOOKS / "correct.ipynb").read_bytes())
    executor = NbclientExecutor(sandbox=sandbox, launcher="warm")
    try:
        result = grade_batch([subs], rubric, tmp_path / "out", executor, TEST_LIMITS, jobs=1)
    finally:
        left = sleepers(token)
        for pid in left:  # should the test fail, its own sleeper must not wait out its 324 s
            os.kill(pid, signal.SIGKILL)
        Path(f"/tmp/left-by-{token}.txt").unlink(missing_ok=True)  # without bwrap the polluter wrote the machine's /tmp
    reports = {report.submission.id: report for report in result.reports}
    trajectory = trajectory_of(reports["b_checker"])
    assert trajectory.status == "pass", trajectory.message  # it saw a clean /tmp, home, numpy, pyplot
    assert left == [], "the polluter's process outlived its notebook"
    killer = reports["c_zygote_killer"]
    assert killer.status == "graded"
    assert reports["d_after_the_killer"].status == "graded"
    assert reports["d_after_the_killer"].score == rubric.max_score  # a new zygote took over


@pytest.mark.parametrize("launcher", ["fresh", "warm"])
@pytest.mark.parametrize("sandbox", SANDBOXES)
def test_the_next_kernel_waits_out_of_reach(
    tmp_path: Path, private_temp: Path, rubric: Rubric, sandbox: str, launcher: str
) -> None:
    """From the second notebook on, the next notebook's kernel is started ahead — while this one runs
    where the sandbox keeps them apart, after this one's processes are gone where it does not. A
    notebook that drives every kernel whose connection file it can find in the run's temp folder (a
    private one: on a shared machine it must not reach another grader's kernels) must not reach it."""
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "a_first.ipynb").write_bytes((NOTEBOOKS / "correct.ipynb").read_bytes())
    (subs / "b_spy.ipynb").write_bytes(render(filled(descent=spy(private_temp))))
    clean_or_not = checker("no-polluter", private_tmp=sandbox == "bwrap")
    (subs / "c_checker.ipynb").write_bytes(render(filled(descent=clean_or_not)))
    executor = NbclientExecutor(sandbox=sandbox, launcher=launcher)
    result = grade_batch([subs], rubric, tmp_path / "out", executor, TEST_LIMITS, jobs=1, figures=False)
    reports = {report.submission.id: report for report in result.reports}
    trajectory = trajectory_of(reports["c_checker"])
    assert trajectory.status == "pass", trajectory.message  # its numpy was nobody's but its own
    assert reports["a_first"].score == rubric.max_score


def test_a_batch_keeps_a_kernel_ready_and_leaves_none_behind(rubric: Rubric) -> None:
    from grader.load.submissions import discover
    from grader.pipeline import grade_submission
    from grader.run.processes import kill_marked

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


CONFIGURED = (
    """
import os
from ipykernel import get_connection_file
from IPython import get_ipython
# the kernel's command line took effect: no history database, and the connection file it was given
if get_ipython().history_manager.enabled or not os.path.isfile(get_connection_file()):
    raise RuntimeError("this kernel is not configured by its command line")
import debugpy  # the zygote keeps it out of its kernels' start, not out of the student's reach
"""
    + DESCENT_AND_PLOT
)


@pytest.mark.parametrize("launcher", ["fresh", "warm"])
def test_each_kernel_is_configured_by_its_own_command_line(tmp_path: Path, rubric: Rubric, launcher: str) -> None:
    """The warm launcher parses the kernel's command line once, in the zygote, and gives each kernel a
    copy with its own connection file: three kernels in a row (and their replays) must each listen on
    their own file and run without a history database, as a fresh kernel does. It also starts them
    without debugpy, which a notebook must still be able to import."""
    subs = tmp_path / "subs"
    subs.mkdir()
    for name in ("a", "b", "c"):
        (subs / f"{name}.ipynb").write_bytes(render(filled(descent=CONFIGURED)))
    executor = NbclientExecutor(launcher=launcher)
    result = grade_batch([subs], rubric, tmp_path / "out", executor, TEST_LIMITS, jobs=1, figures=False)
    for report in result.reports:
        trajectory = trajectory_of(report)
        assert trajectory.status == "pass", (report.submission.id, trajectory.message)

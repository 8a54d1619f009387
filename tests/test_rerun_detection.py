"""Can a notebook tell the hard-coding re-run from the real run, type in its answers for the real run and
compute only for the re-run? The re-run is a replay on a new kernel that sees what the first run saw:
nothing the first run left (a file in the working directory, ``$HOME``, ``/tmp``, the connection
folder, ``/dev/shm``; a variable; a process) and the same environment, ``sys.argv``, execution count
and file names. Each hostile notebook below types in Task 1's iterates unless its detector fires; it
must be graded ``hard_coded`` — never silent full marks. What a notebook can always see is its own
parameters (``In[-1]`` shows ``x0 = 3.0``): that one is caught by its typed-in literals instead."""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path
from typing import Any

import nbformat
import pytest
from conftest import NOTEBOOKS, TEST_LIMITS

from grader import Rubric, grade_batch
from grader.pipeline import plan_for, rewrites_for
from grader.run.executor import NbclientExecutor
from grader.run.sandbox import bwrap_works
from grader.run.segment import segment

sys.path.insert(0, str(NOTEBOOKS))
from make_notebooks import SEED_BACKPROP, SEED_DESCENT, filled, render

pytestmark = pytest.mark.kernel

#: Task 1 typed in, unless ``rerun`` is true: then it is computed from x0 and lr, which the re-run rewrites.
HARD_CODER = """\
import os, sys, subprocess
import numpy as np
import matplotlib.pyplot as plt

x0 = 10.0
lr = 0.1
{detector}
if rerun:
    history, x = [], x0
    for _ in range(30):
        x = x - lr * 2 * x
        history.append(x)
else:
    history = {typed!r}
plt.plot([v * v + 4 for v in history])
plt.title("f along the descent")
"""

#: The connection folder: where the kernel's connection file (named in sys.argv) lives.
FOLDER = "folder = os.path.dirname(next(a for a in sys.argv if a.endswith('.json')))\n"


def left_behind(path: str) -> str:
    """A detector that leaves a file at ``path`` and fires when it finds one."""
    return (
        f"{FOLDER}seen = {path}\nrerun = os.path.exists(seen)\n"
        "try:\n    open(seen, 'w').write('1')\nexcept OSError:\n    pass\n"
    )


DETECTORS = {
    "cwd_file": left_behind("'seen.txt'"),
    "home_file": left_behind("os.path.expanduser('~/.seen')"),
    "tmp_file": left_behind("'/tmp/seen-{token}'"),
    "connection_folder_file": left_behind("os.path.join(folder, 'seen.txt')"),
    "shm_file": left_behind("'/dev/shm/seen-{token}'"),
    "namespace": "rerun = '_seen' in globals()\n_seen = True\n",
    "execution_count": "rerun = get_ipython().execution_count != {count}\n",
    "process_left_running": (
        "def _sleeper():\n"
        "    for pid in os.listdir('/proc'):\n"
        "        try:\n"
        "            if open(f'/proc/{{pid}}/cmdline', 'rb').read() == b'sleep\\x00{seconds}\\x00':\n"
        "                return True\n"
        "        except OSError:\n"
        "            pass\n"
        "    return False\n"
        "rerun = _sleeper()\n"
        "subprocess.Popen(['sleep', '{seconds}'], start_new_session=True)\n"
    ),
    # the names a first kernel has: its connection file k0.json, its log kernel-1.log
    "file_names": (
        f"{FOLDER}names = sorted(n for n in os.listdir(folder) if n.endswith(('.json', '.log')))\n"
        "rerun = names != ['k0.json', 'kernel-1.log'] or not any(a.endswith('/k0.json') for a in sys.argv)\n"
    ),
    # by its own file name, as its author would: reading every notebook below /tmp outlived the cell's
    # time limit on a CI machine with thousands of them
    "notebook_on_disk": (
        "import glob\nrerun = False\nname = 'notebook_on_disk.ipynb'\n"
        "for pattern in ('**/' + name, os.path.expanduser('~/**/' + name), '/tmp/**/' + name):\n"
        "    for path in glob.glob(pattern, recursive=True):\n"
        "        try:\n"
        "            rerun = rerun or ('x0 = 10.0' in open(path).read() and x0 != 10.0)\n"
        "        except OSError:\n"
        "            pass\n"
    ),
}
#: What the machine shares with every process when there is no sandbox: no isolation is claimed there.
#: (The submissions themselves are readable there too: the test's are in a folder below /tmp.)
SHARED_WITHOUT_SANDBOX = {"tmp_file", "shm_file", "notebook_on_disk"}


def hostile(rubric: Rubric, detector: str, token: str) -> bytes:
    source = DETECTORS[detector]
    template = filled(descent="", backprop=SEED_BACKPROP)
    at = next(i for i, c in enumerate(template.cells) if "task:descent" in c.metadata.get("tags", []))
    # the execution count the first run shows in the task's cell (IPython has counted it when it runs)
    count = sum(cell.cell_type == "code" for cell in template.cells[: at + 1]) + 1
    source = source.format(token=f"{token}-{detector}", count=count, seconds=f"{int(token, 16) % 9000 + 999}.5")
    typed = list(rubric.task("descent").expected["xs"])
    return render(filled(descent=HARD_CODER.format(detector=source, typed=typed), backprop=SEED_BACKPROP))


def grade_hostile(
    tmp_path: Path, rubric: Rubric, detectors: list[str], sandbox: str, launcher: str, jobs: int
) -> dict[str, Any]:
    subs = tmp_path / "subs"
    subs.mkdir()
    token = uuid.uuid4().hex[:8]
    for detector in detectors:
        (subs / f"{detector}.ipynb").write_bytes(hostile(rubric, detector, token))
    try:
        executor = NbclientExecutor(sandbox=sandbox, launcher=launcher)
        result = grade_batch([subs], rubric, tmp_path / "out", executor, TEST_LIMITS, jobs=jobs, figures=False)
    finally:
        for folder in ("/tmp", "/dev/shm"):  # without the sandbox, the machine's
            for name in os.listdir(folder):
                if name.startswith(f"seen-{token}"):
                    os.unlink(os.path.join(folder, name))
    return {report.submission.id: report for report in result.reports}


@pytest.mark.parametrize("launcher", ["warm", "fresh"])
def test_no_detector_tells_the_rerun_apart_in_the_sandbox(tmp_path: Path, rubric: Rubric, launcher: str) -> None:
    reports = grade_hostile(tmp_path, rubric, list(DETECTORS), sandbox="bwrap", launcher=launcher, jobs=2)
    for detector, report in reports.items():
        descent = next(task for task in report.tasks if task.id == "descent")
        assert descent.variation is not None, detector
        assert descent.variation.status == "hard_coded", (detector, descent.variation)
        assert "hard_coded" in report.flags, detector


def test_without_the_sandbox_only_the_machines_shared_folders_tell(tmp_path: Path, rubric: Rubric) -> None:
    """Without bwrap ``/tmp`` and ``/dev/shm`` are the machine's (``--sandbox none`` is not for untrusted
    code): a notebook that finds its own file there computes in the re-run, and is still flagged, for
    the answers it typed in."""
    reports = grade_hostile(tmp_path, rubric, list(DETECTORS), sandbox="none", launcher="fresh", jobs=2)
    for detector, report in reports.items():
        descent = next(task for task in report.tasks if task.id == "descent")
        assert descent.variation is not None, detector
        expected = "followed" if detector in SHARED_WITHOUT_SANDBOX else "hard_coded"
        assert descent.variation.status == expected, (detector, descent.variation)
        assert {"hard_coded", "typed_answer"} & set(report.flags), detector


def test_a_notebook_reading_its_own_parameters_is_flagged_for_its_typed_answers(tmp_path: Path, rubric: Rubric) -> None:
    """The one thing the re-run cannot hide is the new parameters: a notebook that compares them with the
    values it typed its answers for, and computes when they differ, follows the reference — and its
    typed-in iterates are literals of its source, so a person is asked to look at it."""
    subs = tmp_path / "subs"
    subs.mkdir()
    typed = list(rubric.task("descent").expected["xs"])
    source = HARD_CODER.format(detector="rerun = (x0, lr) != (10.0, 0.1)\n", typed=typed)
    (subs / "own_source.ipynb").write_bytes(render(filled(descent=source, backprop=SEED_BACKPROP)))
    (report,) = grade_batch([subs], rubric, tmp_path / "out", limits=TEST_LIMITS, figures=False).reports
    descent = next(task for task in report.tasks if task.id == "descent")
    assert descent.variation is not None and descent.variation.status == "followed"
    assert "typed_answer" in report.flags
    (diagnosis,) = [d for d in descent.diagnoses if d.id == "typed_answer"]
    line = next(n for n, text in enumerate(source.splitlines(), 1) if text.startswith("    history = ["))
    assert "trajectory" in diagnosis.checks and f"cell {descent.cells[0] + 1}, line {line}: 5.12" in diagnosis.message


#: Task 1 computed honestly, with a fingerprint of everything the kernel can look at taken first (as
#: numbers, which the grader records), then a file left everywhere it can write and a process left running.
FINGERPRINT = """\
import os, sys, zlib, subprocess
def _fp(value):
    return zlib.crc32(repr(value).encode())
def _tree(top):
    try:
        return sorted((root, sorted(files)) for root, _, files in os.walk(top))
    except OSError:
        return None
def _names(top):
    try:
        return sorted(os.listdir(top))
    except OSError:
        return None
FOLDER = os.path.dirname(next(a for a in sys.argv if a.endswith('.json')))
fp_environment = _fp(sorted(os.environ.items()))
fp_argv = _fp(sys.argv)
fp_cwd = _fp(os.getcwd())
fp_cwd_files = _fp(_tree('.'))
fp_home_files = _fp(_tree(os.path.expanduser('~')))
fp_connection_folder = _fp(_names(FOLDER))
fp_execution_count = get_ipython().execution_count
fp_history = len(In)
fp_namespace = _fp(sorted(name for name in globals() if not name.startswith('_')))
fp_modules = _fp(sorted(sys.modules))
{sandboxed}
for place in ('seen.txt', os.path.expanduser('~/.seen'), os.path.join(FOLDER, 'seen.txt'), {shared}):
    try:
        open(place, 'w').write('1')
    except OSError:
        pass
subprocess.Popen(['sleep', '{seconds}'], start_new_session=True)
x0 = 10.0
lr = 0.1
history, x = [], x0
for _ in range(30):
    x = x - lr * 2 * x
    history.append(x)
"""
SANDBOXED = """\
fp_tmp = _fp(_names('/tmp'))
fp_shm = _fp(_names('/dev/shm'))
fp_processes = len([p for p in os.listdir('/proc') if p.isdigit()])
"""


@pytest.mark.parametrize(("launcher", "sandbox"), [("warm", "bwrap"), ("fresh", "bwrap"), ("fresh", "none")])
def test_the_rerun_sees_what_the_first_run_saw(rubric: Rubric, launcher: str, sandbox: str) -> None:
    """Every fingerprint the first run took, the replay takes the same: environment, argv, working
    directory and its files, home, connection folder, execution count, history, namespace, modules —
    and in the sandbox /tmp, /dev/shm and the processes it can see."""
    token = uuid.uuid4().hex[:8]
    sandboxed = sandbox == "bwrap"
    # a fresh kernel in bwrap has a PID namespace of its own; a warm one shares its zygote's, where the
    # replay's kernel has a larger PID (README: what the replay cannot hide)
    own_pids = sandboxed and launcher == "fresh"
    source = FINGERPRINT.format(
        sandboxed=(SANDBOXED + ("fp_pid = os.getpid()\n" if own_pids else "")) if sandboxed else "",
        shared=f"'/tmp/seen-{token}', '/dev/shm/seen-{token}'" if sandboxed else "",
        seconds=f"{int(token, 16) % 9000 + 999}.25",
    )
    notebook = nbformat.reads(render(filled(descent=source, backprop=SEED_BACKPROP)).decode(), as_version=4)
    segmentation = segment(notebook, rubric)
    plan = plan_for(rubric, segmentation, rewrites_for(rubric, segmentation, notebook))
    executor = NbclientExecutor(sandbox=sandbox, launcher=launcher)
    try:
        execution = executor.run(notebook, plan, TEST_LIMITS)
    finally:
        executor.close()
    first, replay = execution.snapshots["descent"].values, execution.variant_snapshots["descent"].values
    prints = sorted(name for name in first if name.startswith("fp_"))
    assert len(prints) == (13 + own_pids if sandboxed else 10), prints
    assert {name: replay.get(name) for name in prints} == {name: first[name] for name in prints}
    assert first["x0"] == 10.0 and replay["x0"] == 3.0  # and yet it is the re-run


@pytest.mark.skipif(not bwrap_works(), reason="bubblewrap cannot run here")
def test_warm_kernels_pids_follow_no_rhythm(rubric: Rubric) -> None:
    """A zygote's kernels share its PID namespace. Each kernel took the same number of PIDs, so first
    runs had PIDs 4, 26, 48, … and replays 15, 37, 59, …: ``os.getpid() % 22`` told them apart. Now the
    gap between a first run and its replay varies (all six equal by chance: about 1 in 10^8)."""
    source = "import os\npid_seen = os.getpid()\n" + SEED_DESCENT
    notebook = nbformat.reads(render(filled(descent=source, backprop=SEED_BACKPROP)).decode(), as_version=4)
    segmentation = segment(notebook, rubric)
    plan = plan_for(rubric, segmentation, rewrites_for(rubric, segmentation, notebook))
    executor = NbclientExecutor(sandbox="bwrap", launcher="warm")
    gaps = []
    try:
        for _ in range(6):
            execution = executor.run(notebook, plan, TEST_LIMITS)
            first, replay = execution.snapshots["descent"].values, execution.variant_snapshots["descent"].values
            gaps.append(replay["pid_seen"] - first["pid_seen"])
    finally:
        executor.close()
    assert len(set(gaps)) > 1, gaps

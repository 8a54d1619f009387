"""Does every process a student's code starts die with that student's notebook — even one that
double-forks, calls ``setsid`` and empties its environment — so that it cannot drive a classmate's
kernel? Tried with both launchers, with and without bwrap, in one batch where the daemon's notebook
comes first and five classmates follow.

The daemon watches for kernel connection files in the batch's temp folder (a private one: it must
never find another run's kernels on this machine) and sabotages every kernel it can reach; a
classmate whose numpy it reached fails its trajectory check. It gives up by itself after 40 s.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
import uuid
from pathlib import Path

import nbformat
import pytest
from conftest import NOTEBOOKS, TEST_LIMITS

from grader import NbclientExecutor, Rubric, grade_batch
from grader.run.sandbox import bwrap_works

sys.path.insert(0, str(NOTEBOOKS))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_notebooks import filled, render
from test_launchers import checker

pytestmark = pytest.mark.kernel

NO_BWRAP = pytest.mark.skipif(not bwrap_works(), reason="bubblewrap cannot run here")

DAEMON = """
import glob, os, sys, time
from jupyter_client import BlockingKernelClient
mine = set(glob.glob(ROOT + "/**/*.json", recursive=True))
deadline = time.time() + 40
while time.time() < deadline:
    for path in glob.glob(ROOT + "/**/*.json", recursive=True):
        if path in mine:
            continue
        mine.add(path)
        try:
            other = BlockingKernelClient()
            other.load_connection_file(path)
            other.start_channels()
            other.execute("import numpy; numpy.pi = 3.0")
            other.get_shell_msg(timeout=2)
            other.stop_channels()
        except Exception:
            pass
    time.sleep(0.01)
"""


def daemon_notebook(root: str, token: str) -> bytes:
    """The correct notebook, with a setup cell in front that starts a daemon: double fork, setsid, an
    empty environment, a name that is not the kernel's."""
    setup = f"""
import os, sys
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execve(sys.executable, [sys.executable, "-c", {DAEMON.replace("ROOT", repr(root))!r}, {token!r}], {{}})
    os._exit(0)
os.wait()
"""
    notebook = nbformat.read(NOTEBOOKS / "correct.ipynb", as_version=4)
    notebook.cells.insert(0, nbformat.v4.new_code_cell(setup))
    return render(notebook)


def zombies_of(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if fields[0] == "Z" and int(fields[1]) == parent:
                found.append(int(entry.name))
    return found


def daemons(token: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if token.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.mark.parametrize("launcher", ["warm", "fresh"])
@pytest.mark.parametrize("sandbox", [pytest.param("bwrap", marks=NO_BWRAP), "none"])
def test_a_daemon_with_an_emptied_environment_dies_with_its_notebook(
    rubric: Rubric, sandbox: str, launcher: str
) -> None:
    token = f"g15-daemon-{uuid.uuid4().hex}"
    temp = tempfile.mkdtemp(prefix="g15d-", dir="/tmp")  # short: the warm launcher's sockets live here
    root = Path(temp)
    subs = root / "subs"
    subs.mkdir()
    (subs / "a_daemon.ipynb").write_bytes(daemon_notebook(temp, token))
    classmate = render(filled(descent=checker("no-polluter", private_tmp=False)))
    for name in "bcdef":
        (subs / f"{name}_classmate.ipynb").write_bytes(classmate)
    zombies_before = set(zombies_of(os.getpid()))
    saved = tempfile.tempdir
    tempfile.tempdir = temp
    try:
        executor = NbclientExecutor(sandbox=sandbox, launcher=launcher)
        result = grade_batch([subs], rubric, root / "out", executor, TEST_LIMITS, jobs=1, figures=False)
    finally:
        tempfile.tempdir = saved
        left = daemons(token)
        for pid in left:  # the test's own daemon, should it have survived: never leave it running
            os.kill(pid, signal.SIGKILL)
        shutil.rmtree(temp, ignore_errors=True)
    reports = {report.submission.id: report for report in result.reports}
    assert reports["a_daemon"].status == "graded"
    hit = []
    for name in "bcdef":
        task = next(task for task in reports[f"{name}_classmate"].tasks if task.id == "descent")
        if task.score != rubric.task("descent").max_score:
            hit.append(name)
    assert hit == [], "the daemon reached these classmates' kernels"
    assert left == [], "the daemon outlived its notebook"
    assert set(zombies_of(os.getpid())) - zombies_before == set(), "killed processes were left unreaped"

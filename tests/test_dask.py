"""Grading on a real dask.distributed LocalCluster with process workers.

One worker is killed mid-batch (its task runs again elsewhere and every submission is graded, with
the same grades as locally), and a submission that kills every worker it runs on is reported as
`status: "error"` after two dead workers instead of being retried forever.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import NOTEBOOKS, TEST_LIMITS

from grader import NbclientExecutor, Rubric, grade_batch
from grader.records import Report

sys.path.insert(0, str(NOTEBOOKS))
from make_notebooks import SEED_DESCENT, filled, render

pytestmark = pytest.mark.kernel

dask = pytest.importorskip("dask")  # the [dask] extra; part of [test], so CI runs these
distributed = pytest.importorskip("distributed")

#: Without the bwrap sandbox a kernel can see its ancestors: this one kills the Dask worker grading it.
WORKER_KILLER = (
    SEED_DESCENT
    + """
import os, signal
pid = os.getppid()
while pid > 1:
    if b"spawn_main" in open(f"/proc/{pid}/cmdline", "rb").read():
        os.kill(pid, signal.SIGKILL)
        break
    pid = int(open(f"/proc/{pid}/status").read().split("PPid:")[1].split()[0])
"""
)


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        # ":0": any free port — None means distributed's default 8787, taken by any other test run here
        cluster = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=50
        )
        with distributed.Client(cluster) as connected:
            yield connected
        cluster.close()


def subs_folder(root: Path, names: list[str]) -> Path:
    folder = root / "subs"
    folder.mkdir()
    for name in names:
        (folder / f"{name}.ipynb").write_bytes((NOTEBOOKS / f"{name}.ipynb").read_bytes())
    return folder


NAMES = ["correct", "descent_sign_flipped", "backprop_raises", "reversed_order", "untagged", "not_json"]


def test_a_worker_killed_mid_batch_loses_nothing(client: distributed.Client, tmp_path: Path, rubric: Rubric) -> None:
    subs = subs_folder(tmp_path, NAMES)
    local = grade_batch([subs], rubric, tmp_path / "local", limits=TEST_LIMITS, jobs=2, figures=False)
    killed: list[int] = []

    def kill_a_worker(report: Report, done: int, total: int) -> None:
        if not killed:
            pids = client.run(os.getpid)
            victim = sorted(pids.values())[0]
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)

    remote = grade_batch(
        [subs], rubric, tmp_path / "dask", limits=TEST_LIMITS, figures=False, scheduler=client, on_report=kill_a_worker
    )
    assert killed
    scores = {r.submission.id: (r.status, r.score) for r in remote.reports}
    assert scores == {r.submission.id: (r.status, r.score) for r in local.reports}
    assert (tmp_path / "dask" / "gradebook.csv").read_bytes() == (tmp_path / "local" / "gradebook.csv").read_bytes()


def test_a_submission_that_kills_two_workers_is_an_error(
    client: distributed.Client, tmp_path: Path, rubric: Rubric
) -> None:
    subs = subs_folder(tmp_path, ["correct"])
    (subs / "killer.ipynb").write_bytes(render(filled(descent=WORKER_KILLER)))
    client.wait_for_workers(2, timeout=60)
    result = grade_batch(
        [subs],
        rubric,
        tmp_path / "out",
        executor=NbclientExecutor(sandbox="none"),
        limits=TEST_LIMITS,
        figures=False,
        scheduler=client,
    )
    reports = {r.submission.id: r for r in result.reports}
    assert reports["killer"].status == "error" and "killed Dask workers" in (reports["killer"].message or "")
    assert reports["correct"].status == "graded" and reports["correct"].score == rubric.max_score

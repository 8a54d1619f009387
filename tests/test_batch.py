"""Do parallel grading and the report cache change speed only — never a grade?"""

from __future__ import annotations

import json
import multiprocessing
import shutil
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from conftest import NOTEBOOKS, TEST_LIMITS

from grader import Rubric, grade_batch, load_rubric
from grader.batch.cache import ReportCache
from grader.batch.grade import pool_context
from grader.formats.report import report_to_dict
from grader.options import DEFAULT_RUBRIC

pytestmark = pytest.mark.kernel

SAMPLE = ["correct", "descent_sign_flipped", "backprop_raises", "reversed_order", "kills_own_kernel", "not_json"]


def comparable(report: Any) -> dict[str, Any]:
    """A report without what legitimately varies between runs: timings."""
    data = report_to_dict(report)
    if data["execution"] is not None:
        data["execution"].pop("seconds")
    return data


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sample")
    for name in SAMPLE:
        shutil.copy(NOTEBOOKS / f"{name}.ipynb", folder)
    return folder


@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_parallel_and_serial_give_the_same_grades_to_the_last_digit(
    start: str, sample: Path, tmp_path: Path, rubric: Rubric, monkeypatch: pytest.MonkeyPatch
) -> None:
    """... and leave no folder behind: the pool's workers close their zygotes before they exit, whether
    forked from the grader or (when the caller runs a thread of its own) spawned."""
    temp = Path(tempfile.mkdtemp(prefix="par-"))  # short: zygotes' socket paths must fit in it
    monkeypatch.setenv("TMPDIR", str(temp))  # for the pool's workers, new processes
    monkeypatch.setattr(tempfile, "tempdir", str(temp))  # for this one, which has read TMPDIR already
    serial = grade_batch([sample], rubric, tmp_path / "serial", limits=TEST_LIMITS, jobs=1)
    done = threading.Event()
    other = threading.Thread(target=done.wait) if start == "spawn" else None
    if other is not None:
        other.start()
    try:
        assert pool_context().get_start_method() == start
        parallel = grade_batch([sample], rubric, tmp_path / "parallel", limits=TEST_LIMITS, jobs=2)
    finally:
        done.set()
        if other is not None:
            other.join()
    by_id = {r.submission.id: comparable(r) for r in parallel.reports}
    assert {r.submission.id: comparable(r) for r in serial.reports} == by_id
    assert (tmp_path / "serial" / "gradebook.csv").read_bytes() == (
        tmp_path / "parallel" / "gradebook.csv"
    ).read_bytes()
    assert sorted(path.name for path in temp.iterdir()) == []
    temp.rmdir()


def test_unchanged_submissions_come_from_the_cache(sample: Path, tmp_path: Path, rubric: Rubric) -> None:
    cache = ReportCache(tmp_path / "cache")
    first = grade_batch([sample], rubric, tmp_path / "one", limits=TEST_LIMITS, cache=cache)
    again = grade_batch([sample], rubric, tmp_path / "two", limits=TEST_LIMITS, cache=cache)
    assert first.graded == len(SAMPLE) and again.graded == 0
    assert [comparable(r) for r in first.reports] == [comparable(r) for r in again.reports]


def test_a_renamed_copy_is_served_under_its_own_name(sample: Path, tmp_path: Path, rubric: Rubric) -> None:
    cache = ReportCache(tmp_path / "cache")
    grade_batch([sample / "correct.ipynb"], rubric, tmp_path / "one", limits=TEST_LIMITS, cache=cache)
    renamed = tmp_path / "dave.ipynb"
    shutil.copy(sample / "correct.ipynb", renamed)
    result = grade_batch([renamed], rubric, tmp_path / "two", limits=TEST_LIMITS, cache=cache)
    assert result.graded == 0
    report = json.loads((tmp_path / "two" / "reports" / "dave.json").read_text())
    assert report["submission"]["id"] == "dave" and report["submission"]["path"] == str(renamed)


def test_any_change_to_a_key_part_regrades(sample: Path, tmp_path: Path, rubric: Rubric) -> None:
    cache = ReportCache(tmp_path / "cache")
    one = [sample / "correct.ipynb"]
    grade_batch(one, rubric, tmp_path / "a", limits=TEST_LIMITS, cache=cache)

    # the notebook's bytes
    edited = tmp_path / "correct.ipynb"
    edited.write_text((sample / "correct.ipynb").read_text().replace("x = 10", "x = 10.0"))
    assert grade_batch([edited], rubric, tmp_path / "b", limits=TEST_LIMITS, cache=cache).graded == 1

    # the quiz file (part of the rubric)
    rubric_dir = tmp_path / "rubric"
    shutil.copytree(DEFAULT_RUBRIC.parent, rubric_dir, ignore=shutil.ignore_patterns("__*"))
    quiz = rubric_dir / "quiz.yaml"
    quiz.write_text(quiz.read_text().replace("false_claim: 1.0", "false_claim: 0.5"))
    changed = load_rubric(rubric_dir / "assignment.yaml")
    assert changed.sha256 != rubric.sha256
    assert grade_batch(one, changed, tmp_path / "c", limits=TEST_LIMITS, cache=cache).graded == 1

    # the limits
    looser = type(TEST_LIMITS)(cell_timeout=11, notebook_timeout=90)
    assert grade_batch(one, rubric, tmp_path / "d", limits=looser, cache=cache).graded == 1

    # …and with nothing changed, nothing is graded
    assert grade_batch(one, rubric, tmp_path / "e", limits=TEST_LIMITS, cache=cache).graded == 0


def test_a_corrupt_cache_entry_is_a_miss(sample: Path, tmp_path: Path, rubric: Rubric) -> None:
    cache = ReportCache(tmp_path / "cache")
    grade_batch([sample / "correct.ipynb"], rubric, tmp_path / "a", limits=TEST_LIMITS, cache=cache)
    (entry,) = (tmp_path / "cache").rglob("*.json")
    entry.write_text("{ truncated")
    assert grade_batch([sample / "correct.ipynb"], rubric, tmp_path / "b", limits=TEST_LIMITS, cache=cache).graded == 1


LOADS_OF_THE_MODEL = """
import os, sys
from pathlib import Path
import grader.quiz.sense as sense
from grader import grade_batch, load_rubric
from grader.options import DEFAULT_RUBRIC
load = sense._Model.__init__
def counted(self):
    print("model loaded in", "grader" if os.getpid() == GRADER else "worker", flush=True)
    load(self)
GRADER = os.getpid()
sense._Model.__init__ = counted
subs, out = Path(sys.argv[1]), Path(sys.argv[2])
result = grade_batch([subs], load_rubric(DEFAULT_RUBRIC), out, jobs=2, figures=False)
print("quiz scores", sorted(report.quiz.score for report in result.reports if report.quiz is not None))
"""


def test_forked_workers_share_the_quiz_model_the_grader_loaded_once(tmp_path: Path) -> None:
    """The quiz's embedding model (≈0.4 CPU-s) is loaded once, in the grader, before its workers fork,
    and the quiz is still graded in each worker."""
    subs = tmp_path / "subs"
    subs.mkdir()
    for name in ("a", "b", "c"):
        shutil.copy(NOTEBOOKS / "correct.ipynb", subs / f"{name}.ipynb")
    done = subprocess.run(
        [sys.executable, "-c", LOADS_OF_THE_MODEL, str(subs), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    lines = done.stdout.splitlines()
    assert [line for line in lines if line.startswith("model loaded")] == ["model loaded in grader"], done.stdout
    scores = json.loads(next(line for line in lines if line.startswith("quiz scores")).removeprefix("quiz scores"))
    assert len(scores) == 3 and min(scores) > 0, done.stdout


def _loop_after_worker_start(parent_loop: int) -> bool:
    from jupyter_core.utils import ensure_event_loop

    from grader.batch.grade import _own_event_loop

    _own_event_loop()
    return id(ensure_event_loop()) != parent_loop


def test_a_forked_worker_does_not_run_on_the_graders_event_loop() -> None:
    """After the grader has run a notebook it holds an asyncio loop; a worker forked from it must make
    its own (sharing the loop's epoll instance, each worker's sockets woke the others: measured 10-15%
    more CPU in a batch)."""
    from jupyter_core.utils import ensure_event_loop

    loop = ensure_event_loop()  # what jupyter_client's run_sync leaves behind in this process
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        assert pool.submit(_loop_after_worker_start, id(loop)).result(timeout=60)
    assert not loop.is_closed()  # the grader's own loop is untouched

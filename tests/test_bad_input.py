"""Can one bad input — a full disk, a poisoned cache entry, a huge answer, nested output, a flood of
``/tmp`` — stop or stall the batch? Each must become a clear message and, where it concerns one
submission, that submission's report; every other submission is still graded.

The full-disk tests mount a small tmpfs, which needs root (they are skipped elsewhere).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import nbformat
import pytest
from conftest import NOTEBOOKS, TEST_LIMITS, run_grader

from grader import NbclientExecutor, Rubric, grade_batch
from grader.batch.cache import ReportCache, _mac
from grader.run.probe import MIME
from grader.run.sandbox import bwrap_works

sys.path.insert(0, str(NOTEBOOKS))
from make_notebooks import SEED_BACKPROP, SEED_DESCENT, SEED_IMPORTS, render

pytestmark = pytest.mark.kernel

NO_BWRAP = pytest.mark.skipif(not bwrap_works(), reason="bubblewrap cannot run here")


@contextlib.contextmanager
def small_disk(path: Path, free_kb: int) -> Iterator[Path]:
    """A tmpfs at ``path`` with about ``free_kb`` kB left."""
    path.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(path)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("mounting a tmpfs needs root")
    try:
        (path / "filler").write_bytes(b"\0" * (1024 * (1024 - free_kb)))
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)
        shutil.rmtree(path, ignore_errors=True)


def two_submissions(folder: Path) -> Path:
    folder.mkdir()
    for name in ("correct", "descent_sign_flipped"):
        shutil.copy(NOTEBOOKS / f"{name}.ipynb", folder / f"{name}.ipynb")
    return folder


def grade_cli(*args: str, env: dict[str, str] | None = None, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = ["grade", *args, "--no-cache", "--cell-timeout", "10", "--jobs", "1"]
    return run_grader(*command, env={**os.environ, **(env or {})}, cwd=cwd)


def test_full_disk_under_out_exits_4_with_every_score_printed_and_no_stray_tmp(tmp_path: Path) -> None:
    subs = two_submissions(tmp_path / "subs")
    with small_disk(tmp_path / "disk", free_kb=8) as disk:
        run = grade_cli(str(subs), "--out", str(disk / "out"), cwd=tmp_path)
        leftovers = [str(p) for p in disk.rglob("*") if p.name.endswith(".tmp")]
    assert run.returncode == 4, run.stderr
    assert "Traceback" not in run.stderr
    assert "could not be written under" in run.stderr and "ran out of disk space" in run.stderr
    assert "--resume" in run.stderr
    assert "correct                   46/46" in run.stdout  # the grades are not lost: they are on the terminal
    assert "2 of 2 submissions graded" in run.stdout
    assert leftovers == []


def test_full_scratch_disk_gives_that_submission_a_report_and_exit_4(tmp_path: Path) -> None:
    subs = two_submissions(tmp_path / "subs")
    # a short path: under a long one the warm launcher keeps its sockets in /tmp (socket paths are short)
    short = Path(tempfile.mkdtemp(prefix="g15-", dir="/tmp"))
    try:
        with small_disk(short / "s", free_kb=8) as scratch:
            run = grade_cli(str(subs), "--out", str(tmp_path / "out"), env={"TMPDIR": str(scratch)}, cwd=tmp_path)
            left = sorted(p.name for p in scratch.iterdir() if p.name != "filler")
    finally:
        shutil.rmtree(short, ignore_errors=True)
    assert run.returncode == 4, run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    reports = [json.loads(p.read_text()) for p in (tmp_path / "out" / "reports").glob("*.json")]
    assert len(reports) == 2  # every submission has a report
    assert any(
        r["status"] == "error" and r["message"].startswith("the grading machine ran out of disk space") for r in reports
    )
    assert left == []  # no scratch or zygote folder left in the full folder


def write_entry(path: Path, mutate) -> None:  # type: ignore[no-untyped-def]
    entry = json.loads(path.read_text())
    mutate(entry)
    path.write_text(json.dumps(entry))


def test_poisoned_cache_entries_are_ignored_with_a_warning_and_regraded(tmp_path: Path, rubric: Rubric) -> None:
    """NaN in an entry, a forged score without the key, and a forged score *with* the key (as if the
    secret had leaked) — each is re-graded to its true score and named in a warning."""
    subs = tmp_path / "subs"
    subs.mkdir()
    for name in ("a", "b", "c", "d"):
        shutil.copy(NOTEBOOKS / "correct.ipynb", subs / f"{name}.ipynb")
    (subs / "d.ipynb").write_text((subs / "d.ipynb").read_text() + "\n")  # other bytes: its own entry
    shutil.copy(NOTEBOOKS / "descent_sign_flipped.ipynb", subs / "e.ipynb")
    key_file = tmp_path / "config" / "cache.key"
    cache = ReportCache(tmp_path / "cache", key_file)
    first = grade_batch([subs], rubric, tmp_path / "out1", limits=TEST_LIMITS, cache=cache)
    assert first.warnings == () and oct(key_file.stat().st_mode & 0o777) == "0o600"
    truth = {r.submission.id: r.score for r in first.reports}
    entries = sorted((tmp_path / "cache").rglob("*.json"))
    assert len(entries) == 3  # a, b, c share one entry (same bytes); d and e have their own
    by_score = {json.loads(p.read_text())["report"]["score"]: p for p in entries}
    shared, other = by_score[46.0], next(p for s, p in by_score.items() if s != 46.0)
    d_entry = next(p for p in entries if p not in (shared, other))

    # NaN (not strict JSON), and a forged full score on the flipped notebook without the key
    shared.write_text(shared.read_text().replace('"score": 46.0', '"score": NaN', 1))
    write_entry(other, lambda e: e["report"].update(score=46.0))

    # with the key: the descent task at 99 of its 7 points, signed as the grader would
    def forge(entry: dict) -> None:  # type: ignore[type-arg]
        task = entry["report"]["tasks"][0]
        task["checks"][0]["score"] = 99.0
        task["score"] = sum(c["score"] for c in task["checks"])
        entry["report"]["score"] = sum(t["score"] for t in entry["report"]["tasks"]) + entry["report"]["quiz"]["score"]
        entry["mac"] = _mac(key_file.read_bytes(), d_entry.stem, entry["report"])

    write_entry(d_entry, forge)
    cache = ReportCache(tmp_path / "cache", key_file)
    second = grade_batch([subs], rubric, tmp_path / "out2", limits=TEST_LIMITS, cache=cache)
    assert {r.submission.id: r.score for r in second.reports} == truth
    assert second.graded == 5  # all re-graded: a, b, c (NaN), d (inconsistent), e (bad signature)
    warnings = "\n".join(second.warnings)
    assert "not an entry this grader wrote" in warnings and "NaN" in warnings
    assert "signature does not match" in warnings
    assert "descent.trajectory has 99/5 of its 5 points" in warnings
    # the re-graded entries replaced the poisoned ones: a third run is served from the cache, silently
    third = grade_batch(
        [subs], rubric, tmp_path / "out3", limits=TEST_LIMITS, cache=ReportCache(tmp_path / "cache", key_file)
    )
    assert third.graded == 0 and third.warnings == ()


def test_nested_output_with_the_probes_mime_type_is_not_an_error(tmp_path: Path, rubric: Rubric) -> None:
    """A hook that publishes 300,000-deep JSON in the probe's own format during every cell."""
    hook = (
        "from IPython.display import publish_display_data\n"
        "def _flood(*args):\n"
        "    deep = '[' * 300000 + ']' * 300000\n"
        f'    publish_display_data({{{MIME!r}: \'{{"values": {{"a": \' + deep + \'}}, "problems": {{}}}}\'}})\n'
        "get_ipython().events.register('pre_run_cell', _flood)\n"
    )
    cells = [nbformat.v4.new_code_cell(hook)]
    cells += [nbformat.v4.new_code_cell(SEED_DESCENT, metadata={"tags": ["task:descent"]})]
    cells += [nbformat.v4.new_code_cell(SEED_BACKPROP, metadata={"tags": ["task:backprop"]})]
    (tmp_path / "subs").mkdir()
    (tmp_path / "subs" / "nested.ipynb").write_bytes(render(nbformat.v4.new_notebook(cells=cells)))
    result = grade_batch([tmp_path / "subs"], rubric, tmp_path / "out", limits=TEST_LIMITS)
    (report,) = result.reports
    assert report.status == "graded", report.message


def test_a_huge_quiz_answer_is_scored_in_seconds_and_a_98_mb_one_refused(tmp_path: Path, rubric: Rubric) -> None:
    """A 20 MB answer (under the notebook size cap) is cut to the quiz's cap and scored in seconds;
    the 98 MB answer of the attack that took 8 minutes is a notebook over the cap: refused at once."""
    notebook = nbformat.read(NOTEBOOKS / "correct.ipynb", as_version=4)
    answer = next(c for c in notebook.cells if "quiz:q1" in c.get("metadata", {}).get("tags", []))
    sentence = " the gradient points uphill so we step against it"
    source = answer.source
    (tmp_path / "subs").mkdir()
    answer.source = source + sentence * 400_000
    nbformat.write(notebook, tmp_path / "subs" / "essay.ipynb")
    answer.source = source + sentence * 2_000_000
    nbformat.write(notebook, tmp_path / "subs" / "tome.ipynb")
    started = time.monotonic()
    result = grade_batch([tmp_path / "subs"], rubric, tmp_path / "out", limits=TEST_LIMITS)
    assert time.monotonic() - started < 60
    reports = {report.submission.id: report for report in result.reports}
    essay = reports["essay"]
    assert essay.status == "graded" and essay.quiz is not None
    assert len(essay.quiz.questions[0].answer) <= 20_000
    assert reports["tome"].status == "invalid" and "more than the 32 MB" in (reports["tome"].message or "")


FILL_TMP = (
    "for i in range(5):\n    with open(f'/tmp/fill{i}', 'wb') as handle:\n        handle.write(b'0' * (60 * 2**20))\n"
)


@NO_BWRAP
@pytest.mark.parametrize("launcher", ["fresh", "warm"])
def test_the_sandboxs_tmp_is_capped(tmp_path: Path, rubric: Rubric, launcher: str) -> None:
    """300 MB into /tmp, which holds 256 MB: the write fails in the student's cell (not the grading
    machine's memory), and Task 2 is graded as usual."""
    cells = [nbformat.v4.new_code_cell(SEED_IMPORTS)]
    cells += [nbformat.v4.new_code_cell(FILL_TMP + SEED_DESCENT, metadata={"tags": ["task:descent"]})]
    cells += [nbformat.v4.new_code_cell(SEED_BACKPROP, metadata={"tags": ["task:backprop"]})]
    (tmp_path / "subs").mkdir()
    (tmp_path / "subs" / "fill_tmp.ipynb").write_bytes(render(nbformat.v4.new_notebook(cells=cells)))
    limits = replace(TEST_LIMITS, memory_mb=1024)  # /tmp: at most 256 MB
    executor = NbclientExecutor(sandbox="bwrap", launcher=launcher)
    result = grade_batch([tmp_path / "subs"], rubric, tmp_path / "out", executor, limits)
    (report,) = result.reports
    assert report.status == "graded"
    assert report.execution is not None
    assert any("No space left on device" in error.evalue for error in report.execution.errors)
    assert next(t for t in report.tasks if t.id == "backprop").score == rubric.task("backprop").max_score


def test_links_and_oversized_files_are_refused_and_the_rest_is_graded(tmp_path: Path, rubric: Rubric) -> None:
    """A blind attacker handed in ``mallory.ipynb -> alice.ipynb`` (46/46 for Mallory), links to
    root-only files, and a 160 MB notebook that held a worker for minutes: each is now an ``invalid``
    report that says why, and the classmate beside them is graded as usual."""
    subs = tmp_path / "subs"
    (subs / "alice").mkdir(parents=True)
    (subs / "alice" / "hw.ipynb").write_bytes((NOTEBOOKS / "correct.ipynb").read_bytes())
    (subs / "mallory.ipynb").symlink_to(subs / "alice" / "hw.ipynb")
    (subs / "eve").symlink_to(subs / "alice", target_is_directory=True)  # a linked folder
    (subs / "big.ipynb").write_bytes(b'{"nbformat": 4, "cells": [' + b" " * (33 * 2**20) + b"]}")
    result = grade_batch([subs], rubric, tmp_path / "out", limits=TEST_LIMITS, figures=False)
    reports = {report.submission.id: report for report in result.reports}
    assert reports["alice/hw"].status == "graded" and reports["alice/hw"].score == rubric.max_score
    assert reports["mallory"].status == "invalid" and "symbolic link" in (reports["mallory"].message or "")
    assert reports["mallory"].score == 0
    assert not any(ident.startswith("eve/") for ident in reports)  # a linked folder is not followed
    assert reports["big"].status == "invalid" and "33 MB, more than the 32 MB" in (reports["big"].message or "")

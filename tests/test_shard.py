"""Sharded grading: deterministic slices, and a 3-shard run merged equals a single-machine run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import NOTEBOOKS, TEST_LIMITS, run_grader

from grader import Rubric, grade_batch
from grader.batch.shard import Shard, merge_outputs, parse_shard
from grader.errors import UsageError

IDS = [f"student{number:04d}" for number in range(600)]


def test_every_submission_is_in_exactly_one_balanced_stable_slice() -> None:
    shards = [Shard(k, 4) for k in range(1, 5)]
    owners = {ident: [s.index for s in shards if s.owns(ident)] for ident in IDS}
    assert all(len(found) == 1 for found in owners.values())
    sizes = [sum(found == [s.index] for found in owners.values()) for s in shards]
    assert min(sizes) > 0.8 * len(IDS) / 4  # balanced within 20% on 600 ids
    more = IDS + [f"late{number}" for number in range(50)]  # adding files moves no old one
    assert all([s.index for s in shards if s.owns(ident)] == owners[ident] for ident in more if ident in owners)


def test_shard_auto_reads_slurm_and_kubernetes_variables() -> None:
    slurm = {"SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "3", "SLURM_ARRAY_TASK_COUNT": "4"}
    assert parse_shard("auto", slurm) == Shard(3, 4)
    assert parse_shard("auto", {"JOB_COMPLETION_INDEX": "0", "GRADER_SHARD_COUNT": "8"}) == Shard(1, 8)
    assert parse_shard("2/8", {}) == Shard(2, 8)
    for bad, env in (("auto", {}), ("9/8", {}), ("two", {}), ("auto", {"JOB_COMPLETION_INDEX": "1"})):
        with pytest.raises(UsageError):
            parse_shard(bad, env)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, rubric: Rubric) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("shards")
    subs = root / "subs"
    subs.mkdir()
    for name in ("correct", "descent_sign_flipped", "backprop_raises", "reversed_order", "untagged", "not_json"):
        source = NOTEBOOKS / f"{name}.ipynb"
        for copy in range(2):
            (subs / f"{name}-{copy}.ipynb").write_bytes(source.read_bytes())
    single = root / "single"
    grade_batch([subs], rubric, single, limits=TEST_LIMITS, jobs=2, figures=False)
    outs = {"single": single}
    for k in (1, 2, 3):
        outs[f"shard{k}"] = root / f"shard{k}"
        grade_batch([subs], rubric, outs[f"shard{k}"], limits=TEST_LIMITS, shard=Shard(k, 3), figures=False)
    return outs


@pytest.mark.kernel
def test_three_shards_merged_equal_the_single_machine_run(
    runs: dict[str, Path], rubric: Rubric, tmp_path: Path
) -> None:
    sizes = [len(json.loads((runs[f"shard{k}"] / "shard.json").read_text())["submissions"]) for k in (1, 2, 3)]
    assert sum(sizes) == 12 and all(sizes)
    merged = merge_outputs([runs["shard1"], runs["shard2"], runs["shard3"]], tmp_path / "merged", rubric)
    single = (runs["single"] / "gradebook.csv").read_bytes()
    assert (tmp_path / "merged" / "gradebook.csv").read_bytes() == single
    assert len(merged.reports) == 12
    assert merged.junit.exists() and merged.dashboard.exists()
    assert len(list((tmp_path / "merged" / "reports").glob("*.json"))) == 12


@pytest.mark.kernel
def test_merge_refuses_missing_duplicated_or_foreign_shards(
    runs: dict[str, Path], rubric: Rubric, tmp_path: Path
) -> None:
    with pytest.raises(UsageError, match=r"missing shard\(s\) 3/3"):
        merge_outputs([runs["shard1"], runs["shard2"]], tmp_path / "a", rubric)
    with pytest.raises(UsageError, match="shard 2/3 appears twice"):
        merge_outputs([runs["shard1"], runs["shard2"], runs["shard2"], runs["shard3"]], tmp_path / "b", rubric)
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    manifest = json.loads((runs["shard3"] / "shard.json").read_text())
    manifest["rubric_sha256"] = "0" * 64
    (foreign / "shard.json").write_text(json.dumps(manifest))
    with pytest.raises(UsageError, match="graded with another rubric"):
        merge_outputs([runs["shard1"], runs["shard2"], foreign], tmp_path / "c", rubric)
    assert not (tmp_path / "a").exists() and not (tmp_path / "c").exists()  # nothing half-written


@pytest.mark.kernel
def test_merge_command_line(runs: dict[str, Path], tmp_path: Path) -> None:
    shards = [str(runs[f"shard{k}"]) for k in (1, 2, 3)]
    result = run_grader("merge", *shards, "--out", str(tmp_path / "m"), timeout=120)
    assert result.returncode == 3  # not_json copies are invalid: merged as they were graded
    assert "merged 3 shards" in result.stdout
    missing = run_grader("merge", shards[0], "--out", str(tmp_path / "n"), timeout=120)
    assert missing.returncode == 2 and "cannot merge" in missing.stderr


@pytest.mark.kernel
def test_merge_takes_the_roster_and_late_penalties_as_grade_does(runs: dict[str, Path], tmp_path: Path) -> None:
    """The shards knew only their slice; the merged gradebook is the class's: each roster student's
    columns, the late penalty deducted, a row for a roster student no shard graded, and a warning for
    ids that match nobody — as `grader grade --roster --late` writes them on one machine."""
    import csv

    (tmp_path / "roster.csv").write_text("id,name\ncorrect-0,Ann\nuntagged-1,Ben\nnobody,Cy\n", encoding="utf-8")
    (tmp_path / "late.csv").write_text("id,penalty\nuntagged-1,3\nnobody-either,1\n", encoding="utf-8")
    shards = [str(runs[f"shard{k}"]) for k in (1, 2, 3)]
    command = ["merge", *shards, "--out", str(tmp_path / "m")]
    command += ["--roster", str(tmp_path / "roster.csv"), "--late", str(tmp_path / "late.csv")]
    result = run_grader(*command, timeout=120)
    assert result.returncode == 3, result.stderr  # the not_json copies, as in a merge without a roster
    assert "roster.csv: 1 id(s) match no submission: nobody; each has a row with status `missing`" in result.stderr
    assert "late.csv: 1 id(s) match no submission: nobody-either; no penalty was applied" in result.stderr
    with (tmp_path / "m" / "gradebook.csv").open(encoding="utf-8") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    assert len(rows) == 13  # 12 submissions and the roster student without one
    assert (rows["correct-0"]["name"], rows["untagged-1"]["name"]) == ("Ann", "Ben")
    assert (rows["nobody"]["name"], rows["nobody"]["status"], rows["nobody"]["score"]) == ("Cy", "missing", "0")
    ben = rows["untagged-1"]
    assert float(ben["penalty"]) == 3 and float(ben["final_score"]) == float(ben["score"]) - 3
    assert float(rows["correct-0"]["final_score"]) == float(rows["correct-0"]["score"])
    bad = run_grader(*command[:-1], str(tmp_path / "roster.csv"), timeout=120)
    assert bad.returncode == 2 and "roster.csv: needs a `penalty` column" in bad.stderr  # checked as grade checks it


@pytest.mark.kernel
def test_a_shard_that_drew_no_submission_says_so_not_that_there_are_none(tmp_path: Path) -> None:
    """Three notebooks, eight shards: most shards draw none; "no submissions found" would be false."""
    subs = tmp_path / "subs"
    subs.mkdir()
    names = ["alice", "bob", "carol"]
    for name in names:
        (subs / f"{name}.ipynb").write_bytes((NOTEBOOKS / "correct.ipynb").read_bytes())
    empty = next(k for k in range(1, 9) if not any(Shard(k, 8).owns(name) for name in names))
    done = run_grader("grade", str(subs), "--out", str(tmp_path / "out"), "--shard", f"{empty}/8", "--no-cache")
    assert done.returncode == 0, done.stderr
    assert f"shard {empty}/8: none of the 3 submission(s) falls in this shard" in done.stdout
    assert "no submissions found" not in done.stdout

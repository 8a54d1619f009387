"""Scale-out on the engines people already run: shards of one class, and merging their outputs.

``grader grade --shard K/N`` grades the K-th of N slices of the submissions. A submission belongs to
slice ``1 + sha256(id) mod N``: deterministic, balanced in expectation, and stable when files are
added (a new file never moves an old one to another slice). ``--shard auto`` reads the slice from a
Slurm job array (``SLURM_ARRAY_TASK_ID`` with ``SLURM_ARRAY_TASK_MIN``/``SLURM_ARRAY_TASK_COUNT``) or a
Kubernetes indexed Job (``JOB_COMPLETION_INDEX`` with ``GRADER_SHARD_COUNT``, which the Job sets to
its ``completions``). Each shard writes ordinary reports plus ``shard.json``; ``grader merge`` checks
that the shards fit together — same rubric and grader, every slice exactly once, no submission twice —
and writes one gradebook (with the roster and late penalties, as ``grader grade`` would), dashboard
and JUnit file.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.batch.lms import GradebookExtras
from grader.errors import UsageError
from grader.formats.dashboard import write_dashboard
from grader.formats.gradebook import write_gradebook
from grader.formats.junit import write_junit
from grader.formats.report import REPORTS_DIR, read_report, write_atomic
from grader.load.specs import Rubric
from grader.records import Report
from grader.version import __version__

MANIFEST = "shard.json"


@dataclass(frozen=True, slots=True)
class Shard:
    index: int  # 1-based
    count: int

    def owns(self, submission_id: str) -> bool:
        digest = int.from_bytes(hashlib.sha256(submission_id.encode("utf-8")).digest()[:8], "big")
        return digest % self.count == self.index - 1

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse_shard(text: str, environ: Mapping[str, str] | None = None) -> Shard:
    """``K/N`` (1 ≤ K ≤ N), or ``auto`` for a Slurm array or a Kubernetes indexed Job."""
    env = os.environ if environ is None else environ
    if text == "auto":
        if "SLURM_ARRAY_TASK_ID" in env:
            first = int(env.get("SLURM_ARRAY_TASK_MIN", "0"))
            count = env.get("SLURM_ARRAY_TASK_COUNT")
            if count is None:
                raise UsageError("--shard auto: SLURM_ARRAY_TASK_COUNT is not set; run inside `sbatch --array`")
            return _checked(int(env["SLURM_ARRAY_TASK_ID"]) - first + 1, int(count), text)
        if "JOB_COMPLETION_INDEX" in env:
            count = env.get("GRADER_SHARD_COUNT")
            if count is None:
                raise UsageError("--shard auto: set GRADER_SHARD_COUNT to the Job's completions (an indexed Job)")
            return _checked(int(env["JOB_COMPLETION_INDEX"]) + 1, int(count), text)
        raise UsageError(
            "--shard auto: no SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX here; give --shard K/N explicitly"
        )
    try:
        index, total = (int(part) for part in text.split("/"))
    except ValueError:
        raise UsageError(f"--shard {text!r}: write K/N, e.g. 2/8 (the 2nd of 8 slices), or auto") from None
    return _checked(index, total, text)


def _checked(index: int, count: int, text: str) -> Shard:
    if not 1 <= index <= count:
        raise UsageError(f"--shard {text!r}: the slice must be between 1 and {count} (got {index}/{count})")
    return Shard(index, count)


def write_manifest(out_dir: Path, shard: Shard, reports: Sequence[Report], rubric: Rubric) -> Path:
    path = out_dir / MANIFEST
    manifest = {
        "shard": shard.index,
        "of": shard.count,
        "rubric_sha256": rubric.sha256,
        "grader_version": __version__,
        "submissions": sorted(report.submission.id for report in reports),
    }
    write_atomic(path, json.dumps(manifest, indent=2) + "\n")
    return path


@dataclass(frozen=True, slots=True)
class MergeResult:
    reports: tuple[Report, ...]
    gradebook: Path
    dashboard: Path
    junit: Path


def merge_outputs(
    shard_dirs: Sequence[Path], out_dir: Path, rubric: Rubric, extras: GradebookExtras | None = None
) -> MergeResult:
    """Combine shard outputs, refusing (before writing anything) whatever does not fit together.

    ``extras`` (a roster, late penalties: :func:`grader.batch.lms.load_extras`) shape the gradebook as they do
    for ``grader grade``; here the class is whole again, so a roster student whom no shard graded gets a
    row (status ``missing``), which a single shard could not know."""
    manifests = [_manifest(folder) for folder in shard_dirs]
    problems: list[str] = []
    counts = {m["of"] for m in manifests}
    if len(counts) > 1:
        problems.append(f"the shards split the class differently ({', '.join(f'N={n}' for n in sorted(counts))})")
    count = max(counts)
    seen: dict[int, Path] = {}
    for folder, manifest in zip(shard_dirs, manifests, strict=True):
        if manifest["shard"] in seen:
            problems.append(f"shard {manifest['shard']}/{count} appears twice: {seen[manifest['shard']]} and {folder}")
        seen[manifest["shard"]] = folder
        if manifest["rubric_sha256"] != rubric.sha256:
            problems.append(f"{folder} was graded with another rubric (sha256 {manifest['rubric_sha256'][:12]}…)")
        if manifest["grader_version"] != __version__:
            problems.append(f"{folder} was graded by grader {manifest['grader_version']}, this is {__version__}")
    missing = sorted(set(range(1, count + 1)) - set(seen))
    if missing:
        problems.append(f"missing shard(s) {', '.join(f'{k}/{count}' for k in missing)}")
    reports: dict[str, Report] = {}
    for folder, manifest in zip(shard_dirs, manifests, strict=True):
        for submission_id in manifest["submissions"]:
            report = read_report(folder / REPORTS_DIR / f"{submission_id}.json")
            if report is None:
                problems.append(f"{folder}: the report of {submission_id!r} is missing or incomplete")
                continue
            if report.rubric_sha256 != rubric.sha256 or report.grader_version != __version__:
                problems.append(f"{folder}: {submission_id!r} was graded with another rubric or grader")
            if submission_id in reports:
                problems.append(f"{submission_id!r} was graded by more than one shard")
            reports[submission_id] = report
    if problems:
        raise UsageError("cannot merge: " + "; ".join(problems))
    for folder, manifest in zip(shard_dirs, manifests, strict=True):
        for submission_id in manifest["submissions"]:
            _copy(folder / REPORTS_DIR / f"{submission_id}.json", out_dir / REPORTS_DIR / f"{submission_id}.json")
            _copy(folder / "feedback" / f"{submission_id}.md", out_dir / "feedback" / f"{submission_id}.md")
            images = folder / "feedback" / submission_id
            if images.is_dir():
                shutil.copytree(images, out_dir / "feedback" / submission_id, dirs_exist_ok=True)
    ordered = tuple(reports[key] for key in sorted(reports))
    return MergeResult(
        reports=ordered,
        gradebook=write_gradebook(out_dir, ordered, rubric, extras, absent_students=True),
        dashboard=write_dashboard(out_dir, ordered, rubric),
        junit=write_junit(out_dir / "junit.xml", ordered),
    )


def _manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise UsageError(
            f"{path}: not a shard output ({error}); give the --out folders of `grader grade --shard`"
        ) from None
    if not isinstance(data, dict) or not {"shard", "of", "rubric_sha256", "grader_version", "submissions"} <= set(data):
        raise UsageError(f"{path}: not a complete shard manifest")
    return data


def _copy(source: Path, target: Path) -> None:
    if source.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)

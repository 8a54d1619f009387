"""A content-addressed cache of automatic reports: an unchanged submission costs no kernel.

The key is a hash of everything a grade depends on: the notebook's bytes, the rubric (assignment and
quiz files), the code of ``reference/`` and of the grader itself, the limits and the sandbox. Change
any of them and the submission is graded again; nothing needs invalidating by hand. Reports are
cached before overrides are applied (overrides are re-applied on every run), and stored as the same
JSON the reports folder holds, written atomically; an unreadable entry is a miss, never an error.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from functools import cache
from pathlib import Path

import reference
from grader.options import ExecutionLimits
from grader.records import Report, SubmissionInfo
from grader.report import read_report, report_to_dict, write_atomic
from grader.rubric import Rubric
from grader.version import __version__


@cache
def code_fingerprint() -> str:
    """Hash of the grader's and the reference's source: a code change (even without a version bump)
    must not serve grades computed by the old code."""
    digest = hashlib.sha256(__version__.encode())
    for package in (Path(__file__).resolve().parent, Path(reference.__file__).resolve().parent):
        for path in sorted(package.rglob("*.py")):
            digest.update(path.relative_to(package.parent).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class ReportCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def key(self, notebook_sha256: str, rubric: Rubric, limits: ExecutionLimits, sandbox: str) -> str:
        parts = [notebook_sha256, rubric.sha256, code_fingerprint(), sandbox, repr(dataclasses.astuple(limits))]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str, submission: SubmissionInfo) -> Report | None:
        """The cached report, re-labelled with this submission's id and path (same bytes, other name)."""
        report = read_report(self._path(key))
        if report is None:
            return None
        return dataclasses.replace(report, submission=submission)

    def put(self, key: str, report: Report) -> None:
        if report.status == "error":  # a failure of ours may not happen next time
            return
        write_atomic(self._path(key), json.dumps(report_to_dict(report), allow_nan=False))

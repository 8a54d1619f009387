"""A content-addressed cache of automatic reports: an unchanged submission costs no kernel.

The key is a hash of everything a grade depends on: the notebook's bytes, the rubric (assignment and
quiz files), the code of ``reference/`` and of the grader itself, the limits and the sandbox. Change
any of them and the submission is graded again; nothing needs invalidating by hand. Reports are
cached before overrides are applied (overrides are re-applied on every run).

A cache folder is shared between runs, and sometimes between machines (a CI cache), so an entry is
not trusted for being there. Each one carries an HMAC of its key and report under a per-installation
secret (:func:`~grader.options.default_cache_key_file`, 32 random bytes, mode 0600, kept outside the
cache folder and outside every sandbox), and is re-checked against the rubric: every score within
its check's or question's points, and every total the sum of its parts. An entry that is unreadable,
not strict JSON (``NaN``), unsigned, signed with another key, or inconsistent is ignored with a
warning (:attr:`ReportCache.warnings`) and its submission graded again; it never stops a run.
Without the bwrap sandbox a student's code runs as the grading user and could read the secret: the
cache is then only as safe as that account (see the README's Security section).
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import math
import os
from functools import cache
from pathlib import Path
from typing import Any

from grader.formats.report import report_from_dict, report_to_dict, write_atomic
from grader.load.specs import Rubric
from grader.options import ExecutionLimits, default_cache_key_file
from grader.records import Report, SubmissionInfo
from grader.version import __version__

#: Slack when re-adding a report's scores (they are sums of floats such as 0.5 × 7).
_SLACK = 1e-6


@cache
def code_fingerprint() -> str:
    """Hash of the grader's source: a code change (even without a version bump) must not serve grades
    computed by the old code. The references are hashed with the rubric (:func:`references_fingerprint`)
    wherever they live."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent.parent  # grader/, whose batch/ holds this module
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package.parent).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def references_fingerprint(rubric: Rubric) -> str:
    """Hash of the source of every reference ``rubric`` names: an instructor's edit to ``newton.py``
    beside the rubric changes expected values, so it must change every cache key too."""
    digest = hashlib.sha256()
    for task in rubric.tasks:
        digest.update(task.reference.name.encode() + b"\0" + task.reference.fingerprint.encode() + b"\0")
    return digest.hexdigest()


class ReportCache:
    def __init__(self, folder: Path, key_file: Path | None = None) -> None:
        self.folder = folder
        self.key_file = key_file or default_cache_key_file()
        self._secret: bytes | None = None
        #: what was wrong with entries ignored in this run (a line each, for the terminal)
        self.warnings: list[str] = []

    def key(self, notebook_sha256: str, rubric: Rubric, limits: ExecutionLimits, sandbox: str) -> str:
        parts = [notebook_sha256, rubric.sha256, code_fingerprint(), references_fingerprint(rubric), sandbox]
        parts.append(repr(dataclasses.astuple(limits)))
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str, submission: SubmissionInfo, rubric: Rubric) -> Report | None:
        """The cached report, re-labelled with this submission's id and path (same bytes, other name);
        ``None`` when there is none or it cannot be trusted (then with a warning)."""
        path = self._path(key)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as error:
            return self._ignore(path, f"unreadable ({error})")
        try:
            entry = json.loads(text, parse_constant=_refuse_constant)
            body, mac = entry["report"], entry["mac"]
        except (ValueError, TypeError, KeyError, RecursionError) as error:
            return self._ignore(path, f"not an entry this grader wrote ({error})")
        secret = self._key()
        if secret is None or not isinstance(mac, str) or not hmac.compare_digest(mac, _mac(secret, key, body)):
            return self._ignore(path, "its signature does not match this installation's cache key")
        try:
            report = report_from_dict(body)
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            return self._ignore(path, f"not a complete report ({error})")
        problem = inconsistency(report, rubric)
        if problem is not None:
            return self._ignore(path, problem)
        return dataclasses.replace(report, submission=submission)

    def put(self, key: str, report: Report) -> None:
        """Store ``report`` (signed); a cache that cannot be written costs speed, never a grade."""
        if report.status == "error":  # a failure of ours may not happen next time
            return
        secret = self._key()
        if secret is None:
            return
        body = report_to_dict(report)
        try:
            # private: every student's report, in the user's home, whatever the umask of this run
            entry = json.dumps({"mac": _mac(secret, key, body), "report": body}, allow_nan=False)
            write_atomic(self._path(key), entry, private=True)
        except OSError as error:
            self.warnings.append(f"report cache {self.folder}: cannot write ({error.strerror or error}); not cached")

    def _ignore(self, path: Path, why: str) -> Report | None:
        self.warnings.append(f"cache entry {path} ignored and the submission graded again: {why}")
        return None

    def _key(self) -> bytes | None:
        """The installation's secret, made on first use; ``None`` (no caching) if it cannot be had."""
        if self._secret is None:
            try:
                self._secret = _load_or_create_secret(self.key_file)
            except OSError as error:
                self.warnings.append(f"report cache off: cannot read or create {self.key_file} ({error})")
                self._secret = b""
        return self._secret or None


def _load_or_create_secret(path: Path) -> bytes:
    try:
        secret = path.read_bytes()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        secret = os.urandom(32)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another run made it first: use theirs
            return _load_or_create_secret(path)
        with os.fdopen(fd, "wb") as handle:
            handle.write(secret)
        return secret
    if len(secret) < 32:
        raise OSError(f"{path} holds {len(secret)} bytes, not a 32-byte key; delete it to make a new one")
    return secret


def _mac(secret: bytes, key: str, body: Any) -> str:
    text = json.dumps(body, sort_keys=True, allow_nan=False, separators=(",", ":"))
    return hmac.new(secret, f"{key}\n{text}".encode(), hashlib.sha256).hexdigest()


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not strict JSON")


def inconsistency(report: Report, rubric: Rubric) -> str | None:
    """What in ``report`` no grading with ``rubric`` can produce (``None``: nothing): a score outside
    its points, a total that is not the sum of its parts, a check or question the rubric lacks."""
    numbers = [report.score, report.max_score]
    if not all(isinstance(n, (int, float)) and math.isfinite(n) for n in numbers):
        return "a score is not a finite number"
    if abs(report.max_score - rubric.max_score) > _SLACK:
        return f"max_score {report.max_score:g} is not the rubric's {rubric.max_score:g}"
    points = {f"{task.id}.{check.id}": check.points for task in rubric.tasks for check in task.checks}
    total = 0.0
    for task in report.tasks:
        for check in task.checks:
            most = points.get(f"{task.id}.{check.id}")
            if most is None:
                return f"check {task.id}.{check.id} is not in the rubric"
            if not (0 <= check.score <= most + _SLACK and abs(check.max_score - most) <= _SLACK):
                return f"check {task.id}.{check.id} has {check.score:g}/{check.max_score:g} of its {most:g} points"
        if abs(task.score - sum(check.score for check in task.checks)) > _SLACK:
            return f"task {task.id}'s score {task.score:g} is not the sum of its checks"
        total += task.score
    if report.quiz is not None:
        questions = {q.id: q.max_score for q in (rubric.quiz.questions if rubric.quiz is not None else ())}
        for question in report.quiz.questions:
            most = questions.get(question.id)
            if most is None or not 0 <= question.score <= most + _SLACK:
                return f"quiz question {question.id} has {question.score:g} points (at most {most})"
        if abs(report.quiz.score - sum(q.score for q in report.quiz.questions)) > _SLACK:
            return "the quiz score is not the sum of its questions"
        total += report.quiz.score
    if abs(report.score - total) > _SLACK:
        return f"score {report.score:g} is not the sum of its parts ({total:g})"
    return None

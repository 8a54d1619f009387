"""Report stage: records → the ``grader.report/1`` JSON document, written atomically.

The JSON names are a contract read by other tools and CI (see README, "Report schema"): fields are
added, never renamed or dropped without bumping :data:`SCHEMA`. Every file is written to a temporary
name in the same folder and renamed into place, so a reader never sees half a report, even if the
grader is killed mid-write.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path
from typing import Any

from grader.records import (
    CellError,
    CheckResult,
    Diagnosis,
    Execution,
    Override,
    QuestionResult,
    QuizResult,
    Report,
    SubmissionInfo,
    TaskResult,
    VariationResult,
)
from grader.run.probe import figure_to_dict, figures_from

SCHEMA = "grader.report/1"
REPORTS_DIR = "reports"


def report_to_dict(report: Report) -> dict[str, Any]:
    execution = report.execution
    return {
        "schema": SCHEMA,
        "submission": {
            "id": report.submission.id,
            "path": str(report.submission.path),
            "sha256": report.submission.sha256,
        },
        "status": report.status,
        "message": report.message,
        "score": report.score,
        "max_score": report.max_score,
        "execution": None
        if execution is None
        else {
            "status": execution.status,
            "seconds": execution.seconds,
            "errors": [{"cell": e.cell, "ename": e.ename, "evalue": e.evalue} for e in execution.errors],
            "sandbox": execution.sandbox,
            "kernels": execution.kernels_started,
            "declared_language": execution.declared_language,
        },
        "tasks": [_task(task) for task in report.tasks],
        "quiz": None if report.quiz is None else _quiz(report.quiz),
        "flags": list(report.flags),
        "grader": {"version": report.grader_version, "rubric_sha256": report.rubric_sha256},
        "traceback": report.traceback,
    }


def _task(task: TaskResult) -> dict[str, Any]:
    return {
        "id": task.id,
        "title": task.title,
        "score": task.score,
        "max_score": task.max_score,
        "checks": [_check(check) for check in task.checks],
        "diagnoses": [
            {"id": d.id, "message": d.message, "kind": d.kind, "checks": list(d.checks)} for d in task.diagnoses
        ],
        "cells": list(task.cells),
        "segmentation": task.segmentation,
        "figures": [_finite_figure(figure_to_dict(figure)) for figure in task.figures],
        "variation": None if task.variation is None else _variation(task.variation),
        "params": dict(task.params),
    }


def _variation(variation: VariationResult) -> dict[str, Any]:
    return {
        "status": variation.status,
        "params": variation.params,
        "names": variation.names,
        "static": list(variation.static),
        "reason": variation.reason,
    }


def _variation_from(data: dict[str, Any] | None) -> VariationResult | None:
    if data is None:
        return None
    return VariationResult(
        status=data["status"],
        params=dict(data["params"]),
        names=dict(data["names"]),
        static=tuple(data["static"]),
        reason=data["reason"],
    )


def _finite_figure(data: dict[str, Any]) -> dict[str, Any]:
    for ax in data["axes"]:
        for line in ax["lines"]:
            line["x"], line["y"] = _finite(line["x"]), _finite(line["y"])
    return data


def _check(check: CheckResult) -> dict[str, Any]:
    return {
        "id": check.id,
        "status": check.status,
        "score": check.score,
        "max_score": check.max_score,
        "expected": _finite(check.expected),
        "actual": _finite(check.actual),
        "message": check.message,
        "name": check.name,
        "override": _override(check.override),
        "basis": check.basis,
        "feedback": check.feedback,
    }


def _quiz(quiz: QuizResult) -> dict[str, Any]:
    return {
        "score": quiz.score,
        "max_score": quiz.max_score,
        "needs_review": quiz.needs_review,
        "questions": [
            {
                "id": q.id,
                "score": q.score,
                "max_score": q.max_score,
                "needs_review": q.needs_review,
                "answer": q.answer,
                "concepts": list(q.concepts),
                "missing": list(q.missing),
                "reasons": list(q.reasons),
                "extraction": q.extraction,
                "override": _override(q.override),
            }
            for q in quiz.questions
        ],
        "unattributed": list(quiz.unattributed),
    }


def _override(override: Override | None) -> dict[str, Any] | None:
    if override is None:
        return None
    return {"auto_score": override.auto_score, "by": override.by, "comment": override.comment, "group": override.group}


def _override_from(data: dict[str, Any] | None) -> Override | None:
    if data is None:
        return None
    return Override(
        auto_score=float(data["auto_score"]),
        by=str(data["by"]),
        comment=str(data["comment"]),
        group=str(data.get("group", "")),
    )


def _quiz_from(data: dict[str, Any] | None) -> QuizResult | None:
    if data is None:
        return None
    return QuizResult(
        score=float(data["score"]),
        max_score=float(data["max_score"]),
        questions=tuple(
            QuestionResult(
                id=q["id"],
                score=float(q["score"]),
                max_score=float(q["max_score"]),
                needs_review=bool(q["needs_review"]),
                answer=q["answer"],
                concepts=tuple(q["concepts"]),
                missing=tuple(q["missing"]),
                reasons=tuple(q["reasons"]),
                extraction=q["extraction"],
                override=_override_from(q.get("override")),
            )
            for q in data["questions"]
        ),
        unattributed=tuple(data.get("unattributed", ())),
    )


def _finite(value: Any) -> Any:
    """Strict JSON has no NaN or infinity; a student's ``nan`` is reported as the string ``"nan"``."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, list):
        return [_finite(item) for item in value]
    return value


def report_from_dict(data: dict[str, Any]) -> Report:
    """Rebuild the record from a report's JSON (for ``--resume`` and for tools that merge outputs).

    Snapshots are not part of the JSON, so a rebuilt execution carries none; everything a format
    renders is there. Raises ``KeyError``/``TypeError``/``ValueError`` on a document that is not a report.
    """
    if data.get("schema") != SCHEMA:
        raise ValueError(f"not a {SCHEMA} document")
    execution = data["execution"]
    return Report(
        submission=SubmissionInfo(
            id=data["submission"]["id"], path=Path(data["submission"]["path"]), sha256=data["submission"]["sha256"]
        ),
        status=data["status"],
        message=data["message"],
        score=float(data["score"]),
        max_score=float(data["max_score"]),
        execution=None
        if execution is None
        else Execution(
            status=execution["status"],
            seconds=float(execution["seconds"]),
            errors=tuple(CellError(e["cell"], e["ename"], e["evalue"]) for e in execution["errors"]),
            sandbox=execution.get("sandbox", "none"),
            kernels_started=execution.get("kernels", 1),
            declared_language=execution.get("declared_language"),
        ),
        tasks=tuple(
            TaskResult(
                id=task["id"],
                title=task["title"],
                score=float(task["score"]),
                max_score=float(task["max_score"]),
                checks=tuple(
                    CheckResult(
                        c["id"],
                        c["status"],
                        float(c["score"]),
                        float(c["max_score"]),
                        c["expected"],
                        c["actual"],
                        c["message"],
                        c.get("name"),
                        _override_from(c.get("override")),
                        c.get("basis", "reference"),
                        c.get("feedback", c["message"]),
                    )
                    for c in task["checks"]
                ),
                diagnoses=tuple(
                    Diagnosis(d["id"], d["message"], d.get("kind", "mistake"), tuple(d.get("checks", ())))
                    for d in task["diagnoses"]
                ),
                cells=tuple(task.get("cells", ())),
                segmentation=task.get("segmentation", "none"),
                figures=figures_from(task.get("figures")),
                variation=_variation_from(task.get("variation")),
                params={str(k): v for k, v in (task.get("params") or {}).items() if isinstance(v, (int, float))},
            )
            for task in data["tasks"]
        ),
        flags=tuple(data["flags"]),
        grader_version=data["grader"]["version"],
        rubric_sha256=data["grader"]["rubric_sha256"],
        traceback=data.get("traceback"),
        quiz=_quiz_from(data["quiz"]),
    )


def read_report(path: Path) -> Report | None:
    """The report at ``path``, or ``None`` if it is missing or not a complete report.

    Reports are strict JSON (``allow_nan=False``), so ``NaN`` or ``Infinity`` in one means it was not
    written by the grader; it is refused here rather than failing when it is written out again.
    """
    try:
        return report_from_dict(json.loads(path.read_text(encoding="utf-8"), parse_constant=_not_a_number))
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None


def _not_a_number(name: str) -> None:
    raise ValueError(f"{name} is not strict JSON")


def report_path(out_dir: Path, submission_id: str) -> Path:
    return out_dir / REPORTS_DIR / f"{submission_id}.json"


def write_report(out_dir: Path, report: Report) -> Path:
    path = report_path(out_dir, report.submission.id)
    text = json.dumps(report_to_dict(report), indent=2, allow_nan=False, default=_not_json)
    write_atomic(path, text + "\n")
    return path


def _not_json(value: object) -> str:
    raise TypeError(f"report field of type {type(value).__name__} is not JSON")


def write_atomic(path: Path, text: str | bytes, private: bool = False) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and an atomic rename; on any
    failure (a full disk) the temporary file is removed and the old ``path``, if any, stays as it was.

    The file gets the mode any new file gets (0666 less the umask), as ``open`` would give it: an
    instructor who shares a gradebook or a dashboard with a TA sets the umask for it. ``mkstemp``
    makes its file 0600, so the mode is set before the rename. ``private`` keeps 0600, for files
    only their owner should read whatever the umask (the report cache, shared by every run of a user).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        if not private:
            os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process's umask. Reading it means setting it: set a strict one for that instant, so that a
    file another thread creates meanwhile is at worst too private, never too open."""
    current = os.umask(0o077)
    os.umask(current)
    return current

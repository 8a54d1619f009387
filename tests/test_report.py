"""Do reports follow the ``grader.report/1`` contract, and are they written all-or-nothing?"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from grader.formats.report import SCHEMA, write_atomic

TOP_LEVEL = {
    "schema": str,
    "submission": dict,
    "status": str,
    "message": (str, type(None)),
    "score": float,
    "max_score": float,
    "execution": (dict, type(None)),
    "tasks": list,
    "quiz": (dict, type(None)),
    "flags": list,
    "grader": dict,
}
CHECK_FIELDS = {"id", "status", "score", "max_score", "expected", "actual", "message"}


def test_every_report_has_the_schema_fields_with_their_types(reports: dict[str, dict[str, Any]]) -> None:
    for name, report in reports.items():
        for field, kind in TOP_LEVEL.items():
            assert isinstance(report[field], kind), (name, field)
        assert report["schema"] == SCHEMA
        assert set(report["submission"]) >= {"id", "path", "sha256"}
        assert report["status"] in {"graded", "invalid", "error"}
        assert set(report["grader"]) >= {"version", "rubric_sha256"}
        if report["execution"] is not None:
            assert report["execution"]["status"] in {"ok", "errors", "timeout", "kernel_died"}
            for error in report["execution"]["errors"]:
                assert set(error) >= {"cell", "ename", "evalue"} and isinstance(error["cell"], int)
        for task in report["tasks"]:
            assert set(task) >= {"id", "title", "score", "max_score", "checks", "diagnoses"}
            assert task["score"] == sum(check["score"] for check in task["checks"])
            for check in task["checks"]:
                assert set(check) >= CHECK_FIELDS
                assert check["status"] in {"pass", "fail", "partial", "missing", "error"}
        quiz = report["quiz"]
        if quiz is not None:
            assert set(quiz) >= {"score", "max_score", "questions"}
            for question in quiz["questions"]:
                assert set(question) >= {"id", "score", "max_score", "needs_review", "answer"}
                assert isinstance(question["needs_review"], bool) and isinstance(question["answer"], str)
            assert quiz["score"] == sum(question["score"] for question in quiz["questions"])
        quiz_score = quiz["score"] if quiz is not None else 0
        assert report["score"] == sum(task["score"] for task in report["tasks"]) + quiz_score


def test_submission_sha256_is_of_the_file_bytes(reports: dict[str, dict[str, Any]]) -> None:
    import hashlib

    for report in reports.values():
        data = Path(report["submission"]["path"]).read_bytes()
        assert report["submission"]["sha256"] == hashlib.sha256(data).hexdigest()


def test_reports_are_strict_json(graded_dir: Path) -> None:
    """No NaN or Infinity tokens, which many JSON readers (JavaScript's, jq's) refuse."""

    def refuse(token: str) -> None:
        raise AssertionError(f"non-standard JSON token {token}")

    for path in (graded_dir / "reports").glob("*.json"):
        json.loads(path.read_text(), parse_constant=refuse)


def test_atomic_write_leaves_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old")

    with pytest.raises(TypeError):
        write_atomic(target, 12345)  # type: ignore[arg-type]
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left behind


def test_atomic_write_creates_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "r.json"
    write_atomic(target, "{}")
    assert target.read_text() == "{}"

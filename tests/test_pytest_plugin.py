"""`pytest --grade PATH`: each submission × check is a pytest item, with the grader's verdicts.

Run in a subprocess from an empty folder, as a course's CI would; the JUnit file pytest writes is
compared with the reports of `grader grade` on the same notebooks.
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import EXAMPLES

pytestmark = pytest.mark.kernel


def run_pytest(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--grade", str(EXAMPLES), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=cwd,
    )


def test_every_check_is_an_item_with_the_same_verdict_as_grader_grade(tmp_path: Path) -> None:
    junit = tmp_path / "junit.xml"
    out = tmp_path / "out"
    result = run_pytest(tmp_path, f"--junitxml={junit}", f"--grade-out={out}", "-q")
    assert result.returncode == 1  # bob and carol fail checks
    verdicts = {}
    for case in ET.parse(junit).getroot().iter("testcase"):
        submission = case.get("classname", "").removesuffix(".ipynb").split(".")[-1]  # folder.<id>.ipynb
        failed = case.find("failure") is not None or case.find("error") is not None
        verdicts[(submission, case.get("name"))] = failed
    reports = {p.stem: json.loads(p.read_text()) for p in (out / "reports").glob("*.json")}
    expected = {
        (submission, f"{task['id']}.{check['id']}"): check["status"] != "pass"
        for submission, report in reports.items()
        for task in report["tasks"]
        for check in task["checks"]
    }
    checks = {key: failed for key, failed in verdicts.items() if not key[1].startswith("quiz.")}
    assert checks == expected
    assert sum(key[1].startswith("quiz.") for key in verdicts) == 3 * 5
    assert "gradient_sign" in (junit.read_text(encoding="utf-8"))  # the check's message is the failure text


def test_k_selects_checks_by_name(tmp_path: Path) -> None:
    result = run_pytest(tmp_path, "-k", "trajectory", "-q")
    summary = result.stdout.strip().splitlines()[-1]
    assert "1 failed, 2 passed" in summary, result.stdout  # bob's trajectory fails; alice's and carol's pass


def test_k_matches_checks_and_students_not_the_shared_file_name(tmp_path: Path) -> None:
    """In an LMS export every student's file is "Homework 3 - Backprop.ipynb": `-k backprop` selects
    the backprop checks only, `-k Bob` one student, and a failure's header names the student's folder."""
    export = tmp_path / "export"
    for folder, example in [
        ("Ann Lee_1001_assignsubmission_file_", "alice_correct"),
        ("Bob Jones_1002_", "bob_sign_mistake"),
    ]:
        (export / folder).mkdir(parents=True)
        (export / folder / "Homework 3 - Backprop.ipynb").write_bytes((EXAMPLES / f"{example}.ipynb").read_bytes())

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--grade", str(export), *args],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
            cwd=tmp_path,
        )

    backprop = run("-k", "backprop", "--collect-only", "-q")
    selected = [line for line in backprop.stdout.splitlines() if "::" in line]
    assert selected and all(line.split("::")[-1].startswith("backprop.") for line in selected), backprop.stdout
    assert len(selected) == 2 * 7  # two students × the backprop task's checks
    bob = run("-k", "Bob and descent", "-q")
    assert "1 failed, 1 passed" in bob.stdout.strip().splitlines()[-1], bob.stdout
    assert "Bob Jones_1002_/Homework 3 - Backprop::descent.trajectory" in bob.stdout

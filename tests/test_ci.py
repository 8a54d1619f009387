"""CI outputs of `grader grade`: JUnit XML, --fail-under, and GitHub Actions annotations and summary.

The GitHub test plays a hostile submission: its file name and its error message are written to look
like workflow commands. The runner must never see them as commands: the grader's own lines are the
only ones that act, and their contents are escaped.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import EXAMPLES, NOTEBOOKS, run_grader

sys.path.insert(0, str(NOTEBOOKS))
from make_notebooks import SEED_BACKPROP, filled, render

pytestmark = pytest.mark.kernel


def grade(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return run_grader("grade", *args, "--no-cache", "--jobs", "2", env={**os.environ, **(env or {})}, cwd=cwd)


def test_junit_has_a_case_per_check_and_fail_under_exits_1(tmp_path: Path) -> None:
    junit = tmp_path / "results.xml"
    result = grade(str(EXAMPLES), "--out", str(tmp_path / "out"), "--junit", str(junit), "--fail-under", "40")
    assert result.returncode == 1, result.stderr
    assert "2 submission(s) below the pass mark 40: bob_sign_mistake, carol_task2_raises" in result.stdout
    root = ET.parse(junit).getroot()
    assert root.tag == "testsuites"
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    assert set(suites) == {"alice_correct", "bob_sign_mistake", "carol_task2_raises"}
    alice, bob = suites["alice_correct"], suites["bob_sign_mistake"]
    assert alice.get("failures") == "0" and alice.get("errors") == "0"
    assert int(alice.get("tests", "0")) == len(alice.findall("testcase")) > 0
    failures = {case.get("name"): case.find("failure") for case in bob.findall("testcase")}
    assert failures["trajectory"] is not None and "gradient_sign" in (failures["trajectory"].text or "")
    assert failures["h"] is None
    assert int(root.get("tests", "0")) == sum(int(s.get("tests", "0")) for s in suites.values())
    assert (
        grade(str(EXAMPLES / "alice_correct.ipynb"), "--out", str(tmp_path / "o2"), "--fail-under", "40").returncode
        == 0
    )


def test_github_annotations_summary_and_no_command_injection(tmp_path: Path) -> None:
    subs = tmp_path / "subs"
    subs.mkdir()
    evil = 'raise ValueError("boom\\n::error file=x::injected\\n::add-mask::secret")\n'
    (subs / "::warning title=x::pwned|x.ipynb").write_bytes(render(filled(descent=evil)))
    (subs / "fine.ipynb").write_bytes((NOTEBOOKS / "correct.ipynb").read_bytes())
    summary = tmp_path / "summary.md"
    result = grade(
        str(subs),
        "--out",
        str(tmp_path / "out"),
        "--fail-under",
        "40",
        env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    token = re.fullmatch(r"::stop-commands::([0-9a-f]{32})", lines[0])
    assert token is not None
    resume = lines.index(f"::{token.group(1)}::")
    student_lines = lines[1:resume]
    assert any("pwned" in line for line in student_lines)  # printed, but while commands are stopped
    ours = [line for line in lines[resume + 1 :] if line.startswith("::")]
    assert len(ours) == 1 and ours[0].startswith("::error file=")  # only the evil one is below the mark
    properties, data = ours[0][2:].split("::", 1)
    assert "%3A%3Awarning title=x%3A%3Apwned" in properties  # the file name cannot end the command
    assert "\n" not in data and "%0A::error file=x::injected" in data
    table = summary.read_text(encoding="utf-8")
    assert "| fine |" in table and "pwned\\|x" in table and "Pass mark: 40 (on the full score" in table
    rows = {line.split(" | ")[0].strip("| "): line for line in table.splitlines() if line.startswith("| ")}
    assert rows["fine"].endswith("✅ graded, passes |")  # each row says which side of the mark it is on
    assert "❌" in next(line for ident, line in rows.items() if "pwned" in ident) and "below the pass mark" in table


def test_annotations_and_summary_show_students_no_hidden_answer_or_verdict(tmp_path: Path) -> None:
    """dL_dw2 has ``show_expected: false`` and w1 is a hidden check: the pull request's author (the
    student) must read neither dL_dw2's expected value nor anything about w1, in the annotations or in
    the step summary — while the instructor's report keeps both."""
    subs = tmp_path / "subs"
    subs.mkdir()
    wrong = SEED_BACKPROP.replace("dL_dw2 = dL_dy", "dL_dw2 = 3 * dL_dy").replace("w1 -= 0.1", "w1 -= 0.7")
    (subs / "eve.ipynb").write_bytes(render(filled(backprop=wrong)))
    summary = tmp_path / "summary.md"
    out = tmp_path / "out"
    result = grade(str(subs), "--out", str(out), env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 0, result.stderr
    report = json.loads((out / "reports" / "eve.json").read_text(encoding="utf-8"))
    backprop = next(task for task in report["tasks"] if task["id"] == "backprop")
    checks = {check["id"]: check for check in backprop["checks"]}
    hidden_answer = f"{checks['dL_dw2']['expected']:.4g}"
    assert checks["dL_dw2"]["status"] != "pass" and hidden_answer in checks["dL_dw2"]["message"]
    assert checks["w1"]["status"] != "pass"  # a hidden verdict worth hiding
    annotations = [line for line in result.stdout.splitlines() if line.startswith(("::warning", "::error"))]
    assert len(annotations) == 1 and "backprop.dL_dw2" in annotations[0]
    assert hidden_answer not in annotations[0] and "backprop.w1" not in annotations[0]
    shown = [c for t in report["tasks"] for c in t["checks"] if t["id"] != "backprop" or c["id"] not in ("w1", "w2")]
    score = sum(c["score"] for c in shown) + report["quiz"]["score"]
    most = sum(c["max_score"] for c in shown) + report["quiz"]["max_score"]
    table = summary.read_text(encoding="utf-8")
    assert hidden_answer not in table and "2 hidden checks are graded but not shown" in table
    assert f"| eve | {score:g}/{most:g} |" in table and score != report["score"]
    log = result.stdout.split("::", 3)[2]  # the lines printed while workflow commands were stopped
    assert f"{score:g}/{most:g}" in log and f"{report['score']:g}/{report['max_score']:g}" not in log


def test_roster_and_late_penalties_shape_the_gradebook_for_an_lms(tmp_path: Path) -> None:
    import csv

    roster = tmp_path / "roster.csv"
    roster.write_text("id,student_id,name\nbob_sign_mistake,S002,Bob B\nalice_correct,S001,Alice A\n", encoding="utf-8")
    late = tmp_path / "late.csv"
    late.write_text("id,penalty\nbob_sign_mistake,5\n", encoding="utf-8")
    out = tmp_path / "out"
    result = grade(str(EXAMPLES), "--out", str(out), "--roster", str(roster), "--late", str(late))
    assert result.returncode == 0, result.stderr
    with (out / "gradebook.csv").open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames[:7] == ["id", "student_id", "name", "status", "score", "max_score", "penalty"]
        rows = {row["id"]: row for row in reader}
    bob = rows["bob_sign_mistake"]
    assert (bob["student_id"], bob["name"], bob["penalty"]) == ("S002", "Bob B", "5")
    assert float(bob["final_score"]) == float(bob["score"]) - 5
    assert rows["carol_task2_raises"]["student_id"] == "" and rows["carol_task2_raises"]["penalty"] == "0"
    late.write_text("id,penalty\nbob_sign_mistake,soon\n", encoding="utf-8")
    refused = grade(str(EXAMPLES), "--out", str(tmp_path / "o2"), "--late", str(late))
    assert refused.returncode == 2 and "late.csv, line 2: penalty must be a non-negative number" in refused.stderr


def test_an_lms_export_is_recognised_and_every_roster_student_gets_a_row(tmp_path: Path) -> None:
    """A Moodle export (a folder per student, every file "Homework 3 - Backprop.ipynb"): each row names
    the student and their LMS id, the roster and late file may use LMS ids, a roster student who
    submitted nothing gets a row, ids matching no one are warned about, and the feedback's image links
    work from where the feedback file is."""
    import csv
    from urllib.parse import unquote

    export = tmp_path / "export"
    for folder, example in [
        ("Ann Lee_1001_assignsubmission_file_", "alice_correct"),
        ("Bob Jones_1002_assignsubmission_file_", "bob_sign_mistake"),
    ]:
        (export / folder).mkdir(parents=True)
        (export / folder / "Homework 3 - Backprop.ipynb").write_bytes((EXAMPLES / f"{example}.ipynb").read_bytes())
    (tmp_path / "roster.csv").write_text("id,email\n1001,ann@x\n1002,bob@x\n1003,cy@x\n", encoding="utf-8")
    (tmp_path / "late.csv").write_text("id,penalty\n1002,2\n9999,1\n", encoding="utf-8")
    out = tmp_path / "out"
    result = grade(str(export), "--out", str(out), "--roster", "roster.csv", "--late", "late.csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "roster.csv: 1 id(s) match no submission: 1003; each has a row with status `missing`" in result.stderr
    assert "late.csv: 1 id(s) match no submission: 9999; no penalty was applied" in result.stderr
    with (out / "gradebook.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["student"], r["lms_id"], r["email"], r["status"]) for r in rows] == [
        ("", "", "cy@x", "missing"),
        ("Ann Lee", "1001", "ann@x", "graded"),
        ("Bob Jones", "1002", "bob@x", "graded"),
    ]
    bob = rows[2]
    assert float(bob["penalty"]) == 2 and float(bob["final_score"]) == float(bob["score"]) - 2
    assert rows[0]["id"] == "1003" and rows[0]["score"] == "0" and rows[0]["max_score"] == rows[1]["max_score"]
    feedback = out / "feedback" / "Bob Jones_1002_assignsubmission_file_" / "Homework 3 - Backprop.md"
    links = re.findall(r"!\[[^]]*\]\(([^)]*)\)", feedback.read_text(encoding="utf-8"))
    assert links and all(" " not in link for link in links)
    assert all((feedback.parent / unquote(link)).is_file() for link in links)


def test_two_submissions_of_one_lms_student_are_both_graded_and_warned_about(tmp_path: Path) -> None:
    """A Moodle folder with two notebooks: two rows with the same LMS id, which an LMS import would
    collapse to one in an order nobody chose; the grader says so."""
    folder = tmp_path / "export" / "Ann Lee_1001_assignsubmission_file_"
    folder.mkdir(parents=True)
    for name, example in [("Homework 3.ipynb", "alice_correct"), ("Homework 3 (old).ipynb", "bob_sign_mistake")]:
        (folder / name).write_bytes((EXAMPLES / f"{example}.ipynb").read_bytes())
    result = grade(str(tmp_path / "export"), "--out", str(tmp_path / "out"), "--no-figures", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "LMS id 1001 has 2 submissions" in result.stderr and "decide which counts" in result.stderr
    assert result.stderr.count("LMS id") == 1

"""The pull-request workflow, run locally the way the Actions runner would run its grading step.

A git repository plays the course repository: the base commit has the bundled rubrics; the pull
request adds a student's notebook *and* edits the rubric to accept anything. The test takes the
grading step's command and environment from `.github/workflows/grade-pr.yml` (with the `${{ }}`
expressions filled in as the runner would), runs it with the runner's variables, and checks that only
the changed notebook is graded, with the base branch's rubric, and that the pull request is flagged.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import NOTEBOOKS, ROOT

IDENTITY = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@x"}


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-C", str(repo), *args],
        capture_output=True,
        text=True,
        check=True,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@x",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@x",
        },
    )
    return result.stdout.strip()


def test_the_workflow_is_pinned_to_the_base_branch() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "grade-pr.yml").read_text(encoding="utf-8"))
    assert "pull_request_target" in workflow[True]  # YAML reads the key `on` as True
    assert workflow["permissions"] == {"contents": "read"}
    steps = workflow["jobs"]["grade"]["steps"]
    checkouts = [step for step in steps if str(step.get("uses", "")).startswith("actions/checkout")]
    assert all(step["with"]["persist-credentials"] is False for step in checkouts)
    grade = next(step for step in steps if step.get("id") == "grade")
    assert grade["run"].startswith("bash base/")  # the base branch's script, never the pull request's


def test_the_grading_step_grades_only_changed_notebooks_with_the_base_rubric(tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"  # $GITHUB_WORKSPACE
    workspace.mkdir()
    os.symlink(ROOT, workspace / "base")  # the base checkout is this repository
    pr = workspace / "pr"
    shutil.copytree(ROOT / "rubrics", pr / "rubrics")
    (pr / "old.ipynb").write_bytes((NOTEBOOKS / "correct.ipynb").read_bytes())
    git(pr, "init", "-q")
    git(pr, "add", "-A")
    git(pr, "commit", "-qm", "base")
    base_sha = git(pr, "rev-parse", "HEAD")
    (pr / "students").mkdir()
    (pr / "students" / "dana.ipynb").write_bytes((NOTEBOOKS / "descent_sign_flipped.ipynb").read_bytes())
    rubric = (pr / "rubrics" / "assignment.yaml").read_text(encoding="utf-8")
    (pr / "rubrics" / "assignment.yaml").write_text(rubric.replace("atol: 1.0e-9", "atol: 1000"), encoding="utf-8")
    git(pr, "add", "-A")
    git(pr, "commit", "-qm", "my homework (and an easier rubric)")
    head_sha = git(pr, "rev-parse", "HEAD")

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "grade-pr.yml").read_text(encoding="utf-8"))
    step = next(s for s in workflow["jobs"]["grade"]["steps"] if s.get("id") == "grade")
    expressions = {
        "github.event.pull_request.base.sha": base_sha,
        "github.event.pull_request.head.sha": head_sha,
        "vars.PASS_MARK": "",
    }
    env = {
        key: re.sub(r"\$\{\{\s*([^}]+?)\s*\}\}", lambda m: expressions[m.group(1)], str(value))
        for key, value in step["env"].items()
    }
    env["GRADER"] = str(Path(sys.executable).parent / "grader")  # the venv the install step would make
    summary = tmp_path / "summary.md"
    runner = {"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(workspace), "GITHUB_STEP_SUMMARY": str(summary)}
    result = subprocess.run(
        ["bash", "-c", step["run"]],
        cwd=workspace,
        env={**os.environ, **runner, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "::warning title=Grading files changed::" in result.stdout and "rubrics/assignment.yaml" in result.stdout
    out = workspace / "grader-out"
    assert (out / "flagged").exists()
    reports = {p.stem: json.loads(p.read_text()) for p in (out / "reports").glob("*.json")}
    assert list(reports) == ["dana"]  # old.ipynb did not change
    descent = next(t for t in reports["dana"]["tasks"] if t["id"] == "descent")
    assert descent["score"] < descent["max_score"]  # the PR's lenient rubric did not apply
    assert (out / "junit.xml").exists() and "Flagged" in summary.read_text(encoding="utf-8")
    assert "| dana |" in summary.read_text(encoding="utf-8")

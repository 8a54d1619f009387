"""The pull-request workflow, run locally the way the Actions runner would run its grading step.

A git repository plays the course repository: the base commit has the bundled rubrics; the pull
request adds a student's notebook *and* edits the rubric to accept anything. The test takes the
grading step's command and environment from `.github/workflows/grade-pr.yml` (with the `${{ }}`
expressions filled in as the runner would), runs it with the runner's variables, and checks that only
the changed notebook is graded, with the base branch's rubric, and that the pull request is flagged.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import NOTEBOOKS, ROOT

from grader import load_rubric
from grader.judge.compare import number_text
from grader.options import DEFAULT_RUBRIC

sys.path.insert(0, str(NOTEBOOKS))
from make_notebooks import SEED_BACKPROP, filled, render

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


def run_grading_step(
    workspace: Path, base_sha: str, head_sha: str, extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The workflow's grading step, its `${{ }}` expressions filled in as the runner fills them, run
    with the runner's variables from $GITHUB_WORKSPACE (which holds the `base` and `pr` checkouts)."""
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
    runner = {
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_STEP_SUMMARY": str(workspace.parent / "summary.md"),
        "RUNNER_TEMP": str(runner_temp(workspace)),
    }
    runner_temp(workspace).mkdir(exist_ok=True)
    return subprocess.run(
        ["bash", "-c", step["run"]],
        cwd=workspace,
        env={**os.environ, **runner, **env, **(extra_env or {})},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def runner_temp(workspace: Path) -> Path:
    """The runner's temp folder (``$RUNNER_TEMP``): never uploaded, emptied after each job."""
    return workspace.parent / "runner-temp"


def private_out(workspace: Path) -> Path:
    """Where the grading step keeps the grader's full outputs, which the student may not download."""
    return runner_temp(workspace) / "grader-private"


def published(workspace: Path) -> list[Path]:
    """Every file the workflow uploads as an artifact (the upload steps' ``path``), which anyone who
    can read the repository can download: the pull request's author too."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "grade-pr.yml").read_text(encoding="utf-8"))
    uploads = [s for s in workflow["jobs"]["grade"]["steps"] if str(s.get("uses", "")).startswith("actions/upload")]
    assert uploads, "the workflow uploads nothing: then this test has nothing to look at"
    files = []
    for step in uploads:
        for line in str(step["with"]["path"]).splitlines():
            root = workspace / line.strip()
            files += [root] if root.is_file() else [p for p in root.rglob("*") if p.is_file()]
    return files


def course_repository(tmp_path: Path) -> tuple[Path, str]:
    """$GITHUB_WORKSPACE with `base` (this repository) and `pr` (a course repository whose main branch
    holds the rubrics and one old notebook); returns the workspace and main's first commit."""
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    os.symlink(ROOT, workspace / "base")
    pr = workspace / "pr"
    shutil.copytree(ROOT / "rubrics", pr / "rubrics")
    (pr / "old.ipynb").write_bytes((NOTEBOOKS / "correct.ipynb").read_bytes())
    git(pr, "init", "-q", "-b", "main")
    git(pr, "add", "-A")
    git(pr, "commit", "-qm", "base")
    return workspace, git(pr, "rev-parse", "HEAD")


def test_the_workflow_runs_for_every_folder_the_script_flags() -> None:
    """A pull request that touches only `.github/` must still start the job that flags it."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "grade-pr.yml").read_text(encoding="utf-8"))
    patterns = workflow[True]["pull_request_target"]["paths"]
    script = (ROOT / ".github" / "grade-pr.sh").read_text(encoding="utf-8")
    flagged = re.search(r"case \"\$path\" in ([^)]+)\)", script)
    assert flagged is not None
    folders = [part.strip().removesuffix("/*") for part in flagged.group(1).split("|")]
    assert sorted(folders) == [".github", "grader", "reference", "rubrics"]
    for folder in folders:
        assert any(fnmatch.fnmatch(f"{folder}/workflows/x.yml", pattern) for pattern in patterns), folder


@pytest.mark.kernel
def test_students_sharing_a_file_name_unicode_paths_and_a_later_rubric_edit(tmp_path: Path) -> None:
    """Two `students/*/hw.ipynb` are two submissions; a name git would quote is graded; an edit of the
    rubric on main after the pull request branched does not flag it; annotations name the files as
    the repository does (no `pr/`); and the kernels run in the bwrap sandbox."""
    workspace, _ = course_repository(tmp_path)
    pr = workspace / "pr"
    git(pr, "checkout", "-qb", "homework")
    for folder, notebook in [("ana", "descent_sign_flipped"), ("ben", "correct"), ("zoë ñ", "descent_sign_flipped")]:
        (pr / "students" / folder).mkdir(parents=True)
        (pr / "students" / folder / "hw.ipynb").write_bytes((NOTEBOOKS / f"{notebook}.ipynb").read_bytes())
    git(pr, "add", "-A")
    git(pr, "commit", "-qm", "homework")
    head_sha = git(pr, "rev-parse", "HEAD")
    git(pr, "checkout", "-q", "main")
    rubric = pr / "rubrics" / "assignment.yaml"
    rubric.write_text(rubric.read_text(encoding="utf-8") + "\n# reworded by the instructor\n", encoding="utf-8")
    git(pr, "commit", "-qam", "instructor edits the rubric after the pull request branched")
    main_sha = git(pr, "rev-parse", "HEAD")
    git(pr, "checkout", "-q", head_sha)

    result = run_grading_step(workspace, main_sha, head_sha)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Grading files changed" not in result.stdout and not (workspace / "grader-out" / "flagged").exists()
    reports = {
        json.loads(p.read_text())["submission"]["id"]: json.loads(p.read_text())
        for p in (private_out(workspace) / "reports").rglob("*.json")
    }
    assert sorted(reports) == ["students/ana/hw", "students/ben/hw", "students/zoë ñ/hw"]
    assert {report["execution"]["sandbox"] for report in reports.values()} == {"bwrap"}
    annotated = sorted(re.findall(r"^::warning file=([^,]+),", result.stdout, flags=re.MULTILINE))
    assert annotated == ["students/ana/hw.ipynb", "students/zoë ñ/hw.ipynb"]


@pytest.mark.kernel
def test_without_a_working_sandbox_the_job_fails_and_grades_nothing(tmp_path: Path) -> None:
    """Student code never runs unsandboxed on the runner: a bwrap that cannot create namespaces (here a
    stand-in that always fails, first on PATH) stops the job."""
    workspace, base_sha = course_repository(tmp_path)
    pr = workspace / "pr"
    (pr / "dana.ipynb").write_bytes((NOTEBOOKS / "correct.ipynb").read_bytes())
    git(pr, "add", "-A")
    git(pr, "commit", "-qm", "homework")
    head_sha = git(pr, "rev-parse", "HEAD")
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "bwrap").write_text("#!/bin/sh\nexit 1\n")
    (fake / "bwrap").chmod(0o755)
    result = run_grading_step(workspace, base_sha, head_sha, {"PATH": f"{fake}:{os.environ['PATH']}"})
    assert result.returncode == 2, result.stdout + result.stderr
    assert "--sandbox bwrap" in result.stderr
    assert not (private_out(workspace) / "reports").exists()


@pytest.mark.kernel
def test_a_pull_request_touching_only_github_is_flagged(tmp_path: Path) -> None:
    workspace, base_sha = course_repository(tmp_path)
    pr = workspace / "pr"
    (pr / ".github" / "workflows").mkdir(parents=True)
    (pr / ".github" / "workflows" / "grade-pr.yml").write_text("on: push\n")
    git(pr, "add", "-A")
    git(pr, "commit", "-qm", "a workflow of my own")
    result = run_grading_step(workspace, base_sha, git(pr, "rev-parse", "HEAD"))
    assert result.returncode == 0, result.stderr
    assert (
        "::warning title=Grading files changed::" in result.stdout and ".github/workflows/grade-pr.yml" in result.stdout
    )
    assert (workspace / "grader-out" / "flagged").exists() and "nothing to grade" in result.stdout


@pytest.mark.kernel
def test_the_grading_step_grades_only_changed_notebooks_with_the_base_rubric(tmp_path: Path) -> None:
    workspace, base_sha = course_repository(tmp_path)
    pr = workspace / "pr"
    (pr / "students").mkdir()
    (pr / "students" / "dana.ipynb").write_bytes((NOTEBOOKS / "descent_sign_flipped.ipynb").read_bytes())
    rubric = (pr / "rubrics" / "assignment.yaml").read_text(encoding="utf-8")
    (pr / "rubrics" / "assignment.yaml").write_text(rubric.replace("atol: 1.0e-9", "atol: 1000"), encoding="utf-8")
    git(pr, "add", "-A")
    git(pr, "commit", "-qm", "my homework (and an easier rubric)")

    result = run_grading_step(workspace, base_sha, git(pr, "rev-parse", "HEAD"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "::warning title=Grading files changed::" in result.stdout and "rubrics/assignment.yaml" in result.stdout
    out = private_out(workspace)
    assert (workspace / "grader-out" / "flagged").exists()
    reports = {json.loads(p.read_text())["submission"]["id"]: json.loads(p.read_text()) for p in out.rglob("*.json")}
    assert list(reports) == ["students/dana"]  # old.ipynb did not change
    descent = next(t for t in reports["students/dana"]["tasks"] if t["id"] == "descent")
    assert descent["score"] < descent["max_score"]  # the PR's lenient rubric did not apply
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert (out / "junit.xml").exists() and "Flagged" in summary and "| students/dana |" in summary


@pytest.mark.kernel
def test_what_the_workflow_publishes_holds_no_hidden_answer_or_verdict(tmp_path: Path) -> None:
    """The artifact of a pull_request_target run can be downloaded by the pull request's author. eve's
    dL_dw2 is wrong (``show_expected: false``) and so is her w1 (a hidden check): no file the workflow
    uploads may hold the expected value of either, nor name a hidden check — while the grader's full
    report, kept on the runner, holds both (so there is something to leak)."""
    workspace, base_sha = course_repository(tmp_path)
    pr = workspace / "pr"
    wrong = SEED_BACKPROP.replace("dL_dw2 = dL_dy", "dL_dw2 = 3 * dL_dy").replace("w1 -= 0.1", "w1 -= 0.7")
    (pr / "students").mkdir()
    (pr / "students" / "eve.ipynb").write_bytes(render(filled(backprop=wrong)))
    git(pr, "add", "-A")
    git(pr, "commit", "-qm", "my homework")
    result = run_grading_step(workspace, base_sha, git(pr, "rev-parse", "HEAD"))
    assert result.returncode == 0, result.stdout + result.stderr

    rubric = load_rubric(DEFAULT_RUBRIC)
    secret = {
        f"{task.id}.{check.id}"
        for task in rubric.tasks
        for check in task.checks
        if check.visibility == "hidden" or not check.show_expected
    }
    report = json.loads((private_out(workspace) / "reports" / "students" / "eve.json").read_text(encoding="utf-8"))
    answers = {
        f"{task['id']}.{check['id']}": number_text(check["expected"], check["actual"])
        for task in report["tasks"]
        for check in task["checks"]
        if f"{task['id']}.{check['id']}" in secret and check["status"] != "pass"
    }
    assert {"backprop.dL_dw2", "backprop.w1"} <= set(answers)  # wrong, so their answers are worth hiding
    hidden_ids = [f"{t.id}.{c.id}" for t in rubric.tasks for c in t.checks if c.visibility == "hidden"]
    leaked_before = (private_out(workspace) / "junit.xml").read_text(encoding="utf-8")
    assert all(answer in leaked_before for answer in answers.values())  # the grader's own files hold them

    files = published(workspace)
    assert {path.name for path in files} == {"summary.md"}
    for path in files:
        text = path.read_text(encoding="utf-8")
        for check, answer in answers.items():
            assert answer not in text, f"{path.name} shows the expected value of {check}"
        for check in hidden_ids:
            assert check not in text, f"{path.name} names the hidden check {check}"
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert summary == files[0].read_text(encoding="utf-8") and "| students/eve |" in summary  # the job shows it too

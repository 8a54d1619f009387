"""Student self-check: `grader check NOTEBOOK` and `grader.check()` inside a running notebook.

Both run only public checks, never print an expected value the rubric hides, and say how many hidden
checks run at grading. The live check is exercised in a real Jupyter kernel driven by nbclient.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import NOTEBOOKS, run_grader
from nbclient import NotebookClient

from grader import Rubric
from grader.judge.compare import number_text

sys.path.insert(0, str(NOTEBOOKS))
from make_notebooks import SEED_BACKPROP, SEED_DESCENT, filled, render


def run_check(*args: str) -> subprocess.CompletedProcess[str]:
    return run_grader("check", *args, timeout=180)


@pytest.mark.kernel
def test_a_correct_notebook_passes_and_the_hidden_checks_are_announced(rubric: Rubric) -> None:
    result = run_check(str(NOTEBOOKS / "correct.ipynb"))
    assert result.returncode == 0, result.stdout + result.stderr
    public = sum(c.visibility == "public" for t in rubric.tasks for c in t.checks)
    assert (
        result.stdout.splitlines()[-1]
        == f"all {public} public checks pass; {rubric.hidden_checks} hidden checks run at grading"
    )
    assert "\x1b[" not in result.stdout  # piped: no colour codes
    assert "all tests passed" not in result.stdout.lower()


@pytest.mark.kernel
def test_a_wrong_notebook_exits_1_with_hints_and_never_shows_hidden_answers(tmp_path: Path, rubric: Rubric) -> None:
    wrong = SEED_BACKPROP.replace("h = sigmoid(x * w1)", "h = sigmoid(x + w1)")
    notebook = tmp_path / "mine.ipynb"
    notebook.write_bytes(render(filled(backprop=wrong)))
    result = run_check(str(notebook), "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    backprop = next(task for task in data["tasks"] if task["id"] == "backprop")
    ids = [check["id"] for check in backprop["checks"]]
    hidden = [c.id for c in rubric.task("backprop").checks if c.visibility == "hidden"]
    assert hidden and not set(hidden) & set(ids)
    assert [d["id"] for d in backprop["diagnoses"]] == ["forward_pass_error"]
    expected = rubric.task("backprop").expected
    text = run_check(str(notebook)).stdout
    for name in ("dL_dw1", "dL_dw2", "w1", "w2"):  # hidden checks, or checks that hide their answer
        assert number_text(expected[name]) not in text
        assert number_text(expected[name], 0.0) not in text
    assert "2 hidden checks run at grading" in text


@pytest.mark.kernel
def test_an_unanswered_quiz_keeps_the_check_from_passing(tmp_path: Path, rubric: Rubric) -> None:
    """Both tasks right, the quiz left empty: the quiz is most of the marks, so the one-line verdict
    says so and the exit code is 1 (a pre-commit hook stops); ``--json`` carries the quiz too, as one
    document naming each notebook."""
    empty = tmp_path / "no_quiz.ipynb"
    empty.write_bytes(render(filled(quiz={})))
    result = run_check("--quiet", str(empty))
    assert result.returncode == 1
    count = len(rubric.quiz.questions) if rubric.quiz is not None else 0
    assert result.stdout.strip().endswith(f"; {count} of {count} quiz questions not answered yet"), result.stdout
    both = run_check("--json", str(empty), str(NOTEBOOKS / "correct.ipynb"))
    documents = json.loads(both.stdout)
    assert [document["notebook"] for document in documents] == [str(empty), str(NOTEBOOKS / "correct.ipynb")]
    assert {item["status"] for item in documents[0]["quiz"]} == {"unanswered"}
    assert documents[1]["ok"] and {item["status"] for item in documents[1]["quiz"]} <= {"complete", "partial"}
    assert all("score" not in item for item in documents[1]["quiz"])  # what to add, never the points


@pytest.mark.kernel
def test_check_reports_a_broken_file_clearly(tmp_path: Path) -> None:
    """A file that could not be checked exits 3, not 1 ("fix your file", not "fix your answer")."""
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{ not json", encoding="utf-8")
    result = run_check(str(broken))
    assert result.returncode == 3 and "could not check this notebook" in result.stdout
    both = run_check("--quiet", str(broken), str(NOTEBOOKS / "descent_sign_flipped.ipynb"))
    assert both.returncode == 3  # could not check one: that outranks a failed check
    assert run_check(str(tmp_path / "absent.ipynb")).returncode == 2


@pytest.mark.kernel
def test_check_of_a_folder_says_it_is_a_folder(tmp_path: Path) -> None:
    result = run_check(str(tmp_path))
    assert result.returncode == 2 and "no such notebook" not in result.stderr
    assert f"{tmp_path}: a folder; grader check takes notebook files (grader check {tmp_path}/*.ipynb)" in result.stderr


@pytest.mark.kernel
def test_check_quiet_prints_one_line_per_notebook_and_failed_checks_exit_1() -> None:
    result = run_check("--quiet", str(NOTEBOOKS / "descent_sign_flipped.ipynb"))
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["6 of 7 public checks pass; 2 hidden checks run at grading"]


@pytest.mark.kernel
def test_a_reader_that_goes_away_ends_check_quietly() -> None:
    """`grader check NOTEBOOK | head -1` with head gone before the output comes (the reader's end of
    the pipe is closed at once here, so the race is always lost): exit 141 and no traceback."""
    process = subprocess.Popen(
        [sys.executable, "-m", "grader", "check", str(NOTEBOOKS / "correct.ipynb")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    process.stdout.close()
    _, err = process.communicate(timeout=180)
    assert err == ""
    assert process.returncode == 141


@pytest.mark.kernel
def test_grader_check_inside_a_live_notebook(rubric: Rubric) -> None:
    """`import grader; grader.check("descent")` in the student's own kernel, without re-running anything."""
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(SEED_DESCENT),
            nbformat.v4.new_code_cell('import grader\ngrader.check("descent")'),
            nbformat.v4.new_code_cell(SEED_BACKPROP.replace("w1 -= 0.1 * dL_dw1", "w1 -= 0.2 * dL_dw1")),
            nbformat.v4.new_code_cell("result = grader.check()\nprint(repr(result))"),
        ]
    )
    NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    shown = notebook.cells[1].outputs[0]["data"]
    assert "text/html" in shown and "all 1 public checks pass" in shown["text/plain"]
    assert (
        "2 plot check" not in shown["text/plain"]
        and "plot check(s) run with `grader check NOTEBOOK`" in shown["text/plain"]
    )
    printed = notebook.cells[3].outputs[0]["text"]
    assert "hidden checks run at grading" in printed
    # w1 is hidden: the wrong update is not reported by the self-check
    assert "w1" not in [line.split(":")[0].strip(" ✓✗◐?") for line in printed.splitlines()]


def test_grader_check_outside_jupyter_says_what_to_do_instead() -> None:
    import grader
    from grader.errors import UsageError

    with pytest.raises(UsageError, match="grader check"):
        grader.check()


@pytest.mark.kernel
def test_the_pre_commit_hook_runs_the_self_check_on_the_committed_notebooks(tmp_path: Path) -> None:
    """pre-commit runs `entry` with the matching staged files appended; we do exactly that."""
    import re

    import yaml
    from conftest import ROOT

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "grader-check" and hook["language"] == "python"
    files = [str(NOTEBOOKS / "correct.ipynb"), str(NOTEBOOKS / "descent_sign_flipped.ipynb")]
    assert all(re.search(hook["files"], name) for name in files) and not re.search(hook["files"], "notes.md")
    program, *arguments = hook["entry"].split()
    assert program == "grader"
    run = run_grader(*arguments, *files, timeout=180)
    assert run.returncode == 1  # the second notebook has a sign mistake: the commit is stopped
    assert run.stdout.count("== ") == 2 and "hint:" in run.stdout

"""Is a student told, in plain words, what happened when their notebook ran?

The reports come from the session's grading of every fixture notebook on real kernels (``conftest``);
the self-check runs ``python -m grader check`` as a student would. Each scenario is its own notebook:
a mistyped magic, a missing package, endless recursion, ``input()``, a loop that never ends, a kernel
that dies, a memory bomb, an R notebook, and cells tagged ``raises-exception`` / ``skip-execution``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import nbformat
import pytest
from conftest import NOTEBOOKS, TEST_LIMITS, checks_of, run_grader

from grader import Rubric, grade_batch
from grader.front.template import build_template

pytestmark = pytest.mark.kernel

Reports = dict[str, dict[str, Any]]


def test_a_mistyped_magic_is_the_cells_error_not_a_clean_run(reports: Reports) -> None:
    """``%matplotlb inline`` raises a UsageError that IPython prints to stderr without an error output:
    the cell must still count as raised, and the checks must blame it rather than a missing name."""
    execution = reports["typo_magic"]["execution"]
    first = execution["errors"][0]
    assert (first["ename"], first["cell"]) == ("UsageError", 14)
    assert "%matplotlb" in first["evalue"]
    assert "cell_error" in reports["typo_magic"]["flags"]
    trajectory = checks_of(reports["typo_magic"], "descent")["trajectory"]
    assert trajectory["status"] == "error" and "UsageError" in trajectory["message"]


@pytest.mark.parametrize(
    ("scenario", "ename"),
    [("missing_package", "ModuleNotFoundError"), ("endless_recursion", "RecursionError")],
)
def test_the_error_that_stopped_a_cell_is_recorded(reports: Reports, scenario: str, ename: str) -> None:
    assert [error["ename"] for error in reports[scenario]["execution"]["errors"]] == [ename]


def test_a_notebook_for_another_language_says_so(reports: Reports) -> None:
    report = reports["r_kernelspec"]
    assert report["execution"]["declared_language"] == "R (kernel ir)"
    assert "other_language" in report["flags"]
    assert reports["correct"]["execution"]["declared_language"] is None


def test_an_error_shown_on_purpose_is_not_flagged(reports: Reports, rubric: Rubric) -> None:
    """A cell tagged ``raises-exception`` raises, as its author meant: no error, no flag, no lost point."""
    report = reports["raises_exception_tag"]
    assert report["execution"]["status"] == "ok" and report["execution"]["errors"] == []
    assert report["flags"] == [] and report["score"] == rubric.max_score


def test_a_cell_tagged_skip_execution_is_not_run(reports: Reports, rubric: Rubric) -> None:
    """The skipped cell loops for ever: had it run, the notebook would have timed out."""
    report = reports["skip_execution_tag"]
    assert report["execution"]["status"] == "ok" and report["flags"] == []
    assert report["score"] == rubric.max_score


def test_a_skipped_cell_of_a_task_is_not_run_when_the_task_runs_again(reports: Reports, rubric: Rubric) -> None:
    """The endless cell is tagged ``task:descent`` too, so it is one of the cells the hard-coding check
    re-runs with other parameters: skipped there as well, the re-run sees the values follow (had it
    run, the re-run would have timed out and the honest task been flagged ``unverified``)."""
    report = reports["skip_execution_in_task"]
    descent = next(task for task in report["tasks"] if task["id"] == "descent")
    assert len(descent["cells"]) == 2  # the skipped cell is the task's
    assert descent["variation"]["status"] == "followed", descent["variation"]
    assert report["flags"] == [] and report["score"] == rubric.max_score


@pytest.mark.parametrize(
    ("scenario", "words"),
    [
        ("typo_magic", "has an IPython command (a line starting with `%`) that IPython does not know"),
        ("missing_package", "imports `torch`, which is not installed where notebooks are graded"),
        ("endless_recursion", "a function kept calling itself and never reached a case that stops"),
        ("asks_for_input", "calls `input()`, which waits for someone to type"),
        ("infinite_loop", "was stopped because it ran past its time limit (10 s per cell)"),
        ("kills_own_kernel", "stopped Python itself (the kernel died)"),
        ("memory_bomb", "ran out of memory"),
        ("r_kernelspec", "is set up for R (kernel ir), but the assignment is graded in Python"),
    ],
)
def test_feedback_says_what_happened_when_the_notebook_ran(graded_dir: Path, scenario: str, words: str) -> None:
    feedback = (graded_dir / "feedback" / f"{scenario}.md").read_text(encoding="utf-8")
    section = feedback.split("## When your notebook ran", 1)[1].split("\n## ", 1)[0]
    assert words in section


def test_feedback_of_a_clean_run_has_no_such_section(graded_dir: Path) -> None:
    assert "When your notebook ran" not in (graded_dir / "feedback" / "correct.md").read_text(encoding="utf-8")


def test_grader_check_tells_the_student_too(tmp_path: Path) -> None:
    notebooks = [str(NOTEBOOKS / f"{name}.ipynb") for name in ("typo_magic", "asks_for_input")]
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    text = run_grader("check", *notebooks, env=env)
    assert text.returncode == 1, text.stderr
    assert text.stdout.count("When your notebook ran") == 2
    assert "Cell 15 has an IPython command" in text.stdout and "`%matplotlb` not found" in text.stdout
    assert "Cell 17 calls `input()`" in text.stdout
    as_json = run_grader("check", "--json", notebooks[0], env=env)
    assert json.loads(as_json.stdout)["ran"][0].startswith("Cell 15 has an IPython command")


def test_gradescope_output_says_it_too(reports: Reports, rubric: Rubric) -> None:
    from grader.formats.gradescope import gradescope_results
    from grader.formats.report import report_from_dict

    output = gradescope_results(report_from_dict(reports["typo_magic"]), rubric)["output"]
    assert "When your notebook ran:\n- Cell 15 has an IPython command" in output
    assert "When your notebook ran" not in gradescope_results(report_from_dict(reports["correct"]), rubric)["output"]


def test_a_notebook_that_is_not_the_assignment_says_so_once(tmp_path: Path, rubric: Rubric) -> None:
    """Another course's notebook (a new user graded 71 from nbclient's and nbconvert's test suites): one
    ``not_the_assignment`` flag and a feedback sentence saying so, not "Revisit Task 1" and a review
    item per empty quiz answer. The blank template is the assignment, undone: not flagged."""
    subs = tmp_path / "subs"
    subs.mkdir()
    other = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# Exporting\n\n1. Import the exporter\n2. Instantiate it"),
            nbformat.v4.new_code_cell("print('hello')"),
        ]
    )
    (subs / "other.ipynb").write_text(nbformat.writes(other), encoding="utf-8")
    (subs / "blank.ipynb").write_text(nbformat.writes(build_template(rubric)), encoding="utf-8")
    result = grade_batch([subs], rubric, tmp_path / "out", limits=TEST_LIMITS, figures=False)
    reports = {report.submission.id: report for report in result.reports}
    assert "not_the_assignment" in reports["other"].flags
    assert reports["other"].quiz is not None and not any(
        question.needs_review and not question.answer.strip() for question in reports["other"].quiz.questions
    )
    feedback = (tmp_path / "out" / "feedback" / "other.md").read_text(encoding="utf-8")
    assert "does not look like this assignment" in feedback
    assert "not_the_assignment" not in reports["blank"].flags


def test_text_from_the_notebook_is_shown_not_rendered(tmp_path: Path, rubric: Rubric) -> None:
    """Feedback Markdown is read where raw HTML renders (an LMS, GitHub): an exception's message and a
    file name are the student's text, shown as text, and a newline in them starts no new block."""
    subs = tmp_path / "subs"
    subs.mkdir()
    name = "<img src=x onerror=alert(1)>"
    raising = 'raise ValueError("<script>steal()</script>\\n\\n# Full marks\\n<b>ok</b>")'
    notebook = nbformat.read(NOTEBOOKS / "correct.ipynb", as_version=4)
    first_code = next(cell for cell in notebook.cells if cell.cell_type == "code")
    first_code.source = raising + "\n" + first_code.source
    (subs / f"{name}.ipynb").write_text(nbformat.writes(notebook), encoding="utf-8")
    grade_batch([subs], rubric, tmp_path / "out", limits=TEST_LIMITS, figures=False)
    feedback = (tmp_path / "out" / "feedback" / f"{name}.md").read_text(encoding="utf-8")
    assert "ValueError" in feedback and "&lt;script&gt;steal()&lt;/script&gt;" in feedback
    assert "<script" not in feedback and "<img" not in feedback and "<b>" not in feedback
    assert "# Feedback for &lt;img src=x onerror=alert(1)&gt;" in feedback
    assert not any(line.startswith("# Full marks") for line in feedback.splitlines())


def test_next_steps_name_each_task_once_and_the_error_first(graded_dir: Path, reports: Reports) -> None:
    """One crashed cell fails every check of its task: one line for the task (not one per check), after
    a line saying to fix the error those checks depend on; unanswered quiz questions get their line."""
    feedback = (graded_dir / "feedback" / "backprop_raises.md").read_text(encoding="utf-8")
    steps = feedback.split("## What to do next", 1)[1].split("Run `grader check`", 1)[0]
    items = [line for line in steps.splitlines() if line.startswith("1. ")]
    failing = [t for t in reports["backprop_raises"]["tasks"] if any(c["status"] != "pass" for c in t["checks"])]
    assert items[0].startswith("1. Fix the errors listed under “When your notebook ran”")
    assert [line.rsplit(": ", 1)[0] for line in items if line.startswith("1. Revisit")] == [
        f"1. Revisit {task['title']}" for task in failing
    ]
    unanswered = [q["id"] for q in reports["backprop_raises"]["quiz"]["questions"] if not q["answer"].strip()]
    assert any(line.startswith("1. Answer the quiz") for line in items) == bool(unanswered)

"""Does a batch survive a failure of the grader's own code, keeping every other submission's grade?"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import NOTEBOOKS, TEST_LIMITS
from nbformat import NotebookNode

from grader import Execution, ExecutionLimits, NbclientExecutor, Rubric, grade_batch
from grader.records import Plan

pytestmark = pytest.mark.kernel


class BreaksOnBackprop:
    """The real executor, except that it fails like a grader bug on notebooks containing ``victim``;
    every other notebook of the batch runs on a real kernel."""

    def __init__(self, victim: str) -> None:
        self.victim = victim
        self.inner = NbclientExecutor()

    def run(self, notebook: NotebookNode, plan: Plan, limits: ExecutionLimits) -> Execution:
        if any(self.victim in cell.source for cell in notebook.cells):
            raise RuntimeError("simulated bug in the grader")
        return self.inner.run(notebook, plan, limits)

    def close(self) -> None:
        self.inner.close()


def test_a_grader_bug_on_one_submission_becomes_its_error_report(tmp_path: Path, rubric: Rubric) -> None:
    folder = tmp_path / "subs"
    folder.mkdir()
    (folder / "good.ipynb").write_bytes((NOTEBOOKS / "correct.ipynb").read_bytes())
    marked = (NOTEBOOKS / "correct.ipynb").read_text().replace("# Define sigmoid", "# Define sigmoid (VICTIM)")
    (folder / "unlucky.ipynb").write_text(marked)
    result = grade_batch([folder], rubric, tmp_path / "out", executor=BreaksOnBackprop("VICTIM"), limits=TEST_LIMITS)
    assert not result.all_graded
    unlucky = json.loads((tmp_path / "out" / "reports" / "unlucky.json").read_text())
    good = json.loads((tmp_path / "out" / "reports" / "good.json").read_text())
    assert unlucky["status"] == "error"
    assert "RuntimeError: simulated bug in the grader" in unlucky["message"]
    assert "Traceback" in unlucky["traceback"]
    assert good["status"] == "graded" and good["score"] == rubric.max_score
    assert (tmp_path / "out" / "gradebook.csv").read_text().count("\n") == 3


def test_no_kernel_scratch_or_connection_files_remain(tmp_path: Path, rubric: Rubric, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Each kernel's working folder and ipc connection folder go away with the kernel."""
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    grade_batch(
        [NOTEBOOKS / "correct.ipynb", NOTEBOOKS / "kills_own_kernel.ipynb"],
        rubric,
        tmp_path / "out",
        limits=TEST_LIMITS,
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_notebook_time_limit_stops_the_remaining_cells(rubric: Rubric) -> None:
    """Past the notebook's budget no further cell runs, and the unrun task says why."""
    from grader import grade_submission
    from grader.load.submissions import SubmissionFile

    limits = ExecutionLimits(cell_timeout=30, notebook_timeout=2)
    report = grade_submission(SubmissionFile("infinite_loop", NOTEBOOKS / "infinite_loop.ipynb"), rubric, limits=limits)
    assert report.execution is not None and report.execution.status == "timeout"
    assert report.execution.seconds < limits.cell_timeout
    backprop = next(task for task in report.tasks if task.id == "backprop")
    assert {check.status for check in backprop.checks} == {"error"}
    assert backprop.checks[0].message == "not run: the notebook used up its 2 s"


class Counting:
    """The real executor, counting the notebooks it runs."""

    def __init__(self) -> None:
        self.inner = NbclientExecutor()
        self.runs = 0

    def run(self, notebook: NotebookNode, plan: Plan, limits: ExecutionLimits) -> Execution:
        self.runs += 1
        return self.inner.run(notebook, plan, limits)

    def close(self) -> None:
        self.inner.close()


def test_resume_grades_only_what_has_no_complete_report(tmp_path: Path, rubric: Rubric) -> None:
    """As after a grader killed mid-batch: one report missing, one half-written; a changed file is re-graded."""
    from conftest import EXAMPLES

    subs, out = tmp_path / "subs", tmp_path / "out"
    subs.mkdir()
    for path in EXAMPLES.glob("*.ipynb"):
        (subs / path.name).write_bytes(path.read_bytes())
    grade_batch([subs], rubric, out, limits=TEST_LIMITS)
    reports = out / "reports"
    (reports / "alice_correct.json").unlink()
    text = (reports / "bob_sign_mistake.json").read_text()
    (reports / "bob_sign_mistake.json").write_text(text[: len(text) // 2])
    (out / "gradebook.csv").unlink()

    counting = Counting()
    result = grade_batch([subs], rubric, out, executor=counting, limits=TEST_LIMITS, resume=True)
    assert counting.runs == 2
    assert sorted(r.submission.id for r in result.reports) == [
        "alice_correct",
        "bob_sign_mistake",
        "carol_task2_raises",
    ]
    assert (out / "gradebook.csv").read_text().count("\n") == 4

    (subs / "carol_task2_raises.ipynb").write_bytes((NOTEBOOKS / "correct.ipynb").read_bytes())
    result = grade_batch([subs], rubric, out, executor=counting, limits=TEST_LIMITS, resume=True)
    assert counting.runs == 3  # only the changed file
    carol = next(r for r in result.reports if r.submission.id == "carol_task2_raises")
    assert carol.score == rubric.max_score


def test_a_batch_of_50_with_a_third_hostile_leaves_nothing_behind(tmp_path: Path, rubric: Rubric) -> None:
    """Every submission gets a report; no kernel process, scratch folder or connection file survives."""
    from test_hostile import HOSTILE, kernel_leftovers, sleepers

    honest = ["correct", "descent_sign_flipped", "backprop_raises", "reversed_order", "untagged"]
    hostile = [*HOSTILE, "infinite_loop", "asks_for_input", "not_json"]
    import tempfile

    # a short temp path, so that the zygotes live in it too (see kernel_leftovers)
    subs, temp = tmp_path / "subs", Path(tempfile.mkdtemp(prefix="g50-"))
    subs.mkdir()
    names = [hostile[i % len(hostile)] for i in range(17)] + [honest[i % len(honest)] for i in range(33)]
    for number, name in enumerate(names):
        (subs / f"{number:02d}_{name}.ipynb").write_bytes((NOTEBOOKS / f"{name}.ipynb").read_bytes())
    saved, tempfile.tempdir = tempfile.tempdir, str(temp)
    try:
        result = grade_batch([subs], rubric, tmp_path / "out", limits=TEST_LIMITS)
    finally:
        tempfile.tempdir = saved
    assert len(list((tmp_path / "out" / "reports").glob("*.json"))) == 50
    statuses = {r.submission.id: r.status for r in result.reports}
    assert [key for key, status in statuses.items() if status != "graded"] == [
        key for key in statuses if key.endswith("not_json")
    ]
    assert kernel_leftovers(temp) == [] and sleepers(temp) == []
    temp.rmdir()  # empty: nothing was left in it
    correct = [r for r in result.reports if r.submission.id.endswith("_correct")]
    assert correct and all(r.score == rubric.max_score for r in correct)

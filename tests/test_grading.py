"""Does grading real notebooks on real kernels give each scenario the grade a careful TA would?

Every notebook in ``tests/notebooks`` is graded once per session (see ``conftest.py``); each test reads
the JSON report of one named scenario. Expected scores are derived from the rubric, never typed in.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import checks_of, task_of

from grader import Rubric

pytestmark = pytest.mark.kernel

Reports = dict[str, dict[str, Any]]


def test_every_fixture_notebook_has_a_report(reports: Reports) -> None:
    from conftest import NOTEBOOKS

    assert set(reports) == {path.stem for path in NOTEBOOKS.glob("*.ipynb")}


def test_correct_notebook_gets_full_marks(reports: Reports, rubric: Rubric) -> None:
    report = reports["correct"]
    assert report["status"] == "graded"
    assert report["score"] == report["max_score"] == rubric.max_score
    assert report["execution"]["status"] == "ok" and report["execution"]["errors"] == []
    assert report["flags"] == []
    assert all(check["status"] == "pass" for task in report["tasks"] for check in task["checks"])


def test_descent_values_are_told_apart_from_task_2s_reuse_of_x(reports: Reports, rubric: Rubric) -> None:
    """Both tasks assign ``x``: Task 1's iterates are the values x took in its loop, not Task 2's input."""
    trajectory = checks_of(reports["correct"], "descent")["trajectory"]
    assert trajectory["status"] == "pass" and trajectory["name"] == "x"
    assert trajectory["actual"] == rubric.task("descent").expected["xs"]
    assert rubric.task("backprop").params["x"] not in trajectory["actual"]


def test_sign_flipped_descent_loses_only_task_1(reports: Reports, rubric: Rubric) -> None:
    """The sign mistake is named and keeps the rubric's credit on every check it explains."""
    report = reports["descent_sign_flipped"]
    descent = task_of(report, "descent")
    credit = next(m for m in rubric.task("descent").mistakes if m.id == "gradient_sign").credit
    plot = rubric.task("descent").check("plot").points
    assert 0 < credit < 1
    # the trajectory keeps the mistake's credit; the plot shows f along the student's own (climbing)
    # descent, which is a right plot of their work (error carried forward)
    assert descent["score"] == pytest.approx(rubric.task("descent").check("trajectory").points * credit + plot)
    assert [d["id"] for d in descent["diagnoses"]] == ["gradient_sign"]
    assert task_of(report, "backprop")["score"] == rubric.task("backprop").max_score
    trajectory = checks_of(report, "descent")["trajectory"]
    assert trajectory["status"] == "partial" and trajectory["basis"] == "mistake:gradient_sign"
    assert trajectory["message"].startswith("`x` first differs at step 1: is 12, expected 8 (")


def test_a_crash_in_task_1_does_not_affect_task_2(reports: Reports, rubric: Rubric) -> None:
    report = reports["descent_crashes"]
    assert report["execution"]["status"] == "errors"
    (error,) = report["execution"]["errors"]
    assert error["ename"] == "NameError" and "'X'" in error["evalue"]
    assert error["cell"] in task_of(report, "descent")["cells"]
    assert task_of(report, "backprop")["score"] == rubric.task("backprop").max_score
    assert "cell_error" in report["flags"]
    assert "cell 15 raised NameError" in checks_of(report, "descent")["trajectory"]["message"]


def test_a_crash_in_task_2_does_not_affect_task_1(reports: Reports, rubric: Rubric) -> None:
    report = reports["backprop_raises"]
    assert task_of(report, "descent")["score"] == rubric.task("descent").max_score
    checks = checks_of(report, "backprop")
    assert checks["h"]["status"] == "error"
    assert "raised NameError" in checks["h"]["message"] and "cell 17" in checks["h"]["message"]
    # w1 = 0.5 was assigned before the crash, but it is the given value, not an updated weight
    assert checks["w1"]["status"] == "error" and checks["w1"]["actual"] is None


def test_tasks_in_reverse_order_are_graded_by_task_not_position(reports: Reports, rubric: Rubric) -> None:
    report = reports["reversed_order"]
    assert task_of(report, "backprop")["cells"][0] < task_of(report, "descent")["cells"][0]
    assert report["score"] == rubric.max_score


def test_untagged_notebook_is_segmented_by_headings(reports: Reports, rubric: Rubric) -> None:
    report = reports["untagged"]
    assert report["score"] == rubric.max_score
    assert {task["segmentation"] for task in report["tasks"]} == {"headings"}
    assert "untagged" in report["flags"]


def test_v3_notebook_is_upgraded_and_graded(reports: Reports, rubric: Rubric) -> None:
    report = reports["v3_format"]
    assert report["status"] == "graded"
    assert sum(task["score"] for task in report["tasks"]) == rubric.assignment_max_score


def test_tampering_with_numpy_and_eq_in_the_kernel_changes_nothing(reports: Reports, rubric: Rubric) -> None:
    """Comparison runs in the grader on plain floats: a float subclass whose __eq__ lies is read as its value."""
    checks = checks_of(reports["tampered_numpy"], "backprop")
    assert checks["w1"]["status"] == "fail" and checks["w1"]["actual"] == 0.0
    assert checks["w2"]["status"] == "fail" and checks["w2"]["actual"] == 0.0
    assert checks["h"]["status"] == "pass"


def test_invalid_files_get_invalid_reports(reports: Reports, rubric: Rubric) -> None:
    for name in ("not_json", "not_a_notebook", "unknown_format"):
        report = reports[name]
        assert report["status"] == "invalid"
        assert report["message"].endswith(report["message"].split(": ", 1)[1])  # names the file first
        assert report["submission"]["path"] in report["message"]
        assert report["score"] == 0 and report["max_score"] == rubric.max_score
        assert report["execution"] is None and report["tasks"] == []


def test_infinite_loop_times_out_and_the_other_task_is_still_graded(reports: Reports, rubric: Rubric) -> None:
    """The looping kernel is killed; a new one replays Task 1's imports (Task 2 needs numpy) and goes on."""
    report = reports["infinite_loop"]
    assert report["execution"]["status"] == "timeout"
    assert report["execution"]["kernels"] == 2
    assert {"timeout", "cell_error"} <= set(report["flags"])
    (error,) = report["execution"]["errors"]
    assert error["ename"] == "CellTimeoutError" and error["cell"] in task_of(report, "descent")["cells"]
    message = checks_of(report, "descent")["trajectory"]["message"]
    assert (
        message == f"not graded: cell {error['cell'] + 1} ran past its time limit; the other tasks ran on a new kernel"
    )
    assert task_of(report, "backprop")["score"] == rubric.task("backprop").max_score


def test_a_task_that_kills_its_kernel_loses_only_its_own_points(reports: Reports, rubric: Rubric) -> None:
    report = reports["kills_own_kernel"]
    assert report["status"] == "graded"
    assert report["execution"]["status"] == "kernel_died"
    assert report["execution"]["kernels"] == 2
    assert "kernel_died" in report["flags"]
    assert {check["status"] for check in checks_of(report, "descent").values()} == {"error"}
    assert "killed the kernel" in checks_of(report, "descent")["trajectory"]["message"]
    assert task_of(report, "backprop")["score"] == rubric.task("backprop").max_score


def test_input_fails_fast_and_is_flagged(reports: Reports) -> None:
    report = reports["asks_for_input"]
    assert "stdin_requested" in report["flags"]
    assert report["execution"]["status"] == "errors"  # not a timeout: input() raised at once
    assert "timeout" not in report["flags"]
    assert report["execution"]["errors"][0]["ename"] == "StdinNotImplementedError"


def test_empty_template_scores_zero_with_missing_checks(reports: Reports) -> None:
    report = reports["empty_template"]
    assert report["score"] == 0
    statuses = {check["status"] for task in report["tasks"] for check in task["checks"]}
    assert statuses == {"missing"}
    message = checks_of(report, "backprop")["w1"]["message"]
    assert message == "could not find this value: the notebook's code computed no number the grader could see"


def test_gradebook_has_a_row_per_submission_and_a_column_per_check(
    graded_dir, reports: Reports, rubric: Rubric
) -> None:  # type: ignore[no-untyped-def]
    import csv

    with (graded_dir / "gradebook.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["id"] for row in rows] == sorted(reports)
    columns = list(rows[0])
    assert columns[:4] == ["id", "status", "score", "max_score"]
    assert {f"{task.id}.{check.id}" for task in rubric.tasks for check in task.checks} <= set(columns)
    for row in rows:
        assert float(row["score"]) == reports[row["id"]]["score"]

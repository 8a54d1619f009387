"""Free by default, strict on request: parameters an instructor declares fixed are graded as fixed.

The bundled rubric follows the seed's text — "a starting point *like* x = 10", no rate, no step count —
so Task 1's start, rate and steps are the student's choice. An instructor who wants the seed's values
exactly declares them fixed (``tests/rubrics/strict_descent.yaml``: no ``free:``); then, and only then,
a different value is the mistake ``wrong_start`` / ``wrong_learning_rate`` / ``wrong_step_count``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, TEST_LIMITS

from grader import Rubric, grade_batch, load_rubric
from grader.front.selftest import run_selftest

STRICT = ROOT / "tests" / "rubrics" / "strict_descent.yaml"
#: Honest notebooks of the blind corpus: one starts at x = 5 with lr = 0.05 for 50 steps, one takes the
#: seed's start and rate but 20 steps.
FIVE = ROOT / "tests" / "corpus" / "honest" / "h42.ipynb"
TWENTY = ROOT / "tests" / "corpus" / "honest" / "h07.ipynb"

pytestmark = pytest.mark.kernel


@pytest.fixture(scope="module")
def strict() -> Rubric:
    return load_rubric(STRICT)


def graded(path: Path, rubric: Rubric, out: Path) -> dict[str, Any]:
    grade_batch([path], rubric, out, limits=TEST_LIMITS)
    return json.loads((out / "reports" / f"{path.stem}.json").read_text())


def test_the_bundled_rubric_lets_the_student_choose(tmp_path: Path, rubric: Rubric) -> None:
    report = graded(FIVE, rubric, tmp_path)
    descent = next(task for task in report["tasks"] if task["id"] == "descent")
    assert descent["score"] == descent["max_score"]
    assert descent["params"] == pytest.approx({"x0": 5.0, "lr": 0.05, "steps": 50})


def test_a_strict_rubric_names_the_other_step_count(tmp_path: Path, strict: Rubric) -> None:
    report = graded(TWENTY, strict, tmp_path)
    (descent,) = report["tasks"]
    assert descent["score"] < descent["max_score"]
    assert [d["id"] for d in descent["diagnoses"]] == ["wrong_step_count"], descent["diagnoses"]
    # the same notebook under the bundled rubric: 20 steps is the student's choice
    bundled = graded(TWENTY, load_rubric(ROOT / "rubrics" / "assignment.yaml"), tmp_path / "bundled")
    assert all(task["score"] == task["max_score"] for task in bundled["tasks"])


def test_selftest_passes_on_the_strict_rubric(strict: Rubric) -> None:
    outcomes = run_selftest(strict, limits=TEST_LIMITS, jobs=2)
    assert [o.case.name for o in outcomes if not o.ok] == [], [o.problems for o in outcomes if not o.ok]

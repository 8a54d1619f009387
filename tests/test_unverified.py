"""Can typed-in answers earn full marks silently when the hard-coding re-run cannot judge them? A task
whose points the re-run could not confirm — the notebook refuses to run with other parameters, or has
no parameter to rewrite — is flagged ``unverified`` for a human to look at, and the answers typed into
its source are named (``typed_answer``)."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest
from conftest import NOTEBOOKS, TEST_LIMITS

from grader import Rubric, grade_batch

sys.path.insert(0, str(NOTEBOOKS))
from make_notebooks import SEED_BACKPROP, SEED_DESCENT, filled, render

pytestmark = pytest.mark.kernel


def typed_backprop(rubric: Rubric) -> str:
    """Task 2's answers as literals: no assignment of x, w1, w2 or y_true the re-run could rewrite."""
    expected = rubric.task("backprop").expected
    names = ("h", "y_pred", "loss", "dL_dw2", "dL_dw1", "w1", "w2")
    return "import numpy as np\n" + "".join(f"{name} = {expected[name]!r}\n" for name in names)


def guarded_descent(rubric: Rubric) -> str:
    """Task 1's iterates typed in, and a guard that raises when the parameters are not the ones they were
    typed for (a guard on a second run no longer fires: the re-run is a replay on a new kernel)."""
    xs = rubric.task("descent").expected["xs"]
    return (
        "import numpy as np\nimport matplotlib.pyplot as plt\n"
        "x = 10.0\nlr = 0.1\n"
        "if (x, lr) != (10.0, 0.1):\n    raise RuntimeError('these answers are for x = 10, lr = 0.1')\n"
        f"history = {xs!r}\n"
        "plt.plot([h * h + 4 for h in history])\n"
    )


def test_typed_answers_the_rerun_cannot_judge_are_flagged(tmp_path: Path, rubric: Rubric) -> None:
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "guarded.ipynb").write_bytes(render(filled(descent=guarded_descent(rubric), backprop=SEED_BACKPROP)))
    (subs / "no_parameter.ipynb").write_bytes(render(filled(descent=SEED_DESCENT, backprop=typed_backprop(rubric))))
    (subs / "honest.ipynb").write_bytes((NOTEBOOKS / "correct.ipynb").read_bytes())
    result = grade_batch([subs], rubric, tmp_path / "out", limits=TEST_LIMITS, figures=False)
    reports = {report.submission.id: report for report in result.reports}
    guarded = {task.id: task for task in reports["guarded"].tasks}
    assert guarded["descent"].variation is not None and guarded["descent"].variation.status == "not_possible"
    assert guarded["descent"].score > 0 and {"unverified", "typed_answer"} <= set(reports["guarded"].flags)
    assert "RuntimeError with the new parameters" in guarded["descent"].variation.reason
    typed = {task.id: task for task in reports["no_parameter"].tasks}
    assert typed["backprop"].variation is not None and typed["backprop"].variation.status == "not_possible"
    assert typed["backprop"].score > 0 and {"unverified", "typed_answer"} <= set(reports["no_parameter"].flags)
    (diagnosis,) = [d for d in typed["backprop"].diagnoses if d.id == "typed_answer"]
    assert set(diagnosis.checks) == {"h", "y_pred", "loss", "dL_dw2", "dL_dw1", "w1", "w2"}
    assert f"cell {typed['backprop'].cells[0] + 1}, line 2: " in diagnosis.message
    assert reports["honest"].flags == ()
    # the gradebook, the file that goes to the LMS, says so too
    with (tmp_path / "out" / "gradebook.csv").open(newline="") as handle:
        flags = {row["id"]: row["flags"].split() for row in csv.DictReader(handle)}
    assert "unverified" in flags["guarded"] and "unverified" in flags["no_parameter"] and flags["honest"] == []

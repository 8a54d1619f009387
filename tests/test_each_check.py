"""Can each check fail on its own? One notebook per check: the correct solution with only that value nudged.

If a check could not fail, or failed whenever a neighbour did, its points would not mean what the rubric
says. The nudged notebooks are generated from the rubric, so a new check is covered automatically.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import pytest
from conftest import NOTEBOOKS, TEST_LIMITS

from grader import Rubric, grade_batch, load_rubric
from grader.options import DEFAULT_RUBRIC

sys.path.insert(0, str(NOTEBOOKS))
from make_notebooks import filled, render

RUBRIC = load_rubric(DEFAULT_RUBRIC)
CHECKS = [(task.id, check.id) for task in RUBRIC.tasks for check in task.checks]


def nudge(kind: str, name: str) -> str:
    """A statement that changes only ``name`` (or the plotted line), by far more than any tolerance."""
    if kind == "plot":
        return "\nline = plt.gca().lines[0]\nline.set_ydata([v + 1.0 for v in line.get_ydata()])\n"
    if kind == "pairs":
        return f"\n{name}[-1] = ({name}[-1][0] + 1.0, {name}[-1][1])\n"
    return f"\n{name} = {name} + 0.01 * (abs({name}) + 1.0)\n"


@pytest.fixture(scope="module")
def nudged(tmp_path_factory: pytest.TempPathFactory, rubric: Rubric) -> dict[str, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("nudged")
    from make_notebooks import SEED_BACKPROP, SEED_DESCENT

    for task_id, check_id in CHECKS:
        check = next(c for c in rubric.task(task_id).checks if c.id == check_id)
        extra = nudge(check.compare, check.names[0] if check.names else "")
        notebook = filled(
            descent=SEED_DESCENT + (extra if task_id == "descent" else ""),
            backprop=SEED_BACKPROP + (extra if task_id == "backprop" else ""),
        )
        (folder / f"{task_id}.{check_id}.ipynb").write_bytes(render(notebook))
    out = tmp_path_factory.mktemp("nudged-out")
    grade_batch([folder], rubric, out, limits=TEST_LIMITS)
    return {path.stem: json.loads(path.read_text()) for path in (out / "reports").glob("*.json")}


@pytest.mark.parametrize(("task_id", "check_id"), CHECKS, ids=[f"{t}.{c}" for t, c in CHECKS])
def test_only_the_nudged_check_fails(nudged: dict[str, dict[str, Any]], task_id: str, check_id: str) -> None:
    report = nudged[f"{task_id}.{check_id}"]
    failing = [
        (task["id"], check["id"]) for task in report["tasks"] for check in task["checks"] if check["status"] != "pass"
    ]
    assert failing == [(task_id, check_id)]
    lost = next(c for t in report["tasks"] for c in t["checks"] if (t["id"], c["id"]) == (task_id, check_id))
    assert lost["score"] < lost["max_score"]
    assert report["score"] == report["max_score"] - (lost["max_score"] - lost["score"])
    if lost["id"] == "plot":  # the labels are still there: only the data part is lost
        assert "no line shows f(x)" in lost["message"] and lost["score"] == lost["max_score"] / 2
    else:
        assert lost["score"] == 0 and lost["message"].startswith(("`", "entry")) and "expected" in lost["message"]

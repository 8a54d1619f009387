"""Can each check fail on its own? One notebook per check: the correct solution with only that value nudged.

If a check could not fail, or failed whenever a neighbour did, its points would not mean what the rubric
says. The nudged notebooks are generated from the rubric, so a new check is covered automatically.
"""

from __future__ import annotations

import ast
import json
import sys
from typing import Any

import pytest
from conftest import NOTEBOOKS, TEST_LIMITS

from grader import Rubric, grade_batch, load_rubric
from grader.options import DEFAULT_RUBRIC

sys.path.insert(0, str(NOTEBOOKS))
from make_notebooks import filled, render

pytestmark = pytest.mark.kernel

RUBRIC = load_rubric(DEFAULT_RUBRIC)
CHECKS = [(task.id, check.id) for task in RUBRIC.tasks for check in task.checks]


def nudge(source: str, kind: str, name: str) -> str:
    """``source`` with only ``name``'s computation changed, by far more than any tolerance.

    The grader finds a value wherever the code computed it, so a value overwritten after being computed
    correctly still counts as computed: the nudge goes into the computation itself (the right-hand side
    of the statement that computes ``name``, or the update step of the descent).
    """
    if kind == "plot":
        return source + "\nline = plt.gca().lines[0]\nline.set_ydata([v + 1.0 for v in line.get_ydata()])\n"
    tree = ast.parse(source)
    target = "grad" if kind == "sequence" else name  # the descent: every step 5% too long
    # the last statement that computes it: `w1 = 0.5` is given, `w1 -= 0.1 * dL_dw1` computes w1
    for node in reversed(list(ast.walk(tree))):
        if isinstance(node, (ast.Assign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == target for t in targets):
                segment = ast.get_source_segment(source, node.value)
                assert segment is not None
                return source.replace(segment, f"(({segment}) * 1.05 + 0.01)", 1)
    raise AssertionError(f"no statement computes {target!r}")


@pytest.fixture(scope="module")
def nudged(tmp_path_factory: pytest.TempPathFactory, rubric: Rubric) -> dict[str, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("nudged")
    from make_notebooks import SEED_BACKPROP, SEED_DESCENT

    for task_id, check_id in CHECKS:
        check = next(c for c in rubric.task(task_id).checks if c.id == check_id)
        name = check.names[0] if check.names else ""
        notebook = filled(
            descent=nudge(SEED_DESCENT, check.compare, name) if task_id == "descent" else SEED_DESCENT,
            backprop=nudge(SEED_BACKPROP, check.compare, name) if task_id == "backprop" else SEED_BACKPROP,
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
    if lost["id"] == "plot":  # the seed plots f against x: the shifted line shows nothing right
        assert "no line shows f(x)" in lost["message"] and lost["score"] == 0
    else:
        assert lost["score"] == 0 and lost["message"].startswith(("`", "entry")) and "expected" in lost["message"]

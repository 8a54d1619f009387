"""Which numbers in a student's source are computed answers typed in, and which are honest (no kernel
needed: the literals are read from the source, the answers from the rubric's reference)?"""

from __future__ import annotations

from dataclasses import replace

from grader import Rubric
from grader.judge.typed import typed_answers, typed_diagnosis
from grader.records import CheckResult, TaskResult


def passed(rubric: Rubric, task_id: str, failing: frozenset[str] = frozenset()) -> TaskResult:
    """The task as graded when every check but ``failing`` passed at the official parameters."""
    spec = rubric.task(task_id)
    checks = tuple(
        CheckResult(
            check.id,
            "fail" if check.id in failing else "pass",
            0.0 if check.id in failing else check.points,
            check.points,
            spec.expected.get(check.quantity),
            None,
            "",
        )
        for check in spec.checks
    )
    return TaskResult(task_id, spec.title, 0.0, spec.max_score, checks)


def test_an_updated_weight_typed_in_is_named_with_its_cell_and_line(rubric: Rubric) -> None:
    w1 = rubric.task("backprop").expected["w1"]
    sources = {2: "import numpy as np\n", 5: f"x = 1.0\nw1 = 0.5\nw1_new = {w1!r}\nprint(w1_new)\n"}
    (found,) = typed_answers(rubric.task("backprop"), passed(rubric, "backprop"), sources)
    assert (found.cell, found.line, found.text, found.check) == (5, 3, repr(w1), "w1")
    diagnosis = typed_diagnosis([found])
    assert diagnosis.id == "typed_answer" and diagnosis.checks == ("w1",)
    assert f"cell 6, line 3: {w1!r}" in diagnosis.message


def test_a_negative_answer_and_an_iterate_in_a_list_are_found(rubric: Rubric) -> None:
    w2 = rubric.task("backprop").expected["w2"]
    assert w2 < 0
    found = typed_answers(rubric.task("backprop"), passed(rubric, "backprop"), {0: f"w2 = {w2!r}\n"})
    assert [item.check for item in found] == ["w2"] and found[0].text.startswith("-")
    xs = rubric.task("descent").expected["xs"]
    found = typed_answers(rubric.task("descent"), passed(rubric, "descent"), {3: f"history = {list(xs)!r}\n"})
    assert found and {item.check for item in found} == {"trajectory"}
    assert "5.12" in typed_diagnosis(found).message  # 8.0 and 6.4 are too common to count


def test_an_honest_notebook_checking_its_work_is_not_flagged(rubric: Rubric) -> None:
    """Given values, whole numbers, short numbers, asserts, comparisons, closeness tests, comments and
    strings: what an honest student writes around a computed answer."""
    expected = rubric.task("backprop").expected
    w1, grad = expected["w1"], expected["dL_dw1"]
    source = (
        "x, w1, w2, y_true, lr = 1.0, 0.5, -1.0, 0.5, 0.1\n"
        "plt.figure(figsize=(8, 6))\n"
        "plt.plot(xs, alpha=0.25)\n"
        f"# the updated weight should be {w1!r}\n"
        f"print('expected {w1!r}')\n"
        f"assert abs(w1_new - {w1!r}) < 1e-6\n"
        f"ok = np.isclose(grad, {grad!r}) and w1_new > {w1!r} - 1e-3\n"
        f"assert w1_new == pytest.approx({w1!r})\n"
    )
    assert typed_answers(rubric.task("backprop"), passed(rubric, "backprop"), {4: source}) == ()


def test_a_check_that_did_not_pass_is_never_named(rubric: Rubric) -> None:
    """Naming it would tell the student that a number of theirs is the answer a failing check wants."""
    grad = rubric.task("backprop").expected["dL_dw1"]
    result = passed(rubric, "backprop", failing=frozenset({"dL_dw1"}))
    assert typed_answers(rubric.task("backprop"), result, {1: f"unused = {grad!r}\n"}) == ()


def test_only_tasks_with_a_variation_are_searched(rubric: Rubric) -> None:
    """A self-check's rubric has no variations: it must not be an oracle for guessed numbers."""
    w1 = rubric.task("backprop").expected["w1"]
    spec = replace(rubric.task("backprop"), variation=None)
    assert typed_answers(spec, passed(rubric, "backprop"), {0: f"w1 = {w1!r}\n"}) == ()

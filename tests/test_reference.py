"""Are the reference values — the source of every expected number — right?

Checked against values derived by hand from the definitions, and the gradients against central finite
differences of the loss, so a slip in the chain rule cannot hide here.
"""

from __future__ import annotations

import math

import pytest

from reference import REFERENCES, evaluate
from reference.backprop import backprop_step, sigmoid
from reference.descent import descent_on_course_function, gradient_descent


def test_descent_first_steps_match_hand_computation() -> None:
    # x1 = 10 - 0.1·2·10 = 8, f = 68; x2 = 8 - 0.1·16 = 6.4, f = 44.96
    run = descent_on_course_function(x0=10.0, lr=0.1, steps=2)
    assert run.trajectory[0] == pytest.approx((8.0, 68.0))
    assert run.trajectory[1] == pytest.approx((6.4, 44.96))


def test_descent_is_geometric_on_the_course_function() -> None:
    """For f = x² + 4 each update multiplies x by (1 − 2·lr), so x_n = x0·(1 − 2·lr)^n exactly."""
    run = descent_on_course_function(x0=10.0, lr=0.1, steps=30)
    for n, (x, fx) in enumerate(run.trajectory, start=1):
        assert x == pytest.approx(10.0 * 0.8**n, rel=1e-12)
        assert fx == pytest.approx(x**2 + 4, rel=1e-12)
    assert run.final_x == run.trajectory[-1][0]
    assert len(run.trajectory) == 30


def test_descent_works_for_any_function_and_parameters() -> None:
    run = gradient_descent(lambda x: (x - 3) ** 2, lambda x: 2 * (x - 3), x0=0.0, lr=0.25, steps=3)
    assert [point[0] for point in run.trajectory] == pytest.approx([1.5, 2.25, 2.625])


def test_descent_rejects_negative_steps() -> None:
    with pytest.raises(ValueError, match="steps"):
        descent_on_course_function(steps=-1)


def test_backprop_forward_pass_by_hand() -> None:
    step = backprop_step()
    h = 1 / (1 + math.exp(-0.5))
    y = 1 / (1 + math.exp(h))
    assert step.h == pytest.approx(h, rel=1e-15)
    assert step.y_pred == pytest.approx(y, rel=1e-15)
    assert step.loss == pytest.approx(0.5 * (y - 0.5) ** 2, rel=1e-15)


def _loss(x: float, w1: float, w2: float, y_true: float, half: bool) -> float:
    y = sigmoid(w2 * sigmoid(w1 * x))
    return (0.5 if half else 1.0) * (y - y_true) ** 2


@pytest.mark.parametrize("half", [True, False])
@pytest.mark.parametrize(
    ("x", "w1", "w2", "y_true"), [(1.0, 0.5, -1.0, 0.5), (2.0, 0.3, 0.7, 0.2), (-1.5, -2.0, 3.0, 0.9)]
)
def test_backprop_gradients_match_finite_differences(x: float, w1: float, w2: float, y_true: float, half: bool) -> None:
    step = backprop_step(x=x, w1=w1, w2=w2, y_true=y_true, lr=0.1, half=half)
    eps = 1e-6
    d_w1 = (_loss(x, w1 + eps, w2, y_true, half) - _loss(x, w1 - eps, w2, y_true, half)) / (2 * eps)
    d_w2 = (_loss(x, w1, w2 + eps, y_true, half) - _loss(x, w1, w2 - eps, y_true, half)) / (2 * eps)
    assert step.dL_dw1 == pytest.approx(d_w1, rel=1e-6, abs=1e-12)
    assert step.dL_dw2 == pytest.approx(d_w2, rel=1e-6, abs=1e-12)


def test_backprop_update_uses_both_original_gradients() -> None:
    step = backprop_step(lr=0.1)
    assert step.w1 == pytest.approx(0.5 - 0.1 * step.dL_dw1, rel=1e-15)
    assert step.w2 == pytest.approx(-1.0 - 0.1 * step.dL_dw2, rel=1e-15)


def test_evaluate_returns_plain_json_data() -> None:
    """What the rubric compares against has the same shape as what crosses the kernel boundary."""
    quantities = evaluate("descent_on_course_function", {"x0": 10.0, "lr": 0.1, "steps": 3})
    assert isinstance(quantities["trajectory"], list)
    assert all(isinstance(pair, list) and len(pair) == 2 for pair in quantities["trajectory"])
    assert set(REFERENCES) == {"descent_on_course_function", "backprop_step"}


# --- mistakes, readings and the rendered solution -------------------------------------------------

from reference.backprop import BACKPROP_MISTAKES  # noqa: E402
from reference.descent import DESCENT_MISTAKES, RECORDS, fit_descent  # noqa: E402
from reference.solution import backprop_source, descent_source  # noqa: E402


def _run(source: str) -> dict[str, object]:
    namespace: dict[str, object] = {}
    exec(source, namespace)  # the reference's own solution code, not student code
    return namespace


@pytest.mark.parametrize("record", RECORDS)
@pytest.mark.parametrize("mistake", [None, *DESCENT_MISTAKES])
def test_rendered_descent_solution_computes_what_the_reference_says(record: str, mistake: str | None) -> None:
    """The mutant notebooks of `grader selftest` are only meaningful if their code and the reference agree."""
    namespace = _run(descent_source(record=record, mistake=mistake, plot="none"))
    expected = evaluate("descent_on_course_function", {"record": record, "mistake": mistake})
    flat = [value for point in namespace["history"] for value in point]
    assert flat == pytest.approx([value for point in expected["trajectory"] for value in point], rel=1e-12)
    assert namespace["x"] == pytest.approx(expected["final_x"], rel=1e-12)


@pytest.mark.parametrize("half", [True, False])
@pytest.mark.parametrize("mistake", [None, *BACKPROP_MISTAKES])
def test_rendered_backprop_solution_computes_what_the_reference_says(half: bool, mistake: str | None) -> None:
    namespace = _run(backprop_source(half=half, mistake=mistake))
    expected = evaluate("backprop_step", {"half": half, "mistake": mistake})
    for name in ("h", "y_pred", "loss", "dL_dw2", "dL_dw1", "w1", "w2"):
        assert float(namespace[name]) == pytest.approx(expected[name], rel=1e-12), name


def test_each_backprop_mistake_changes_the_values_it_should() -> None:
    right = evaluate("backprop_step", {})
    sign = evaluate("backprop_step", {"mistake": "gradient_sign"})
    assert sign["loss"] == right["loss"] and sign["dL_dw1"] == pytest.approx(-right["dL_dw1"])
    stale = evaluate("backprop_step", {"mistake": "stale_weight_update"})
    assert stale["dL_dw2"] == right["dL_dw2"] and stale["dL_dw1"] != pytest.approx(right["dL_dw1"])
    no_half = evaluate("backprop_step", {"half": False})
    assert no_half["dL_dw1"] == pytest.approx(2 * right["dL_dw1"]) and no_half["loss"] == pytest.approx(
        2 * right["loss"]
    )


def test_given_upstream_values_recompute_everything_downstream() -> None:
    """Error carried forward: the reference started from a student's h gives their consistent y_pred."""
    carried = evaluate("backprop_step", {"given": {"h": 0.8}})
    assert carried["h"] == 0.8 and carried["y_pred"] == pytest.approx(sigmoid(-1.0 * 0.8))
    with pytest.raises(ValueError, match="cannot fix"):
        backprop_step(given={"w1": 1.0})


@pytest.mark.parametrize(("params", "wanted"), [({"lr": 1.0}, "lr"), ({"x0": 5.0}, "x0"), ({"steps": 20}, "steps")])
def test_fit_recovers_the_parameters_a_trajectory_implies(params: dict[str, float], wanted: str) -> None:
    trajectory = evaluate("descent_on_course_function", params)["trajectory"]
    fitted = fit_descent({"trajectory": trajectory}, {})
    assert fitted[wanted] == pytest.approx(params[wanted])


def test_fit_leaves_a_climbing_trajectory_to_the_sign_mistake() -> None:
    trajectory = evaluate("descent_on_course_function", {"mistake": "gradient_sign"})["trajectory"]
    assert "lr" not in fit_descent({"trajectory": trajectory}, {})


def test_fit_reads_a_descent_with_a_constant_in_its_slope_around_its_own_point() -> None:
    params = {"mistake": "gradient_plus_constant", "x0": 7.0, "lr": 0.15}
    xs = evaluate("descent_on_course_function", params)["xs"]
    fitted = fit_descent({"xs": xs}, params)
    assert fitted["lr"] == pytest.approx(0.15) and fitted["x0"] == pytest.approx(7.0)


def test_the_grader_keeps_reference_answers_without_serving_a_replaced_function() -> None:
    """``Reference.values`` keeps answers per process: the same values as evaluating afresh, and a
    reference whose function is replaced under the same name is evaluated, not answered from what was
    kept. (The grader reads references through grader.load.references, not the REFERENCES registry.)"""
    from dataclasses import replace

    from grader.load.references import load_reference

    descent = load_reference("descent_on_course_function")
    params = {"x0": 3.0, "lr": 0.2, "steps": 5}
    first = descent.values(params)
    assert first == evaluate("descent_on_course_function", params)
    assert descent.values(dict(params)) is first
    original = REFERENCES["descent_on_course_function"]
    replaced = replace(descent, function=lambda **kw: original(**{**kw, "mistake": "gradient_sign"}))
    climbing = replaced.values(params)
    assert climbing is not None and climbing["xs"][0] > 3.0

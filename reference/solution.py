"""The reference solution as a student would write it, with any catalogued mistake written in.

:mod:`grader.front.selftest` builds notebooks from these sources: the solution must earn full marks and each
mutant (the same code with one mistake switched on) must be diagnosed as that mistake. Each renderer
takes exactly the parameters of its reference function (plus presentation switches such as ``plot``),
so a rubric's variant parameters describe both the values a mistake produces and the code that makes
them. ``tests/test_reference.py`` runs every rendering and compares it with the reference function.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from reference.backprop import BACKPROP_MISTAKES
from reference.descent import DESCENT_MISTAKES, RECORDS

#: Ways the descent solution may draw its figure: labelled (title and axis labels), bare, or not at all.
PLOTS = ("labelled", "bare", "none")


def descent_source(
    x0: float = 10.0,
    lr: float = 0.1,
    steps: int = 30,
    record: str = "after",
    mistake: str | None = None,
    plot: str = "labelled",
) -> str:
    """Task 1's code cell: the loop of the seed solution, a mistake or convention written in."""
    if record not in RECORDS or (mistake is not None and mistake not in DESCENT_MISTAKES) or plot not in PLOTS:
        raise ValueError(f"cannot render descent with record={record!r}, mistake={mistake!r}, plot={plot!r}")
    derivative = {
        "derivative_missing_factor_2": "x",
        "gradient_plus_constant": "2 * x + 4",
        "gradient_computed_once": f"2 * {float(x0)!r}",
    }.get(str(mistake), "2 * x")
    update = "x + lr * df(x)" if mistake == "gradient_sign" else "x - lr * df(x)"
    lines = [
        "import numpy as np",
        "import matplotlib.pyplot as plt",
        "",
        "def f(x):",
        "    return x**2 + 4",
        "",
        "def df(x):",
        f"    return {derivative}",
        "",
        f"x = {float(x0)!r}",
        f"lr = {float(lr)!r}",
        "history = [(x, f(x))]" if record == "with_start" else "history = []",
        "",
        f"for step in range({int(steps)}):",
    ]
    if record == "before_update":
        lines += ["    history.append((x, f(x)))", f"    x = {update}"]
    else:
        lines += [f"    x = {update}", "    history.append((x, f(x)))"]
    if plot != "none":
        lines += ["", "values = [point[1] for point in history]", "plt.plot(range(len(values)), values, marker='o')"]
    if plot == "labelled":
        lines += ["plt.title('Gradient descent on f(x) = x² + 4')", "plt.xlabel('iteration')", "plt.ylabel('f(x)')"]
    if plot != "none":
        lines.append("plt.show()")
    return "\n".join(lines) + "\n"


def backprop_source(
    x: float = 1.0,
    w1: float = 0.5,
    w2: float = -1.0,
    y_true: float = 0.5,
    lr: float = 0.1,
    half: bool = True,
    mistake: str | None = None,
    slopes: str = "activation",
    output: str = "sigmoid",
) -> str:
    """Task 2's code cell: forward pass, chain rule and update, written out step by step."""
    if mistake is not None and mistake not in BACKPROP_MISTAKES:
        raise ValueError(f"cannot render backprop with mistake={mistake!r}")
    residual = "y_true - y_pred" if mistake == "gradient_sign" else "y_pred - y_true"
    output_slope = "y_pred * (1 - y_pred)" if output == "sigmoid" else "1"
    hidden_slope = "h * (1 - h)" if slopes == "activation" else "sigmoid_prime(z1)"
    if mistake in ("activation_derivative_wrong_argument", "activation_derivative_wrong_argument_output"):
        output_slope = "sigmoid_prime(y_pred)"
    if mistake in ("activation_derivative_wrong_argument", "activation_derivative_wrong_argument_hidden"):
        hidden_slope = "sigmoid_prime(h)"
    if mistake == "missing_activation_derivative_output":
        output_slope = "1"
    if mistake == "missing_activation_derivative_hidden":
        hidden_slope = "1"
    if mistake == "activation_derivative_formula":
        output_slope, hidden_slope = "y_pred * (1 + y_pred)", "h * (1 + h)"
    if mistake == "activation_instead_of_derivative":
        output_slope, hidden_slope = "sigmoid(z2)", "sigmoid(z1)"
    through = "" if mistake == "missing_weight_factor" else " * w2"
    step = "+" if mistake == "update_sign" else "-"
    stale = mistake == "stale_weight_update"
    lines = [
        "import numpy as np",
        "",
        "def sigmoid(z):",
        "    return 1 / (1 + np.exp(-z))",
        "",
        "def sigmoid_prime(z):",
        "    return sigmoid(z) * (1 - sigmoid(z))",
        "",
        f"x = {float(x)!r}",
        f"w1 = {float(w1)!r}",
        f"w2 = {float(w2)!r}",
        f"y_true = {float(y_true)!r}",
        f"lr = {float(lr)!r}",
        "",
        "z1 = w1 * x",
        "h = z1" if mistake == "forward_hidden_linear" else "h = sigmoid(z1)",
        "z2 = w2 * h",
        "y_pred = sigmoid(z2)" if output == "sigmoid" else "y_pred = z2",
        "loss = 0.5 * (y_pred - y_true) ** 2" if half else "loss = (y_pred - y_true) ** 2",
        "",
        f"dL_dy = {residual}" if half != (mistake == "other_convention_gradient") else f"dL_dy = 2 * ({residual})",
        f"dL_dz2 = dL_dy * {output_slope}",
        "dL_dw2 = dL_dz2 * x" if mistake == "w2_gradient_times_input" else "dL_dw2 = dL_dz2 * h",
    ]
    if stale:
        lines.append("w2 = w2 - lr * dL_dw2")
    lines += [f"dL_dh = dL_dz2{through}", f"dL_dz1 = dL_dh * {hidden_slope}", "dL_dw1 = dL_dz1 * x", ""]
    if mistake != "no_update":
        lines.append(f"w1 = w1 {step} lr * {'dL_dw2' if mistake == 'update_with_other_gradient' else 'dL_dw1'}")
    if not stale and mistake != "no_update":
        lines.append(f"w2 = w2 {step} lr * dL_dw2")
    return "\n".join(lines) + "\n"


#: Reference function name (as in a rubric's ``reference.function``) → the renderer of its solution code.
SOLUTIONS: Mapping[str, Callable[..., str]] = {
    "descent_on_course_function": descent_source,
    "backprop_step": backprop_source,
}


def solution_source(reference: str, params: Mapping[str, Any]) -> str:
    """The solution code for a rubric task, with the task's (or a variant's) parameters written in."""
    return SOLUTIONS[reference](**params)

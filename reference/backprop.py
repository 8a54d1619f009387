"""One step of manual backpropagation on the 1-hidden-unit sigmoid network of Task 2.

Network: ``z1 = w1·x``, ``h = σ(z1)``, ``z2 = w2·h``, ``ŷ = σ(z2)``; loss ``L = ½(ŷ − y)²`` (the seed
solution's convention; ``half=False`` gives the plain squared error). Every intermediate is returned
because the rubric may check each one, and a student's mistake shows up in the first wrong one.

Two switches let the grader reason like a TA. ``mistake`` computes what a well-known misconception
produces, so a wrong value can be named. ``given`` replaces intermediates (``h``, ``y_pred``,
``dL_dw1``, …) with the student's own values and computes everything downstream from them, so a
student whose forward pass is off but whose chain rule is right can be recognised (error carried
forward).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

#: Misconceptions ``backprop_step`` can reproduce. ``forward_hidden_linear``: h = z1 (no sigmoid);
#: ``*_output``/``*_hidden`` say which layer's σ′ is dropped or applied to the activation
#: (σ′(a) = σ(a)(1 − σ(a)) with a = σ(z) instead of z); ``activation_derivative_formula``: σ′ written
#: σ(1 + σ); ``activation_instead_of_derivative``: σ(z) where σ′(z) belongs; ``missing_weight_factor``:
#: dL/dh without its factor w2; ``update_sign``: w ← w + lr·∂L/∂w; ``w2_gradient_times_input``:
#: dL/dw2 = dL/dz2·x (x where h belongs); ``update_with_other_gradient``: w1 ← w1 − lr·∂L/∂w2;
#: ``other_convention_gradient``: the gradient of the other MSE convention than the loss written;
#: ``no_update``: the weights are left as given.
BACKPROP_MISTAKES = (
    "forward_hidden_linear",
    "gradient_sign",
    "stale_weight_update",
    "missing_activation_derivative_output",
    "missing_activation_derivative_hidden",
    "activation_derivative_wrong_argument",
    "activation_derivative_wrong_argument_output",
    "activation_derivative_wrong_argument_hidden",
    "activation_derivative_formula",
    "activation_instead_of_derivative",
    "missing_weight_factor",
    "update_sign",
    "w2_gradient_times_input",
    "update_with_other_gradient",
    "other_convention_gradient",
    "no_update",
)
#: Intermediates a caller may fix with ``given``, in the order they are computed.
GIVEN = ("h", "y_pred", "loss", "dL_dy_pred", "dL_dz2", "dL_dw2", "dL_dh", "dL_dz1", "dL_dw1")


@dataclass(frozen=True, slots=True)
class BackpropStep:
    """Forward values, gradients and updated weights after one step of gradient descent."""

    z1: float
    h: float
    z2: float
    y_pred: float
    loss: float
    dL_dy_pred: float
    dL_dz2: float
    dL_dh: float
    dL_dz1: float
    dL_dw2: float
    dL_dw1: float
    w1: float
    w2: float


def sigmoid(z: float) -> float:
    return float(1.0 / (1.0 + np.exp(-np.float64(z))))


def sigmoid_prime_at(z: float) -> float:
    """σ′ evaluated at a pre-activation z."""
    s = sigmoid(z)
    return s * (1.0 - s)


def backprop_step(
    x: float = 1.0,
    w1: float = 0.5,
    w2: float = -1.0,
    y_true: float = 0.5,
    lr: float = 0.1,
    half: bool = True,
    mistake: str | None = None,
    given: Mapping[str, float] | None = None,
    slopes: str = "activation",
    output: str = "sigmoid",
) -> BackpropStep:
    """Forward pass, chain rule back to both weights, and the simultaneous update of both.

    ``output="linear"`` is the other common design of this network: sigmoid on the hidden unit only,
    ŷ = w2·h (the regression head most textbooks use with MSE). ``slopes`` says how σ′ is
    evaluated: from the activation (ŷ(1 − ŷ), h(1 − h)) or from the pre-activation (σ′(z2), σ′(z1)).
    The two agree on right values; they differ when a student's h is wrong and their chain rule
    recomputes σ′(w1·x) — both are consistent work on that h.
    """
    if slopes not in ("activation", "preactivation"):
        raise ValueError(f"slopes must be 'activation' or 'preactivation', got {slopes!r}")
    if output not in ("sigmoid", "linear"):
        raise ValueError(f"output must be 'sigmoid' or 'linear', got {output!r}")
    if mistake is not None and mistake not in BACKPROP_MISTAKES:
        raise ValueError(f"unknown backprop mistake {mistake!r} (known: {', '.join(BACKPROP_MISTAKES)})")
    fixed = dict(given or {})
    unknown = set(fixed) - set(GIVEN)
    if unknown:
        raise ValueError(f"cannot fix {', '.join(sorted(unknown))} (fixable: {', '.join(GIVEN)})")

    def value(name: str, computed: float) -> float:
        return float(fixed[name]) if name in fixed else float(computed)

    wrong_argument = mistake is not None and mistake.startswith("activation_derivative_wrong_argument")
    z1 = w1 * x
    h = value("h", z1 if mistake == "forward_hidden_linear" else sigmoid(z1))
    z2 = w2 * h
    y_pred = value("y_pred", sigmoid(z2) if output == "sigmoid" else z2)
    scale = 0.5 if half else 1.0
    loss = value("loss", scale * (y_pred - y_true) ** 2)
    residual = (y_true - y_pred) if mistake == "gradient_sign" else (y_pred - y_true)
    # the gradient of the other MSE convention than the loss written: 2(ŷ − y) beside ½(ŷ − y)², or back
    gradient_scale = (1.5 - scale) if mistake == "other_convention_gradient" else scale  # ½ ↔ 1
    dL_dy_pred = value("dL_dy_pred", 2.0 * gradient_scale * residual)
    # σ′(z2) written as ŷ(1 − ŷ); the wrong-argument mistake evaluates σ′ at ŷ itself
    output_slope = y_pred * (1.0 - y_pred) if output == "sigmoid" else 1.0
    if mistake == "activation_derivative_formula":
        output_slope = y_pred * (1.0 + y_pred)
    if mistake == "activation_instead_of_derivative":
        output_slope = y_pred
    if mistake in ("activation_derivative_wrong_argument", "activation_derivative_wrong_argument_output"):
        output_slope = sigmoid_prime_at(y_pred)
    if mistake is None and slopes == "preactivation":
        output_slope = sigmoid_prime_at(z2)
    if mistake == "missing_activation_derivative_output":
        output_slope = 1.0
    dL_dz2 = value("dL_dz2", dL_dy_pred * output_slope)
    dL_dw2 = value("dL_dw2", dL_dz2 * (x if mistake == "w2_gradient_times_input" else h))
    w2_used = (w2 - lr * dL_dw2) if mistake == "stale_weight_update" else w2
    dL_dh = value("dL_dh", dL_dz2 * (1.0 if mistake == "missing_weight_factor" else w2_used))
    hidden_slope = h * (1.0 - h) if slopes == "activation" or mistake is not None else sigmoid_prime_at(z1)
    if mistake == "activation_derivative_formula":
        hidden_slope = h * (1.0 + h)
    if mistake == "activation_instead_of_derivative":
        hidden_slope = h
    if wrong_argument and mistake != "activation_derivative_wrong_argument_output":
        hidden_slope = sigmoid_prime_at(h)
    if mistake == "missing_activation_derivative_hidden":
        hidden_slope = 1.0
    dL_dz1 = value("dL_dz1", dL_dh * hidden_slope)
    dL_dw1 = value("dL_dw1", dL_dz1 * x)
    step = lr if mistake == "update_sign" else (0.0 if mistake == "no_update" else -lr)
    return BackpropStep(
        z1=z1,
        h=h,
        z2=z2,
        y_pred=y_pred,
        loss=loss,
        dL_dy_pred=dL_dy_pred,
        dL_dz2=dL_dz2,
        dL_dh=dL_dh,
        dL_dz1=dL_dz1,
        dL_dw2=dL_dw2,
        dL_dw1=dL_dw1,
        w1=w1 + step * (dL_dw2 if mistake == "update_with_other_gradient" else dL_dw1),
        w2=w2 + step * dL_dw2,
    )


def fit_stated(values: Mapping[str, Any], params: Mapping[str, Any]) -> dict[str, Any]:
    """The given values as the student's code states them (``values["stated"]``, read by the grader
    from their literals): every parameter of the network is given by the task, so the only parameters
    a student's values can imply are the ones they copied wrongly. Parameters not stated keep ``params``'."""
    stated = values.get("stated")
    if not isinstance(stated, Mapping):
        return {}
    known = ("x", "w1", "w2", "y_true", "lr")
    return {name: float(stated.get(name, params.get(name, 0.0))) for name in known if name in params or name in stated}


# The hooks of grader.load.references.ReferenceModule, under the names the grader looks for (GIVEN above).
fit = fit_stated
MISTAKES = BACKPROP_MISTAKES


def solution(params: Mapping[str, Any]) -> str:
    """Task 2's solution code with ``params`` written in (``grader selftest``)."""
    from reference.solution import backprop_source  # solution.py imports this module's constants

    return backprop_source(**params)

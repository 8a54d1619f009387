"""Reference for the 2-hidden-unit tanh network example: one step of backpropagation with matrix weights.

Network: ``z1 = W1 @ x`` (W1 is 2×2, x has 2 inputs), ``h = tanh(z1)``, ``ŷ = W2 @ h`` (W2 is 1×2, a
linear output), loss ``L = ½(ŷ − y)²``; then ``W ← W − lr·∂L/∂W`` for both weights. The rubric beside
this file names it ``tanh_network:backprop_step``. Hooks of ``grader.load.references.ReferenceModule``:
``MISTAKES``, ``GIVEN`` (a student's own h, ŷ or gradients, for error carried forward) and ``solution``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

#: ``tanh_derivative_as_sigmoid``: tanh′ written h(1 − h), the sigmoid's; ``update_sign``:
#: W ← W + lr·∂L/∂W; ``gradient_w1_transposed``: ∂L/∂W1 = x ⊗ δ instead of δ ⊗ x.
MISTAKES = ("tanh_derivative_as_sigmoid", "update_sign", "gradient_w1_transposed")
GIVEN = ("h", "y_pred", "dL_dW1", "dL_dW2")


@dataclass(frozen=True, slots=True)
class Step:
    h: list[float]
    y_pred: float
    loss: float
    dL_dW2: list[list[float]]
    dL_dW1: list[list[float]]
    W1: list[list[float]]
    W2: list[list[float]]


def backprop_step(
    x: Sequence[float] = (1.0, 0.5),
    W1: Sequence[Sequence[float]] = ((0.5, -0.3), (0.2, 0.8)),
    W2: Sequence[Sequence[float]] = ((1.0, -1.5),),
    y_true: float = 0.2,
    lr: float = 0.1,
    mistake: str | None = None,
    given: Mapping[str, Any] | None = None,
) -> Step:
    """Forward pass, chain rule back to both weight matrices, and the update of both."""
    if mistake is not None and mistake not in MISTAKES:
        raise ValueError(f"unknown mistake {mistake!r} (known: {', '.join(MISTAKES)})")
    given = dict(given or {})
    unknown = set(given) - set(GIVEN)
    if unknown:
        raise ValueError(f"cannot start from {', '.join(sorted(unknown))} (possible: {', '.join(GIVEN)})")
    inputs = np.asarray(x, dtype=float).reshape(2)
    w1 = np.asarray(W1, dtype=float).reshape(2, 2)
    w2 = np.asarray(W2, dtype=float).reshape(1, 2)
    h = np.asarray(given["h"], dtype=float).reshape(2) if "h" in given else np.tanh(w1 @ inputs)
    y_pred = float(np.asarray(given["y_pred"], dtype=float).reshape(())) if "y_pred" in given else float((w2 @ h)[0])
    loss = 0.5 * (y_pred - y_true) ** 2
    delta = y_pred - y_true
    dL_dW2 = delta * h.reshape(1, 2)
    slope = h * (1 - h) if mistake == "tanh_derivative_as_sigmoid" else 1 - h**2
    dz1 = delta * w2.reshape(2) * slope
    dL_dW1 = np.outer(inputs, dz1) if mistake == "gradient_w1_transposed" else np.outer(dz1, inputs)
    if "dL_dW1" in given:
        dL_dW1 = np.asarray(given["dL_dW1"], dtype=float).reshape(2, 2)
    if "dL_dW2" in given:
        dL_dW2 = np.asarray(given["dL_dW2"], dtype=float).reshape(1, 2)
    step = 1.0 if mistake == "update_sign" else -1.0
    return Step(
        h=h.tolist(),
        y_pred=y_pred,
        loss=float(loss),
        dL_dW2=dL_dW2.tolist(),
        dL_dW1=dL_dW1.tolist(),
        W1=(w1 + step * lr * dL_dW1).tolist(),
        W2=(w2 + step * lr * dL_dW2).tolist(),
    )


def solution(params: Mapping[str, Any]) -> str:
    """The solution's code cell with ``params`` (and any mistake) written in."""
    mistake = params.get("mistake")
    if mistake is not None and mistake not in MISTAKES:
        raise ValueError(f"cannot render mistake {mistake!r}")
    x = [float(v) for v in params.get("x", (1.0, 0.5))]
    w1 = [[float(v) for v in row] for row in params.get("W1", ((0.5, -0.3), (0.2, 0.8)))]
    w2 = [[float(v) for v in row] for row in params.get("W2", ((1.0, -1.5),))]
    slope = "h * (1 - h)" if mistake == "tanh_derivative_as_sigmoid" else "1 - h**2"
    outer = "np.outer(x, dL_dz1)" if mistake == "gradient_w1_transposed" else "np.outer(dL_dz1, x)"
    step = "+" if mistake == "update_sign" else "-"
    return (
        "\n".join(
            [
                "import numpy as np",
                "",
                f"x = np.array({x!r})",
                f"W1 = np.array({w1!r})",
                f"W2 = np.array({w2!r})",
                f"y_true = {float(params.get('y_true', 0.2))!r}",
                f"lr = {float(params.get('lr', 0.1))!r}",
                "",
                "z1 = W1 @ x",
                "h = np.tanh(z1)",
                "y_pred = (W2 @ h)[0]",
                "loss = 0.5 * (y_pred - y_true) ** 2",
                "",
                "dL_dy = y_pred - y_true",
                "dL_dW2 = dL_dy * h.reshape(1, 2)",
                "dL_dh = dL_dy * W2[0]",
                f"dL_dz1 = dL_dh * ({slope})",
                f"dL_dW1 = {outer}",
                "",
                f"W1 = W1 {step} lr * dL_dW1",
                f"W2 = W2 {step} lr * dL_dW2",
            ]
        )
        + "\n"
    )

"""One step of manual backpropagation on the 1-hidden-unit sigmoid network of Task 2.

Network: ``z1 = w1·x``, ``h = σ(z1)``, ``z2 = w2·h``, ``ŷ = σ(z2)``; loss ``L = ½(ŷ − y)²`` (the seed
solution's convention; ``half=False`` gives the plain squared error). Every intermediate is returned
because the rubric may check each one, and a student's mistake shows up in the first wrong one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


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


def backprop_step(
    x: float = 1.0,
    w1: float = 0.5,
    w2: float = -1.0,
    y_true: float = 0.5,
    lr: float = 0.1,
    half: bool = True,
) -> BackpropStep:
    """Forward pass, chain rule back to both weights, and the simultaneous update of both."""
    z1 = w1 * x
    h = sigmoid(z1)
    z2 = w2 * h
    y_pred = sigmoid(z2)
    scale = 0.5 if half else 1.0
    loss = scale * (y_pred - y_true) ** 2
    dL_dy_pred = 2.0 * scale * (y_pred - y_true)
    dL_dz2 = dL_dy_pred * y_pred * (1.0 - y_pred)
    dL_dw2 = dL_dz2 * h
    dL_dh = dL_dz2 * w2
    dL_dz1 = dL_dh * h * (1.0 - h)
    dL_dw1 = dL_dz1 * x
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
        w1=w1 - lr * dL_dw1,
        w2=w2 - lr * dL_dw2,
    )

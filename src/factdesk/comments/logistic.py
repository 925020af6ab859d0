"""Logistic regression in numpy: fitting (Newton's method with an L2 penalty) and scoring.

Small enough to keep the runtime free of scikit-learn, and used by training/ and benchmarks/ to
fit the comment models, the combiner and the Platt calibration the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def sigmoid(z: npt.ArrayLike) -> Array:
    """The logistic function, safe for large magnitudes."""
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=np.float64))))


@dataclass(frozen=True, slots=True)
class Logistic:
    """Weights of a fitted logistic regression: ``p = sigmoid(x @ coef + intercept)``."""

    coef: tuple[float, ...]
    intercept: float

    def logits(self, x: npt.ArrayLike) -> Array:
        """Decision values, one per row of ``x``."""
        return np.asarray(np.asarray(x, dtype=np.float64) @ np.asarray(self.coef) + self.intercept)

    def predict(self, x: npt.ArrayLike) -> Array:
        """Probabilities of the positive class, one per row of ``x``."""
        return sigmoid(self.logits(x))

    def to_dict(self) -> dict[str, Any]:
        return {"coef": [round(c, 6) for c in self.coef], "intercept": round(self.intercept, 6)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Logistic:
        return cls(tuple(float(c) for c in data["coef"]), float(data["intercept"]))


@dataclass(frozen=True, slots=True)
class Perceptron:
    """A one-hidden-layer network: ``logit = relu(x @ w1 + b1) @ w2 + b2``."""

    w1: Array
    b1: Array
    w2: Array
    b2: float

    def logits(self, x: npt.ArrayLike) -> Array:
        """Decision values, one per row of ``x``."""
        hidden = np.maximum(np.asarray(x, dtype=np.float32) @ self.w1 + self.b1, 0.0)
        return np.asarray(hidden @ self.w2 + self.b2, dtype=np.float64)

    def predict(self, x: npt.ArrayLike) -> Array:
        """Probabilities of the positive class, one per row of ``x``."""
        return sigmoid(self.logits(x))


def fit_logistic(
    x: npt.ArrayLike,
    y: npt.ArrayLike,
    *,
    l2: float = 1.0,
    balanced: bool = False,
    sample_weight: npt.ArrayLike | None = None,
    iterations: int = 30,
) -> Logistic:
    """Fit by Newton's method; ``l2`` penalises the coefficients (not the intercept).

    ``balanced`` weighs each class by the inverse of its frequency, as scikit-learn's
    ``class_weight="balanced"`` does.
    """
    xs = np.asarray(x, dtype=np.float64)
    ys = np.asarray(y, dtype=np.float64)
    n, d = xs.shape
    w = np.ones(n) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    if balanced:
        total = w.sum()
        for label in (0.0, 1.0):
            mask = ys == label
            if mask.any():
                w = np.where(mask, w * total / (2.0 * w[mask].sum()), w)
    design = np.hstack([xs, np.ones((n, 1))])
    penalty = np.full(d + 1, l2)
    penalty[-1] = 1e-8
    beta = np.zeros(d + 1)
    for _ in range(iterations):
        p = sigmoid(design @ beta)
        gradient = design.T @ (w * (p - ys)) + penalty * beta
        hessian = (design * (w * p * (1 - p))[:, None]).T @ design + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-7:
            break
    return Logistic(tuple(float(b) for b in beta[:-1]), float(beta[-1]))

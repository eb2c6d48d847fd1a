"""Loss functions and their derivatives with respect to the prediction.

Every `*_grad` returns d(loss)/d(prediction), the same shape as the
prediction. Values come back as Python floats.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import numpy as np

from ._numeric import as_float_array, float_if_scalar, quiet, quietly

# Probabilities are clipped to [EPSILON, 1 - EPSILON] before taking logs, so
# a prediction of exactly 0 or 1 gives a large but finite loss (about 27.6).
EPSILON = 1e-12


@quietly
def l1(pred, target) -> float:
    """Return the L1 loss: the sum of |pred - target| over all points.

    pred, target: arrays of the same shape (n,) or (n, k), or scalars.
    """
    return float(np.sum(np.abs(as_float_array(pred) - as_float_array(target))))


@quietly
def l1_grad(pred, target):
    """Return d(L1)/d(pred) = sign(pred - target), 0 where they are equal.

    |r| has no slope at r = 0; 0 is the usual choice there (a subgradient).
    """
    return float_if_scalar(np.sign(as_float_array(pred) - as_float_array(target)))


def l2(pred, target) -> float:
    """Return the course's L2 loss: 1/2 * the sum of (pred - target)^2.

    The 1/2 makes the derivative simply pred - target.
    """
    residual = as_float_array(pred) - as_float_array(target)
    with quiet():  # a diverging run may square huge numbers: inf is the answer
        return float(0.5 * np.sum(residual * residual))


@quietly
def l2_grad(pred, target):
    """Return d(L2)/d(pred) = pred - target (same shape as pred)."""
    return float_if_scalar(as_float_array(pred) - as_float_array(target))


def mse(pred, target) -> float:
    """Return the mean squared error: the mean of (pred - target)^2."""
    residual = as_float_array(pred) - as_float_array(target)
    with quiet():
        return float(np.mean(residual * residual))


@quietly
def mse_grad(pred, target):
    """Return d(MSE)/d(pred) = 2 (pred - target) / N, N = number of values."""
    residual = as_float_array(pred) - as_float_array(target)
    return float_if_scalar(2.0 * residual / residual.size)


@quietly
def binary_cross_entropy(p, y) -> float:
    """Return the binary cross-entropy, averaged over points.

    p: (n,) predicted probabilities of class 1; y: (n,) labels 0 or 1.
    -mean(y log p + (1 - y) log(1 - p)), with p and 1 - p clipped below at
    EPSILON inside the logs, so p = 0 or 1 gives a finite loss.
    """
    p = as_float_array(p)
    y = as_float_array(y)
    log_p = np.log(np.clip(p, EPSILON, None))
    # log(1 - p): log1p keeps it accurate for small p; for p >= 0.5 the
    # subtraction 1 - p is exact, so p = 1 clips to EPSILON just like p = 0.
    log_q = np.where(p < 0.5, np.log1p(-np.minimum(p, 0.5)), np.log(np.clip(1.0 - p, EPSILON, None)))
    return float(-np.mean(y * log_p + (1.0 - y) * log_q))


@quietly
def binary_cross_entropy_grad(p, y):
    """Return d(BCE)/dp = (p - y) / (p (1 - p)) / n, with p clipped as above."""
    p = np.clip(as_float_array(p), EPSILON, 1.0 - EPSILON)
    y = as_float_array(y)
    return float_if_scalar((p - y) / (p * (1.0 - p)) / p.size)


def binary_cross_entropy_from_logits(z, y) -> float:
    """Return the binary cross-entropy of p = sigmoid(z), computed from z.

    z: (n,) scores before the sigmoid; y: (n,) labels 0 or 1.
    Uses max(z, 0) - z y + log(1 + e^-|z|), which equals the loss above and
    never overflows, for any |z| (no clipping needed).
    """
    return float(np.mean(bce_logit_terms(as_float_array(z), as_float_array(y))))


def bce_logit_terms(z, y):
    """Return each point's binary cross-entropy from its score: z, y (n,) or (k, n) -> same shape."""
    with quiet():
        return np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z)))


def _rows(array: np.ndarray) -> int:
    return array.shape[0] if array.ndim > 1 else 1


@quietly
def cross_entropy(probs, onehot) -> float:
    """Return the cross-entropy -sum(onehot * log probs), averaged over rows.

    probs: (n, k) probabilities (each row sums to 1) or one row (k,);
    onehot: same shape, 1 at each row's true class. Probabilities are
    clipped below at EPSILON so a 0 for the true class stays finite.
    """
    probs = as_float_array(probs)
    onehot = as_float_array(onehot)
    logs = np.log(np.clip(probs, EPSILON, None))
    return float(-np.sum(onehot * logs) / _rows(probs))


@quietly
def cross_entropy_grad(probs, onehot):
    """Return d(cross-entropy)/d(probs) = -onehot / probs / n (probs clipped)."""
    probs = as_float_array(probs)
    onehot = as_float_array(onehot)
    return -onehot / np.clip(probs, EPSILON, None) / _rows(probs)


class Loss(NamedTuple):
    """A loss as a (value, grad) pair: value(pred, target) -> float,
    grad(pred, target) -> d(loss)/d(pred)."""

    value: Callable
    grad: Callable


LOSSES = {
    "l1": Loss(l1, l1_grad),
    "l2": Loss(l2, l2_grad),
    "mse": Loss(mse, mse_grad),
    "bce": Loss(binary_cross_entropy, binary_cross_entropy_grad),
    "cross_entropy": Loss(cross_entropy, cross_entropy_grad),
}


def get_loss(name: str) -> Loss:
    """Return the registered loss called `name`, or explain which names exist."""
    try:
        return LOSSES[name]
    except KeyError:
        known = ", ".join(repr(key) for key in LOSSES)
        raise ValueError(f"unknown loss {name!r}; choose one of {known}") from None

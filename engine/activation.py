"""Activation functions: the sigmoid and softmax, written to never overflow."""

from __future__ import annotations

import numpy as np

from ._numeric import as_float_array, float_if_scalar, quiet


def sigmoid(z):
    """Return the sigmoid 1 / (1 + e^-z) of every element of z.

    z: scalar or array of any shape; returns the same shape (float for a scalar).
    Stable for any float: e^-|z| is at most 1, so nothing overflows, and the
    negative side uses e^z / (1 + e^z) so tiny outputs keep full precision.
    """
    z = as_float_array(z)
    with quiet():  # e^-|z| underflows to 0 for |z| > ~745: the exact limit
        e = np.exp(-np.abs(z))
        s = np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return float_if_scalar(s)


def sigmoid_derivative(z):
    """Return the sigmoid's slope sigmoid(z) * (1 - sigmoid(z)) at every z.

    z: scalar or array of any shape; returns the same shape.
    Written as e^-|z| / (1 + e^-|z|)^2, which is the same number but avoids
    the cancellation in 1 - sigmoid(z) when sigmoid(z) is close to 1.
    """
    z = as_float_array(z)
    with quiet():
        e = np.exp(-np.abs(z))
        slope = e / ((1.0 + e) * (1.0 + e))
    return float_if_scalar(slope)


def softmax(z, axis=-1):
    """Return the softmax of z along `axis`: positive values that sum to 1.

    z: array of any shape, e.g. (k,) scores or (n, k) rows of scores.
    Returns the same shape. The largest score is subtracted first: softmax
    does not change when a constant is added, and then no exponent exceeds 0.
    """
    z = as_float_array(z)
    with quiet():
        shifted = z - np.max(z, axis=axis, keepdims=True)
        e = np.exp(shifted)
        return e / np.sum(e, axis=axis, keepdims=True)

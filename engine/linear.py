"""The linear model with several inputs: y = X w + b."""

from __future__ import annotations

from ._numeric import as_float_array, float_if_scalar, quietly


@quietly
def linear(X, w, b):
    """Return the linear model's output X @ w + b, one value per row of X.

    X: (n, d) inputs, one point per row; w: (d,) weights; b: float bias.
    Returns (n,). A single point X: (d,) gives a float.
    """
    X = as_float_array(X)
    w = as_float_array(w)
    return float_if_scalar(X @ w + b)

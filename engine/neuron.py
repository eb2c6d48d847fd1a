"""The artificial neuron: a linear model passed through the sigmoid."""

from __future__ import annotations

from .activation import sigmoid
from .linear import linear


def neuron(X, w, b):
    """Return the neuron's output sigmoid(X @ w + b), one value per row of X.

    X: (n, d); w: (d,); b: float. Returns (n,) values in [0, 1].
    """
    return sigmoid(linear(X, w, b))

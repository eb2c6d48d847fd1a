"""A network with one hidden layer of sigmoid units, and its chain rule.

Shapes: n points, d inputs, h hidden units, o outputs.
    z1 = X @ W1 + b1   (n, h)     h = sigmoid(z1)   (n, h)
    z2 = h @ W2 + b2   (n, o)     o = z2 (linear) or sigmoid(z2)
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._numeric import as_float_array, float_if_scalar, quiet, quietly
from .activation import sigmoid, sigmoid_derivative
from .losses import get_loss

OUTPUTS = ("linear", "sigmoid")


class Layers(NamedTuple):
    """Every value the forward pass computes, layer by layer."""

    z1: np.ndarray  # (n, h) hidden units' input sums
    h: np.ndarray  # (n, h) hidden units' outputs
    z2: np.ndarray  # (n, o) output units' input sums
    o: np.ndarray  # (n, o) network outputs


def _inputs(X) -> np.ndarray:
    X = as_float_array(X)
    # A flat array is n points with one input each, as in the 1-input networks.
    return X[:, None] if X.ndim == 1 else X


def _check_output(output: str) -> None:
    if output not in OUTPUTS:
        raise ValueError(f"output must be 'linear' or 'sigmoid', not {output!r}")


def forward(X, params, output="linear") -> Layers:
    """Run the network forward and return every layer's values.

    X: (n, d) (or (n,) for one input); params {"W1": (d, h), "b1": (h,), "W2": (h, o), "b2": (o,)};
    output: "linear" (o = z2, for regression) or "sigmoid" (o in (0, 1)).
    """
    _check_output(output)
    X = _inputs(X)
    with quiet():
        z1 = X @ params["W1"] + params["b1"]
        h = sigmoid(z1)
        z2 = h @ params["W2"] + params["b2"]
    o = sigmoid(z2) if output == "sigmoid" else z2
    return Layers(z1, h, z2, o)


class ChainFactors(NamedTuple):
    """The factors of the chain rule dl/dW = dl/do * do/dz2 * dz2/dW ..., named."""

    layers: Layers
    dl_do: np.ndarray  # (n, o) slope of the loss in each output
    do_dz2: np.ndarray  # (n, o) slope of the output activation
    dl_dz2: np.ndarray  # (n, o) = dl_do * do_dz2
    dz2_dW2: np.ndarray  # (h, n) = h^T: how z2 moves with W2
    dl_dh: np.ndarray  # (n, h) = dl_dz2 @ W2^T: blame passed back to the hidden layer
    dh_dz1: np.ndarray  # (n, h) slope of each hidden sigmoid
    dl_dz1: np.ndarray  # (n, h) = dl_dh * dh_dz1
    dz1_dW1: np.ndarray  # (d, n) = X^T: how z1 moves with W1


def match_targets(y, like: np.ndarray) -> np.ndarray:
    """Return targets y shaped like the outputs `like` when they hold as many values."""
    y = as_float_array(y)
    # y: (n,) for a single output is the common case; match o's (n, 1).
    return y.reshape(like.shape) if y.size == like.size else y


def chain_factors(X, y, params, output="linear", loss="l2") -> ChainFactors:
    """Return each factor of the chain rule for the loss of the network.

    X: (n, d); y: (n, o) or (n,) targets; loss: a name in engine.LOSSES
    ("l2" is l = sum 1/2 (o - y)^2). For a sigmoid output with "bce",
    dl_dz2 is computed directly as (o - y) / n: the same number as
    dl_do * do_dz2, without dividing by o (1 - o) when o is 0 or 1.
    """
    X = _inputs(X)
    layers = forward(X, params, output)
    y = match_targets(y, layers.o)
    dl_do = as_float_array(get_loss(loss).grad(layers.o, y))
    if output == "sigmoid":
        do_dz2 = as_float_array(sigmoid_derivative(layers.z2))
    else:
        do_dz2 = np.ones_like(layers.z2)
    with quiet():
        if output == "sigmoid" and loss == "bce":
            dl_dz2 = (layers.o - y) / y.size
        else:
            dl_dz2 = dl_do * do_dz2
        dl_dh = dl_dz2 @ params["W2"].T
        dh_dz1 = as_float_array(sigmoid_derivative(layers.z1))
        dl_dz1 = dl_dh * dh_dz1
    return ChainFactors(
        layers=layers,
        dl_do=dl_do,
        do_dz2=do_dz2,
        dl_dz2=dl_dz2,
        dz2_dW2=layers.h.T,
        dl_dh=dl_dh,
        dh_dz1=dh_dz1,
        dl_dz1=dl_dz1,
        dz1_dW1=X.T,
    )


def gradients_from_factors(factors: ChainFactors) -> dict:
    """Multiply the chain-rule factors into the parameter gradients.

    dW2 = h^T @ dl_dz2, db2 = sum of dl_dz2 over points (dz2/db2 = 1),
    dW1 = X^T @ dl_dz1, db1 = sum of dl_dz1 over points.
    """
    with quiet():
        return {
            "W1": factors.dz1_dW1 @ factors.dl_dz1,
            "b1": factors.dl_dz1.sum(axis=0),
            "W2": factors.dz2_dW2 @ factors.dl_dz2,
            "b2": factors.dl_dz2.sum(axis=0),
        }


@quietly
def neuron_contributions(x, wi, bi, wo):
    """Return each hidden neuron's share wo_j * sigmoid(wi_j x + bi_j) of the output.

    x: any shape; wi, bi, wo: length-k sequences. Returns (k, *x.shape);
    summing over the first axis (plus bo) gives network_curve.
    """
    x = as_float_array(x)
    wi, bi, wo = (as_float_array(v).ravel() for v in (wi, bi, wo))
    return np.stack([wo[j] * as_float_array(sigmoid(wi[j] * x + bi[j])) for j in range(wi.size)])


@quietly
def network_curve(x, wi, bi, wo, bo=0.0):
    """Return the 1-input, k-hidden, 1-output network y = sum_j wo_j sigmoid(wi_j x + bi_j) + bo.

    x: scalar or any shape; wi, bi, wo: length-k sequences (input weights,
    hidden biases, output weights); bo: output bias. Returns x's shape.
    """
    x = as_float_array(x)
    wi, bi, wo = (as_float_array(v).ravel() for v in (wi, bi, wo))
    total = np.zeros_like(x)
    # Add the neurons one by one, in order: the sum reads like the formula.
    for j in range(wi.size):
        total = total + wo[j] * as_float_array(sigmoid(wi[j] * x + bi[j]))
    return float_if_scalar(total + bo)

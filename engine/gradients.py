"""Analytic gradients of each model's loss, and "objectives" for training.

An objective is a callable `params -> (loss: float, grads: dict)` whose
grads have the same keys and shapes as params; Trainer and the landscape
helpers accept any such callable.
"""

from __future__ import annotations

import numpy as np

from ._numeric import as_float_array, quiet
from .activation import sigmoid, sigmoid_derivative, softmax
from .losses import (
    binary_cross_entropy_from_logits,
    cross_entropy_from_logits,
    get_loss,
)
from .network import match_targets, chain_factors, gradients_from_factors


def line_gradient(x, y, w, b, loss="l2"):
    """Return (dL/dw, dL/db) for the line w x + b on points (x, y).

    x, y: (n,). Chain rule per point: dL/dw = sum dL/dpred_i * x_i and
    dL/db = sum dL/dpred_i * 1; for "l2" that is sum (w x_i + b - y_i) x_i
    and sum (w x_i + b - y_i). Returns two floats.
    """
    x = as_float_array(x)
    with quiet():
        dl_dpred = as_float_array(get_loss(loss).grad(w * x + b, y))
        return float(np.sum(dl_dpred * x)), float(np.sum(dl_dpred))


def line_objective(x, y, loss="l2"):
    """Return the objective of the line on points (x, y): params {"w", "b"} (floats)."""
    x = as_float_array(x)
    y = as_float_array(y)
    value = get_loss(loss).value

    def objective(params):
        w, b = params["w"], params["b"]
        with quiet():
            loss_value = value(w * x + b, y)
        dw, db = line_gradient(x, y, w, b, loss)
        return loss_value, {"w": dw, "b": db}

    return objective


def linear_objective(X, y, loss="mse"):
    """Return the objective of X @ w + b: params {"w": (d,), "b": float}.

    X: (n, d); y: (n,). dL/dw = X^T @ dL/dpred, dL/db = sum dL/dpred.
    """
    X = as_float_array(X)
    y = as_float_array(y)
    chosen = get_loss(loss)

    def objective(params):
        with quiet():
            pred = X @ params["w"] + params["b"]
            dl_dpred = as_float_array(chosen.grad(pred, y))
            grads = {"w": X.T @ dl_dpred, "b": float(np.sum(dl_dpred))}
            return chosen.value(pred, y), grads

    return objective


def neuron_objective(X, y, loss="bce"):
    """Return the objective of the neuron sigmoid(X @ w + b): params {"w": (d,), "b": float}.

    X: (n, d); y: (n,) labels 0/1 (or targets in [0, 1] for other losses).
    For "bce" the loss is computed from z = X @ w + b and dL/dz = (p - y)/n,
    which stays exact when p rounds to 0 or 1; other losses go through
    dL/dp * sigmoid'(z).
    """
    X = as_float_array(X)
    y = as_float_array(y)
    chosen = get_loss(loss)

    def objective(params):
        with quiet():
            z = X @ params["w"] + params["b"]
            if loss == "bce":
                loss_value = binary_cross_entropy_from_logits(z, y)
                dl_dz = (as_float_array(sigmoid(z)) - y) / y.size
            else:
                p = as_float_array(sigmoid(z))
                loss_value = chosen.value(p, y)
                dl_dz = as_float_array(chosen.grad(p, y)) * as_float_array(sigmoid_derivative(z))
            grads = {"w": X.T @ dl_dz, "b": float(np.sum(dl_dz))}
        return loss_value, grads

    return objective


def network_objective(X, y, output="linear", loss="l2"):
    """Return the objective of the one-hidden-layer network (params as init_network).

    X: (n, d) or (n,); y: (n, o) or (n,). Gradients are network.backward's
    (one forward pass serves both). For a sigmoid output with "bce" the loss
    is computed from z2 (stable).
    """
    chosen = get_loss(loss)

    def objective(params):
        factors = chain_factors(X, y, params, output, loss)
        layers = factors.layers
        targets = match_targets(y, layers.o)
        with quiet():
            if output == "sigmoid" and loss == "bce":
                loss_value = binary_cross_entropy_from_logits(layers.z2, targets)
            else:
                loss_value = chosen.value(layers.o, targets)
        return loss_value, gradients_from_factors(factors)

    return objective


def softmax_objective(X, Y_onehot):
    """Return the objective of softmax(X @ W + b) with cross-entropy: params {"W": (d, k), "b": (k,)}.

    X: (n, d); Y_onehot: (n, k). dL/dlogits = (probs - onehot) / n, so
    dL/dW = X^T @ that and dL/db = its column sums.
    """
    X = as_float_array(X)
    Y = as_float_array(Y_onehot)

    def objective(params):
        with quiet():
            logits = X @ params["W"] + params["b"]
            dl_dlogits = (softmax(logits) - Y) / X.shape[0]
            grads = {"W": X.T @ dl_dlogits, "b": dl_dlogits.sum(axis=0)}
        return cross_entropy_from_logits(logits, Y), grads

    return objective


__all__ = [
    "line_gradient",
    "line_objective",
    "linear_objective",
    "neuron_objective",
    "network_objective",
    "softmax_objective",
]

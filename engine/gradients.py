"""Analytic gradients: the line's, and the network's loss as an objective.

An objective is a callable `params -> (loss: float, grads: dict)` whose
grads have the same keys and shapes as params (numerical_gradient accepts
one as well).
"""

from __future__ import annotations

import numpy as np

from ._numeric import as_float_array, quiet
from .losses import binary_cross_entropy_from_logits, get_loss
from .network import chain_factors, gradients_from_factors, match_targets


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


def network_objective(X, y, output="linear", loss="l2"):
    """Return the objective of the one-hidden-layer network (params {"W1": (d, h), "b1": (h,), "W2": (h, o), "b2": (o,)}).

    X: (n, d) or (n,); y: (n, o) or (n,). Gradients come from network.chain_factors
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

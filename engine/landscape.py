"""Loss landscapes: the loss over a grid of (w, b), and the neuron's one-parameter slices."""

from __future__ import annotations

import warnings

import numpy as np

from ._numeric import as_float_array, quiet
from .activation import sigmoid
from .losses import bce_logit_terms, get_loss

def loss_grid(loss_fn, ws, bs):
    """Return Z (len(bs), len(ws)) with Z[i, j] = loss_fn(ws[j], bs[i]).

    Rows follow b and columns follow w, as Plotly's z[row = y][col = x].
    loss_fn(w, b) is first called once with whole meshgrid arrays, so a
    plain-Python loss (a for loop over the data adding up `(y(x, w, b) - yi)
    ** 2`) computes every grid point at once. If that call raises, or returns
    something of the wrong shape, loss_fn is called once per grid point
    instead: len(ws) * len(bs) Python calls, about a thousand times slower.
    Warnings are silenced; non-finite losses are kept as they are (in the
    per-point calls an OverflowError counts as inf and a ZeroDivisionError
    as nan; other errors propagate, as they are bugs in loss_fn).
    """
    ws = as_float_array(ws)
    bs = as_float_array(bs)
    W, B = np.meshgrid(ws, bs)
    with quiet(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            Z = np.asarray(loss_fn(W, B), dtype=np.float64)
            if Z.shape == W.shape:
                return Z
        except Exception:  # the reader's function need not accept arrays
            pass
        Z = np.empty(W.shape)
        for i, b in enumerate(bs):
            for j, w in enumerate(ws):
                Z[i, j] = _point_loss(loss_fn, float(w), float(b))
    return Z


def _point_loss(loss_fn, w, b):
    # Python floats raise where arrays give inf or nan; keep the grid going.
    try:
        return loss_fn(w, b)
    except OverflowError:
        return np.inf
    except ArithmeticError:
        return np.nan


def neuron_loss_slices(X, y, w, b, values, loss="bce"):
    """Return the neuron's loss as each parameter varies alone: {"w1": (k,), ..., "b": (k,)}.

    X: (n, d); y: (n,) labels; w: (d,); b: float; values: (k,) values to try;
    loss: "bce" (computed from the scores, stable) or another name in LOSSES.
    Curve "wj" changes weight j only, "b" the bias only, as in the
    per-parameter loss plots. Vectorised: one (k, n) array of scores per curve.
    Mark each curve's optimum with slice_minimum(values, curve).
    """
    X = as_float_array(X)
    y = as_float_array(y)
    w = as_float_array(w)
    values = as_float_array(values)
    slices = {}
    for j in range(w.size):
        weights = np.tile(w, (values.size, 1))  # (k, d): one weight vector per value
        weights[:, j] = values
        slices[f"w{j + 1}"] = _neuron_losses(weights @ X.T + b, y, loss)
    scores = X @ w  # (n,)
    slices["b"] = _neuron_losses(scores[None, :] + values[:, None], y, loss)
    return slices


def _neuron_losses(Z, y, loss):
    # The loss of each row of scores Z (k, n) against labels y (n,).
    with quiet():
        if loss == "bce":
            return bce_logit_terms(Z, y).mean(axis=1)
        chosen = get_loss(loss)
        return np.array([chosen.value(sigmoid(row), y) for row in Z])


def slice_minimum(values, losses):
    """Return (value, loss) at the lowest point of a sampled curve (nan, nan if none).

    values, losses: (k,). The minimum is the lowest sample, not interpolated,
    so the marked optimum lies exactly on the drawn curve.
    """
    values = as_float_array(values)
    losses = as_float_array(losses)
    finite = np.isfinite(losses)
    if not finite.any():
        return float("nan"), float("nan")
    k = int(np.argmin(np.where(finite, losses, np.inf)))
    return float(values[k]), float(losses[k])

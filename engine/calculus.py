"""Slopes measured numerically (the one central difference) and the roller-coaster curve."""

from __future__ import annotations

import numpy as np

from ._numeric import as_float_array, float_if_scalar, quiet, quietly


def derivative(f, x, h=1e-6):
    """Return the slope of f at x by the central difference (f(x+h) - f(x-h)) / 2h.

    f: a function of one number (vectorised functions accept arrays of x);
    x: scalar or array. The error shrinks like h^2, unlike the one-sided
    difference, whose error shrinks only like h. Every slope the course
    measures (numerical_gradient, the checks of a reader's gradient and
    training) is this one formula.
    """
    with quiet():
        return float_if_scalar((as_float_array(f(x + h)) - as_float_array(f(x - h))) / (2.0 * h))


def numerical_gradient(f, params, h=1e-6, relative=False):
    """Return the gradient of f at params, one `derivative` per number.

    f: a function taking a params dict and returning a float (or an
    objective's (loss, grads)); params: dict of name -> float or array.
    Each number is nudged by +h and -h in turn, all others fixed; with
    `relative` the nudge is h * max(1, |number|), so large parameters are
    moved by enough to change the loss. Returns a dict with the same keys
    and shapes (floats for scalar parameters). Costs 2 calls of f per number.
    """
    grads = {}
    for name, value in params.items():
        base = as_float_array(value)
        slope = np.zeros_like(base)
        for index in np.ndindex(base.shape):
            step = h * max(1.0, abs(float(base[index]))) if relative else h
            slope[index] = derivative(lambda t: _scalar_of(f(_moved(params, name, index, t))), base[index], step)
        grads[name] = float_if_scalar(slope)
    return grads


def _moved(params: dict, name, index, value) -> dict:
    # A copy of params with one number replaced; scalars go back as floats
    # so f sees the same kinds it was given.
    moved = {}
    for key, original in params.items():
        array = np.array(original, dtype=np.float64)
        if key == name:
            array[index] = value
        moved[key] = float(array) if np.ndim(original) == 0 else array
    return moved


def _scalar_of(result) -> float:
    # Accept an objective's (loss, grads) as well as a bare loss.
    if isinstance(result, tuple):
        result = result[0]
    return float(result)


@quietly
def roller_coaster(x):
    """Return the roller-coaster quartic f(x) = x^4/4 - 3x^2/2 + 1.3x.

    x: scalar or any shape. On [-2.5, 2.5] it has two valleys (near x = -1.9
    and x = 1.5) and a hill between them; its slope at x = 0 is exactly 1.3.
    """
    x = as_float_array(x)
    return float_if_scalar(((0.25 * x * x - 1.5) * x + 1.3) * x)

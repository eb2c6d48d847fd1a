"""Slopes measured numerically, tangent lines, and the roller-coaster curve."""

from __future__ import annotations

import numpy as np

from ._numeric import as_float_array, plain, quiet, quietly

# The tangent widget's x slider runs over this interval.
ROLLER_COASTER_DOMAIN = (-2.5, 2.5)


def derivative(f, x, h=1e-6):
    """Return the slope of f at x by the central difference (f(x+h) - f(x-h)) / 2h.

    f: a function of one number (vectorised functions accept arrays of x);
    x: scalar or array. The error shrinks like h^2, unlike the one-sided
    difference, whose error shrinks only like h.
    """
    with quiet():
        return plain((as_float_array(f(x + h)) - as_float_array(f(x - h))) / (2.0 * h))


def _copy_params(params: dict) -> dict:
    return {name: np.array(value, dtype=np.float64) for name, value in params.items()}


def numerical_gradient(f, params, h=1e-6):
    """Return the gradient of f at params, measured by central differences.

    f: a function taking a params dict and returning a float; params: dict of
    name -> float or array. Each number is nudged by +h and -h in turn, all
    others fixed. Returns a dict with the same keys and shapes (floats for
    scalar parameters). Costs 2 calls of f per number.
    """
    grads = {}
    with quiet():
        for name, value in params.items():
            base = as_float_array(value)
            slope = np.zeros_like(base)
            for index in np.ndindex(base.shape):
                moved = _copy_params(params)
                moved[name][index] = base[index] + h
                up = _scalar_of(f(_unwrap(moved, params)))
                moved[name][index] = base[index] - h
                down = _scalar_of(f(_unwrap(moved, params)))
                slope[index] = (up - down) / (2.0 * h)
            grads[name] = plain(slope)
    return grads


def _unwrap(moved: dict, original: dict) -> dict:
    # Hand scalars back as floats so f sees the same kinds it was given.
    return {
        name: float(value) if np.ndim(original[name]) == 0 else value
        for name, value in moved.items()
    }


def _scalar_of(result) -> float:
    # Accept an objective's (loss, grads) as well as a bare loss.
    if isinstance(result, tuple):
        result = result[0]
    return float(result)


@quietly
def tangent_line(f, x0, xs, fprime=None):
    """Return (slope, ys): the tangent to f at x0, evaluated at xs.

    f: a function of one number; x0: float; xs: (m,) where to draw the line;
    fprime: the exact derivative if known, otherwise the slope is measured
    with `derivative`. ys = f(x0) + slope * (xs - x0).
    """
    slope = float(fprime(x0)) if fprime is not None else float(derivative(f, x0))
    return slope, plain(float(f(x0)) + slope * (as_float_array(xs) - x0))


@quietly
def roller_coaster(x):
    """Return the roller-coaster quartic f(x) = x^4/4 - 3x^2/2 + 1.3x.

    x: scalar or any shape. On [-2.5, 2.5] it has two valleys (near x = -1.9
    and x = 1.5) and a hill between them; its slope at x = 0 is exactly 1.3.
    """
    x = as_float_array(x)
    return plain(((0.25 * x * x - 1.5) * x + 1.3) * x)


@quietly
def roller_coaster_slope(x):
    """Return the exact slope of roller_coaster: f'(x) = x^3 - 3x + 1.3."""
    x = as_float_array(x)
    return plain((x * x - 3.0) * x + 1.3)

"""The line y = w x + b: the course's first model."""

from __future__ import annotations

import numpy as np

from ._numeric import as_float_array, float_if_scalar, quietly


@quietly
def line(x, w, b):
    """Return the line's output w * x + b at every input.

    x: scalar or array of any shape; w, b: scalars (or arrays that broadcast
    with x, e.g. meshgrids of parameters for a loss landscape).
    Returns a float for scalar inputs, otherwise an array of the broadcast shape.
    """
    # Lists would be repeated, not scaled, by `w * x`: make them arrays first.
    if isinstance(x, (list, tuple)):
        x = as_float_array(x)
    return float_if_scalar(np.add(np.multiply(w, x, dtype=np.float64), b, dtype=np.float64))

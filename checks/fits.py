"""misfit: say how a line misses its points, from the pattern of its errors."""

from __future__ import annotations

import numpy as np


def misfit(x, predictions, targets, weight="w", bias="b") -> str:
    """Return one sentence on which dial to turn, or "" when the errors show no pattern.

    x, predictions, targets: equal-length sequences. The advice is only given
    when every error proves it: all errors on one side (move the bias), or
    errors that change sign once and grow along x (the slope is off).
    """
    x = np.asarray(x, dtype=float)
    errors = np.asarray(predictions, dtype=float) - np.asarray(targets, dtype=float)
    if errors.size < 2 or not np.all(np.isfinite(errors)):
        return ""
    if np.all(errors > 0):
        return f" The line runs above every point: lower {bias}."
    if np.all(errors < 0):
        return f" The line runs below every point: raise {bias}."
    ordered = errors[np.argsort(x)]
    signs = np.sign(ordered[ordered != 0])
    if np.count_nonzero(np.diff(signs)) == 1:
        if signs[0] < 0:
            return f" The line is too steep: it starts below the points and ends above them. Lower {weight}."
        return f" The line is too flat: it starts above the points and ends below them. Raise {weight}."
    return ""

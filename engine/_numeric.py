"""Small numeric helpers shared by the engine's modules (not part of the API)."""

from __future__ import annotations

import numpy as np

# Overflow to inf and underflow to 0 are the honest limits of float64; the
# reader should see the number (inf, 0, nan), never a NumPy warning.
def quiet():
    """Return a context that silences NumPy floating-point warnings."""
    return np.errstate(all="ignore")


# The same, as a decorator for whole functions (NumPy's errstate supports
# this use, and each call gets its own setting, so nesting is safe).
quietly = np.errstate(all="ignore")


def as_float_array(values) -> np.ndarray:
    """Return `values` as a float64 array (lists, tuples and scalars too)."""
    return np.asarray(values, dtype=np.float64)


def float_if_scalar(result):
    """Return a 0-d result as a Python float, any other array unchanged.

    Lessons print results; NumPy 2 shows scalars as `np.float64(2.0)`, which
    is noise for a newcomer, so scalar answers come back as plain floats.
    """
    if isinstance(result, np.ndarray) and result.ndim == 0:
        return float(result)
    if isinstance(result, np.floating):
        return float(result)
    return result

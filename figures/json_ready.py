"""Turn figure data into JSON-ready values: arrays to lists, non-finite floats to None."""

from __future__ import annotations

import math

import numpy as np


def plain(value):
    """Return `value` with arrays as lists and non-finite floats as None."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, np.ndarray):
        if value.dtype.kind == "f":
            return [plain(item) for item in value.tolist()] if value.ndim > 1 else _finite_list(value)
        return value.tolist()
    if isinstance(value, (np.floating, float)):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def _finite_list(array: np.ndarray) -> list:
    values = array.tolist()
    if np.isfinite(array).all():
        return values
    return [number if math.isfinite(number) else None for number in values]

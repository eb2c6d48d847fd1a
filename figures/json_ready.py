"""Turn results into JSON-ready values: the one converter the course uses.

Figures, widget replies and the first states a build embeds go through
`plain` on their way to JavaScript or into a page; the Pyodide parity test
uses it too, keeping inf and nan so the two runtimes can be compared.
"""

from __future__ import annotations

import math

import numpy as np


def plain(value, keep_non_finite: bool = False):
    """Return `value` with arrays and tuples as lists, NumPy scalars as Python ones.

    Non-finite floats become None (Plotly draws a gap there), unless
    `keep_non_finite`, when inf and nan stay floats (json.dumps writes them
    as Infinity and NaN). Dict keys become strings.
    """
    if isinstance(value, dict):
        return {str(key): plain(item, keep_non_finite) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item, keep_non_finite) for item in value]
    if isinstance(value, np.ndarray):
        if value.dtype.kind == "f" and value.ndim == 1 and not keep_non_finite:
            return _finite_list(value)
        return plain(value.tolist(), keep_non_finite) if value.ndim > 1 or value.dtype.kind == "f" else value.tolist()
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, (np.floating, float)):
        number = float(value)
        return number if keep_non_finite or math.isfinite(number) else None
    if isinstance(value, np.integer):
        return int(value)
    return value


def _finite_list(array: np.ndarray) -> list:
    values = array.tolist()
    if np.isfinite(array).all():
        return values
    return [number if math.isfinite(number) else None for number in values]

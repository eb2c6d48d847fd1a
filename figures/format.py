"""How figures write numbers in labels and descriptions."""

from __future__ import annotations

import math


def number(value: float, digits: int = 2) -> str:
    """Format a number for labels: fixed decimals, or scientific when huge."""
    if not math.isfinite(value):
        return "∞" if value > 0 else ("-∞" if value < 0 else "undefined")
    if value != 0 and (abs(value) >= 1e5 or abs(value) < 10 ** -digits):
        return f"{value:.{digits}e}"
    return f"{value:.{digits}f}"

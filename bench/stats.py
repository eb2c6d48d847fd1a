"""Small statistics for benchmark samples: median and 95th percentile."""

from __future__ import annotations

import math
import statistics


def summary(samples: list[float]) -> dict:
    """Median, p95 (nearest rank) and count of `samples`."""
    values = sorted(v for v in samples if v is not None and math.isfinite(v))
    if not values:
        return {"median": None, "p95": None, "n": 0}
    rank = max(1, math.ceil(0.95 * len(values)))
    return {"median": statistics.median(values), "p95": values[rank - 1], "n": len(values)}


def ratio(value, floor):
    if value is None or not floor:
        return None
    return value / floor

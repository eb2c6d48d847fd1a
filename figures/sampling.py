"""Sampling a reader's function for drawing: elementwise calls, point pairs, ranges, clipping, thinning."""

from __future__ import annotations

import math

import numpy as np


def call_elementwise(fn, *arrays):
    """Call a reader's function on arrays; if it only takes numbers, map it.

    Readers write functions like `def y(x, w, b): return w * x + b`, which
    work on whole NumPy arrays at once. One written with `math.exp` or an
    `if` does not; then it is called once per element. Errors raised by the
    function itself on plain numbers propagate, so the reader sees them.
    """
    arrays = np.broadcast_arrays(*[np.asarray(a, dtype=np.float64) for a in arrays])
    shape = arrays[0].shape
    with np.errstate(all="ignore"):
        try:
            result = np.asarray(fn(*arrays), dtype=np.float64)
            if result.shape == shape:
                return result
            if result.ndim == 0:
                return np.full(shape, float(result))
        except Exception:
            pass
        flat = [_number(fn, *(float(a.flat[i]) for a in arrays)) for i in range(arrays[0].size)]
    return np.asarray(flat, dtype=np.float64).reshape(shape)


def _number(fn, *args) -> float:
    try:
        return float(fn(*args))
    except OverflowError:
        return math.inf


def as_points(data) -> tuple[np.ndarray, np.ndarray]:
    """Return (x, y) arrays from [(x, y), ...] pairs or from an (xs, ys) pair."""
    array = np.asarray(data, dtype=np.float64)
    if array.ndim == 2 and array.shape[1] == 2:
        return array[:, 0], array[:, 1]
    if array.ndim == 2 and array.shape[0] == 2:
        return array[0], array[1]
    raise ValueError(f"data should be (x, y) pairs; got an array of shape {array.shape}")


def padded_range(values, pad: float = 0.08, minimum_span: float = 1.0) -> list[float]:
    """Return [low, high] around the finite values, with a margin."""
    values = np.asarray(values, dtype=np.float64)
    values = values[np.isfinite(values)]
    if values.size == 0:
        return [-1.0, 1.0]
    low, high = float(values.min()), float(values.max())
    span = max(high - low, minimum_span)
    middle = (low + high) / 2
    return [middle - span * (0.5 + pad), middle + span * (0.5 + pad)]


def clip_for_drawing(values: np.ndarray, view: list[float], factor: float = 50.0) -> np.ndarray:
    """Limit values to a band around the view so huge numbers still draw.

    A diverging model produces values like 1e200; Plotly cannot place
    them, and the line would vanish. Far outside the view they look the
    same as a value just outside, so cap them there.
    """
    low, high = view
    span = high - low
    with np.errstate(all="ignore"):
        return np.clip(values, low - factor * span, high + factor * span)


def thinned(count: int, limit: int = 500) -> np.ndarray:
    """Indices of at most `limit` of `count` recorded steps: evenly spread, the last kept.

    A long training run records thousands of steps; drawing every one would
    make each frame slower than the last, and the eye cannot tell the difference.
    """
    if count <= limit:
        return np.arange(count)
    return np.unique(np.append(np.linspace(0, count - 1, limit).astype(int), count - 1))


DENSE = 241  # samples across the x range: smooth curves, cheap to send

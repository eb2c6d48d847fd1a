"""What every figure builder shares: the registry, the figure shape, colours.

A builder returns `{"data": [traces], "layout": {...}, "description": str}`
that Plotly.js draws as it is. Registered builders (`@figure_builder`) are
the figure kinds lessons may name. Called directly, a builder returns
JSON-ready data (lists, floats, None for missing values); `builder.raw(...)`
returns the same figure with NumPy arrays in it, which the browser worker
hands to JavaScript as typed arrays without a detour through lists.

Colours are named tokens such as "@model" or "@data" that the page maps to
its light or dark palette (static/js/theme.js), so Python never decides
what the page looks like in either scheme.
"""

from __future__ import annotations

import functools
import math

import numpy as np

FIGURES: dict = {}

# Colour tokens the page's theme knows (static/js/theme.js has the palette).
COLOURS = ("@text", "@muted", "@grid", "@model", "@data", "@residual", "@point", "@optimum",
           "@path", "@gradient", "@positive", "@negative", "@class0", "@class1", "@plane",
           "@target", "@prediction", "@surface")


def figure_builder(fn):
    """Register `fn` as a figure kind; calling it returns JSON-ready data."""

    @functools.wraps(fn)
    def build(*args, **kwargs):
        return plain(fn(*args, **kwargs))

    build.raw = fn
    FIGURES[fn.__name__] = build
    return build


def figure(traces: list, layout: dict, description: str) -> dict:
    """Assemble a figure; `description` is read to screen-reader users."""
    return {"data": traces, "layout": layout, "description": description}


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


def path_through(xs, ys, close: bool = False) -> str:
    """An SVG path in data coordinates through the points; a NaN starts a new piece.

    Figures draw what moves on every slider step or Play frame as layout
    shapes with such paths: Plotly redraws shapes without recalculating
    its traces, several times faster than redrawing a trace. close: end
    each piece with Z (a filled polygon).
    """
    pieces, piece = [], []
    for x, y in zip(np.asarray(xs, dtype=np.float64).tolist(), np.asarray(ys, dtype=np.float64).tolist()):
        if math.isfinite(x) and math.isfinite(y):
            piece.append(f"{x:.12g},{y:.12g}")  # full enough to read w and b back exactly
        elif piece:
            pieces.append(piece)
            piece = []
    if piece:
        pieces.append(piece)
    end = " Z" if close else ""
    return " ".join("M" + " L".join(piece) + end for piece in pieces) or "M0,0"


def path_points(path: str) -> list[np.ndarray]:
    """Read a path made by path_through back: one (n, 2) array of points per piece."""
    pieces = []
    for piece in path.split("M")[1:]:
        points = [point.split(",") for point in piece.replace("Z", "").replace("L", " ").split()]
        pieces.append(np.array(points, dtype=np.float64).reshape(-1, 2))
    return pieces


def path_shape(path: str, colour: str, width: float = 2, fill: str | None = None, layer: str = "between") -> dict:
    """A layout shape drawing `path` (see path_through), between the grid and the traces."""
    shape = {"type": "path", "path": path, "xref": "x", "yref": "y", "layer": layer,
             "line": {"color": colour, "width": width}}
    if fill:
        shape["fillcolor"] = fill
    return shape


def dot_shape(x: float, y: float, colour: str, size: int = 12, xref: str = "x", yref: str = "y") -> dict:
    """A dot of `size` pixels at data point (x, y), as a layout shape."""
    half = size / 2
    return {"type": "circle", "xref": xref, "yref": yref, "xsizemode": "pixel", "ysizemode": "pixel",
            "xanchor": x, "yanchor": y, "x0": -half, "x1": half, "y0": -half, "y1": half,
            "fillcolor": colour, "line": {"color": "@text", "width": 1}, "layer": "above"}


def thinned(count: int, limit: int = 500) -> np.ndarray:
    """Indices of at most `limit` of `count` recorded steps: evenly spread, the last kept.

    A long training run records thousands of steps; drawing every one would
    make each frame slower than the last, and the eye cannot tell the difference.
    """
    if count <= limit:
        return np.arange(count)
    return np.unique(np.append(np.linspace(0, count - 1, limit).astype(int), count - 1))


def axis(title: str, range_=None, **extra) -> dict:
    spec = {"title": {"text": title}, "zeroline": True}
    if range_ is not None:
        spec["range"] = list(range_)
        spec["autorange"] = False
    spec.update(extra)
    return spec


def number(value: float, digits: int = 2) -> str:
    """Format a number for labels: fixed decimals, or scientific when huge."""
    if not math.isfinite(value):
        return "∞" if value > 0 else ("-∞" if value < 0 else "undefined")
    if value != 0 and (abs(value) >= 1e5 or abs(value) < 10 ** -digits):
        return f"{value:.{digits}e}"
    return f"{value:.{digits}f}"

"""Layout shapes for what moves every frame: SVG paths in data coordinates, and dots."""

from __future__ import annotations

import math

import numpy as np


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

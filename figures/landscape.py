"""The `landscape` figure: draw the loss over a (w, b) grid, with the current point."""

from __future__ import annotations

import math

import numpy as np

from engine.landscape import loss_grid
from figures.figure import axis, camera, figure, figure_builder
from engine.formatting import number
from figures.sampling import thinned
from figures.shapes import dot_shape, path_shape, path_through


GRID = 120  # points per axis: Plotly upsamples smaller surface grids, which costs more


def _grid(loss, w_range, b_range, memo):
    """Return (ws, bs, Z, heights, lowest index), kept in `memo` while the loss is the same.

    Redrawing for a new (w, b) reuses the grid: only a cell that runs
    (clearing the memo) can change the loss function or its data.
    """
    key = ("landscape", id(loss), tuple(w_range), tuple(b_range))
    if memo is not None and key in memo:
        return memo[key]
    ws = np.linspace(w_range[0], w_range[1], GRID)
    bs = np.linspace(b_range[0], b_range[1], GRID)
    Z = loss_grid(loss, ws, bs)
    lowest = np.unravel_index(np.argmin(np.where(np.isfinite(Z), Z, np.inf)), Z.shape)
    result = (ws, bs, Z, _height(Z), lowest)
    if memo is not None:
        memo[key] = result
    return result


def _height(values):
    """Heights to draw: log10(1 + loss), so valleys show next to huge walls."""
    with np.errstate(all="ignore"):
        return np.log10(1.0 + np.maximum(np.asarray(values, dtype=np.float64), 0.0))


def _point_loss(loss, w, b) -> float:
    try:
        return float(loss(w, b))
    except OverflowError:
        return math.inf


@figure_builder
def landscape(loss, w, b, w_range=(-10, 10), b_range=(-15, 15), view="contour", path=None,
              gradient=None, show_minimum=False, memo=None):
    """Draw the loss over a (w, b) grid, with the current point.

    loss(w, b): the reader's loss; it is called once with whole grids when it
    can be. view: "contour" (from above) or "surface" (3-D). The height is
    log10(1 + loss) so the valley stays visible next to its steep walls.
    path: {"w": [...], "b": [...]} of the steps taken so far; gradient:
    (dL/dw, dL/db) at the point, drawn as an arrow that points uphill.
    """
    ws, bs, Z, H, lowest = _grid(loss, w_range, b_range, memo)
    current = _point_loss(loss, w, b)
    if view == "surface":
        traces, layout = _surface(ws, bs, H, w, b, current, path, loss)
    else:
        traces, layout = _contour(ws, bs, H, w, b, path, gradient, w_range, b_range)
    if show_minimum:
        bw, bb = float(ws[lowest[1]]), float(bs[lowest[0]])
        if view == "surface":
            traces.append(_marker(bw, bb, float(H[lowest]), "lowest point", "@optimum", "diamond"))
        else:
            layout["shapes"].append(dot_shape(bw, bb, "@optimum", 10))
    return figure(traces, layout, _describe(ws, bs, Z, lowest, w, b, current, path, gradient))


def _describe(ws, bs, Z, lowest, w, b, current, path, gradient) -> str:
    """Say where the point is, how it got there, which way is downhill and where the bottom is."""
    text = f"Loss landscape over w and b; the current point w = {number(float(w))}, b = {number(float(b))} has loss {number(current)}"
    steps = len(path["w"]) - 1 if path and path.get("w") is not None and len(path["w"]) else 0
    if steps > 0:
        text += f", after {steps} step{'s' if steps != 1 else ''} from w = {number(float(path['w'][0]))}, b = {number(float(path['b'][0]))}"
    if gradient is not None:
        dw, db = (float(g) for g in gradient)
        text += f"; the gradient is ({number(dw)}, {number(db)}), so downhill is {_downhill(-dw, -db)}"
    if np.isfinite(Z[lowest]):
        text += (f"; the lowest point on this map is near w = {number(float(ws[lowest[1]]))}, "
                 f"b = {number(float(bs[lowest[0]]))}, loss {number(float(Z[lowest]))}")
    return text


def _downhill(dw: float, db: float) -> str:
    """Name the direction (dw, db) in words: w is across, b is up."""
    parts = []
    if abs(dw) >= 0.2 * max(abs(dw), abs(db)) and dw:
        parts.append("larger w" if dw > 0 else "smaller w")
    if abs(db) >= 0.2 * max(abs(dw), abs(db)) and db:
        parts.append("larger b" if db > 0 else "smaller b")
    return " and ".join(parts) or "nowhere (it is flat here)"


def _marker(w, b, height, name, colour, symbol="circle"):
    """A point in the 3-D view."""
    return {"type": "scatter3d", "mode": "markers", "name": name, "x": [w], "y": [b], "z": [height],
            "marker": {"color": colour, "size": 6, "symbol": symbol, "line": {"color": "@text", "width": 1}}}


def _contour(ws, bs, H, w, b, path, gradient, w_range, b_range):
    # The contour is costly for Plotly to redraw, so what moves (the point, the
    # path, the arrow) is drawn as layout shapes: a slider drag or a Play frame
    # then changes only the layout and the contour trace stays as it was.
    traces = [{
        "type": "contour", "x": ws, "y": bs, "z": H, "name": "loss", "colorscale": "Viridis",
        "reversescale": True, "ncontours": 24, "line": {"width": 0.5, "color": "rgba(0,0,0,0.25)"},
        "colorbar": {"title": {"text": "log₁₀(1+loss)", "side": "right"}, "thickness": 12},
        "hovertemplate": "w = %{x:.2f}<br>b = %{y:.2f}<extra></extra>",
    }]
    shapes = []
    if path is not None and len(path.get("w", [])) > 1:
        keep = thinned(len(path["w"]))
        shapes.append(path_shape(path_through(np.asarray(path["w"], dtype=np.float64)[keep],
                                              np.asarray(path["b"], dtype=np.float64)[keep]), "@path", 2, layer="above"))
    shapes.append(dot_shape(float(w), float(b), "@point"))
    layout = {"xaxis": axis("w", w_range), "yaxis": axis("b", b_range), "showlegend": False, "shapes": shapes}
    if gradient is not None:
        layout["annotations"] = [_arrow(float(w), float(b), gradient, w_range, b_range)]
    return traces, layout


def _arrow(w, b, gradient, w_range, b_range) -> dict:
    """The gradient as an arrow from the point, uphill; long ones are shortened to fit."""
    dw, db = (float(g) for g in gradient)
    # Compare lengths in screen-like units: each axis span counts as 1.
    sw, sb = w_range[1] - w_range[0], b_range[1] - b_range[0]
    length = math.hypot(dw / sw, db / sb)
    scale = 0.25 / length if length > 0.25 else 1.0
    if not math.isfinite(scale) or length == 0:
        scale = 0.0
    # Annotations are not clipped to the plot: shorten the arrow to end inside it.
    for start, delta, (low, high) in ((w, dw * scale, w_range), (b, db * scale, b_range)):
        end = start + delta
        if delta and not low <= end <= high and low <= start <= high:
            scale *= ((high if end > high else low) - start) / delta
    return {"x": w + dw * scale, "y": b + db * scale, "ax": w, "ay": b, "xref": "x", "yref": "y",
            "axref": "x", "ayref": "y", "showarrow": True, "arrowhead": 3, "arrowsize": 1.2,
            "arrowwidth": 3, "arrowcolor": "@gradient", "text": ""}


def _surface(ws, bs, H, w, b, current, path, loss):
    traces = [{
        "type": "surface", "x": ws, "y": bs, "z": H, "name": "loss", "colorscale": "Viridis",
        # Opaque and without projected contour lines: each extra pass costs a
        # redraw on every slider step, and the colours already show the height.
        "reversescale": True, "showscale": False,
        "hovertemplate": "w = %{x:.2f}<br>b = %{y:.2f}<extra></extra>",
    }]
    if path is not None and len(path.get("w", [])) > 1:
        keep = thinned(len(path["w"]))
        pw = np.asarray(path["w"], dtype=np.float64)[keep]
        pb = np.asarray(path["b"], dtype=np.float64)[keep]
        heights = _height([_point_loss(loss, a, c) for a, c in zip(pw, pb)])
        traces.append({"type": "scatter3d", "mode": "lines", "name": "path", "x": pw, "y": pb,
                       "z": heights, "line": {"color": "@path", "width": 5}, "hoverinfo": "skip"})
    traces.append(_marker(float(w), float(b), float(_height(current)), "current", "@point"))
    layout = {"scene": {"xaxis": {"title": {"text": "w"}}, "yaxis": {"title": {"text": "b"}},
                        "zaxis": {"title": {"text": "log₁₀(1+loss)"}},
                        "camera": camera(1.6, -1.6, 1.1),
                        "aspectmode": "manual", "aspectratio": {"x": 1, "y": 1, "z": 0.6}},
              "showlegend": False}
    return traces, layout

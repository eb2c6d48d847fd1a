"""The `line_fit` figure: draw data points and the model `model(x, w, b)` through them."""

from __future__ import annotations

import numpy as np

from figures.figure import axis, figure, figure_builder
from engine.formatting import number
from figures.sampling import DENSE, as_points, call_elementwise, clip_for_drawing, padded_range
from figures.shapes import path_shape, path_through


@figure_builder
def line_fit(model, data, w, b, squares=False, residuals=True, predictions=None,
             x_range=None, y_range=None, x_title="x", y_title="y"):
    """Draw data points and the model `model(x, w, b)` through them.

    data: (x, y) pairs; model: the reader's function (any shape, not only a
    line: a reader's edit changes what is drawn). `residuals` draws each
    point's error as a segment; `squares` draws it as a square whose area is
    the squared error (the axes then keep equal scales). `predictions`:
    x values to predict, shown as labelled diamonds on the model.
    """
    xs, ys = as_points(data)
    if predictions is not None:
        predictions = np.atleast_1d(np.asarray(predictions, dtype=np.float64))  # one number is fine too
    x_view = list(x_range) if x_range else padded_range(np.append(xs, [] if predictions is None else predictions))
    y_view = list(y_range) if y_range else padded_range(ys, pad=0.25)
    dense = np.linspace(x_view[0], x_view[1], DENSE)
    curve = call_elementwise(lambda x: model(x, w, b), dense)
    fitted = clip_for_drawing(call_elementwise(lambda x: model(x, w, b), xs), y_view)
    # The model and the errors move with every slider step: they are layout
    # shapes (cheap to redraw); the data points, which stay, are the trace.
    shapes = []
    if squares:
        shapes.append(_residual_squares(xs, ys, fitted))
    if residuals or squares:
        shapes.append(path_shape(_residual_segments(xs, ys, fitted), "@residual", 2))
    shapes.append(path_shape(path_through(dense, clip_for_drawing(curve, y_view)), "@model", 3))
    traces = [{
        "type": "scatter", "mode": "markers", "name": "data", "x": xs, "y": ys,
        "marker": {"color": "@data", "size": 9, "line": {"color": "@text", "width": 1}},
        "hovertemplate": "x = %{x}<br>y = %{y}<extra></extra>",
    }]
    if predictions is not None and predictions.size:
        px = predictions
        py = call_elementwise(lambda x: model(x, w, b), px)
        traces.append({
            "type": "scatter", "mode": "markers+text", "name": "predictions", "x": px,
            "y": clip_for_drawing(py, y_view), "text": [f"({number(a)}, {number(c)})" for a, c in zip(px, py)],
            "textposition": "top center", "textfont": {"color": "@prediction"},
            "marker": {"color": "@prediction", "size": 12, "symbol": "diamond"},
        })
    layout = {
        "xaxis": axis(x_title, x_view),
        "yaxis": axis(y_title, y_view, **({"scaleanchor": "x", "scaleratio": 1} if squares else {})),
        "showlegend": False, "shapes": shapes,
    }
    description = _describe(xs, ys, call_elementwise(lambda x: model(x, w, b), xs), w, b)
    return figure(traces, layout, description)


def _residual_segments(xs, ys, fitted) -> str:
    """Each point's error as a segment from the point to the model."""
    gap = np.full_like(xs, np.nan)
    return path_through(np.column_stack([xs, xs, gap]).ravel(), np.column_stack([ys, fitted, gap]).ravel())


def _residual_squares(xs, ys, fitted) -> dict:
    # A square on each error segment, on the side away from the data's middle:
    # its area is that point's squared error.
    side = fitted - ys
    direction = np.where(xs <= np.median(xs), -1.0, 1.0)
    x2 = xs + direction * np.abs(side)
    gap = np.full_like(xs, np.nan)
    x = np.column_stack([xs, x2, x2, xs, gap]).ravel()
    y = np.column_stack([ys, ys, ys + side, ys + side, gap]).ravel()
    return path_shape(path_through(x, y, close=True), "@residual", 1, fill="@residual-fill")


def _describe(xs, ys, fitted, w, b) -> str:
    """Say what the figure shows now: the model, its loss, and which side of it the points are."""
    text = f"The model with w = {number(float(w))}, b = {number(float(b))} and {len(xs)} data points"
    if not np.all(np.isfinite(fitted)):
        return text + "; the model gives no number at some points"
    above, below = int(np.sum(fitted > ys)), int(np.sum(fitted < ys))
    with np.errstate(over="ignore"):  # a diverged model's error is inf, said as such
        mse = float(np.mean((fitted - ys) ** 2))
    return text + f"; mean squared error {number(mse)}; the model is above {above} points and below {below}"

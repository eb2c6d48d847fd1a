"""Figures of one input: a model against data, curves, a tangent line."""

from __future__ import annotations

import numpy as np

from engine.calculus import derivative
from .base import (as_points, axis, call_elementwise, clip_for_drawing, figure, figure_builder, number,
                   padded_range, path_shape, path_through)

DENSE = 241  # samples across the x range: smooth curves, cheap to send


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
    description = (f"{len(xs)} data points and the model with w = {number(float(w))}, "
                   f"b = {number(float(b))}")
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


@figure_builder
def curve(f, x_range=(-10, 10), y_range=None, target=None, label="y", x_title="x", y_title="y",
          points=None):
    """Draw y = f(x) over x_range; `target` (a function or (xs, ys)) dashed behind it.

    points: optional (x, y) pairs to mark, e.g. the data a curve should fit.
    """
    dense = np.linspace(x_range[0], x_range[1], DENSE)
    ys = call_elementwise(f, dense)
    traces = []
    reference = None
    if target is not None:
        tx, reference = _target_points(target, dense)
        traces.append({
            "type": "scatter", "mode": "lines", "name": "target", "x": tx, "y": reference,
            "line": {"color": "@target", "width": 3, "dash": "dash"}, "hoverinfo": "skip",
        })
    y_view = list(y_range) if y_range else padded_range(
        np.concatenate([ys, reference if reference is not None else []]), pad=0.1)
    traces.append({
        "type": "scatter", "mode": "lines", "name": label, "x": dense, "y": clip_for_drawing(ys, y_view),
        "line": {"color": "@model", "width": 3},
        "hovertemplate": "x = %{x:.2f}<br>" + label + " = %{y:.3f}<extra></extra>",
    })
    if points is not None:
        px, py = as_points(points)
        traces.append({"type": "scatter", "mode": "markers", "name": "data", "x": px, "y": py,
                       "marker": {"color": "@data", "size": 8}})
    layout = {"xaxis": axis(x_title, x_range), "yaxis": axis(y_title, y_view), "showlegend": target is not None,
              "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0}}
    return figure(traces, layout, f"The curve {label} for x from {number(x_range[0])} to {number(x_range[1])}")


def _target_points(target, dense):
    if callable(target):
        return dense, call_elementwise(target, dense)
    return as_points(target)


@figure_builder
def tangent(f, x0, x_range=(-2.5, 2.5), y_range=None, slope=None, x_title="x", y_title="f(x)"):
    """Draw f, the point (x0, f(x0)) and the tangent line there with its slope."""
    dense = np.linspace(x_range[0], x_range[1], DENSE)
    ys = call_elementwise(f, dense)
    y0 = float(call_elementwise(f, np.array([x0]))[0])
    m = float(slope) if slope is not None else derivative(lambda x: float(call_elementwise(f, np.array([x]))[0]), float(x0))
    y_view = list(y_range) if y_range else padded_range(ys, pad=0.15)
    half = (x_range[1] - x_range[0]) * 0.22
    tx = np.array([x0 - half, x0 + half])
    traces = [
        {"type": "scatter", "mode": "lines", "name": "f", "x": dense, "y": ys,
         "line": {"color": "@model", "width": 3}, "hoverinfo": "skip"},
        {"type": "scatter", "mode": "lines", "name": "tangent", "x": tx, "y": y0 + m * (tx - x0),
         "line": {"color": "@gradient", "width": 3}, "hoverinfo": "skip"},
        {"type": "scatter", "mode": "markers", "name": "point", "x": [float(x0)], "y": [y0],
         "marker": {"color": "@point", "size": 12, "line": {"color": "@text", "width": 1}},
         "hovertemplate": "x = %{x:.2f}<br>f(x) = %{y:.3f}<extra></extra>"},
    ]
    layout = {
        "xaxis": axis(x_title, x_range), "yaxis": axis(y_title, y_view), "showlegend": False,
        "annotations": [{"x": float(x0), "y": y0, "yshift": 22, "showarrow": False,
                         "text": f"slope {m:.4f}", "font": {"color": "@gradient", "size": 14}}],
    }
    return figure(traces, layout, f"f and its tangent at x = {number(float(x0))}, slope {m:.4f}")

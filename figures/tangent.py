"""The `tangent` figure: draw f, the point (x0, f(x0)) and the tangent line there with its slope."""

from __future__ import annotations

import numpy as np

from engine.calculus import derivative
from figures.figure import axis, curve_line, figure, figure_builder
from engine.formatting import number
from figures.sampling import DENSE, call_elementwise, padded_range


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
         "line": curve_line("@model", 3), "hoverinfo": "skip"},
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

"""The `surface_fit` figure: draw data points in 3-D and the model surface f(x1, x2) across their range."""

from __future__ import annotations

import numpy as np

from figures.figure import camera, figure, figure_builder
from engine.formatting import number
from figures.sampling import call_elementwise


@figure_builder
def surface_fit(f, X, y, x_title="x₁", y_title="x₂", z_title="y"):
    """Draw data points in 3-D and the model surface f(x1, x2) across their range.

    X: (n, 2) inputs; y: (n,) targets; each point's error is a vertical line
    to the surface.
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    pad = 0.08 * (X.max(axis=0) - X.min(axis=0) + 1e-9)
    xs = np.linspace(X[:, 0].min() - pad[0], X[:, 0].max() + pad[0], 40)
    ys = np.linspace(X[:, 1].min() - pad[1], X[:, 1].max() + pad[1], 40)
    G1, G2 = np.meshgrid(xs, ys)
    Z = call_elementwise(f, G1, G2)
    fitted = call_elementwise(f, X[:, 0], X[:, 1])
    gap = np.full(len(y), np.nan)
    traces = [
        {"type": "surface", "x": xs, "y": ys, "z": Z, "colorscale": [[0, "@model"], [1, "@model"]],
         "opacity": 0.45, "showscale": False, "hoverinfo": "skip"},
        {"type": "scatter3d", "mode": "lines", "name": "error",
         "x": np.column_stack([X[:, 0], X[:, 0], gap]).ravel(), "y": np.column_stack([X[:, 1], X[:, 1], gap]).ravel(),
         "z": np.column_stack([y, fitted, gap]).ravel(), "line": {"color": "@residual", "width": 4}, "hoverinfo": "skip"},
        {"type": "scatter3d", "mode": "markers", "name": "data", "x": X[:, 0], "y": X[:, 1], "z": y,
         "marker": {"color": "@data", "size": 4},
         "hovertemplate": x_title + " %{x}<br>" + y_title + " %{y}<br>" + z_title + " %{z}<extra></extra>"},
    ]
    scene = {"xaxis": {"title": {"text": x_title}}, "yaxis": {"title": {"text": y_title}},
             "zaxis": {"title": {"text": z_title}}, "camera": camera(1.75, -1.5, 0.9),
             "aspectmode": "manual", "aspectratio": {"x": 1, "y": 1, "z": 0.7}}
    error = float(np.mean((fitted - y) ** 2))
    return figure(traces, {"scene": scene, "showlegend": False},
                  f"{len(y)} data points and the model's surface; mean squared error {number(error)}")

"""Figures of two inputs: a model's surface in 3-D or from above, with data."""

from __future__ import annotations

import numpy as np

from .base import axis, call_elementwise, figure, figure_builder, number

GRID = 120  # points per axis: Plotly upsamples smaller grids, which costs more


@figure_builder
def surface(f, x_range=(-10, 10), y_range=(-10, 10), z_range=None, view="3d", boundary=None,
            x_title="x₁", y_title="x₂", z_title="y"):
    """Draw z = f(x1, x2) over a grid, as a 3-D surface or from above.

    f: the reader's function of two inputs, called with whole grids when it
    can be. view: "3d" or "top" (a heat map with equal axes). boundary: a
    level (e.g. 0.5 for a sigmoid) drawn as a line in the top view, where
    the model switches from one side to the other.
    """
    xs = np.linspace(x_range[0], x_range[1], GRID)
    ys = np.linspace(y_range[0], y_range[1], GRID)
    X1, X2 = np.meshgrid(xs, ys)
    Z = call_elementwise(f, X1, X2)
    if view == "top":
        traces = [{"type": "heatmap", "x": xs, "y": ys, "z": Z, "colorscale": "RdBu", "reversescale": True,
                   "zsmooth": "best", "colorbar": {"title": {"text": z_title}, "thickness": 12},
                   **({"zmin": z_range[0], "zmax": z_range[1]} if z_range else {}),
                   "hovertemplate": x_title + " = %{x:.2f}<br>" + y_title + " = %{y:.2f}<br>" + z_title + " = %{z:.3f}<extra></extra>"}]
        if boundary is not None and np.nanmin(Z) < boundary < np.nanmax(Z):
            traces.append({"type": "contour", "x": xs, "y": ys, "z": Z, "showscale": False, "hoverinfo": "skip",
                           "contours": {"coloring": "none", "start": boundary, "end": boundary, "size": 1},
                           "line": {"color": "@text", "width": 3}})
        layout = {"xaxis": axis(x_title, x_range), "yaxis": axis(y_title, y_range, scaleanchor="x"),
                  "showlegend": False}
        return figure(traces, layout, f"{z_title} seen from above over {x_title} and {y_title}")
    traces = [{"type": "surface", "x": xs, "y": ys, "z": Z, "colorscale": "RdBu", "reversescale": True,
               "showscale": False, **({"cmin": z_range[0], "cmax": z_range[1]} if z_range else {}),
               "hovertemplate": x_title + " = %{x:.2f}<br>" + y_title + " = %{y:.2f}<br>" + z_title + " = %{z:.3f}<extra></extra>"}]
    scene = {"xaxis": {"title": {"text": x_title}}, "yaxis": {"title": {"text": y_title}},
             "zaxis": {"title": {"text": z_title}, **({"range": list(z_range)} if z_range else {})},
             "camera": {"eye": {"x": 1.5, "y": -1.45, "z": 0.85}},
             "aspectmode": "manual", "aspectratio": {"x": 1, "y": 1, "z": 0.7}}
    return figure(traces, {"scene": scene, "showlegend": False}, f"The surface {z_title} over {x_title} and {y_title}")


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
             "zaxis": {"title": {"text": z_title}}, "camera": {"eye": {"x": 1.55, "y": -1.35, "z": 0.8}},
             "aspectmode": "manual", "aspectratio": {"x": 1, "y": 1, "z": 0.7}}
    error = float(np.mean((fitted - y) ** 2))
    return figure(traces, {"scene": scene, "showlegend": False},
                  f"{len(y)} data points and the model's surface; mean squared error {number(error)}")

"""The `surface` figure: draw z = f(x1, x2) over a grid, as a 3-D surface or from above."""

from __future__ import annotations

import numpy as np

from figures.figure import axis, camera, figure, figure_builder
from figures.sampling import call_elementwise


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
             "camera": camera(1.5, -1.45, 0.85),
             "aspectmode": "manual", "aspectratio": {"x": 1, "y": 1, "z": 0.7}}
    return figure(traces, {"scene": scene, "showlegend": False}, f"The surface {z_title} over {x_title} and {y_title}")

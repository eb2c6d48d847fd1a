"""The `class_map` figure: draw a classifier's probability over a plane from above, and the labelled points on it."""

from __future__ import annotations

import numpy as np

from figures.figure import axis, figure, figure_builder
from figures.sampling import call_elementwise, padded_range


GRID = 80  # points per axis: a smooth map that is cheap to redraw every frame


SYMBOLS = ("circle", "diamond")  # class 0, class 1: told apart without colour too


@figure_builder
def class_map(f, X, y, x_range=None, y_range=None, boundary=0.5, held_out=None, classes=("class 0", "class 1"),
              x_title="x₁", y_title="x₂", z_title="P(class 1)", equal=False):
    """Draw a classifier's probability over a plane from above, and the labelled points on it.

    f(x1, x2): the probability of class 1, called with whole grids when it can
    be; X: (n, 2) points; y: (n,) labels 0/1. The map runs from class 0's
    colour (f = 0) through the background colour (f = 0.5, unsure) to class
    1's (f = 1), with a line where f crosses `boundary`; hovering shows f.
    held_out: optional (X, y) of points kept aside, drawn hollow. classes: the
    two class names for the legend. equal: the same scale on both axes.
    """
    X = np.asarray(X, dtype=np.float64).reshape(-1, 2)
    y = np.asarray(y).ravel()
    sets = [(X, y, "")]
    if held_out is not None:
        sets.append((np.asarray(held_out[0], dtype=np.float64).reshape(-1, 2), np.asarray(held_out[1]).ravel(),
                     " (held out)"))
    every = np.concatenate([points for points, _, _ in sets])
    x_view = list(x_range) if x_range else padded_range(every[:, 0], pad=0.15)
    y_view = list(y_range) if y_range else padded_range(every[:, 1], pad=0.15)
    xs = np.linspace(x_view[0], x_view[1], GRID)
    ys = np.linspace(y_view[0], y_view[1], GRID)
    G1, G2 = np.meshgrid(xs, ys)
    Z = call_elementwise(f, G1, G2)
    traces = [{"type": "heatmap", "x": xs, "y": ys, "z": Z, "zmin": 0.0, "zmax": 1.0, "zsmooth": "best",
               "colorscale": [[0.0, "@class0"], [0.5, "@surface"], [1.0, "@class1"]], "opacity": 0.6,
               "showscale": False,
               "hovertemplate": x_title + " = %{x:.2f}<br>" + y_title + " = %{y:.2f}<br>" + z_title
               + " = %{z:.3f}<extra></extra>"}]
    finite = Z[np.isfinite(Z)]
    if boundary is not None and finite.size and finite.min() < boundary < finite.max():
        traces.append({"type": "contour", "x": xs, "y": ys, "z": Z, "showscale": False, "showlegend": False,
                       "hoverinfo": "skip",
                       "contours": {"coloring": "none", "start": boundary, "end": boundary, "size": 1},
                       "line": {"color": "@text", "width": 2.5}})
    right = total = 0
    for points, labels, suffix in sets:
        if points.size:
            predicted = call_elementwise(f, points[:, 0], points[:, 1]) >= boundary
            right += int(np.sum(predicted == (labels == 1)))
            total += len(labels)
        for label, colour in ((0, "@class0"), (1, "@class1")):
            chosen = points[labels == label]
            symbol = SYMBOLS[label] + ("-open" if suffix else "")
            traces.append({"type": "scatter", "mode": "markers", "name": f"{classes[label]}{suffix}",
                           "x": chosen[:, 0], "y": chosen[:, 1],
                           "marker": {"symbol": symbol, "size": 12, "color": colour,
                                      "line": {"color": "@text", "width": 1.5 if not suffix else 2.5}},
                           "hovertemplate": f"{classes[label]}{suffix}<br>" + x_title + " = %{x}<br>" + y_title
                           + " = %{y}<extra></extra>"})
    square = {"constrain": "domain"} if equal else {}  # shrink the box, not widen the ranges
    layout = {"xaxis": axis(x_title, x_view, **square),
              "yaxis": axis(y_title, y_view, **({"scaleanchor": "x", **square} if equal else {})),
              "showlegend": True, "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0}}
    return figure(traces, layout,
                  f"{z_title} over {x_title} and {y_title}; {right} of {total} labelled points "
                  f"lie on their own class's side of the boundary")

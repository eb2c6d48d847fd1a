"""The `curve` figure: draw y = f(x) over x_range; `target` (a function or (xs, ys)) dashed behind it."""

from __future__ import annotations

import numpy as np

from figures.figure import axis, curve_line, figure, figure_builder
from engine.formatting import number
from figures.sampling import DENSE, as_points, call_elementwise, clip_for_drawing, padded_range


@figure_builder
def curve(f, x_range=(-10, 10), y_range=None, target=None, label="y", x_title="x", y_title="y",
          points=None, classes=None):
    """Draw y = f(x) over x_range; `target` (a function or (xs, ys)) dashed behind it.

    points: optional (x, y) pairs to mark, e.g. the data a curve should fit.
    classes: optional 0/1 label of each point; the points are then drawn in
    their class's colour, small and see-through, so hundreds of them stacked
    in one place read as two coloured bands instead of one black blob.
    """
    dense = np.linspace(x_range[0], x_range[1], DENSE)
    ys = call_elementwise(f, dense)
    traces = []
    reference = None
    if target is not None:
        tx, reference = _target_points(target, dense)
        traces.append({
            "type": "scatter", "mode": "lines", "name": "target", "x": tx, "y": reference,
            "line": curve_line("@target", 3, dash="dash"), "hoverinfo": "skip",
        })
    y_view = list(y_range) if y_range else padded_range(
        np.concatenate([ys, reference if reference is not None else []]), pad=0.1)
    traces.append({
        "type": "scatter", "mode": "lines", "name": label, "x": dense, "y": clip_for_drawing(ys, y_view),
        "line": curve_line("@model", 3),
        "hovertemplate": "x = %{x:.2f}<br>" + label + " = %{y:.3f}<extra></extra>",
    })
    if points is not None:
        px, py = as_points(points)
        if classes is None:
            traces.append({"type": "scatter", "mode": "markers", "name": "data", "x": px, "y": py,
                           "marker": {"color": "@data", "size": 8}})
        else:
            traces.extend(_class_points(px, py, np.asarray(classes).ravel()))
    legend = target is not None or classes is not None
    layout = {"xaxis": axis(x_title, x_range), "yaxis": axis(y_title, y_view), "showlegend": legend,
              "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0}}
    return figure(traces, layout, f"The curve {label} for x from {number(x_range[0])} to {number(x_range[1])}")


def _class_points(px, py, classes):
    """One trace per class, each point in its class's colour (as `clusters` draws them)."""
    if classes.shape != px.shape:
        raise ValueError(f"classes should hold one label per point: {classes.size} labels for {px.size} points")
    return [{"type": "scatter", "mode": "markers", "name": f"class {label}", "x": px[classes == label],
             "y": py[classes == label], "hoverinfo": "skip",
             "marker": {"color": colour, "size": 5, "opacity": 0.45}}
            for label, colour in ((0, "@class0"), (1, "@class1"))]


def _target_points(target, dense):
    if callable(target):
        return dense, call_elementwise(target, dense)
    return as_points(target)

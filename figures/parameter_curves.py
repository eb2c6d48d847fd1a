"""The `parameter_curves` figure: draw four small plots: the loss as w1, w2, w3 or b alone varies."""

from __future__ import annotations

import numpy as np

from engine.landscape import neuron_loss_slices, slice_minimum
from figures.figure import axis, curve_line, figure, figure_builder
from engine.formatting import number


PARAMETERS = ("w1", "w2", "w3", "b")


@figure_builder
def parameter_curves(X, y, w, b, span=6.0, points=121):
    """Draw four small plots: the loss as w1, w2, w3 or b alone varies.

    Each curve holds the other parameters where they are now, so its shape
    changes as they train. The current value is a dot, each curve's lowest
    point a diamond. span: each axis covers -span..span.
    """
    w = np.asarray(w, dtype=np.float64).ravel()
    b = float(np.asarray(b, dtype=np.float64).ravel()[0])
    values = np.linspace(-span, span, points)
    curves = neuron_loss_slices(X, y, w, b, values)
    current = dict(zip(PARAMETERS, [*w, b]))
    traces = []
    layout = {"showlegend": False, "grid": {"rows": 2, "columns": 2, "pattern": "independent",
                                            "xgap": 0.18, "ygap": 0.5},
              "margin": {"l": 44, "r": 12, "t": 24, "b": 36}}
    for index, name in enumerate(PARAMETERS):
        suffix = "" if index == 0 else str(index + 1)
        curve = curves[name]
        best_value, best_loss = slice_minimum(values, curve)
        now = float(np.interp(current[name], values, curve)) if -span <= current[name] <= span else None
        traces += [
            {"type": "scatter", "mode": "lines", "x": values, "y": curve, "xaxis": f"x{suffix}", "yaxis": f"y{suffix}",
             "line": curve_line("@model", 2), "hoverinfo": "skip"},
            {"type": "scatter", "mode": "markers", "x": [best_value], "y": [best_loss], "xaxis": f"x{suffix}",
             "yaxis": f"y{suffix}", "marker": {"color": "@optimum", "size": 10, "symbol": "diamond"},
             "hovertemplate": f"lowest at {name} = %{{x:.2f}}<extra></extra>"},
            {"type": "scatter", "mode": "markers", "x": [min(max(current[name], -span), span)], "y": [now],
             "xaxis": f"x{suffix}", "yaxis": f"y{suffix}", "marker": {"color": "@point", "size": 10},
             "hovertemplate": f"now {name} = %{{x:.2f}}<extra></extra>"},
        ]
        layout[f"xaxis{suffix}"] = axis(name, [-span, span])
        layout[f"yaxis{suffix}"] = axis("loss" if index % 2 == 0 else "", rangemode="tozero")
    description = "Loss along each parameter: " + ", ".join(f"{n} = {number(float(current[n]))}" for n in PARAMETERS)
    return figure(traces, layout, description)

"""The `network_output` figure: draw y(x) of a 1-input network with hidden sigmoid neurons, and each neuron's share."""

from __future__ import annotations

import numpy as np

from engine.formatting import number
from engine.network import network_curve, neuron_contributions
from figures.figure import axis, curve_line, figure, figure_builder
from figures.sampling import DENSE, call_elementwise, padded_range


@figure_builder
def network_output(wi, bi, wo, bo=0.0, x_range=(-10, 10), y_range=None, target=None, parts=True):
    """Draw y(x) of a 1-input network with hidden sigmoid neurons, and each neuron's share.

    wi, bi, wo: each hidden neuron's input weight, bias and output weight.
    parts: draw each neuron's contribution wo_j * sigmoid(wi_j x + bi_j)
    thinly, to show how they stack into the curve. target: a function or
    (xs, ys) the network should match, dashed.
    """
    dense = np.linspace(x_range[0], x_range[1], DENSE)
    total = network_curve(dense, wi, bi, wo, bo)
    traces = []
    if parts and len(np.atleast_1d(wo)) > 1:
        shares = neuron_contributions(dense, wi, bi, wo)
        for index, share in enumerate(shares):  # (k, n): one row per neuron
            traces.append({"type": "scatter", "mode": "lines", "name": f"neuron {index + 1}", "x": dense, "y": share,
                           "line": curve_line("@muted", 1.5, dash="dot"), "hoverinfo": "skip"})
    reference = []
    if target is not None:
        if callable(target):
            tx, ty = dense, call_elementwise(target, dense)
        else:
            tx, ty = (np.asarray(a, dtype=np.float64) for a in target)
        reference = ty
        traces.append({"type": "scatter", "mode": "lines", "name": "target", "x": tx, "y": ty,
                       "line": curve_line("@target", 4, dash="dash"), "hoverinfo": "skip"})
    traces.append({"type": "scatter", "mode": "lines", "name": "network", "x": dense, "y": total,
                   "line": curve_line("@model", 3),
                   "hovertemplate": "x = %{x:.2f}<br>y = %{y:.3f}<extra></extra>"})
    y_view = list(y_range) if y_range else padded_range(np.concatenate([total, reference]), pad=0.1)
    layout = {"xaxis": axis("x", x_range), "yaxis": axis("y", y_view), "showlegend": False}
    count = len(np.atleast_1d(wo))
    description = (f"The curve drawn by a network of {count} hidden neuron{'s' if count != 1 else ''}, "
                   f"from {number(float(total[0]))} at x = {number(float(x_range[0]))} "
                   f"to {number(float(total[-1]))} at x = {number(float(x_range[1]))}")
    if target is not None and callable(target):
        with np.errstate(all="ignore"):
            gap = float(np.nanmean((total - np.asarray(reference, dtype=np.float64)) ** 2))
        description += f"; mean squared distance to the target {number(gap)}"
    return figure(traces, layout, description)

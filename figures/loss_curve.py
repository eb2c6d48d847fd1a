"""The `loss_curve` figure: draw the loss at each recorded step; a log scale once it spans many orders."""

from __future__ import annotations

import math

import numpy as np

from figures.figure import axis, figure, figure_builder
from engine.formatting import number
from figures.sampling import thinned
from figures.shapes import dot_shape, path_shape, path_through

# A log axis shows at most this many powers of ten below its top: further down
# is rounding noise (a step of 1e-16 is the last bit of a float), not learning.
LOG_DECADES = 10
# Ticks read as plain numbers (0.001, 1000) while they stay within 10^±PLAIN_POWERS;
# beyond, as powers (10⁻⁶, 10⁶), which stay short.
PLAIN_POWERS = 4
MOST_TICKS = 7


def _nice_ceiling(value: float) -> float:
    """The next of 1, 2, 5, 10, 20, 50, ... at or above `value`."""
    if value <= 0 or not math.isfinite(value):
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value)


@figure_builder
def loss_curve(losses, iterations=None, title="loss", log=None, diverged_at=None):
    """Draw the loss at each recorded step; a log scale once it spans many orders.

    iterations: the iteration of each loss (e.g. history["iteration_counter"]),
    when a recorded step is several iterations; by default they are counted
    as steps 0, 1, 2, ... The axes grow in stages (10, 20, 50, ...) rather
    than every frame, so the curve does not jitter while training runs.
    """
    values = np.asarray([np.nan if v is None else v for v in losses], dtype=np.float64)
    x_title = "step" if iterations is None else "iteration"
    iterations = np.arange(values.size) if iterations is None else np.asarray(iterations, dtype=np.float64)
    finite = values[np.isfinite(values) & (values > 0)]
    if log is None:
        log = finite.size > 1 and finite.max() / max(finite.min(), 1e-300) > 1e3
    # The curve grows on every Play frame: it is a layout shape, which Plotly
    # redraws without recalculating traces, and the plot has no trace at all.
    last = number(float(values[-1])) if values.size else "none yet"
    floor = None
    if log and finite.size:
        floor = max(math.floor(math.log10(finite.min())), math.ceil(math.log10(finite.max())) - LOG_DECADES)
        values = np.where(values < 10.0 ** floor, 10.0 ** floor, values)  # run along the floor, not off the plot
    keep = thinned(values.size)
    shapes = [path_shape(path_through(iterations[keep], values[keep]), "@model", 2.5)]
    if values.size and math.isfinite(values[-1]) and (values[-1] > 0 or not log):
        shapes.append(dot_shape(float(iterations[-1]), float(values[-1]), "@point", 9))
    x_view = [0, max(10.0, _nice_ceiling(float(iterations[-1]) if values.size else 0))]
    if finite.size == 0:
        y_view, y_type = [0, 1], "linear"
    elif log:
        y_view = [floor, math.ceil(math.log10(finite.max()))]
        y_type = "log"
    else:
        y_view, y_type = [0, _nice_ceiling(finite.max()) * 1.05], "linear"
    ticks = {}
    if y_type == "log":  # one tick per power of ten, never SI prefixes (1µ, 1n, 1p)
        plain = y_view[0] >= -PLAIN_POWERS and y_view[1] <= PLAIN_POWERS
        ticks = {"dtick": math.ceil((y_view[1] - y_view[0]) / MOST_TICKS),
                 "exponentformat": "none" if plain else "power"}
    layout = {"xaxis": axis(x_title, x_view), "yaxis": axis(title, y_view, type=y_type, **ticks), "showlegend": False,
              "shapes": shapes}
    if diverged_at is not None:
        shapes.append({"type": "line", "x0": diverged_at, "x1": diverged_at, "yref": "paper",
                       "y0": 0, "y1": 1, "line": {"color": "@negative", "dash": "dot"}})
    return figure([], layout, _describe(title, values, last))


def _describe(title, values, last) -> str:
    """Say where the curve started, where it is now and which way it is going."""
    if values.size < 2:
        return f"The {title} over {values.size} iterations; the last is {last}"
    first, previous, now = float(values[0]), float(values[-2]), float(values[-1])
    trend = "falling" if now < previous else "rising" if now > previous else "flat"
    return f"The {title} over {values.size} iterations: from {number(first)} to {last}, {trend}"

"""The `error_table` figure: each point's prediction w·x + b, its error and squared error, and the mean squared error."""

from __future__ import annotations

import numpy as np

from figures.figure import figure_builder
from figures.table import table


@figure_builder
def error_table(x, y, w, b=0.0, x_title="x", y_title="y", digits=0):
    """Each point's prediction w·x + b, its error and squared error, and the mean squared error."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    predictions = w * x + b
    errors = y - predictions
    squares = errors ** 2
    rows = [[f"{a:,.0f}", f"{t:,.1f}", f"{p:,.{digits}f}", f"{e:,.{digits}f}", f"{s:,.0f}"]
            for a, t, p, e, s in zip(x, y, predictions, errors, squares)]
    mean = float(np.mean(squares))
    return table([x_title, y_title, "prediction", "error", "error²"], rows,
                 footer=["", "", "", "mean", f"{mean:,.0f}"],
                 caption=f"Mean squared error {mean:,.0f} with weight {w:.3f} and bias {b:.1f}")

"""Tables the page draws as HTML (not Plotly): numbers a reader reads row by row."""

from __future__ import annotations

import numpy as np

from engine.activation import softmax
from .base import figure_builder


def table(columns, rows, footer=None, caption=None, highlight=None):
    """A table figure: {"table": {...}}; cells are already-formatted strings."""
    return {"table": {"columns": list(columns), "rows": [[str(c) for c in row] for row in rows],
                      "footer": [str(c) for c in footer] if footer else None, "caption": caption,
                      "highlight": highlight},
            "description": caption or "A table"}


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


@figure_builder
def softmax_table(rows, digits=2):
    """Each row of scores next to its softmax: positive, summing to 1, the largest exaggerated."""
    out = []
    for scores in rows:
        values = np.atleast_1d(np.asarray(scores, dtype=np.float64))
        probabilities = softmax(values)
        out.append([_vector(values, 3), _vector(probabilities, digits), f"{probabilities.sum():.2f}"])
    return table(["scores", "softmax(scores)", "sum"], out, caption="softmax of each row of scores")


def _vector(values, digits) -> str:
    return "[" + ", ".join(_short(v, digits) for v in values) + "]"


def _short(value: float, digits: int) -> str:
    text = f"{value:.{digits}f}"
    if "." in text and digits:
        text = text.rstrip("0").rstrip(".") or "0"
    return text if float(text) != 0 or value == 0 else f"{value:.1e}"

"""The `softmax_table` figure: each row of scores next to its softmax: positive, summing to 1, the largest exaggerated."""

from __future__ import annotations

import numpy as np

from engine.activation import softmax
from figures.figure import figure_builder
from engine.formatting import compact_vector
from figures.table import table


@figure_builder
def softmax_table(rows, digits=2):
    """Each row of scores next to its softmax: positive, summing to 1, the largest exaggerated."""
    out = []
    for scores in rows:
        values = np.atleast_1d(np.asarray(scores, dtype=np.float64))
        probabilities = softmax(values)
        out.append([compact_vector(values, 3), compact_vector(probabilities, digits), f"{probabilities.sum():.2f}"])
    return table(["scores", "softmax(scores)", "sum"], out, caption="softmax of each row of scores")

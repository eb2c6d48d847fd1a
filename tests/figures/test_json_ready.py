"""The one JSON-ready converter: what reaches JavaScript is plain JSON."""

import json
import math

import numpy as np

from figures.json_ready import plain


def test_arrays_and_numpy_scalars_become_python_values_and_gaps_become_none():
    value = {"x": np.array([1.0, np.inf, np.nan]), "z": np.array([[1.0, -np.inf]]), "n": np.arange(2),
             "t": (np.float64(0.5), np.int64(3), np.bool_(True)), 1: np.array(2.5)}
    assert plain(value) == {"x": [1.0, None, None], "z": [[1.0, None]], "n": [0, 1], "t": [0.5, 3, True], "1": 2.5}
    assert json.dumps(plain(value), allow_nan=False)


def test_keeping_non_finite_numbers_for_comparisons():
    kept = plain({"x": np.array([1.0, np.inf]), "y": np.float64(np.nan)}, keep_non_finite=True)
    assert kept["x"] == [1.0, math.inf] and math.isnan(kept["y"])

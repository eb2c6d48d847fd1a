import numpy as np
import pytest

from engine.activation import sigmoid
from engine.datasets import LINE_POINTS, line_points, normalization_stats, normalize, two_clusters
from engine.landscape import loss_grid, neuron_loss_slices, slice_minimum
from engine.losses import binary_cross_entropy, l2

WS = np.linspace(-10, 10, 41)
BS = np.linspace(-15, 15, 31)


def reader_loss(w, b):
    # The article's loss, exactly as a reader writes it.
    def y(x, w, b):
        return w * x + b

    total = 0
    for xi, yi in LINE_POINTS:
        total += (y(xi, w, b) - yi) ** 2
    return total / 2


def test_grid_orientation_rows_follow_b():
    Z = loss_grid(lambda w, b: 10 * w + b, [1.0, 2.0, 3.0], [0.5, 0.25])
    assert Z.shape == (2, 3)
    assert Z[1, 2] == 30.25


def test_reader_loop_loss_is_evaluated_on_whole_grids_pointwise_equal():
    x, y = line_points()
    Z = loss_grid(reader_loss, WS, BS)
    for i, j in [(0, 0), (7, 30), (30, 40), (15, 20)]:
        assert Z[i, j] == pytest.approx(l2(WS[j] * x + BS[i], y), rel=1e-13)
    assert Z[7, 30] == reader_loss(float(WS[30]), float(BS[7]))


def test_scalar_only_loss_falls_back_to_one_call_per_point():
    calls = []

    def scalar_only(w, b):
        calls.append(1)
        return float(max(w, b))  # float() of an array raises: forces the fallback

    Z = loss_grid(scalar_only, [0.0, 1.0, 2.0], [0.5, 1.5])
    assert Z.tolist() == [[0.5, 1.0, 2.0], [1.5, 1.5, 2.0]]
    assert len(calls) == 1 + 6  # the vectorised attempt, then one call per point


def test_wrong_shape_falls_back_and_non_finite_stays():
    def scalar_loss(w, b):
        if np.ndim(w):
            return 0.0  # a single number for a whole grid: the wrong shape
        return 1.0 / (w - 1.0) if w != 2.0 else 10.0**400

    Z = loss_grid(scalar_loss, [0.0, 1.0, 2.0], [0.0])
    assert Z[0, 0] == -1.0 and np.isnan(Z[0, 1]) and Z[0, 2] == np.inf
    assert np.isinf(loss_grid(lambda w, b: w / 0.0 + b, [1.0], [0.0])[0, 0])


def test_neuron_loss_slices_vary_one_parameter_at_a_time():
    X, y = two_clusters(seed=0)
    X = normalize(X, normalization_stats(X))
    w, b = np.array([0.5, -0.3, 0.8]), 0.1
    values = np.linspace(-4, 4, 81)
    slices = neuron_loss_slices(X, y, w, b, values)
    assert set(slices) == {"w1", "w2", "w3", "b"}
    for j in range(3):
        for k in (0, 40, 77):
            moved = w.copy()
            moved[j] = values[k]
            expected = binary_cross_entropy(sigmoid(X @ moved + b), y)
            assert slices[f"w{j + 1}"][k] == pytest.approx(expected, rel=1e-9)
    assert slices["b"][5] == pytest.approx(binary_cross_entropy(sigmoid(X @ w + values[5]), y), rel=1e-9)
    other = neuron_loss_slices(X, y, w, b, values, loss="mse")
    assert other["w1"].shape == (81,)


def test_slice_minimum_marks_the_lowest_sample():
    values = np.linspace(-2, 2, 41)
    assert slice_minimum(values, (values - 0.5) ** 2) == (pytest.approx(0.5), pytest.approx(0.0, abs=1e-12))
    assert slice_minimum(values, np.where(values < 0, np.nan, values)) == (0.0, 0.0)
    value, loss = slice_minimum([1.0], [np.nan])
    assert np.isnan(value) and np.isnan(loss)

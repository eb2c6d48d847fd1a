import numpy as np
import pytest

from engine import (
    LINE_POINTS,
    l2,
    line_loss_grid,
    line_objective,
    line_points,
    loss_grid,
    loss_slice,
    mse,
    neuron_loss_slices,
    neuron_objective,
    normalization_stats,
    normalize,
    slice_minimum,
    two_clusters,
)

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


def test_reader_loop_loss_equals_the_vectorised_grid():
    x, y = line_points()
    reader = loss_grid(reader_loss, WS, BS)
    np.testing.assert_array_equal(reader, line_loss_grid(x, y, WS, BS))


def test_line_grid_matches_the_loss_functions_pointwise():
    x, y = line_points()
    for name, fn in (("l2", l2), ("mse", mse)):
        Z = line_loss_grid(x, y, WS, BS, loss=name)
        for i, j in [(0, 0), (7, 30), (30, 40), (15, 20)]:
            assert Z[i, j] == pytest.approx(fn(WS[j] * x + BS[i], y), rel=1e-13)
    Z1 = line_loss_grid(x, y, WS, BS, loss="l1")
    assert Z1[3, 4] == pytest.approx(np.sum(np.abs(WS[4] * x + BS[3] - y)), rel=1e-13)
    with pytest.raises(ValueError):
        line_loss_grid(x, y, WS, BS, loss="bce")


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


def test_loss_slice_for_scalar_and_array_parameters():
    x, y = line_points()
    values = np.linspace(0, 1, 5)
    sliced = loss_slice(line_objective(x, y), {"w": 0.6, "b": 0.2}, "w", values)
    np.testing.assert_allclose(sliced, [l2(v * x + 0.2, y) for v in values], rtol=1e-14)
    X, labels = two_clusters(seed=1, n_per_cluster=20)
    params = {"w": np.array([0.1, -0.2, 0.3]), "b": 0.0}
    by_index = loss_slice(neuron_objective(X, labels), params, "w", values, index=1)
    assert by_index.shape == (5,)
    assert params["w"][1] == -0.2  # unchanged


def test_neuron_loss_slices_match_loss_slice():
    X, y = two_clusters(seed=0)
    X = normalize(X, normalization_stats(X))
    w, b = np.array([0.5, -0.3, 0.8]), 0.1
    values = np.linspace(-4, 4, 81)
    slices = neuron_loss_slices(X, y, w, b, values)
    assert set(slices) == {"w1", "w2", "w3", "b"}
    objective = neuron_objective(X, y)
    for j in range(3):
        expected = loss_slice(objective, {"w": w, "b": b}, "w", values, index=j)
        np.testing.assert_allclose(slices[f"w{j + 1}"], expected, rtol=1e-12)
    np.testing.assert_allclose(slices["b"], loss_slice(objective, {"w": w, "b": b}, "b", values), rtol=1e-12)
    other = neuron_loss_slices(X, y, w, b, values, loss="mse")
    assert other["w1"].shape == (81,)


def test_slice_minimum_marks_the_lowest_sample():
    values = np.linspace(-2, 2, 41)
    assert slice_minimum(values, (values - 0.5) ** 2) == (pytest.approx(0.5), pytest.approx(0.0, abs=1e-12))
    assert slice_minimum(values, np.where(values < 0, np.nan, values)) == (0.0, 0.0)
    value, loss = slice_minimum([1.0], [np.nan])
    assert np.isnan(value) and np.isnan(loss)

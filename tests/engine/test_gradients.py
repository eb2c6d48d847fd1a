"""Every analytic gradient against an independent central difference (tests/engine/gradient_reference.py)."""

import numpy as np
import pytest

from engine import (
    init_network,
    line_gradient,
    line_objective,
    line_points,
    linear_objective,
    network_objective,
    neuron_objective,
    one_hot,
    softmax_objective,
)

SEEDS = [0, 1, 2]


def test_line_gradient_is_the_articles_sums():
    x, y = line_points()
    w, b = 1.0, 0.0
    dw, db = line_gradient(x, y, w, b)
    assert dw == pytest.approx(sum((w * xi + b - yi) * xi for xi, yi in zip(x, y)), rel=1e-14)
    assert db == pytest.approx(sum(w * xi + b - yi for xi, yi in zip(x, y)), rel=1e-14)
    assert isinstance(dw, float) and isinstance(db, float)


@pytest.mark.parametrize("loss", ["l1", "l2", "mse"])
@pytest.mark.parametrize("seed", SEEDS)
def test_line(gradients_match, loss, seed):
    rng = np.random.default_rng(seed)
    x, y = line_points()
    params = {"w": float(rng.uniform(-2, 2)), "b": float(rng.uniform(-2, 2))}
    residual = params["w"] * x + params["b"] - y
    assert np.min(np.abs(residual)) > 1e-4  # L1 away from its kinks
    gradients_match(line_objective(x, y, loss), params)


@pytest.mark.parametrize("loss", ["l1", "l2", "mse"])
@pytest.mark.parametrize("seed", SEEDS)
def test_linear(gradients_match, loss, seed):
    rng = np.random.default_rng(seed)
    X, y = rng.normal(size=(12, 3)), rng.normal(size=12)
    params = {"w": rng.normal(size=3), "b": float(rng.normal())}
    gradients_match(linear_objective(X, y, loss), params)


@pytest.mark.parametrize("loss", ["bce", "l2", "mse"])
@pytest.mark.parametrize("seed", SEEDS)
def test_neuron(gradients_match, loss, seed):
    rng = np.random.default_rng(seed)
    X, y = rng.normal(size=(15, 3)), rng.integers(0, 2, 15).astype(float)
    params = {"w": rng.normal(size=3), "b": float(rng.normal())}
    gradients_match(neuron_objective(X, y, loss), params)


@pytest.mark.parametrize("output, loss", [("linear", "l2"), ("linear", "mse"), ("sigmoid", "l2"),
                                          ("sigmoid", "bce"), ("sigmoid", "mse")])
@pytest.mark.parametrize("seed", SEEDS)
def test_network(gradients_match, output, loss, seed):
    rng = np.random.default_rng(seed)
    n_outputs = 2 if loss != "bce" else 1
    X = rng.normal(size=(10, 2))
    y = rng.integers(0, 2, (10, n_outputs)).astype(float) if output == "sigmoid" else rng.normal(size=(10, n_outputs))
    params = init_network(2, 4, n_outputs, rng)
    params = {k: v + rng.normal(0, 0.1, v.shape) for k, v in params.items()}  # biases away from 0
    gradients_match(network_objective(X, y, output, loss), params)


@pytest.mark.parametrize("seed", SEEDS)
def test_network_1_16_1_with_flat_inputs(gradients_match, seed):
    rng = np.random.default_rng(seed)
    x = np.linspace(-3, 3, 40)
    gradients_match(network_objective(x, np.sin(x), "linear", "l2"), init_network(1, 16, 1, rng))


@pytest.mark.parametrize("seed", SEEDS)
def test_softmax(gradients_match, seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(20, 3))
    Y = one_hot(rng.integers(0, 4, 20), 4)
    params = {"W": rng.normal(size=(3, 4)), "b": rng.normal(size=4)}
    gradients_match(softmax_objective(X, Y), params)


def test_objectives_return_float_losses_and_matching_shapes():
    x, y = line_points()
    loss, grads = line_objective(x, y)({"w": 1.0, "b": 0.0})
    assert isinstance(loss, float) and set(grads) == {"w", "b"}
    assert isinstance(grads["w"], float)

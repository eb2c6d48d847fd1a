"""Every analytic gradient against an independent central difference (tests/engine/gradient_reference.py)."""

import numpy as np
import pytest

from engine.datasets import line_points
from engine.gradients import line_gradient, network_objective
from engine.losses import get_loss
from test_network import init_network


def line_objective(x, y, loss="l2"):
    """The line's loss with line_gradient as its gradient, as an objective."""
    def objective(params):
        w, b = params["w"], params["b"]
        dw, db = line_gradient(x, y, w, b, loss)
        return get_loss(loss).value(w * x + b, y), {"w": dw, "b": db}
    return objective

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


def test_objectives_return_float_losses_and_matching_shapes():
    x, y = line_points()
    loss, grads = line_objective(x, y)({"w": 1.0, "b": 0.0})
    assert isinstance(loss, float) and set(grads) == {"w", "b"}
    assert isinstance(grads["w"], float)

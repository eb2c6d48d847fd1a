import numpy as np
import pytest

from engine.activation import sigmoid
from engine.datasets import NETWORK_4
from engine.network import chain_factors, forward, gradients_from_factors, network_curve, neuron_contributions


def init_network(n_inputs, n_hidden, n_outputs, rng):
    """Random parameters of the shapes the network takes (the tests' own; lessons build theirs)."""
    rng = np.random.default_rng(rng)
    return {"W1": rng.normal(0.0, 1.0 / np.sqrt(n_inputs), (n_inputs, n_hidden)), "b1": np.zeros(n_hidden),
            "W2": rng.normal(0.0, 1.0 / np.sqrt(n_hidden), (n_hidden, n_outputs)), "b2": np.zeros(n_outputs)}


def backward(X, y, params, output="linear", loss="l2"):
    return gradients_from_factors(chain_factors(X, y, params, output, loss))


def test_forward_layers_by_hand():
    params = init_network(2, 3, 1, rng=1)
    X = np.array([[0.5, -1.0], [2.0, 0.0]])
    layers = forward(X, params, output="sigmoid")
    z1 = X @ params["W1"] + params["b1"]
    np.testing.assert_array_equal(layers.z1, z1)
    np.testing.assert_array_equal(layers.h, sigmoid(z1))
    np.testing.assert_array_equal(layers.z2, layers.h @ params["W2"] + params["b2"])
    np.testing.assert_array_equal(layers.o, sigmoid(layers.z2))
    linear_output = forward(X, params)
    np.testing.assert_array_equal(linear_output.o, linear_output.z2)
    with pytest.raises(ValueError):
        forward(X, params, output="relu")


def test_backward_is_the_product_of_named_factors():
    rng = np.random.default_rng(2)
    params = init_network(2, 4, 1, rng)
    X, y = rng.normal(size=(6, 2)), rng.normal(size=6)
    f = chain_factors(X, y, params, output="sigmoid", loss="l2")
    # Seed article 003: dl/do = o - y for l = sum 0.5 (o - y)^2.
    np.testing.assert_array_equal(f.dl_do, f.layers.o - y[:, None])
    np.testing.assert_allclose(f.do_dz2, f.layers.o * (1 - f.layers.o), rtol=1e-12)
    np.testing.assert_array_equal(f.dz2_dW2, f.layers.h.T)
    np.testing.assert_array_equal(f.dz1_dW1, X.T)
    np.testing.assert_array_equal(f.dl_dh, (f.dl_do * f.do_dz2) @ params["W2"].T)
    np.testing.assert_allclose(f.dh_dz1, f.layers.h * (1 - f.layers.h), rtol=1e-12)
    grads = backward(X, y, params, output="sigmoid", loss="l2")
    np.testing.assert_array_equal(grads["W2"], f.dz2_dW2 @ (f.dl_do * f.do_dz2))
    np.testing.assert_array_equal(grads["W1"], f.dz1_dW1 @ (f.dl_dh * f.dh_dz1))
    assert all(np.array_equal(grads[k], v) for k, v in gradients_from_factors(f).items())


def test_sigmoid_output_with_bce_stays_finite_when_saturated():
    params = {"W1": np.array([[50.0]]), "b1": np.zeros(1), "W2": np.array([[1e4]]), "b2": np.zeros(1)}
    grads = backward(np.array([[1.0], [-1.0]]), np.array([0.0, 1.0]), params, output="sigmoid", loss="bce")
    assert all(np.all(np.isfinite(g)) for g in grads.values())


def test_network_curve_by_hand():
    x = np.linspace(-10, 10, 7)
    expected = -5 * sigmoid(-1.5 * x - 8) + 5 * sigmoid(1.5 * x - 8)
    two = {"wi": [-1.5, 1.5], "bi": [-8, -8], "wo": [-5, 5]}
    np.testing.assert_allclose(network_curve(x, **two), expected, rtol=1e-15, atol=1e-15)
    one = {"wi": [1], "bi": [0], "wo": [6.28]}
    assert network_curve(0.0, **one) == pytest.approx(3.14, rel=1e-15)
    assert network_curve(0.0, **one, bo=1.0) == pytest.approx(4.14, rel=1e-15)
    assert network_curve(np.zeros((2, 3)), **NETWORK_4).shape == (2, 3)


def test_neuron_contributions_stack_to_the_curve():
    x = np.linspace(-10, 10, 50)
    parts = neuron_contributions(x, **NETWORK_4)
    assert parts.shape == (4, 50)
    np.testing.assert_allclose(parts.sum(axis=0), network_curve(x, **NETWORK_4), rtol=1e-13, atol=1e-13)


def test_one_input_networks_accept_flat_x():
    params = init_network(1, 16, 1, rng=4)
    x = np.linspace(-3, 3, 200)
    assert forward(x, params).o.shape == (200, 1)

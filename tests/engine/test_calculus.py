import math

import numpy as np
import pytest

from engine.calculus import derivative, numerical_gradient, roller_coaster


def roller_coaster_slope(x):
    """The exact slope x^3 - 3x + 1.3, written out as the lesson derives it."""
    return (x * x - 3.0) * x + 1.3


def test_derivative_of_known_functions():
    assert derivative(math.sin, 0.3) == pytest.approx(math.cos(0.3), rel=1e-9)
    assert derivative(lambda x: x**3, 2.0) == pytest.approx(12.0, rel=1e-9)
    xs = np.linspace(-1, 1, 5)
    np.testing.assert_allclose(derivative(np.exp, xs), np.exp(xs), rtol=1e-9)


def test_numerical_gradient_of_a_params_dict():
    def f(p):
        return float(p["a"] ** 2 * 3 + np.sum(p["v"] ** 3) + p["a"] * p["v"][1])

    params = {"a": 1.5, "v": np.array([1.0, -2.0, 0.5])}
    grads = numerical_gradient(f, params)
    assert isinstance(grads["a"], float)
    assert grads["a"] == pytest.approx(2 * 3 * 1.5 + (-2.0), rel=1e-8)
    np.testing.assert_allclose(grads["v"], 3 * params["v"] ** 2 + np.array([0, 1.5, 0]), rtol=1e-8)
    assert params["v"].tolist() == [1.0, -2.0, 0.5]  # not modified


def test_numerical_gradient_accepts_objectives():
    grads = numerical_gradient(lambda p: (p["x"] ** 2, {}), {"x": 3.0})
    assert grads["x"] == pytest.approx(6.0, rel=1e-8)


def test_roller_coaster_has_two_valleys_on_its_domain():
    xs = np.linspace(-2.5, 2.5, 5001)
    slope = derivative(roller_coaster, xs)
    # Slope changes sign three times: valley, hill, valley.
    crossings = np.nonzero(np.diff(np.sign(slope)))[0]
    assert len(crossings) == 3
    assert slope[crossings[0]] < 0 < slope[crossings[0] + 1]
    assert slope[crossings[2]] < 0 < slope[crossings[2] + 1]


def test_roller_coaster_slope_is_its_derivative():
    xs = np.linspace(-2.5, 2.5, 11)
    np.testing.assert_allclose(derivative(roller_coaster, xs), roller_coaster_slope(xs), rtol=1e-8, atol=1e-8)


def test_numerical_gradient_with_relative_steps_moves_large_numbers_enough():
    # An absolute nudge of 1e-6 on 1e9 is lost in rounding; a relative one is not.
    grads = numerical_gradient(lambda p: p["x"] ** 2, {"x": 1e9}, relative=True)
    assert grads["x"] == pytest.approx(2e9, rel=1e-6)


def test_numerical_gradient_is_the_central_difference_of_each_number():
    def f(p):
        return float(np.sin(p["a"]) * np.sum(p["v"]))

    params = {"a": 0.7, "v": np.array([0.5, 2.0])}
    grads = numerical_gradient(f, params, relative=True)
    step = 1e-6 * 2.0
    up = float(np.sin(0.7) * np.sum([0.5, 2.0 + step]))
    down = float(np.sin(0.7) * np.sum([0.5, 2.0 - step]))
    assert grads["v"][1] == (up - down) / (2 * step)

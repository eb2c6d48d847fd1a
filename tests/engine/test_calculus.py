import math

import numpy as np
import pytest

from engine import (
    ROLLER_COASTER_DOMAIN,
    derivative,
    numerical_gradient,
    roller_coaster,
    roller_coaster_slope,
    tangent_line,
)


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


def test_roller_coaster_slope_at_zero_is_exactly_1_3():
    assert roller_coaster_slope(0.0) == 1.3
    assert f"{roller_coaster_slope(0.0):.4f}" == "1.3000"


def test_roller_coaster_has_two_valleys_on_its_domain():
    xs = np.linspace(*ROLLER_COASTER_DOMAIN, 5001)
    slope = roller_coaster_slope(xs)
    # Slope changes sign three times: valley, hill, valley.
    crossings = np.nonzero(np.diff(np.sign(slope)))[0]
    assert len(crossings) == 3
    assert slope[crossings[0]] < 0 < slope[crossings[0] + 1]
    assert slope[crossings[2]] < 0 < slope[crossings[2] + 1]


def test_roller_coaster_slope_is_its_derivative():
    xs = np.linspace(-2.5, 2.5, 11)
    np.testing.assert_allclose(derivative(roller_coaster, xs), roller_coaster_slope(xs), rtol=1e-8, atol=1e-8)


def test_tangent_line():
    xs = np.array([-1.0, 0.0, 1.0])
    slope, ys = tangent_line(roller_coaster, 0.0, xs, fprime=roller_coaster_slope)
    assert slope == 1.3
    np.testing.assert_array_equal(ys, [-1.3, 0.0, 1.3])
    measured, _ = tangent_line(roller_coaster, 0.0, xs)
    assert measured == pytest.approx(1.3, rel=1e-9)

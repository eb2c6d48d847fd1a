import math

import numpy as np
import pytest

from gradient_reference import central_difference, relative_error
from engine.activation import sigmoid, softmax
from engine.datasets import houses_3
from engine.losses import (EPSILON, LOSSES, binary_cross_entropy, binary_cross_entropy_from_logits,
                           binary_cross_entropy_grad, cross_entropy, cross_entropy_grad, get_loss, l1, l1_grad, l2,
                           l2_grad, mse, mse_grad)


def difference_gradient(f, pred):
    """The reference central difference of f(pred) in every element of pred."""
    return central_difference(lambda params: f(params["pred"]), {"pred": np.asarray(pred, dtype=float)})["pred"]


def test_values_by_hand():
    pred, target = np.array([1.0, 2.0, 4.0]), np.array([1.5, 2.0, 1.0])
    assert l1(pred, target) == 3.5
    assert l2(pred, target) == 0.5 * (0.25 + 9.0)
    assert mse(pred, target) == pytest.approx((0.25 + 9.0) / 3, rel=1e-15)
    assert np.array_equal(l1_grad(pred, target), [-1.0, 0.0, 1.0])
    assert np.array_equal(l2_grad(pred, target), [-0.5, 0.0, 3.0])


def test_houses_at_weight_0_180():
    area, price = houses_3()
    pred = 0.180 * area
    assert np.round(pred).tolist() == [379, 288, 432]
    assert round(mse(pred, price)) == 2058


def test_l2_is_the_seed_articles_half_sum_of_squares():
    o, y = np.array([0.2, 0.9]), np.array([0.0, 1.0])
    assert l2(o, y) == pytest.approx(sum(0.5 * (oi - yi) ** 2 for oi, yi in zip(o, y)), rel=1e-15)


@pytest.mark.parametrize("name", ["l1", "l2", "mse"])
def test_regression_loss_gradients(name):
    rng = np.random.default_rng(11)
    pred, target = rng.normal(size=7), rng.normal(size=7)
    assert np.min(np.abs(pred - target)) > 1e-3  # away from L1's kinks
    value, grad = LOSSES[name]
    error = relative_error(grad(pred, target), difference_gradient(lambda p: value(p, target), pred))
    assert error < 1e-6


def test_bce_gradient_and_value():
    rng = np.random.default_rng(12)
    p, y = rng.uniform(0.05, 0.95, 9), rng.integers(0, 2, 9).astype(float)
    error = relative_error(binary_cross_entropy_grad(p, y),
                           difference_gradient(lambda q: binary_cross_entropy(q, y), p))
    assert error < 1e-6
    by_hand = -np.mean([yi * math.log(pi) + (1 - yi) * math.log(1 - pi) for pi, yi in zip(p, y)])
    assert binary_cross_entropy(p, y) == pytest.approx(by_hand, rel=1e-14)


def test_bce_is_finite_at_exact_zero_and_one():
    worst = -math.log(EPSILON)
    assert binary_cross_entropy([0.0, 1.0], [1.0, 0.0]) == pytest.approx(worst, rel=1e-9)
    assert binary_cross_entropy([0.0, 1.0], [0.0, 1.0]) == pytest.approx(EPSILON, rel=1e-3)
    assert np.all(np.isfinite(binary_cross_entropy_grad([0.0, 1.0], [1.0, 0.0])))


def test_bce_from_logits_is_stable_and_agrees():
    z = np.array([-1e4, -30.0, -2.0, 0.0, 3.0, 40.0, 1e4])
    y = np.array([1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.0])
    value = binary_cross_entropy_from_logits(z, y)
    expected = np.mean([1e4, math.log1p(math.exp(-30)), 2 + math.log1p(math.exp(-2)), math.log(2),
                        3 + math.log1p(math.exp(-3)), math.log1p(math.exp(-40)), 1e4])
    assert value == pytest.approx(expected, rel=1e-14)
    moderate = z[1:-1]
    assert binary_cross_entropy_from_logits(moderate, y[1:-1]) == pytest.approx(
        binary_cross_entropy(sigmoid(moderate), y[1:-1]), rel=1e-9)


def test_cross_entropy_value_and_gradients():
    rng = np.random.default_rng(14)
    logits = rng.normal(size=(5, 3))
    onehot = np.eye(3)[rng.integers(0, 3, 5)]
    probs = softmax(logits)
    by_hand = -np.mean([math.log(probs[i, np.argmax(onehot[i])]) for i in range(5)])
    assert cross_entropy(probs, onehot) == pytest.approx(by_hand, rel=1e-14)
    error = relative_error(cross_entropy_grad(probs, onehot),
                           difference_gradient(lambda p: cross_entropy(p, onehot), probs))
    assert error < 1e-6


def test_cross_entropy_extremes_are_finite():
    assert math.isfinite(cross_entropy([[0.0, 1.0]], [[1.0, 0.0]]))


def test_registry():
    assert set(LOSSES) == {"l1", "l2", "mse", "bce", "cross_entropy"}
    value, grad = LOSSES["l2"]
    assert value is l2 and grad is l2_grad
    assert LOSSES["mse"].grad is mse_grad
    with pytest.raises(ValueError, match="unknown loss 'l3'"):
        get_loss("l3")


def test_overflowing_inputs_give_inf_not_warnings():
    assert l1([1e308], [-1e308]) == float("inf")
    assert l2([1e200], [0.0]) == float("inf")
    assert np.isinf(mse_grad([1e308], [-1e308])).all()

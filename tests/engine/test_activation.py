import math

import numpy as np
import pytest

from engine import sigmoid, sigmoid_derivative, softmax


def reference_sigmoid(z):
    # Python's math on one number at a time, split by sign so nothing overflows.
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


@pytest.mark.parametrize("z", [-745.5, -700.0, -40.0, -30.0, -1.0, -1e-9, 0.0, 1e-9, 0.5, 3.0, 36.0, 700.0])
def test_sigmoid_matches_reference_to_the_last_digits(z):
    assert sigmoid(z) == pytest.approx(reference_sigmoid(z), rel=1e-15, abs=0)


def test_sigmoid_extremes_are_exact_limits_without_warnings():
    z = np.array([-1e4, -1e300, -np.inf, 1e4, 1e300, np.inf])
    assert sigmoid(z).tolist() == [0.0, 0.0, 0.0, 1.0, 1.0, 1.0]


def test_sigmoid_keeps_tiny_values_precise():
    # 1 - sigmoid(30) would be rounded; the negative side must not be.
    assert sigmoid(-30.0) == pytest.approx(math.exp(-30) / (1 + math.exp(-30)), rel=1e-15)
    assert sigmoid(-700.0) > 0


def test_sigmoid_shape_and_type():
    assert isinstance(sigmoid(0.0), float)
    assert sigmoid(0.0) == 0.5
    assert sigmoid(np.zeros((2, 3))).shape == (2, 3)
    assert sigmoid([1, 2]).dtype == np.float64


def test_sigmoid_passes_nan_through():
    assert math.isnan(sigmoid(float("nan")))


@pytest.mark.parametrize("z", [-50.0, -5.0, -0.3, 0.0, 0.7, 4.0, 50.0])
def test_sigmoid_derivative_matches_both_forms(z):
    s = reference_sigmoid(z)
    assert sigmoid_derivative(z) == pytest.approx(s * reference_sigmoid(-z), rel=1e-14)
    h = 1e-5
    slope = (reference_sigmoid(z + h) - reference_sigmoid(z - h)) / (2 * h)
    assert sigmoid_derivative(z) == pytest.approx(slope, rel=1e-8, abs=1e-20)


def test_sigmoid_derivative_extremes():
    assert sigmoid_derivative(0.0) == 0.25
    assert sigmoid_derivative(np.array([-1e4, 1e4])).tolist() == [0.0, 0.0]


# Article 002's softmax table, recomputed: the article prints some entries
# cut off rather than rounded (0.26 for 0.2689, 0.11 for 0.1192, 0.66 for
# 0.6652); these are the true values rounded to the places it prints.
SOFTMAX_TABLE = [
    ([1], [1.0], 0),
    ([1, 1], [0.5, 0.5], 1),
    ([0, 1], [0.27, 0.73], 2),
    ([2, 4], [0.12, 0.88], 2),
    ([5, 10], [0.007, 0.993], 3),
    ([-1, 0, 1], [0.09, 0.24, 0.67], 2),
    ([1, 2, 4], [0.04, 0.11, 0.84], 2),
]

ARTICLE_PRINTS = [[1], [0.5, 0.5], [0.26, 0.73], [0.11, 0.88], [0.007, 0.993], [0.09, 0.24, 0.66], [0.04, 0.11, 0.84]]


@pytest.mark.parametrize("scores, expected, places", SOFTMAX_TABLE)
def test_softmax_reproduces_the_article_table(scores, expected, places):
    assert np.round(softmax(scores), places).tolist() == expected


def test_article_table_is_within_one_printed_digit_of_the_truth():
    for (scores, _, places), printed in zip(SOFTMAX_TABLE, ARTICLE_PRINTS):
        gap = np.abs(softmax(scores) - printed)
        assert np.all(gap < 10.0 ** -places), scores


def test_softmax_is_stable_and_sums_to_one():
    z = np.array([[1e4, 1e4 - 1.0, -1e4], [0.0, 0.0, 0.0]])
    p = softmax(z)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-15)
    np.testing.assert_allclose(p[0, :2], softmax([1.0, 0.0]), rtol=1e-15)
    assert p[0, 2] == 0.0


def test_softmax_axis():
    z = np.array([[1.0, 2.0], [3.0, 5.0]])
    np.testing.assert_allclose(softmax(z, axis=0), softmax(z.T).T, rtol=1e-15)

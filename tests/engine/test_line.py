import numpy as np

from engine import LINE_POINTS, line


def test_scalar_inputs_give_a_float():
    assert line(2, 0.5, 1) == 2.0
    assert isinstance(line(2, 1, 0), float)


def test_broadcasts_over_inputs_and_parameter_grids():
    x = np.arange(8.0)
    assert np.array_equal(line(x, 2.0, -1.0), 2.0 * x - 1.0)
    W, B = np.meshgrid([0.5, 1.0, 1.5], [0.0, 2.0])
    out = line(3.0, W, B)
    assert out.shape == (2, 3)
    assert out[1, 2] == 1.5 * 3.0 + 2.0


def test_lists_are_scaled_not_repeated():
    assert np.array_equal(line([1, 2], 3, 0), [3.0, 6.0])


def test_float64_output():
    assert line(np.arange(3), 1, 0).dtype == np.float64


def test_good_fit_of_the_article_points():
    # w = 0.6, b = 0.2 (the article's example) stays within 0.25 of every point.
    for x, y in LINE_POINTS:
        assert abs(line(x, 0.6, 0.2) - y) < 0.25

import numpy as np

from engine import linear


def test_linear_matches_the_written_out_sum():
    X = np.array([[1.0, 2.0, 3.0], [-1.0, 0.5, 4.0]])
    w = np.array([0.1, -0.2, 0.3])
    expected = [1 * 0.1 + 2 * -0.2 + 3 * 0.3 + 0.5, -1 * 0.1 + 0.5 * -0.2 + 4 * 0.3 + 0.5]
    out = linear(X, w, 0.5)
    assert out.shape == (2,)
    np.testing.assert_allclose(out, expected, rtol=1e-15)


def test_single_point_gives_a_float():
    assert isinstance(linear([1.0, 2.0], [3.0, 4.0], 1.0), float)


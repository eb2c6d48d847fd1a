import numpy as np

from engine import neuron, sigmoid


def test_neuron_outputs_are_probabilities_split_by_a_plane():
    # Points on either side of the plane x1 + 2 x2 = 0 fall either side of 0.5.
    X = np.array([[1.0, 1.0], [-1.0, -1.0], [2.0, -1.0]])
    out = neuron(X, [1.0, 2.0], 0.0)
    assert out.shape == (3,)
    assert out[0] > 0.5 > out[1]
    assert out[2] == 0.5


def test_neuron_saturates_without_warnings():
    out = neuron(np.array([[1e4], [-1e4]]), [1.0], 0.0)
    assert out.tolist() == [1.0, 0.0]


def test_neuron_is_sigmoid_of_linear():
    rng = np.random.default_rng(3)
    X, w = rng.normal(size=(6, 3)), rng.normal(size=3)
    np.testing.assert_array_equal(neuron(X, w, -0.2), sigmoid(X @ w - 0.2))

import numpy as np

from engine.datasets import (CLUSTER_CENTRE, HOUSE_LABELS, HOUSES_3, HOUSES_10, LINE_POINTS, NETWORK_4, house_labels,
                             houses_3, houses_10, line_points, normalization_stats, normalize, one_hot, two_clusters)


def test_line_points():
    x, y = line_points()
    assert x.tolist() == [1, 2, 3, 4, 5, 6, 7, 8]
    assert y.tolist() == [0.85, 1.43, 1.92, 2.59, 3.20, 3.82, 4.38, 4.97]
    assert x.dtype == y.dtype == np.float64
    assert len(LINE_POINTS) == 8


def test_houses():
    area, price = houses_3()
    assert area.tolist() == [2104, 1600, 2400] and price.tolist() == [399.9, 329.9, 369.0]
    X, price10 = houses_10()
    assert X.shape == (10, 2) and price10.shape == (10,)
    assert X[4].tolist() == [3000, 4] and price10[7] == 198.999
    X, labels = house_labels()
    assert labels.tolist() == [1, 1, 1, 0, 0, 1, 0, 1, 1, 1]
    assert HOUSE_LABELS.count("bad") == 3
    assert HOUSES_3.shape == (3, 2) and HOUSES_10.shape == (10, 3)
    houses_3()[0][0] = 0  # helpers hand out copies
    assert HOUSES_3[0, 0] == 2104


def test_one_hot():
    assert one_hot([0, 2, 1.0], 3).tolist() == [[1, 0, 0], [0, 0, 1], [0, 1, 0]]


def test_network_weights_from_the_article():
    assert NETWORK_4["wo"] == [7.2, 9.7, -6.3, -6.3]


def test_two_clusters_shapes_labels_and_seed():
    X, y = two_clusters()
    assert X.shape == (500, 3) and y.shape == (500,)
    assert y[:250].sum() == 0 and y[250:].sum() == 250
    again, _ = two_clusters(seed=0)
    assert np.array_equal(X, again)
    assert not np.array_equal(X, two_clusters(seed=1)[0])
    np.testing.assert_allclose(X[:250].mean(axis=0), 0, atol=0.2)
    np.testing.assert_allclose(X[250:].mean(axis=0), CLUSTER_CENTRE, atol=0.2)


def separable(X, y, sweeps=1000):
    # The perceptron stops making mistakes exactly when a separating plane exists
    # (given enough sweeps); returns True once it makes none.
    Xa = np.c_[X, np.ones(len(X))]
    sign = np.where(y == 1, 1.0, -1.0)
    w = np.zeros(Xa.shape[1])
    for _ in range(sweeps):
        margins = sign * (Xa @ w)
        worst = np.argmin(margins)
        if margins[worst] > 0:
            return True
        w += sign[worst] * Xa[worst]
    return False


def test_default_clusters_are_linearly_separable_for_many_seeds():
    for seed in range(10):
        assert separable(*two_clusters(seed=seed)), seed


def test_normalisation_keeps_its_statistics():
    X, _ = two_clusters()
    stats = normalization_stats(X)
    Xn = normalize(X, stats)
    np.testing.assert_allclose(Xn.mean(axis=0), 0, atol=1e-14)
    np.testing.assert_allclose(Xn.std(axis=0), 1, rtol=1e-14)
    new_point = np.array([1.0, 2.0, 3.0])
    np.testing.assert_allclose(normalize(new_point, stats), (new_point - stats[0]) / stats[1])
    mean, std = normalization_stats(np.array([[1.0, 5.0], [3.0, 5.0]]))
    assert std.tolist() == [1.0, 1.0] and mean.tolist() == [2.0, 5.0]

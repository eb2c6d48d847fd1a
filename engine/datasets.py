"""The course's data: the 8 line points, the houses, two clusters, network weights."""

from __future__ import annotations

import numpy as np

from ._numeric import as_float_array, quietly

# "How Machines Learn": 8 made-up points that lie roughly on a line.
LINE_POINTS = (
    (1, 0.85), (2, 1.43), (3, 1.92), (4, 2.59),
    (5, 3.20), (6, 3.82), (7, 4.38), (8, 4.97),
)

# Three houses: area (sq ft), price ($1000).
HOUSES_3 = np.array([
    [2104, 399.9],
    [1600, 329.9],
    [2400, 369.0],
])

# Ten houses: area (sq ft), bathrooms, price ($1000).
HOUSES_10 = np.array([
    [2104, 3, 399.9],
    [1600, 3, 329.9],
    [2400, 3, 369.0],
    [1416, 2, 232.0],
    [3000, 4, 539.9],
    [1985, 4, 299.9],
    [1534, 3, 314.9],
    [1427, 3, 198.999],
    [1380, 3, 212.0],
    [1494, 3, 242.5],
])

# The friend's verdict on the same ten houses, in the same order.
HOUSE_LABELS = ("good", "good", "good", "bad", "bad", "good", "bad", "good", "good", "good")
# Class index = position here, so "good" is 1, as in binary labels.
HOUSE_CLASSES = ("bad", "good")

# The 1-input network of "Neurons into networks": input weights wi, hidden
# biases bi and output weights wo (output bias 0).
NETWORK_4 = {"wi": [0.2, -0.5, 1.9, -0.8], "bi": [1, -5.7, 0, 7.1], "wo": [7.2, 9.7, -6.3, -6.3]}

# Default centre of cluster 1: with spread 1 the clusters sit close together
# yet a plane separates them for every seed from 0 to 9 (checked in tests).
CLUSTER_CENTRE = (4.0, 4.0, 4.0)


def line_points():
    """Return the 8 line points as float arrays (x (8,), y (8,))."""
    x, y = zip(*LINE_POINTS)
    return as_float_array(x), as_float_array(y)


def houses_3():
    """Return (area (3,), price (3,)) of the three houses; price in $1000."""
    return HOUSES_3[:, 0].copy(), HOUSES_3[:, 1].copy()


def houses_10():
    """Return (X (10, 2) area and bathrooms, price (10,) in $1000)."""
    return HOUSES_10[:, :2].copy(), HOUSES_10[:, 2].copy()


def house_labels():
    """Return (X (10, 2) area and bathrooms, y (10,)) with y = 1.0 for good, 0.0 for bad."""
    y = np.array([HOUSE_CLASSES.index(label) for label in HOUSE_LABELS], dtype=np.float64)
    return HOUSES_10[:, :2].copy(), y


def one_hot(labels, n_classes):
    """Return (n, n_classes) rows with a 1 at each label's class index.

    labels: (n,) integers (or floats holding integers) in [0, n_classes).
    """
    labels = np.asarray(labels).astype(int)
    return np.eye(n_classes)[labels]


def two_clusters(seed=0, n_per_cluster=250, centre=CLUSTER_CENTRE, spread=1.0):
    """Return two Gaussian clusters in 3D: X (2 n_per_cluster, 3), y (2 n_per_cluster,).

    The first n_per_cluster points are around the origin (label 0), the rest
    around `centre` (label 1), each coordinate with standard deviation
    `spread`. The same seed always gives the same points.
    """
    rng = np.random.default_rng(seed)
    centre = as_float_array(centre)
    near_origin = rng.normal(0.0, spread, (n_per_cluster, centre.size))
    near_centre = centre + rng.normal(0.0, spread, (n_per_cluster, centre.size))
    X = np.concatenate([near_origin, near_centre])
    y = np.concatenate([np.zeros(n_per_cluster), np.ones(n_per_cluster)])
    return X, y


@quietly
def normalization_stats(X):
    """Return (mean (d,), std (d,)) of each column of X (n, d).

    Keep them to normalise new points the same way. A column that never
    changes gets std 1, so normalising leaves it at 0 instead of dividing by 0.
    """
    X = as_float_array(X)
    mean = X.mean(axis=0)
    std = X.std(axis=0)
    return mean, np.where(std > 0, std, 1.0)


@quietly
def normalize(X, stats):
    """Return (X - mean) / std with stats = (mean, std) from normalization_stats.

    X: (n, d) or one point (d,). Gives each column mean 0 and spread 1 for
    the data the stats came from.
    """
    mean, std = stats
    return (as_float_array(X) - mean) / std

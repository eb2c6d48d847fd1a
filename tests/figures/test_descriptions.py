"""Figure descriptions say what the figure shows now, for screen-reader users."""

from __future__ import annotations

import re

import numpy as np

from figures.landscape import landscape
from figures.line_fit import line_fit
from figures.loss_curve import loss_curve

DATA = [(1.0, 1.0), (2.0, 3.0), (3.0, 2.0), (4.0, 5.0)]


def line(x, w, b):
    return w * x + b


def test_line_fit_says_its_error_and_which_side_of_the_model_the_points_are():
    w, b = 1.0, 0.5
    fitted = np.array([line(x, w, b) for x, _ in DATA])
    ys = np.array([y for _, y in DATA])
    text = line_fit(line, DATA, w, b)["description"]
    assert "w = 1.00, b = 0.50" in text and "4 data points" in text
    assert f"above {int(np.sum(fitted > ys))} points and below {int(np.sum(fitted < ys))}" in text
    assert f"mean squared error {np.mean((fitted - ys) ** 2):.2f}" in text


def test_loss_curve_says_where_it_started_and_which_way_it_goes():
    assert loss_curve([10.0, 4.0, 2.5])["description"].endswith("from 10.00 to 2.50, falling")
    assert loss_curve([1.0, 2.0, 8.0])["description"].endswith("rising")


def test_landscape_says_the_way_downhill_the_steps_taken_and_the_lowest_point():
    def loss(w, b):
        return (w - 1.0) ** 2 + (b + 2.0) ** 2
    text = landscape(loss, 3.0, 4.0, path={"w": [5.0, 4.0, 3.0], "b": [6.0, 5.0, 4.0]}, gradient=(4.0, 12.0))["description"]
    assert "after 2 steps from w = 5.00, b = 6.00" in text
    assert "downhill is smaller w and smaller b" in text
    near = re.search(r"lowest point on this map is near w = (\S+), b = (\S+),", text)
    assert abs(float(near[1]) - 1.0) < 0.2 and abs(float(near[2]) + 2.0) < 0.2  # within a grid cell

"""misfit names the dial to turn only when every error shows the pattern."""

from checks import misfit

X = [1.0, 2.0, 3.0, 4.0]
Y = [2.0, 4.1, 5.9, 8.0]


def test_a_line_below_or_above_every_point_moves_the_bias():
    assert misfit(X, [2 * x - 1 for x in X], Y) == " The line runs below every point: raise b."
    assert misfit(X, [2 * x + 1 for x in X], Y, bias="bias") == " The line runs above every point: lower bias."


def test_a_line_crossing_the_points_once_has_the_wrong_slope():
    assert "too steep" in misfit(X, [3 * x - 2.5 for x in X], Y)
    assert "too flat" in misfit(X, [1 * x + 2.5 for x in X], Y, weight="weight")
    assert "Raise weight" in misfit(X, [1 * x + 2.5 for x in X], Y, weight="weight")


def test_no_pattern_no_advice():
    assert misfit(X, [2.1, 3.9, 6.1, 7.9], Y) == ""  # errors alternate in sign
    assert misfit(X, [float("nan")] * 4, Y) == ""

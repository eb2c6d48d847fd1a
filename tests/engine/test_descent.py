import math

import numpy as np
import pytest

from engine.datasets import line_points
from engine.descent import History, as_columns, divergence


def line_losses(learning_rate, iterations=100):
    # The article's update() loop written out in plain Python, as a reader would.
    x, y = line_points()
    w, b, losses = 1.0, 0.0, []
    for _ in range(iterations):
        losses.append(sum((w * xi + b - yi) ** 2 for xi, yi in zip(x, y)) / 2)
        dw = sum((w * xi + b - yi) * xi for xi, yi in zip(x, y))
        db = sum(w * xi + b - yi for xi, yi in zip(x, y))
        w, b = w - learning_rate * dw, b - learning_rate * db
    return losses


def test_divergence_flags_the_too_high_rate_within_a_few_dozen_iterations():
    at = divergence(line_losses(0.01))
    assert at is not None and at <= 30


@pytest.mark.parametrize("rate", [0.001, 0.005, 0.009, 0.0095])
def test_divergence_leaves_good_and_oscillating_but_shrinking_runs_alone(rate):
    losses = line_losses(rate, 2000)
    assert divergence(losses) is None
    assert losses[-1] < losses[0]


def test_divergence_rules():
    assert divergence([]) is None
    assert divergence([1.0, 2.0, float("nan")]) == 2
    assert divergence([1.0, math.inf]) == 1
    assert divergence([1.0, 20.0, 3.0, 30.0, 2.0]) is None  # spikes, but no steady climb
    assert divergence([1.0, 2.0, 5.0, 11.0, 30.0]) == 3
    assert divergence(np.array([0.0, 1.0, 2.0, 3.0])) is None  # a start of 0 has no scale


def record_run(history, learning_rate, iterations):
    # A reader's update() loop, recorded after each step as a widget does.
    x, y = line_points()
    w, b = 1.0, 0.0
    for i in range(iterations + 1):
        history.record({"w": w, "b": b}, sum((w * xi + b - yi) ** 2 for xi, yi in zip(x, y)) / 2, i)
        if history.diverged_at() is not None:
            break
        dw = sum((w * xi + b - yi) * xi for xi, yi in zip(x, y))
        db = sum(w * xi + b - yi for xi, yi in zip(x, y))
        w, b = w - learning_rate * dw, b - learning_rate * db
    return history


def test_history_records_steps_as_columns_and_rewinds():
    history = record_run(History(["w", "b"]), 0.001, 50)
    assert len(history) == 51 and history.position == 50 and history.iteration == 50
    assert history.diverged_at() is None
    assert np.all(np.diff(history.losses()) < 0)
    assert history.view()["w"] == [step["values"]["w"] for step in history.steps]
    assert history.view()["iteration"] == list(range(51))
    assert history.rewind(10) == history.steps[10]["values"]
    assert history.iteration == 10 and len(history) == 51  # kept for scrubbing forward again
    assert len(history.view()["loss"]) == 11  # figures see the path up to the step shown
    history.rewind(999)
    assert history.position == 50
    history.rewind(20)
    history.forget_after(history.position)
    assert len(history) == 21 and all(len(column) == 21 for column in history.columns.values())
    history.clear()
    assert len(history) == 0 and history.rewind(3) is None and history.iteration == 0


def test_history_judges_divergence_like_divergence():
    history = record_run(History(["w", "b"]), 0.01, 1000)
    at = history.diverged_at()
    assert at is not None and at == divergence(history.losses()) and at <= 30


def test_history_passes_over_steps_without_a_loss():
    history = History(["x"])
    for i, loss in enumerate([1.0, None, 2.0, 5.0, 11.0, 30.0]):
        history.record({"x": i}, loss, i)
    assert history.diverged_at() == 4  # the fourth finite loss is step 4
    assert history.view()["x"] == [0, 1, 2, 3, 4, 5]
    assert as_columns(history.steps[:1], ["x", "missing"]) == {"x": [0], "missing": [None], "loss": [1.0], "iteration": [0]}

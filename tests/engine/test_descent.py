import math
import warnings

import numpy as np
import pytest

from engine import (
    Trainer,
    divergence,
    gradient_step,
    line_objective,
    line_points,
    neuron_objective,
    normalization_stats,
    normalize,
    two_clusters,
)


def test_gradient_step_is_pure():
    params = {"w": np.array([1.0, 2.0]), "b": 0.5, "frozen": np.array([3.0])}
    new = gradient_step(params, {"w": np.array([1.0, -1.0]), "b": 2.0}, 0.1)
    np.testing.assert_allclose(new["w"], [0.9, 2.1])
    assert new["b"] == pytest.approx(0.3) and isinstance(new["b"], float)
    assert params["w"].tolist() == [1.0, 2.0]
    assert new["frozen"] is not params["frozen"] and new["frozen"].tolist() == [3.0]


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


def test_trainer_records_history_and_rewinds():
    x, y = line_points()
    trainer = Trainer(line_objective(x, y), {"w": 1.0, "b": 0.0}, 0.001)
    trainer.step(50)
    assert trainer.iteration == 50 and trainer.diverged_at is None
    assert trainer.losses.shape == (51,)
    assert np.all(np.diff(trainer.losses) < 0)
    assert trainer.param_history("w").shape == (51,)
    record = trainer.history[10]
    assert record.iteration == 10 and set(record.grads) == {"w", "b"}
    # Each recorded step is exactly w - rate * dw.
    np.testing.assert_array_equal(trainer.param_history("w")[11],
                                  trainer.history[10].params["w"] - 0.001 * trainer.grad_history("w")[10])
    trainer.rewind(10)
    assert trainer.iteration == 10 and trainer.params["w"] == record.params["w"]
    assert len(trainer.history) == 51  # kept for scrubbing forward again
    trainer.rewind(999)
    assert trainer.iteration == 50
    trainer.rewind(20).step(5)
    assert trainer.iteration == 25 and len(trainer.history) == 26


def test_trainer_stops_on_divergence_without_warnings():
    x, y = line_points()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        trainer = Trainer(line_objective(x, y), {"w": 1.0, "b": 0.0}, 0.01).step(1000)
    assert trainer.diverged_at is not None and trainer.diverged_at <= 30
    assert trainer.iteration == trainer.diverged_at
    assert trainer.step(10).iteration == trainer.diverged_at  # stays stopped
    trainer.rewind(2)
    trainer.learning_rate = 0.001
    trainer.step(10)
    assert trainer.diverged_at is None and trainer.iteration == 12


def test_trainer_keeps_last_finite_params_when_the_loss_overflows():
    # Gradient ascent on x^2 with a huge rate: the loss reaches inf within a few steps.
    def objective(params):
        x = params["x"]
        return x * x, {"x": 2 * x}

    trainer = Trainer(objective, {"x": 1.0}, -1e100).step(100)
    assert trainer.diverged_at == len(trainer.history)
    assert math.isfinite(trainer.params["x"]) and math.isfinite(trainer.loss)
    last = trainer.iteration
    trainer.learning_rate = 0.1  # a sensible rate: the run goes on from the last finite params
    trainer.step(5)
    assert trainer.diverged_at is None and trainer.iteration == last + 5


def test_trainer_survives_python_overflow_errors():
    def objective(params):
        return params["x"] ** 4, {"x": 4 * params["x"] ** 3}  # Python floats raise OverflowError

    trainer = Trainer(objective, {"x": 10.0}, 1.0).step(10)
    assert trainer.diverged_at is not None


def test_descent_separates_the_two_clusters():
    X, y = two_clusters(seed=0)
    Xn = normalize(X, normalization_stats(X))
    rng = np.random.default_rng(0)
    trainer = Trainer(neuron_objective(Xn, y), {"w": rng.normal(size=3), "b": float(rng.normal())}, 0.1)
    trainer.step(300)
    w, b = trainer.params["w"], trainer.params["b"]
    accuracy = np.mean(((Xn @ w + b) > 0) == (y == 1))
    assert accuracy == 1.0
    assert np.all(np.diff(trainer.losses) < 0)  # a small rate: every step goes down

"""Gradient descent: one step, a divergence rule, and a Trainer that records a run."""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from ._numeric import is_finite, quiet

# A run is judged diverging once its loss has risen on each of the last
# RISING_STEPS iterations and stands at more than GROWTH_FACTOR times the
# starting loss. Both conditions are needed: a run that overshoots and comes
# back never rises that far, and a short spike is not a steady climb.
GROWTH_FACTOR = 10.0
RISING_STEPS = 3


def gradient_step(params, grads, learning_rate):
    """Return new params: each one moved by -learning_rate * its gradient.

    params, grads: dicts with the same keys (names missing from grads are
    copied unchanged). Pure: the inputs are not modified; arrays are new.
    """
    stepped = {}
    with quiet():
        for name, value in params.items():
            if name in grads:
                value = value - learning_rate * np.asarray(grads[name], dtype=np.float64)
            stepped[name] = float(value) if np.ndim(value) == 0 else np.array(value, dtype=np.float64)
    return stepped


def _diverging(start: float, recent: list, i: int) -> bool:
    # Judge iteration i from the starting loss and the losses of iterations
    # i - RISING_STEPS .. i (fewer near the start): O(1) per iteration.
    loss = recent[-1]
    if not math.isfinite(loss):
        return True
    if i < RISING_STEPS or not start > 0 or loss <= GROWTH_FACTOR * start:
        return False
    return all(later > earlier for earlier, later in zip(recent, recent[1:]))


def divergence(losses):
    """Return the first iteration at which a run is judged diverging, or None.

    losses: a plain list (or array) of loss values, iteration 0 first.
    Iteration i is diverging when its loss is not finite (inf or nan), or
    when the loss has risen on each of the last 3 iterations and is now more
    than 10 times the starting loss (the starting loss must be above 0).
    An oscillating run that is shrinking never satisfies the second rule.
    """
    values = [float(loss) for loss in losses]
    for i in range(len(values)):
        if _diverging(values[0], values[max(0, i - RISING_STEPS): i + 1], i):
            return i
    return None


class Record(NamedTuple):
    """One iteration of a run: the params, their loss and its gradient."""

    iteration: int
    params: dict
    loss: float
    grads: dict


def _copy(params: dict) -> dict:
    return {k: float(v) if np.ndim(v) == 0 else np.array(v, dtype=np.float64) for k, v in params.items()}


class Trainer:
    """Run gradient descent on an objective and keep every iteration.

    objective: params -> (loss, grads); params: the starting dict;
    learning_rate: the step size (may be changed between steps).
    Iteration 0 is the starting point. `step` never raises or warns: an
    arithmetic error or a non-finite loss, gradient or parameter ends the
    run with `diverged_at` set and the last finite params kept, and the
    growth rule of `divergence` ends it with the diverging iteration recorded.
    """

    def __init__(self, objective, params, learning_rate):
        self.objective = objective
        self.learning_rate = float(learning_rate)
        self.history: list[Record] = []
        self.iteration = 0
        self.diverged_at = None
        self._start = _copy(params)
        record = self._evaluate(self._start, 0)
        if record is None:
            self.diverged_at = 0
        else:
            self.history.append(record)

    def _evaluate(self, params: dict, iteration: int):
        try:
            with quiet():
                loss, grads = self.objective(params)
                loss = float(loss)
        except ArithmeticError:  # e.g. OverflowError from Python floats
            return None
        numbers = list(params.values()) + list(grads.values())
        if not (math.isfinite(loss) and all(is_finite(v) for v in numbers)):
            return None
        return Record(iteration, params, loss, _copy(grads))

    @property
    def params(self) -> dict:
        """The current parameters (a copy)."""
        return _copy(self.history[self.iteration].params if self.history else self._start)

    @property
    def loss(self) -> float:
        """The loss at the current iteration (nan if there is none)."""
        return self.history[self.iteration].loss if self.history else math.nan

    @property
    def grads(self) -> dict:
        """The gradient at the current iteration (a copy)."""
        return _copy(self.history[self.iteration].grads) if self.history else {}

    @property
    def losses(self) -> np.ndarray:
        """(iterations + 1,) every recorded loss, iteration 0 first."""
        return np.array([record.loss for record in self.history], dtype=np.float64)

    def param_history(self, name: str) -> np.ndarray:
        """Return parameter `name` at every recorded iteration: (iterations + 1, *its shape)."""
        return np.array([record.params[name] for record in self.history], dtype=np.float64)

    def grad_history(self, name: str) -> np.ndarray:
        """Return the gradient of `name` at every recorded iteration."""
        return np.array([record.grads[name] for record in self.history], dtype=np.float64)

    def step(self, iterations=1):
        """Take up to `iterations` gradient steps from the current iteration; return self.

        Stepping from a rewound iteration first forgets the later ones.
        Stops early when the run diverges. A run stopped by the growth rule
        only continues from an earlier iteration (rewind first); a run
        stopped by a non-finite loss retries from its last finite params
        (useful after lowering learning_rate).
        """
        if not self.history or (self.diverged_at is not None and self.diverged_at <= self.iteration):
            return self
        del self.history[self.iteration + 1:]
        self.diverged_at = None
        for _ in range(int(iterations)):
            current = self.history[-1]
            moved = gradient_step(current.params, current.grads, self.learning_rate)
            record = self._evaluate(moved, current.iteration + 1)
            if record is None:
                self.diverged_at = current.iteration + 1
                break
            self.history.append(record)
            self.iteration = record.iteration
            recent = [r.loss for r in self.history[-RISING_STEPS - 1:]]
            if _diverging(self.history[0].loss, recent, record.iteration):
                self.diverged_at = record.iteration
                break
        return self

    def rewind(self, iteration):
        """Go back (or forward) to a recorded iteration; out-of-range values are clamped.

        The later records are kept until the next `step`, so a timeline can
        be scrubbed back and forth.
        """
        if self.history:
            self.iteration = min(max(int(iteration), 0), len(self.history) - 1)
        return self

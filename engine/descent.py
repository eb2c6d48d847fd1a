"""Gradient descent's record: the divergence rule and the one training history.

A run is whatever the reader's update() does; `History` records what it
left behind after each step (the tracked values and the loss), lets the
reader scrub back to any recorded step, and says when the run diverged.
kernel.widgets.WidgetState keeps one History per widget.
"""

from __future__ import annotations

import math

# A run is judged diverging once its loss has risen on each of the last
# RISING_STEPS iterations and stands at more than GROWTH_FACTOR times the
# starting loss. Both conditions are needed: a run that overshoots and comes
# back never rises that far, and a short spike is not a steady climb.
GROWTH_FACTOR = 10.0
RISING_STEPS = 3


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


class History:
    """Record a training run step by step, scrub back through it, and judge divergence.

    names: the tracked names; each step records their `values` (a dict the
    caller has already copied), the `loss` (a float, or None when it could
    not be computed) and the `iteration` (a Play frame at speed 10 counts
    10). The history is also kept as one list per name (`columns`), so
    figures get the path so far without a pass over every step.
    """

    def __init__(self, names):
        self.names = list(names)
        self.steps: list[dict] = []
        self.columns: dict[str, list] = {}
        self.position = -1  # the step shown; -1 before the first

    def __len__(self) -> int:
        return len(self.steps)

    def __getitem__(self, index):
        """Step `index` (or a slice of steps): {"values", "loss", "iteration"}."""
        return self.steps[index]

    def record(self, values: dict, loss, iteration: int) -> None:
        """Append a step after the last one and show it."""
        step = {"values": values, "loss": loss, "iteration": iteration}
        self.steps.append(step)
        for name, column in as_columns([step], self.names).items():
            self.columns.setdefault(name, []).extend(column)
        self.position = len(self.steps) - 1

    def forget_after(self, index: int) -> None:
        """Drop the steps after `index` (-1: all of them); the position is left to the caller."""
        del self.steps[index + 1:]
        for column in self.columns.values():
            del column[index + 1:]

    def clear(self) -> None:
        """Forget every step."""
        self.forget_after(-1)
        self.position = -1

    def rewind(self, index: int) -> dict | None:
        """Show step `index` (clamped to those recorded) and return its values, or None if empty."""
        if not self.steps:
            return None
        self.position = max(0, min(int(index), len(self.steps) - 1))
        return self.steps[self.position]["values"]

    @property
    def iteration(self) -> int:
        """The iteration of the step shown (0 before the first)."""
        return self.steps[self.position]["iteration"] if self.steps else 0

    def last_iteration(self) -> int:
        """The iteration of the last recorded step (0 before the first)."""
        return self.steps[-1]["iteration"] if self.steps else 0

    def losses(self, end: int | None = None) -> list:
        """The recorded losses of steps 0 .. end (all by default), None where none was computed."""
        return [step["loss"] for step in self.steps[: None if end is None else end + 1]]

    def diverged_at(self) -> int | None:
        """Return the index of the step at which the run is judged diverging, or None.

        Steps whose loss could not be computed are passed over (see `divergence`).
        """
        indices = [i for i, step in enumerate(self.steps) if step["loss"] is not None]
        found = divergence([self.steps[i]["loss"] for i in indices])
        return None if found is None else indices[found]

    def view(self) -> dict:
        """Per tracked name, "loss" and "iteration": the values of steps 0 .. the one shown."""
        end = self.position + 1
        return {name: column[:end] for name, column in self.columns.items()}


def as_columns(steps: list[dict], names) -> dict:
    """Return steps as one list per name, plus "loss" and "iteration" (None where a name is missing)."""
    columns = {name: [step["values"].get(name) for step in steps] for name in names}
    columns["loss"] = [step["loss"] for step in steps]
    columns["iteration"] = [step["iteration"] for step in steps]
    return columns

"""check_training and check_train_loop: run the reader's update step and judge the loss.

The verdict names the problem a newcomer most likely has: nothing moved,
the step goes uphill (wrong sign), the loss grows (learning rate too high),
or it falls too slowly to notice.
"""

from __future__ import annotations

import math

import numpy as np

from checks.reader import ReaderError, call_reader, call_with_params, fmt, namespace_guard
from checks.verdict import Check
from engine.descent import divergence

_MIN_DROP = 0.01  # the loss must fall by at least 1% of its starting value


def _progress_loss(ns, loss, params):
    # A function values -> float measuring progress, or a failed Check.
    if loss is None:
        data = ns.get("data")
        if data is None or len(params) != 2:
            return None, Check(False, "This check needs a loss: pass loss= (a function name in the lesson or a "
                                      "function of the parameters), or define `data` to use the line's L2 loss.")
        x, y = (np.array(column, dtype=np.float64) for column in zip(*data))

        def line_l2(values):
            w, b = values
            with np.errstate(all="ignore"):
                residual = w * x + b - y
                return float(0.5 * np.sum(residual * residual))
        return line_l2, None
    if isinstance(loss, str):
        fn = ns.get(loss)
        if not callable(fn):
            return None, Check(False, f"There is no loss function called `{loss}` yet: define it and run the cell.")
        return (lambda values: _float(call_with_params(ns, fn, params, values, loss))), None
    return (lambda values: _float(call_reader(loss, tuple(values), "the loss"))), None


def _float(value) -> float:
    return float(np.asarray(value, dtype=np.float64))


def _measure(loss_of, values) -> float:
    # A loss that overflows is an infinite loss, not an error.
    try:
        return loss_of(values)
    except ReaderError as failure:
        if isinstance(failure.error, ArithmeticError):
            return math.inf
        raise


def _read(ns, params):
    # Copies of the current values (arrays may be updated in place later).
    values = []
    for name in params:
        value = ns.get(name)
        values.append(np.array(value, dtype=np.float64) if np.ndim(value) else value)
    return values


def _not_a_number(params, values, who):
    # A failed Check if some parameter is no longer a number (e.g. None), else None.
    for name, value in zip(params, values):
        if np.asarray(value).dtype.kind not in "biuf":
            return Check(False, f"After {who}, {name} is {fmt(value)}, not a number: "
                                f"assign it a number (e.g. {name} -= learning_rate * d{name}).")
    return None


def _slope(loss_of, values, h=1e-6):
    # Central-difference gradient of the progress loss, flattened.
    slopes = []
    for k, value in enumerate(values):
        array = np.array(value, dtype=np.float64)
        for index in np.ndindex(array.shape):
            step = h * max(1.0, abs(float(array[index])))
            shifted = []
            for sign in (1.0, -1.0):
                moved = [np.array(v, dtype=np.float64) if np.ndim(v) else v for v in values]
                if isinstance(moved[k], np.ndarray):
                    moved[k][index] += sign * step
                else:
                    moved[k] = moved[k] + sign * step
                shifted.append(_measure(loss_of, moved))
            slopes.append((shifted[0] - shifted[1]) / (2 * step))
    return np.array(slopes)


def _flat(values):
    return np.concatenate([np.ravel(np.asarray(v, dtype=np.float64)) for v in values])


def _names(params):
    return " and ".join(params) if len(params) <= 2 else ", ".join(params)


def _shown(params, values):
    return ", ".join(f"{n} = {fmt(v)}" for n, v in zip(params, values))


def _rate_note(ns, rate):
    return f" (learning_rate is {fmt(ns[rate])} now)" if rate and rate in ns else ""


def _failure_hint(failure: ReaderError, params) -> str:
    if isinstance(failure.error, UnboundLocalError):
        return (f" Assigning to a name inside a function makes it local to that function:"
                f" start the function with `global {', '.join(params)}`.")
    return ""


def _verdict(ns, params, trace, losses, loss_of, overflow, who, rate, min_drop, steps):
    """Judge a recorded run: trace[k] are the parameter values after record k, losses[k] their loss.

    steps: how many update steps the whole recorded run took.
    """
    start, end = losses[0], losses[-1]
    note = _rate_note(ns, rate)
    first = next((k for k in range(1, len(trace)) if not np.array_equal(_flat(trace[k]), _flat(trace[0]))), None)
    if first is not None and first == 1:
        uphill = float(np.dot(_flat(trace[1]) - _flat(trace[0]), _slope(loss_of, trace[0])))
        if uphill > 0:
            return Check(False, (
                f"{who} moves {_names(params)} uphill: the first step raised the loss from {start:.4g} to "
                f"{losses[1]:.4g}. Step against the gradient: subtract learning_rate times the gradient "
                f"(w -= ...) instead of adding it."))
    if overflow or divergence(losses) is not None:
        return Check(False, (
            f"The loss is growing without bound: {start:.4g} at the start, {end:.4g} after {steps} steps"
            f"{' before the numbers grew too large for the computer' if overflow else ''}. Each step jumps "
            f"past the bottom of the valley and lands higher up the other side: try a smaller learning rate{note}."))
    if not end < start:
        return Check(False, (
            f"The loss did not go down: {start:.4g} at the start, {end:.4g} after {steps} steps. The steps "
            f"jump across the valley: try a smaller learning rate{note}."))
    drop = (start - end) / start if start > 0 else 1.0
    at_bottom = np.linalg.norm(_slope(loss_of, trace[-1])) <= 1e-3 * max(1.0, abs(end))
    if drop < min_drop and not at_bottom:
        return Check(False, (
            f"The loss went down only a little, from {start:.6g} to {end:.6g} in {steps} steps: too slow to "
            f"notice. The steps are tiny; try a larger learning rate{note}."))
    return Check(True, f"The loss fell from {start:.4g} to {end:.4g} in {steps} steps ({_shown(params, trace[-1])}).")


def _prepare(ns, loss, params, start):
    for name, value in (start or {}).items():
        ns[name] = value
    missing = [name for name in params if name not in ns]
    if missing:
        return None, None, Check(False, f"`{missing[0]}` is not defined yet: run the cell that sets {_names(params)}.")
    loss_of, problem = _progress_loss(ns, loss, params)
    if problem is not None:
        return None, None, problem
    values = _read(ns, params)
    first = _measure(loss_of, values)
    if not math.isfinite(first):
        return None, None, Check(False, f"The loss is not a finite number at the start ({_shown(params, values)}).")
    return loss_of, values, None


def check_training(ns, step="update", loss=None, params=("w", "b"), iterations=50,
                   rate="learning_rate", start=None, min_drop=_MIN_DROP):
    """Call the reader's step function `iterations` times and check the loss falls.

    step: name of a function taking no arguments that updates the global
    params (the course's update()); loss: None for the line's L2 loss on
    ns["data"], a function name in ns, or a function of the parameter values;
    rate: name of the learning-rate global, quoted in advice; start: optional
    {name: value} to begin from instead of the current values. Stops early
    once `divergence` flags the run.
    """
    params = tuple(params)
    with namespace_guard(ns):
        step_fn = ns.get(step)
        if not callable(step_fn):
            return Check(False, f"There is no function called `{step}` yet: define it and run the cell.")
        loss_of, values, problem = _prepare(ns, loss, params, start)
        if problem is not None:
            return problem
        trace, losses, overflow = [values], [_measure(loss_of, values)], False
        try:
            for _ in range(iterations):
                try:
                    call_reader(step_fn, (), f"{step}()")
                except ReaderError as failure:
                    if isinstance(failure.error, ArithmeticError):
                        overflow = True
                        break
                    raise
                trace.append(_read(ns, params))
                problem = _not_a_number(params, trace[-1], f"{step}()")
                if problem is not None:
                    return problem
                losses.append(_measure(loss_of, trace[-1]))
                if divergence(losses) is not None:
                    break
            if len(trace) == 1 or all(np.array_equal(_flat(t), _flat(trace[0])) for t in trace[1:]):
                if not overflow:
                    return Check(False, (
                        f"Nothing changed: after {iterations} calls of {step}(), {_shown(params, trace[0])} still. "
                        f"{step}() must assign the new values to the global {_names(params)} "
                        f"(that takes `global {', '.join(params)}` inside it)."))
            return _verdict(ns, params, trace, losses, loss_of, overflow, f"{step}()", rate, min_drop,
                            steps=len(losses) - 1)
        except ReaderError as failure:
            return Check(False, failure.describe() + "." + _failure_hint(failure, params))


def check_train_loop(ns, train="train", loss=None, params=("w", "b"), iterations=20, calls=5,
                     counter="iteration_counter", rate="learning_rate", start=None, min_drop=_MIN_DROP):
    """Check a train(iterations) loop: it must run update() and count iterations.

    Calls train(1) once (to see the direction of a single step), then
    train(iterations) `calls` times, recording the loss after each call.
    If ns holds `counter`, each call must add its iterations to it.
    loss, rate, start: as in check_training.
    """
    params = tuple(params)
    with namespace_guard(ns):
        train_fn = ns.get(train)
        if not callable(train_fn):
            return Check(False, f"There is no function called `{train}` yet: define it and run the cell.")
        loss_of, values, problem = _prepare(ns, loss, params, start)
        if problem is not None:
            return problem
        trace, losses, overflow = [values], [_measure(loss_of, values)], False
        counter_moves, steps = [], 0
        try:
            for count in [1] + [iterations] * calls:
                before = ns.get(counter)
                try:
                    call_reader(train_fn, (count,), f"{train}({count})")
                except ReaderError as failure:
                    if isinstance(failure.error, ArithmeticError):
                        overflow = True
                        break
                    raise
                steps += count
                if counter in ns and isinstance(before, (int, float)):
                    counter_moves.append((count, before, ns[counter]))
                trace.append(_read(ns, params))
                problem = _not_a_number(params, trace[-1], f"{train}({count})")
                if problem is not None:
                    return problem
                losses.append(_measure(loss_of, trace[-1]))
                if divergence(losses) is not None:
                    break
            moved = any(not np.array_equal(_flat(t), _flat(trace[0])) for t in trace[1:])
            miscounted = next(((c, b, a) for c, b, a in counter_moves if a - b != c), None)
            if not moved and not overflow:
                ran = (f"{train}({iterations}) ran and {counter} went up by {iterations}, but"
                       if counter_moves and miscounted is None else f"{train}() ran, but")
                return Check(False, f"{ran} {_names(params)} did not move: call update() inside the for loop.")
            if miscounted:
                count, before, after = miscounted
                return Check(False, (f"{train}({count}) should add {count} to {counter}, but it went from "
                                     f"{fmt(before)} to {fmt(after)}: add 1 on every pass through the loop."))
            return _verdict(ns, params, trace, losses, loss_of, overflow, f"{train}(1)", rate, min_drop, steps)
        except ReaderError as failure:
            return Check(False, failure.describe() + "." + _failure_hint(failure, params))

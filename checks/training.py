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
from engine.calculus import numerical_gradient
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
    # The engine's central difference of the progress loss (steps relative to each number), flattened.
    slopes = numerical_gradient(lambda moved: _measure(loss_of, [moved[k] for k in range(len(values))]),
                                dict(enumerate(values)), h, relative=True)
    return _flat([slopes[k] for k in range(len(values))])


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


def _labels(params, values):
    # One label per number of the parameters, in _flat order: "w", "b" or "w[0]", "w[1]".
    labels = []
    for name, value in zip(params, values):
        shape = np.shape(value)
        labels += [name] if shape == () else [f"{name}[{', '.join(map(str, i))}]" for i in np.ndindex(shape)]
    return labels


def _step_problem(ns, params, before, after, loss_of, rate, who):
    """Say what is wrong with one step from `before` to `after`, or None if it is
    exactly -learning_rate times the slope of the loss."""
    if not rate or rate not in ns or as_number(ns[rate]) is None:
        return None
    r = as_number(ns[rate])
    old, new = _flat(before), _flat(after)
    slope, moved = _slope(loss_of, before), new - old
    want = -r * slope
    scale = max(float(np.max(np.abs(want))), 1e-12)

    def same(a, b):
        return abs(a - b) <= 1e-4 * max(abs(a), abs(b), 1e-3 * scale)
    wrong = [i for i in range(len(old)) if not same(moved[i], want[i])]
    if not wrong or not np.all(np.isfinite(new)):
        return None
    labels = _labels(params, before)
    if all(same(moved[i], -want[i]) for i in wrong):
        names = _names([labels[i] for i in wrong])
        return (f"{who} moves {names} uphill, the wrong way: subtract {rate} times the slope "
                f"({labels[wrong[0]]} -= {rate} * d{labels[wrong[0]]}), do not add it.")
    for i in wrong:
        name = labels[i]
        if moved[i] == 0 and want[i] != 0:
            return f"{who} never changes {name}: update it too ({name} -= {rate} * d{name})."
        if same(new[i], want[i]) or same(new[i], -want[i]):
            return (f"{who} replaces {name} with {rate} * d{name} instead of stepping from where {name} is: "
                    f"write {name} -= {rate} * d{name}, not {name} = ...")
        other = next((j for j in range(len(old)) if j != i and same(moved[i], want[j]) and want[j] != want[i]), None)
        if other is not None:
            return f"{who} moves {name} by the slope of {labels[other]}: use d{name} to update {name}."
    ratios = {round(float(moved[i] / want[i]), 6) for i in wrong if want[i] != 0}
    if len(ratios) == 1:
        ratio = ratios.pop()
        names = _names([labels[i] for i in wrong])
        if r != 0 and abs(ratio * r - 1) < 1e-4:
            return (f"{who} steps {names} by the whole slope: multiply it by {rate} "
                    f"({labels[wrong[0]]} -= {rate} * d{labels[wrong[0]]}).")
        if ratio > 0:
            return (f"{who} moves {names} {fmt(ratio)} times as far as {rate} times the slope: "
                    f"the step should be exactly {rate} * the gradient, no more and no less.")
    name = labels[wrong[0]]
    return (f"{who} moved {name} by {fmt(moved[wrong[0]])}, but a step of gradient descent moves it by "
            f"-{rate} * d{name} = {fmt(want[wrong[0]])}.")


def _rate_problem(ns, rate):
    # A learning rate that is not a positive number can never work.
    if not rate or rate not in ns:
        return None
    value = as_number(ns[rate])
    if value is None:
        return Check(False, f"{rate} is {fmt(ns[rate])}, not a number.")
    if value <= 0:
        return Check(False, (f"{rate} is {fmt(value)}: it must be a positive number. "
                             f"{'A negative rate walks uphill' if value < 0 else 'A rate of 0 stands still'}; "
                             f"the minus sign of the step is in the update, not in the rate."))
    return None


def as_number(value):
    """Return value as a float, or None if it is not a single number."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _verdict(ns, params, trace, losses, loss_of, overflow, who, rate, min_drop, steps):
    """Judge a recorded run: trace[k] are the parameter values after record k, losses[k] their loss.

    steps: how many update steps the whole recorded run took.
    """
    start, end = losses[0], losses[-1]
    note = _rate_note(ns, rate)
    first = next((k for k in range(1, len(trace)) if not np.array_equal(_flat(trace[k]), _flat(trace[0]))), None)
    if first == 1:
        problem = _step_problem(ns, params, trace[0], trace[1], loss_of, rate, who)
        if problem is not None:
            return Check(False, problem)
    if first == 1:
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
    if drop < 0.5 and not at_bottom and _zigzags(trace):
        return Check(False, (
            f"The loss falls, from {start:.4g} to {end:.4g} in {steps} steps, but slowly: each step jumps across "
            f"the valley and back, so {_names(params)} zigzag and the bounces die out only slowly. This rate is "
            f"near the edge where the loss blows up: try a smaller learning rate{note}."))
    return Check(True, f"The loss fell from {start:.4g} to {end:.4g} in {steps} steps ({_shown(params, trace[-1])}).")


def _zigzags(trace) -> bool:
    """True when, over the second half of the run, most steps reverse the one before."""
    points = [_flat(values) for values in trace]
    steps = [b - a for a, b in zip(points, points[1:])]
    pairs = list(zip(steps, steps[1:]))[len(steps) // 2:]
    if len(pairs) < 4:
        return False
    return sum(float(np.dot(a, b)) < 0 for a, b in pairs) >= 0.8 * len(pairs)


def _prepare(ns, function, loss, params, start, rate=None):
    # The reader's function named `function`, the loss to judge by, the starting
    # values, or a failed Check saying why the check cannot start.
    fn = ns.get(function)
    if not callable(fn):
        return None, None, None, Check(False, f"There is no function called `{function}` yet: define it and run the cell.")
    for name, value in (start or {}).items():
        ns[name] = value
    problem = _rate_problem(ns, rate)
    if problem is not None:
        return None, None, None, problem
    missing = [name for name in params if name not in ns]
    if missing:
        return None, None, None, Check(False, f"`{missing[0]}` is not defined yet: run the cell that sets {_names(params)}.")
    loss_of, problem = _progress_loss(ns, loss, params)
    if problem is not None:
        return None, None, None, problem
    values = _read(ns, params)
    first = _measure(loss_of, values)
    if not math.isfinite(first):
        return None, None, None, Check(False, f"The loss is not a finite number at the start ({_shown(params, values)}).")
    return fn, loss_of, values, None


def check_training(ns, step="update", loss=None, params=("w", "b"), iterations=50,
                   rate="learning_rate", start=None, min_drop=_MIN_DROP):
    """Call the reader's step function `iterations` times and check the loss falls.

    step: name of a function taking no arguments that updates the global
    params (the course's update()); loss: None for the line's L2 loss on
    ns["data"], a function name in ns, or a function of the parameter values;
    rate: name of the learning-rate global (None if the step has none): it
    must be a positive number, and the first step must be exactly -rate
    times the slope of the loss, so a step that forgets a parameter, adds
    the gradient, or assigns instead of subtracting is named; start: optional
    {name: value} to begin from instead of the current values. Stops early
    once `divergence` flags the run.
    """
    params = tuple(params)
    with namespace_guard(ns):
        step_fn, loss_of, values, problem = _prepare(ns, step, loss, params, start, rate)
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


def _count_calls(ns, step):
    """Replace ns[step] by a wrapper that counts its calls; return the counter (a list)."""
    calls = [0]
    original = ns.get(step)
    if not callable(original):
        return None

    def counted(*args, **kwargs):
        calls[0] += 1
        return original(*args, **kwargs)
    ns[step] = counted  # train() looks its step function up in the namespace on every call
    return calls


def _loop_problem(train, step, counter, calls_made):
    """Say how train(n) failed to call the step function once per iteration, or None.

    calls_made: (n, calls of step, how far the counter moved) for each train(n);
    a diagnosis must hold for every call, not just one.
    """
    wrong = [(count, made, moved) for count, made, moved in calls_made if made != count]
    if not wrong:
        return None
    count, made, moved = next((w for w in wrong if w[0] > 1), wrong[0])
    counted = f" (while {counter} went up by {fmt(moved)})" if moved is not None else ""
    said = f"{train}({count}) called {step}() {'only once' if made == 1 else f'{made} times'}{counted}"
    if all(m == 1 for _, m, _ in calls_made):
        return (f"{said}: {step}() runs once per call of {train}(), not once per step. "
                f"Indent it inside the for loop, like {counter} += 1.")
    if all(m == 2 * c for c, m, _ in calls_made):
        return f"{said}: it runs twice per pass through the loop; call it once."
    extra = {m - c for c, m, _ in calls_made}
    if len(extra) == 1:
        d = extra.pop()
        times = f"{abs(d)} time{'s' if abs(d) > 1 else ''}"
        if d > 0 and all(moved == c for c, _, moved in calls_made):
            return (f"{said}: the loop ran {count} times, so {step}() is called {times} more outside it. "
                    f"Call it only inside the loop.")
        if all(moved == m for _, m, moved in calls_made):
            return (f"{said}: the loop runs {times} too {'many' if d > 0 else 'few'}. "
                    f"for i in range(iterations) runs exactly iterations times.")
    return f"{said}: it should take exactly {count} steps, one per pass through the loop."


def check_train_loop(ns, train="train", loss=None, params=("w", "b"), iterations=20, calls=5,
                     counter="iteration_counter", rate="learning_rate", start=None, min_drop=_MIN_DROP,
                     step="update"):
    """Check a train(iterations) loop: it must run update() and count iterations.

    Calls train(1) once (to see the direction of a single step), then
    train(iterations) `calls` times, recording the loss after each call.
    If ns holds `counter`, each call must add its iterations to it; if it
    holds the step function `step`, each call must call it once per iteration.
    loss, rate, start: as in check_training.
    """
    params = tuple(params)
    with namespace_guard(ns):
        train_fn, loss_of, values, problem = _prepare(ns, train, loss, params, start, rate)
        if problem is not None:
            return problem
        trace, losses, overflow = [values], [_measure(loss_of, values)], False
        counter_moves, steps, step_calls, calls_made = [], 0, _count_calls(ns, step), []
        try:
            for count in [1] + [iterations] * calls:
                before = ns.get(counter)
                made_before = step_calls[0] if step_calls else 0
                try:
                    call_reader(train_fn, (count,), f"{train}({count})")
                except ReaderError as failure:
                    if isinstance(failure.error, ArithmeticError):
                        overflow = True
                        break
                    raise
                steps += count
                moved_by = None
                if counter in ns and isinstance(before, (int, float)):
                    counter_moves.append((count, before, ns[counter]))
                    moved_by = ns[counter] - before if isinstance(ns[counter], (int, float)) else None
                if step_calls is not None:
                    calls_made.append((count, step_calls[0] - made_before, moved_by))
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
            loop_problem = _loop_problem(train, step, counter, calls_made) if step_calls and step_calls[0] else None
            if loop_problem is not None:
                return Check(False, loop_problem)
            if step_calls and step_calls[0]:
                steps = step_calls[0]
            if miscounted:
                count, before, after = miscounted
                return Check(False, (f"{train}({count}) should add {count} to {counter}, but it went from "
                                     f"{fmt(before)} to {fmt(after)}: add 1 on every pass through the loop."))
            return _verdict(ns, params, trace, losses, loss_of, overflow, f"{train}(1)", rate, min_drop, steps)
        except ReaderError as failure:
            return Check(False, failure.describe() + "." + _failure_hint(failure, params))

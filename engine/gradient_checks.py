"""check_gradient: compare the reader's gradient with the slopes of their own loss."""

from __future__ import annotations

import math

import numpy as np

from ._reader import Check, ReaderError, as_number_array, call_with_params, fmt, namespace_guard

# Fixed sample points keep the messages the same on every run.
_POINT_SEED = 20240611


def _default_points(ns, params, count=3):
    # Parameter values to test at: numbers with two decimals, shaped like
    # the reader's current ones (scalars if the names are not defined yet).
    rng = np.random.default_rng(_POINT_SEED)
    points = []
    for _ in range(count):
        point = []
        for name in params:
            shape = np.shape(ns.get(name, 0.0))
            value = np.round(rng.uniform(-2.0, 2.0, shape), 2)
            point.append(float(value) if shape == () else value)
        points.append(tuple(point))
    return points


def _components(name, value):
    # (label, index) for each number of a parameter: "w" or "w[1]".
    if np.ndim(value) == 0:
        return [(name, None)]
    return [(f"{name}[{', '.join(map(str, index))}]", index) for index in np.ndindex(np.shape(value))]


def _nudged(values, k, index, delta):
    moved = [np.array(v, dtype=np.float64) if np.ndim(v) else float(v) for v in values]
    if index is None:
        moved[k] = moved[k] + delta
    else:
        moved[k][index] += delta
    return moved


def _split(result, params):
    # The reader's gradient as one float array per parameter, or a reason.
    if result is None:
        return None, "returned nothing (None): end it with `return` and the partial derivatives"
    if isinstance(result, dict):
        missing = [name for name in params if name not in result]
        if missing:
            return None, f"returned a dict without {', '.join(missing)}"
        parts = [result[name] for name in params]
    elif len(params) == 1:
        parts = [result]
    else:
        try:
            parts = list(result)
        except TypeError:
            return None, f"returned {fmt(result)}, but it should return {len(params)} values, one per parameter"
        if len(parts) != len(params):
            return None, (f"returned {len(parts)} values, but there are {len(params)} parameters "
                          f"({', '.join(params)}): return one partial derivative for each")
    arrays = [as_number_array(part) for part in parts]
    if any(a is None for a in arrays):
        return None, f"returned {fmt(result)}, which is not made of numbers"
    return arrays, None


def _diagnosis(got, slope):
    # Name the likely slip from the ratio of the two numbers.
    if slope != 0 and got != 0:
        ratio = got / slope
        if abs(ratio + 1) < 1e-3:
            return " It has the right size but the wrong sign: use (prediction - target), not (target - prediction)."
        if abs(ratio - 2) < 1e-3:
            return " It is exactly twice the slope: the 1/2 in the loss already cancels the 2 from the square."
        if abs(ratio - 0.5) < 1e-3:
            return " It is exactly half the slope: a factor 2 is missing (or an extra 1/2 crept in)."
    if got == 0 and slope != 0:
        return " It stays 0: is the sum being added up inside the loop?"
    return ""


def check_gradient(ns, gradient="gradient", loss="loss", params=("w", "b"), points=None,
                   rtol=1e-5, h=1e-6):
    """Check the reader's gradient against slopes measured on the reader's own loss.

    ns: the lesson namespace; gradient, loss: names of the reader's functions
    (either style: reading the globals, as gradient(), or taking the
    parameters, as loss(w, b)); params: the parameter names, in the order
    the gradient returns its parts; points: tuples of parameter values to
    test at (default: three fixed points). At each point every partial
    derivative must agree with the central difference of loss, nudging that
    parameter by h * max(1, |value|), to a relative error of rtol.
    """
    params = tuple(params)
    with namespace_guard(ns):
        functions = {}
        for role, name in (("gradient", gradient), ("loss", loss)):
            fn = ns.get(name)
            if not callable(fn):
                return Check(False, f"There is no {role} function called `{name}` yet: define it and run the cell.")
            functions[role] = fn
        tested = 0
        for point in points if points is not None else _default_points(ns, params):
            values = list(point)
            where = ", ".join(f"{n} = {fmt(v)}" for n, v in zip(params, values))
            try:
                base = float(call_with_params(ns, functions["loss"], params, values, loss))
                if not math.isfinite(base):
                    continue
                got, problem = _split(call_with_params(ns, functions["gradient"], params, values, gradient), params)
                if problem is not None:
                    return Check(False, f"{gradient}() {problem}.")
                wrong = []
                for k, name in enumerate(params):
                    if got[k].shape != np.shape(values[k]):
                        return Check(False, f"The {name} part of {gradient}() has shape {got[k].shape}, "
                                            f"but {name} has shape {np.shape(values[k])}.")
                    for label, index in _components(name, values[k]):
                        step = h * max(1.0, abs(float(values[k] if index is None else values[k][index])))
                        up = float(call_with_params(ns, functions["loss"], params, _nudged(values, k, index, step), loss))
                        down = float(call_with_params(ns, functions["loss"], params, _nudged(values, k, index, -step), loss))
                        slope = (up - down) / (2 * step)
                        value = float(got[k] if index is None else got[k][index])
                        scale = max(abs(value), abs(slope), 1e-6 * (1 + abs(base)))
                        if not abs(value - slope) <= rtol * scale:
                            wrong.append((label, value, slope))
            except ReaderError as failure:
                return Check(False, failure.describe() + ".")
            tested += 1
            if wrong:
                label, value, slope = wrong[0]
                others = [w[0] for w in wrong[1:]]
                also = f" (the {', '.join(others)} part{'s are' if len(others) > 1 else ' is'} off too)" if others else ""
                return Check(False, (
                    f"The {label} part of your gradient is off{also}. At {where}, {gradient}() gives "
                    f"d{label} = {fmt(value)}, but nudging {label} changes {loss}() at a rate of "
                    f"{fmt(slope)}.{_diagnosis(value, slope)}"))
        if tested == 0:
            return Check(False, f"{loss}() was not a finite number at any test point, so the gradient could not be compared.")
    parts = " and ".join(params)
    return Check(True, f"Your gradient matches the slopes of {loss}() at {tested} points: the {parts} parts all agree.")

"""check_gradient: compare the reader's gradient with the slopes of their own loss."""

from __future__ import annotations

import math

import numpy as np

from checks.reader import ReaderError, as_number_array, call_with_params, fmt, namespace_guard
from checks.verdict import Check

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


class _Reader:
    """The reader's loss and gradient functions, called at given parameter values."""

    def __init__(self, ns, params, gradient, loss):
        self.ns, self.params = ns, params
        self.gradient_name, self.loss_name = gradient, loss
        self.gradient_fn, self.loss_fn = ns.get(gradient), ns.get(loss)

    def loss(self, values) -> float:
        return float(call_with_params(self.ns, self.loss_fn, self.params, values, self.loss_name))

    def gradient(self, values):
        return call_with_params(self.ns, self.gradient_fn, self.params, values, self.gradient_name)


def _mismatches(reader, values, got, base, rtol, h):
    # (label, reader's number, measured slope) for every component that disagrees.
    wrong = []
    for k, name in enumerate(reader.params):
        for label, index in _components(name, values[k]):
            value_k = values[k] if index is None else values[k][index]
            step = h * max(1.0, abs(float(value_k)))
            up = reader.loss(_nudged(values, k, index, step))
            down = reader.loss(_nudged(values, k, index, -step))
            slope = (up - down) / (2 * step)
            value = float(got[k] if index is None else got[k][index])
            scale = max(abs(value), abs(slope), 1e-6 * (1 + abs(base)))
            if not abs(value - slope) <= rtol * scale:
                wrong.append((label, value, slope))
    return wrong


def _wrong_message(reader, values, wrong):
    label, value, slope = wrong[0]
    others = [w[0] for w in wrong[1:]]
    also = f" (the {', '.join(others)} part{'s are' if len(others) > 1 else ' is'} off too)" if others else ""
    where = ", ".join(f"{n} = {fmt(v)}" for n, v in zip(reader.params, values))
    return (f"The {label} part of your gradient is off{also}. At {where}, {reader.gradient_name}() gives "
            f"d{label} = {fmt(value)}, but nudging {label} changes {reader.loss_name}() at a rate of "
            f"{fmt(slope)}.{_diagnosis(value, slope)}")


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
        reader = _Reader(ns, params, gradient, loss)
        for role, name, fn in (("gradient", gradient, reader.gradient_fn), ("loss", loss, reader.loss_fn)):
            if not callable(fn):
                return Check(False, f"There is no {role} function called `{name}` yet: define it and run the cell.")
        tested = 0
        for point in points if points is not None else _default_points(ns, params):
            values = list(point)
            try:
                base = reader.loss(values)
                if not math.isfinite(base):
                    continue
                got, problem = _split(reader.gradient(values), params)
                if problem is not None:
                    return Check(False, f"{gradient}() {problem}.")
                for name, part, value in zip(params, got, values):
                    if part.shape != np.shape(value):
                        return Check(False, f"The {name} part of {gradient}() has shape {part.shape}, "
                                            f"but {name} has shape {np.shape(value)}.")
                wrong = _mismatches(reader, values, got, base, rtol, h)
            except ReaderError as failure:
                return Check(False, failure.describe() + ".")
            if wrong:
                return Check(False, _wrong_message(reader, values, wrong))
            tested += 1
        if tested == 0:
            return Check(False, f"{loss}() was not a finite number at any test point, "
                                f"so the gradient could not be compared.")
    parts = " and ".join(params)
    return Check(True, f"Your gradient matches the slopes of {loss}() at {tested} points: the {parts} parts all agree.")

"""check_gradient: compare the reader's gradient with the slopes of their own loss."""

from __future__ import annotations

import math

import numpy as np

from checks.reader import ReaderError, as_number_array, call_reader, call_with_params, fmt, namespace_guard
from checks.mistakes import shape_hint
from checks.verdict import Check
from engine.calculus import numerical_gradient

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


def _factor_words(ratio):
    if abs(ratio + 1) < 1e-4:
        return "has the right size but the wrong sign: use (prediction - target), not (target - prediction)"
    if abs(ratio - 2) < 1e-4:
        return "is exactly twice the slope: the 1/2 in the loss already cancels the 2 from the square"
    if abs(ratio - 0.5) < 1e-4:
        return "is exactly half the slope: a factor 2 is missing (or an extra 1/2 crept in)"
    if abs(ratio) < 1 and abs(1 / ratio - round(1 / ratio)) < 1e-4:
        return (f"is exactly 1/{round(1 / ratio)} of the slope: it divides by {round(1 / ratio)}, "
                f"but the loss adds the examples up without dividing (a mean where a sum belongs?)")
    if abs(ratio - round(ratio)) < 1e-4:
        return f"is exactly {round(ratio)} times the slope: a factor {round(ratio)} too many"
    return f"is exactly {fmt(ratio)} times the slope: a constant factor is wrong"


def _diagnosis(params, runs, mistakes, gradient_name, reader):
    """Name the slip that every point tested proves, or "".

    runs: (values, reader's parts, measured slopes) per point tested.
    """
    def wrong_at(got, slopes, k):
        return not np.allclose(got[k], slopes[k], rtol=1e-4, atol=1e-9)
    for sentence, function in (mistakes or {}).items():
        try:
            proven = all(
                (parts := _split(call_reader(function, tuple(values), "a known mistake"), params)[0]) is not None
                and all(np.allclose(got[k], parts[k], rtol=1e-4, atol=1e-9)
                        for k in range(len(params)) if wrong_at(got, slopes, k))
                for values, got, slopes in runs)
        except ReaderError:
            proven = False
        if proven:
            return " " + sentence
    wrong = [k for k in range(len(params)) if any(wrong_at(got, slopes, k) for _, got, slopes in runs)]
    if not wrong:
        return ""
    if all(np.allclose(got[k], -slopes[k], rtol=1e-4, atol=1e-9) for _, got, slopes in runs for k in wrong):
        names = " and ".join(params[k] for k in wrong)
        return (f" The {names} part{'s have' if len(wrong) > 1 else ' has'} the right size but the wrong sign "
                f"at every point tested: use (prediction - target), not (target - prediction).")
    for k in wrong:
        for j in wrong:
            if j > k and all(np.shape(got[k]) == np.shape(slopes[j]) and np.shape(got[j]) == np.shape(slopes[k])
                             and np.allclose(got[k], slopes[j], rtol=1e-4, atol=1e-9)
                             and np.allclose(got[j], slopes[k], rtol=1e-4, atol=1e-9) for _, got, slopes in runs):
                return (f" The {params[k]} and {params[j]} parts are swapped at every point tested: "
                        f"return them in the order {', '.join('d' + p for p in params)}.")
    for k in wrong:
        name = params[k]
        if all(np.all(got[k] == 0) for _, got, _ in runs):
            return f" The {name} part stays 0 at every point tested: is its share added up inside the loop?"
        pairs = [(g, s) for _, got, slopes in runs for g, s in zip(np.ravel(got[k]), np.ravel(slopes[k])) if abs(s) > 1e-9]
        if pairs:
            ratio = max(pairs, key=lambda pair: abs(pair[1]))
            ratio = float(ratio[0] / ratio[1])
            if ratio != 0 and all(np.allclose(got[k], ratio * slopes[k], rtol=1e-4, atol=1e-9) for _, got, slopes in runs):
                return f" At every point tested, the {name} part {_factor_words(ratio)}."
        for j, other in enumerate(params):
            if j != k and all(np.shape(got[k]) == np.shape(slopes[j]) and np.allclose(got[k], slopes[j], rtol=1e-4, atol=1e-9)
                              and not np.allclose(slopes[j], slopes[k], rtol=1e-4, atol=1e-9) for _, got, slopes in runs):
                return (f" The {name} part equals the slope for {other} at every point tested: "
                        f"each example's share of d{name} needs the factor {name} is multiplied by in the prediction.")
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


def _measured(reader, values, base, h):
    # The slope of the reader's loss along every parameter number: one array per parameter.
    # The engine's central difference, with steps relative to each number's size.
    slopes = numerical_gradient(lambda moved: reader.loss([moved[name] for name in reader.params]),
                                dict(zip(reader.params, values)), h, relative=True)
    return [np.asarray(slopes[name], dtype=np.float64) for name in reader.params]


def _mismatches(reader, values, got, slopes, base, rtol):
    # (label, reader's number, measured slope) for every component that disagrees.
    wrong = []
    for k, name in enumerate(reader.params):
        for label, index in _components(name, values[k]):
            slope = float(slopes[k][() if index is None else index])
            value = float(got[k] if index is None else got[k][index])
            scale = max(abs(value), abs(slope), 1e-6 * (1 + abs(base)))
            if not abs(value - slope) <= rtol * scale:
                wrong.append((label, value, slope))
    return wrong


def _wrong_message(reader, values, wrong, diagnosis):
    label, value, slope = wrong[0]
    others = [w[0] for w in wrong[1:]]
    also = f" (the {', '.join(others)} part{'s are' if len(others) > 1 else ' is'} off too)" if others else ""
    # A matrix prints on several lines; a message is one line.
    where = ", ".join(f"{n} = {' '.join(fmt(v).split())}" for n, v in zip(reader.params, values))
    return (f"The {label} part of your gradient is off{also}. At {where}, {reader.gradient_name}() gives "
            f"d{label} = {fmt(value)}, but nudging {label} changes {reader.loss_name}() at a rate of "
            f"{fmt(slope)}.{diagnosis}")


def check_gradient(ns, gradient="gradient", loss="loss", params=("w", "b"), points=None,
                   rtol=1e-5, h=1e-6, mistakes=None):
    """Check the reader's gradient against slopes measured on the reader's own loss.

    ns: the lesson namespace; gradient, loss: names of the reader's functions
    (either style: reading the globals, as gradient(), or taking the
    parameters, as loss(w, b)); params: the parameter names, in the order
    the gradient returns its parts; points: tuples of parameter values to
    test at (default: three fixed points). At each point every partial
    derivative must agree with the central difference of loss, nudging that
    parameter by h * max(1, |value|), to a relative error of rtol. A wrong
    gradient's message names the slip (sign, a constant factor, another
    parameter's slope, or one of `mistakes`: {sentence: function of the
    parameters returning that wrong gradient}) only when every point proves it.
    """
    params = tuple(params)
    with namespace_guard(ns):
        reader = _Reader(ns, params, gradient, loss)
        for role, name, fn in (("gradient", gradient, reader.gradient_fn), ("loss", loss, reader.loss_fn)):
            if not callable(fn):
                return Check(False, f"There is no {role} function called `{name}` yet: define it and run the cell.")
        tested, runs, first_wrong = 0, [], None
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
                                            f"but {name} has shape {np.shape(value)}.{shape_hint(part, value)}")
                slopes = _measured(reader, values, base, h)
                wrong = _mismatches(reader, values, got, slopes, base, rtol)
            except ReaderError as failure:
                return Check(False, failure.describe() + ".")
            runs.append((values, got, slopes))
            if wrong and first_wrong is None:
                first_wrong = (values, wrong)
            tested += 1
        if first_wrong is not None:
            diagnosis = _diagnosis(params, runs, mistakes, gradient, reader)
            return Check(False, _wrong_message(reader, *first_wrong, diagnosis))
        if tested == 0:
            return Check(False, f"{loss}() was not a finite number at any test point, "
                                f"so the gradient could not be compared.")
    parts = " and ".join(params)
    return Check(True, f"Your gradient matches the slopes of {loss}() at {tested} points: the {parts} parts all agree.")

"""Checks of values, shapes and functions the reader wrote.

Each check returns a Check(passed, message). Checks that run the reader's
code take the lesson namespace `ns` (the dict the reader's cells ran in),
set the globals they need, and always put the namespace back as it was.
Anything the reader's code raises becomes a failed Check naming the error.
"""

from __future__ import annotations

import inspect

import numpy as np

from checks.reader import ReaderError, as_number_array, call_reader, fmt, namespace_guard
from checks.mistakes import Evidence, Outcome, shape_hint
from checks.shapes import shape_text
from checks.verdict import Check


def _lookup(ns, name, what="function"):
    # Return (fn, None) or (None, failed Check) when the name is unusable.
    if name not in ns:
        return None, Check(False, f"There is no {what} called `{name}` yet: define it and run the cell.")
    fn = ns[name]
    if not callable(fn):
        return None, Check(False, f"`{name}` is {fmt(fn)}, not a function: it needs `def {name}(...):`.")
    return fn, None


def _agree(got, expected, tol):
    # Return None when got matches expected, else a short reason.
    expected_array = as_number_array(expected)
    got_array = as_number_array(got)
    if expected_array is None:
        return None if got == expected else "differs"
    if got_array is None:
        return "is not a number"
    if got_array.shape != expected_array.shape:
        return f"has shape {got_array.shape}, expected {expected_array.shape}"
    close = np.isclose(got_array, expected_array, rtol=tol, atol=tol, equal_nan=True)
    return None if np.all(close) else "differs"


def check_function(ns, name, reference, cases, tol=1e-9, mistakes=None):
    """Check the reader's function `name` against `reference` on sample inputs.

    cases: argument tuples, e.g. [(2, 0.5, 1), (-3, 2, 0)]; a non-tuple is a
    single argument. Passes when every output is within tol (relative and
    absolute) of the reference's; otherwise says at which input it differs
    and, when the outputs at every input prove it, what kind of mistake it
    is (see checks/mistakes.py). mistakes: optional {sentence: function
    taking the same arguments}, the author's known slips, named when the
    reader's outputs match that function at every input.
    """
    with namespace_guard(ns):
        fn, problem = _lookup(ns, name)
        if problem is not None:
            return problem
        cases = [case if isinstance(case, tuple) else (case,) for case in cases]
        records, first_wrong = [], None
        for args in cases:
            expected = reference(*args)
            call = f"{name}({', '.join(fmt(a) for a in args)})"
            try:
                got = call_reader(fn, tuple(np.copy(a) if isinstance(a, np.ndarray) else a for a in args), call)
            except ReaderError as failure:
                return Check(False, failure.describe() + ".")
            if got is None and expected is not None:
                return Check(False, f"{call} returned nothing (None): end the function with a `return` line.")
            reason = _agree(got, expected, tol)
            records.append(Outcome(args, got, expected))
            if reason is not None and first_wrong is None:
                first_wrong = (call, got, expected, reason)
        if first_wrong is None:
            return Check(True, f"`{name}` gives the expected result for all {len(cases)} inputs tried.")
        call, got, expected, reason = first_wrong
        if reason != "differs":
            return Check(False, f"{call} returned a value that {reason}.{shape_hint(got, expected)}")
        evidence = Evidence(records, _parameter_names(fn, len(cases[0])), reference, ns, tol)
        return Check(False, f"{call} returned {fmt(got)}, but it should return {fmt(expected)}."
                            f"{evidence.diagnose(mistakes)}")


def _parameter_names(fn, count):
    try:
        names = [p.name for p in inspect.signature(fn).parameters.values()]
    except (TypeError, ValueError):
        names = []
    return (names + [f"argument {k + 1}" for k in range(len(names), count)])[:count]


def check_value(value, expected, tol=1e-6, what="the value"):
    """Check that a number (or array) is within tol of the expected one.

    Passes when |value - expected| <= tol * max(1, |expected|) everywhere,
    so tol is absolute near 0 and relative for large numbers.
    """
    got = as_number_array(value)
    want = as_number_array(expected)
    if got is None:
        return Check(False, f"{what} should be a number, but it is {fmt(value)}.")
    if got.shape != want.shape:
        return Check(False, f"{what} has shape {got.shape}, but it should have shape {want.shape}.")
    if np.any(np.isnan(got)) and not np.any(np.isnan(want)):
        return Check(False, f"{what} is not a number (nan): something divided 0 by 0 or mixed inf - inf.")
    gap = np.abs(got - want)
    if np.all(gap <= tol * np.maximum(1.0, np.abs(want))):
        return Check(True, f"{what} is {fmt(value)}, as expected.")
    return Check(False, f"{what} is {fmt(value)}, but it should be {fmt(expected)}.")


def _dims(shape):
    if len(shape) == 0:
        return "a single number"
    if len(shape) == 1:
        return f"{shape[0]} numbers in a row"
    if len(shape) == 2:
        return f"{shape[0]} rows and {shape[1]} columns"
    return f"{len(shape)} dimensions"


def check_shape(array, expected_shape, what="the array"):
    """Check an array's shape; None in expected_shape accepts any size there."""
    got = as_number_array(array)
    if got is None:
        return Check(False, f"{what} should be an array of numbers, but it is {fmt(array)}.")
    expected_shape = tuple(expected_shape)
    fits = len(got.shape) == len(expected_shape) and all(
        want is None or have == want for have, want in zip(got.shape, expected_shape)
    )
    shown = shape_text(["any" if size is None else size for size in expected_shape])
    if fits:
        return Check(True, f"{what} has shape {got.shape}, as expected.")
    return Check(False, f"{what} has shape {got.shape} ({_dims(got.shape)}), but it should have shape {shown}.")

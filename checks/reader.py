"""Calling a reader's code safely: a namespace guard, calls that report errors plainly."""

from __future__ import annotations

import copy
import inspect
import linecache
import re
import warnings

import numpy as np

from checks.shapes import shape_error_message
from engine.formatting import message_text as fmt  # noqa: F401 - checks write numbers as messages do


_MUTABLE = (np.ndarray, list, dict, set, bytearray)


class namespace_guard:
    """Restore a namespace dict exactly on exit, even after an exception.

    Names added are removed, names rebound are rebound to the same objects,
    and arrays, lists, dicts and sets changed in place get their contents back.
    """

    def __init__(self, ns: dict):
        self.ns = ns

    def __enter__(self):
        self.bindings = dict(self.ns)
        self.contents = {}
        for name, value in self.bindings.items():
            if name.startswith("__") or not isinstance(value, _MUTABLE):
                continue
            try:
                self.contents[name] = copy.deepcopy(value)
            except Exception:  # something inside cannot be copied: leave it be
                pass
        return self.ns

    def __exit__(self, *exc_info):
        for name in [name for name in self.ns if name not in self.bindings]:
            del self.ns[name]
        for name, value in self.bindings.items():
            if self.ns.get(name, _MISSING) is not value:
                self.ns[name] = value
        for name, saved in self.contents.items():
            _restore_contents(self.bindings[name], saved)
        return False


_MISSING = object()


def _restore_contents(obj, saved) -> None:
    try:
        if isinstance(obj, np.ndarray):
            if obj.shape == saved.shape and not np.array_equal(obj, saved, equal_nan=True):
                obj[...] = saved
        elif isinstance(obj, (list, bytearray)):
            if obj != saved:
                obj[:] = saved
        elif isinstance(obj, (dict, set)):
            if obj != saved:
                obj.clear()
                obj.update(saved)
    except Exception:  # e.g. a read-only array, which then was not changed either
        pass


class ReaderError(Exception):
    """The reader's code raised; `error` is the original exception.

    `named` holds the arrays the call could see by name (its arguments and
    the globals it uses), so a shape error can say which shapes met.
    """

    def __init__(self, call: str, error: BaseException, named: dict | None = None):
        super().__init__(call, error)
        self.call = call
        self.error = error
        # The arrays on the line that failed name the shapes best; else all those in reach
        # (then a shape found twice stays unnamed rather than named wrongly).
        on_line, in_frame = _arrays_where_it_failed(error)
        self.named = on_line or {**(named or {}), **in_frame}

    def describe(self) -> str:
        if isinstance(self.error, ValueError):
            explained = shape_error_message(self.error, self.named)
            if explained:
                return f"{self.call} stopped: {explained.rstrip('.')}"
        return f"{self.call} stopped with {type(self.error).__name__}: {self.error}"


def _arrays_in_reach(fn, args) -> dict:
    """The arrays fn works on, by the names the reader gave them."""
    named = {}
    try:
        bound = inspect.signature(fn).bind_partial(*args)
        named.update(bound.arguments)
    except (TypeError, ValueError):
        pass
    code, scope = getattr(fn, "__code__", None), getattr(fn, "__globals__", {})
    for name in (code.co_names if code else ()):
        if name in scope and name not in named:
            named[name] = scope[name]
    return {name: value for name, value in named.items() if isinstance(value, np.ndarray)}


def _arrays_where_it_failed(error: BaseException) -> tuple[dict, dict]:
    """The arrays named on the reader's line that raised (in their order there), and
    the arrays local to that function."""
    frame, lineno = None, None
    tb = error.__traceback__
    while tb is not None:
        if not tb.tb_frame.f_code.co_filename.startswith(_NUMPY_DIR):
            frame, lineno = tb.tb_frame, tb.tb_lineno
        tb = tb.tb_next
    if frame is None:
        return {}, {}
    in_frame = {name: value for name, value in frame.f_locals.items() if isinstance(value, np.ndarray)}
    line = linecache.getline(frame.f_code.co_filename, lineno)
    scope = {**frame.f_globals, **frame.f_locals}
    named = {}
    for name in re.findall(r"[A-Za-z_]\w*", line):
        if isinstance(scope.get(name), np.ndarray) and name not in named:
            named[name] = scope[name]
    return named, in_frame


_NUMPY_DIR = np.__file__.rsplit("/", 1)[0]


def call_reader(fn, args=(), label=None):
    """Call the reader's fn(*args) quietly; raise ReaderError if it raises."""
    label = label or f"{getattr(fn, '__name__', 'the function')}({', '.join(fmt(a) for a in args)})"
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return fn(*args)
    except Exception as error:  # anything the reader's code raises becomes a message
        raise ReaderError(label, error, _arrays_in_reach(fn, args)) from error


def positional_count(fn) -> int | None:
    """Return how many positional arguments fn requires (None if unknown)."""
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):
        return None
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return sum(1 for p in signature.parameters.values() if p.kind in kinds and p.default is p.empty)


def call_with_params(ns: dict, fn, names, values, label: str):
    """Set the globals `names` to `values`, then call fn with them or without arguments.

    The course's functions come in two styles: loss() reading the globals w
    and b, and loss(w, b) taking them; both are supported.
    """
    for name, value in zip(names, values):
        ns[name] = value
    wants = positional_count(fn)
    args = tuple(values) if wants == len(names) and wants > 0 else ()
    return call_reader(fn, args, f"{label}({', '.join(names) if args else ''})")


def as_number_array(value):
    """Return value as a float array, or None if it does not hold numbers."""
    try:
        array = np.asarray(value)
    except (TypeError, ValueError):  # e.g. ragged nested lists
        return None
    # None, strings and other objects are not numbers (float(None) would be nan).
    return array.astype(np.float64) if array.dtype.kind in "biuf" else None

"""Widgets: sliders that write globals, live readouts, figures, and training.

A widget spec (a dict the build writes into the page; every key, its
default and meaning are declared once in kernel/widget_spec.py) names the
sliders that write globals, the readouts and figures evaluated after every
change, and the step, play, track and loss expressions of training.

`WidgetState` keeps one widget's history and answers the page's requests with
plain replies: slider values, readout texts, figures (only the traces that
changed), an error traceback, the history position and any divergence.
Builds use the same `open()` reply to embed what the page shows before Python.
"""

from __future__ import annotations

import ast
import copy
import functools
import inspect
import math
import types

import numpy as np

from engine.descent import History, as_columns
from engine.formatting import readout_text as format_value
from figures import FIGURES
from kernel.cells import format_reader_error
from kernel.widget_spec import Slider, TextInput, WidgetSpec  # noqa: F401 - the spec is declared there

# Widget expressions are compiled under this name; tracebacks drop their frame
# and keep the reader's own functions they called.
READER_EXPRESSION = "<widget>"


FIGURE = "__figure__"  # the name a figure call's builder is bound to while it runs

# Figures that evaluate a loss over a whole grid: infinity far out in a corner
# is expected there (they draw log(1 + loss) and skip what is not finite).
GRID_FIGURES = {"landscape", "surface", "surface_fit"}


def _guarded(function):
    """Wrap a reader's function so nan or infinity raises, naming the input that gave it."""

    @functools.wraps(function)
    def guarded(*args, **kwargs):
        result = function(*args, **kwargs)
        try:
            values = np.asarray(result, dtype=np.float64)
        except (TypeError, ValueError):
            return result  # not numbers (a dict, a string): nothing to check
        finite = np.isfinite(values)
        if finite.all():
            return result
        where = tuple(np.argwhere(~finite)[0]) if values.ndim else ()
        bad = values[where] if where else values

        def shown(arg):
            if isinstance(arg, np.ndarray) and arg.shape == values.shape and where:
                arg = arg[where]
            if callable(arg):
                return getattr(arg, "__name__", "a function")
            arg = arg.item() if isinstance(arg, np.generic) else arg
            return f"{arg:g}" if isinstance(arg, float) else format_value(arg)

        call = ", ".join([shown(arg) for arg in args] + [f"{k}={shown(v)}" for k, v in kwargs.items()])
        # A ValueError, so the cell shows "ValueError: y(3, 1.5, 2) returned nan ...".
        raise ValueError(
            f"{function.__name__}({call}) returned {format_value(float(bad))}, which cannot be drawn. "
            "A model must give a number for every input: look for a division by zero, the square root "
            "or log of a negative number, or a number too large to hold.")

    return guarded


def _reader_functions(namespace: dict) -> dict:
    """The functions the reader's cells defined, each guarded against nan and infinity."""
    return {name: _guarded(value) for name, value in namespace.items()
            if isinstance(value, types.FunctionType) and value.__code__.co_filename.startswith("<cell")}


@functools.lru_cache(maxsize=512)
def _compiled(expression: str):
    return compile(expression, READER_EXPRESSION, "eval")


def _evaluate(expression: str, namespace: dict, extras: dict):
    return eval(_compiled(expression), {**namespace, **extras})


@functools.lru_cache(maxsize=512)
def _figure_call(expression: str) -> tuple[str, object]:
    """Compile `kind(args)` so that only the call itself names the figure kind.

    Inside the arguments every name is the lesson's, so a lesson may have a
    function called `curve` or `network_output` of its own.
    """
    tree = ast.parse(expression, mode="eval")
    kind = tree.body.func.id
    tree.body.func = ast.copy_location(ast.Name(id=FIGURE, ctx=ast.Load()), tree.body.func)
    return kind, compile(ast.fix_missing_locations(tree), READER_EXPRESSION, "eval")


def _builder(kind: str, memo: dict):
    """The raw builder (NumPy arrays inside) of a figure kind, sharing `memo`.

    A builder with a `memo` parameter keeps costly parts there (the loss
    grid of a landscape) until a cell runs and the memo is cleared.
    """
    raw = FIGURES[kind].raw
    if "memo" in inspect.signature(raw).parameters:
        return functools.partial(raw, memo=memo)
    return raw


class WidgetState:
    """One widget on the page: its spec, its training history, what was last drawn."""

    def __init__(self, spec: WidgetSpec, namespace: dict, cell: str | None = None):
        self.spec = spec
        self.namespace = namespace
        self.cell = cell  # the cell whose values it shows (see kernel.scopes)
        self.history = History(spec.track)  # the steps taken, and the one shown
        self.memo: dict = {}
        self.drawn: list = [None] * len(spec.figures)  # trace digests last sent, per figure
        self.diverged: dict | None = None
        self.invalid: dict = {}  # text inputs that could not be read, with why

    # -- what the page asks for ------------------------------------------------

    def open(self, unset: set = frozenset()) -> dict:
        """Start showing the widget: sliders whose variable its cell left unset take their value.

        `unset` names variables its cell did not set although the namespace
        may hold them (another widget's): the widget's own default wins.
        """
        for slider in self.spec.sliders:
            if (slider.name not in self.namespace or slider.name in unset) and slider.value is not None:
                self.namespace[slider.name] = slider.clamp(slider.value)
        for text in self.spec.inputs:
            if (text.name not in self.namespace or text.name in unset) and text.value is not None:
                self.namespace[text.name] = ast.literal_eval(text.value)
        return self.reply()

    def names(self) -> set:
        """The variables this widget drives or records: its scope owns them."""
        return {s.name for s in self.spec.sliders} | {t.name for t in self.spec.inputs} | set(self.spec.track)

    def refresh(self) -> dict:
        """Redraw from the namespace as it is (after a cell ran): start afresh."""
        self.memo.clear()
        self.history.clear()
        self.diverged = None
        self.drawn = [None] * len(self.spec.figures)
        return self.reply()

    def set_values(self, values: dict) -> dict:
        """Write slider and input values into the namespace.

        Setting a recorded variable by hand (w, b) starts a new path from
        there; a setting such as the learning rate keeps the history, so
        Reset can still go back to where training began.
        """
        for slider in self.spec.sliders:
            if slider.name in values:
                self.namespace[slider.name] = slider.clamp(values[slider.name])
        for text in self.spec.inputs:
            if text.name in values:
                self._read_text(text.name, str(values[text.name]))
        if any(name in self.spec.track for name in values):
            self.history.clear()
            self.diverged = None
        return self.reply()

    def advance(self, action: str, count: int) -> dict:
        """Run Step `count` times, or one Play frame at speed `count`; record each."""
        expression = self.spec.play if action == "play" else self.spec.step
        if not expression:
            return self.reply(error=f"this widget has no {action}")
        if self.diverged:
            return self.reply()
        if not self.history:
            self._record(0)
        self.history.forget_after(self.history.position)
        # A Play frame runs `speed` iterations at once; a Step runs one per repeat.
        repeats, extras, each = (1, {"speed": count}, count) if action == "play" else (count, {}, 1)
        for _ in range(repeats):
            iteration = self.history[-1]["iteration"] + each
            try:
                _evaluate(expression, self.namespace, extras)
            except (OverflowError, FloatingPointError) as error:
                self._record(iteration)
                self.diverged = self._divergence_note(len(self.history) - 1, error)
                return self.reply()
            except Exception as error:  # noqa: BLE001 - the reader's update may raise anything
                return self.reply(error=format_reader_error(error, READER_EXPRESSION)[0])
            self._record(iteration)
            found = self.history.diverged_at()
            if found is not None:
                self.diverged = self._divergence_note(found)
                break
        return self.reply()

    def scrub(self, index: int) -> dict:
        """Show the state after history entry `index` (0 is where training began)."""
        self._rewind(index)
        return self.reply()

    def restart(self) -> dict:
        """Go back to where training began and forget the steps taken."""
        if self.history:
            # Rewind without replying: a reply marks the figures as sent, and
            # this method's own reply would then leave them at the last step.
            self._rewind(0)
            self.history.forget_after(0)
        self.diverged = None
        return self.reply()

    # -- internals -----------------------------------------------------------

    def _rewind(self, index: int) -> None:
        if self.history:
            for name, value in self.history.rewind(index).items():
                self.namespace[name] = copy.deepcopy(value)

    def _read_text(self, name: str, text: str) -> None:
        """Set `name` to the number or numbers typed; "2, 4" reads as the list [2, 4].

        Anything else leaves the variable as it was (the figure keeps its last
        good state) and says why beside the box.
        """
        try:
            value = ast.literal_eval(text.strip()) if text.strip() else None
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            value = None
        if isinstance(value, tuple):
            value = list(value)
        if not _numbers(value):
            shown = repr(text.strip()) if text.strip() else "An empty box"
            self.invalid[name] = f"{shown} is not a number: type numbers separated by commas, like 2, 4"
            return
        self.invalid.pop(name, None)
        self.namespace[name] = value

    def _record(self, iteration: int) -> None:
        self.history.record(**self._snapshot(), iteration=iteration)

    def _snapshot(self) -> dict:
        values = {name: copy.deepcopy(self.namespace[name]) for name in self.spec.track if name in self.namespace}
        loss = None
        if self.spec.loss:
            try:
                loss = float(_evaluate(self.spec.loss, self.namespace, {}))
            except OverflowError:
                loss = math.inf
            except Exception:  # noqa: BLE001 - a broken loss shows up in the readouts instead
                loss = None
        return {"values": values, "loss": loss}

    def _divergence_note(self, index: int, error: Exception | None = None) -> dict:
        losses = self.history.losses(index)
        start = next((value for value in losses if value is not None), None)
        if error is not None or start is None or not all(v is not None and math.isfinite(v) for v in losses):
            growth = "the numbers grew too large to compute"
        else:
            growth = f"the loss grew from {format_value(start)} to {format_value(losses[-1])}"
        return {"iteration": index,
                "message": f"Diverged after {index} steps: {growth}. Each step overshoots the valley "
                           "and lands higher up the other side. Lower the learning rate and press Reset."}

    def history_view(self) -> dict:
        """Per tracked name and the loss, the values up to the shown position.

        Before the first step it holds the current state alone, so a loss
        curve or path starts from where the reader is.
        """
        if not self.history:
            return as_columns([{**self._snapshot(), "iteration": 0}], self.spec.track)
        return self.history.view()

    def reply(self, error: str | None = None) -> dict:
        extras = {"history": self.history_view()}
        readouts = []
        for expression in self.spec.readouts:
            try:
                readouts.append({"text": format_value(_evaluate(expression, self.namespace, extras)), "error": False})
            except Exception as failure:  # noqa: BLE001
                readouts.append({"text": f"{type(failure).__name__}: {failure}", "error": True})
                error = error or format_reader_error(failure, READER_EXPRESSION)[0]
        figures = []
        if error is None:
            try:
                figures = self._figures(extras)
            except Exception as failure:  # noqa: BLE001 - keep the last good figure on the page
                error = format_reader_error(failure, READER_EXPRESSION)[0]
                figures = [None] * len(self.spec.figures)
        else:
            figures = [None] * len(self.spec.figures)
        values = {}
        for slider in self.spec.sliders:
            value = self.namespace.get(slider.name)
            if isinstance(value, (int, float, np.integer, np.floating)) and math.isfinite(float(value)):
                values[slider.name] = float(value)
        inputs = {text.name: _as_text(self.namespace.get(text.name)) for text in self.spec.inputs}
        return {
            "ok": error is None,
            "error": error,
            "values": values,
            "inputs": inputs,
            "invalid": dict(self.invalid),
            "readouts": readouts,
            "figures": figures,
            "history": {"length": len(self.history), "position": self.history.position,
                        "iteration": self.history.iteration},
            "diverged": self.diverged,
        }

    def _figures(self, extras: dict) -> list:
        out = []
        # A nan from the reader's model is their mistake to see, not a line that vanishes;
        # after a divergence it is expected, and the divergence note explains it.
        losses = [entry["loss"] for entry in self.history[-1:] if entry["loss"] is not None]
        blown_up = self.diverged or not all(math.isfinite(loss) for loss in losses)
        guards = {} if blown_up else _reader_functions(self.namespace)
        for index, expression in enumerate(self.spec.figures):
            kind, code = _figure_call(expression)
            scope = {**self.namespace, **extras, FIGURE: _builder(kind, self.memo)}
            if kind not in GRID_FIGURES:
                scope.update(guards)
            built = eval(code, scope)
            if "data" not in built:  # a table: small, sent whole when it changes
                digest = [_digest(built)]
                out.append(None if self.drawn[index] == digest else built)
                self.drawn[index] = digest
                continue
            digests = [_digest(trace) for trace in built["data"]]
            previous = self.drawn[index]
            if previous == digests + [_digest(built["layout"])]:
                out.append(None)  # nothing changed: the page keeps what it drew
                continue
            if previous is not None and len(previous) == len(digests) + 1:
                # Send only traces that changed; None tells the page to keep its copy.
                built = {**built, "data": [None if previous[i] == digest else trace
                                           for i, (trace, digest) in enumerate(zip(built["data"], digests))]}
            self.drawn[index] = digests + [_digest(built["layout"])]
            out.append(built)
        return out


def _numbers(value) -> bool:
    """True for a finite number or a non-empty list of them."""
    items = value if isinstance(value, list) else [value]
    return bool(items) and all(isinstance(item, (int, float)) and not isinstance(item, bool)
                               and math.isfinite(item) for item in items)


def _as_text(value) -> str:
    """How a text input shows its variable: a list of numbers as "2, 4"."""
    if isinstance(value, (list, tuple)):
        return ", ".join(repr(item) for item in value)
    return "" if value is None else repr(value)


def _digest(value) -> int:
    """A cheap fingerprint of a trace or layout, to tell what changed."""
    if isinstance(value, dict):
        return hash(tuple((key, _digest(item)) for key, item in value.items()))
    if isinstance(value, (list, tuple)):
        return hash(tuple(_digest(item) for item in value))
    if isinstance(value, np.ndarray):
        return hash((value.shape, value.dtype.str, value.tobytes()))
    try:
        return hash(value)
    except TypeError:
        return hash(repr(value))

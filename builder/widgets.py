"""```widget blocks: read one and check everything that can be checked without running it.

A widget block is YAML naming sliders, readouts, figures and training
controls (kernel/widget_spec.py declares each key, its default and meaning;
the README shows them to authors). Every mistake is a LessonError at the
line of the key or item: a bad range, an expression that does not parse, a figure kind that
does not exist, an argument the figure does not take, a name the page's
Python does not define (builder/first_states.py checks that once the page
has run), a cell that does not exist.
"""

from __future__ import annotations

import ast
import inspect
import keyword
from dataclasses import dataclass

import yaml

from builder.errors import LessonError, load_yaml
from figures import FIGURES
from kernel.widget_spec import DEFAULTS, INPUT_SETTINGS, KEYS, SLIDER_KINDS, SLIDER_SETTINGS


@dataclass
class Widget:
    """A parsed widget: the spec the page and kernel use, plus where things are written."""

    spec: dict
    lines: dict  # path tuple -> line in the lesson file
    line: int
    cell: str | None = None
    id: str = ""
    first: dict | None = None


def _lines(node, first_line: int, path=()) -> dict:
    """Map each key or item path of a YAML node tree to its line in the lesson."""
    lines = {path: first_line + node.start_mark.line}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines.update(_lines(value, first_line, path + (key.value,)))
            lines[path + (key.value,)] = first_line + key.start_mark.line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines.update(_lines(item, first_line, path + (index,)))
    return lines


def parse_widget(text: str, first_line: int, where: str) -> Widget:
    """Read a ```widget block; `first_line` is the file line of its first YAML line."""
    data, node = load_yaml(text, first_line, where, "widget")
    if not isinstance(data, dict):
        raise LessonError(where, first_line, "a widget block is YAML keys: sliders, readouts, figures, ...")
    lines = _lines(node, first_line)

    def fail(path, message):
        raise LessonError(where, lines.get(path, first_line), message)

    for key in data:
        if key not in KEYS:
            fail((key,), f"unknown widget key {key!r} (known: {', '.join(sorted(KEYS))})")
    spec = {
        "sliders": _sliders(data.get("sliders") or {}, fail),
        "inputs": _inputs(data.get("inputs") or {}, fail),
        "readouts": [_expression(item, ("readouts", i), fail) for i, item in enumerate(_list(data, "readouts", fail))],
        "figures": [_figure(item, ("figures", i), fail) for i, item in enumerate(_list(data, "figures", fail))],
    }
    for key in ("step", "play", "loss"):
        if data.get(key) is not None:
            spec[key] = _expression(data[key], (key,), fail)
    for key in ("steps", "speeds"):
        if data.get(key) is not None:
            values = _list(data, key, fail)
            if not values or not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in values):
                fail((key,), f"{key} must be a list of whole numbers above 0")
            spec[key] = values
    if data.get("track") is not None:
        names = _list(data, "track", fail)
        for index, name in enumerate(names):
            if not isinstance(name, str) or not name.isidentifier():
                fail(("track", index), f"track lists variable names; {name!r} is not one")
        spec["track"] = names
    if not spec["figures"] and not spec["readouts"] and not spec["sliders"] and not spec["inputs"]:
        fail((), "a widget needs at least one of sliders, inputs, readouts or figures")
    if "steps" in spec and "step" not in spec:
        fail(("steps",), "steps needs a step expression to repeat, e.g. step: update()")
    # The page's Step and speed buttons: the spec's defaults unless the author chose.
    if "step" in spec:
        spec.setdefault("steps", list(DEFAULTS["steps"]))
    if "play" in spec:
        spec.setdefault("speeds", list(DEFAULTS["speeds"]))
    widget = Widget(spec=spec, lines=lines, line=first_line - 1, cell=data.get("cell"))
    widget.spec["caption"] = data.get("caption")
    return widget


def _list(data, key, fail) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        fail((key,), f"{key} must be a list (one '- item' per line)")
    return value


def _sliders(sliders, fail) -> dict:
    if not isinstance(sliders, dict):
        fail(("sliders",), "sliders map a variable name to [min, max, step] or {min, max, step, value, label}")
    out = {}
    for name, options in sliders.items():
        path = ("sliders", name)
        if not isinstance(name, str) or not name.isidentifier() or keyword.iskeyword(name):
            fail(path, f"a slider drives a Python variable; {name!r} is not a variable name")
        if isinstance(options, list):
            if len(options) not in (3, 4):
                fail(path, f"slider {name}: a list is [min, max, step] or [min, max, step, value]")
            options = dict(zip(SLIDER_SETTINGS, options))
        if not isinstance(options, dict):
            fail(path, f"slider {name}: give [min, max, step] or {{min, max, step}}")
        for key in options:
            if key not in SLIDER_SETTINGS:
                fail(path + (key,), f"slider {name}: unknown setting {key!r} (known: {', '.join(SLIDER_SETTINGS)})")
        for key in ("min", "max", "step"):
            if not isinstance(options.get(key), (int, float)) or isinstance(options.get(key), bool):
                fail(path, f"slider {name}: {key} must be a number")
        low, high, step = options["min"], options["max"], options["step"]
        if not low < high:
            fail(path, f"slider {name}: min ({low}) must be below max ({high})")
        if not 0 < step <= high - low:
            fail(path, f"slider {name}: step ({step}) must be above 0 and at most max - min ({high - low})")
        value = options.get("value")
        if value is not None and (not isinstance(value, (int, float)) or not low <= value <= high):
            fail(path, f"slider {name}: value {value!r} is outside {low}..{high}")
        kind = options.get("kind", "range")
        if kind not in SLIDER_KINDS:
            fail(path + ("kind",), f"slider {name}: kind is one of {', '.join(SLIDER_KINDS)}")
        out[name] = {"min": low, "max": high, "step": step, "value": value, "label": options.get("label"), "kind": kind}
    return out


def _inputs(inputs, fail) -> dict:
    """Text boxes: name -> "starting text" or {value, label}; the text must be a Python literal."""
    if not isinstance(inputs, dict):
        fail(("inputs",), "inputs map a variable name to its starting text, e.g. scores: \"[2, 4]\"")
    out = {}
    for name, options in inputs.items():
        path = ("inputs", name)
        if not isinstance(name, str) or not name.isidentifier() or keyword.iskeyword(name):
            fail(path, f"an input sets a Python variable; {name!r} is not a variable name")
        if not isinstance(options, dict):
            options = {"value": options}
        for key in options:
            if key not in INPUT_SETTINGS:
                fail(path + (key,), f"input {name}: unknown setting {key!r} (known: {', '.join(INPUT_SETTINGS)})")
        value = options.get("value")
        if value is not None:
            value = str(value)
            try:
                ast.literal_eval(value)
            except (ValueError, SyntaxError):
                fail(path, f"input {name}: {value!r} is not a Python value such as [2, 4]")
        out[name] = {"value": value, "label": options.get("label")}
    return out


def _expression(text, path, fail) -> str:
    if isinstance(text, dict) and len(text) == 1:
        # YAML read `lambda x: ...` as a one-key mapping; put the colon back.
        (key, value), = text.items()
        text = f"{key}: {'None' if value is None else value}"
    if not isinstance(text, (str, int, float)) or isinstance(text, bool):
        fail(path, f"expected a Python expression, got {text!r}")
    text = str(text).strip()
    try:
        ast.parse(text, mode="eval")
    except SyntaxError as error:
        hint = (" (in a [a, b] list every comma starts a new item: write one '- item' per line, "
                "or quote the expression)") if isinstance(path[-1], int) else ""
        fail(path, f"{text!r} is not a Python expression: {error.msg}{hint}")
    return text


def _figure(text, path, fail) -> str:
    text = _expression(text, path, fail)
    call = ast.parse(text, mode="eval").body
    if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name):
        fail(path, f"a figure is a call of a figure kind, e.g. line_fit(y, data, w, b); got {text!r}")
    kind = call.func.id
    if kind not in FIGURES:
        fail(path, f"there is no figure kind {kind!r} (kinds: {', '.join(sorted(FIGURES))})")
    signature = inspect.signature(FIGURES[kind].raw)
    parameters = [p for p in signature.parameters if p != "memo"]
    if any(isinstance(arg, ast.Starred) for arg in call.args) or any(k.arg is None for k in call.keywords):
        return text  # *args or **kwargs: how many arguments arrive is known only when it runs
    dummy_args = [None] * len(call.args)
    dummy_kwargs = {}
    for item in call.keywords:
        if item.arg is None or item.arg == "memo" or item.arg not in signature.parameters:
            fail(path, f"{kind}() has no argument {item.arg!r} (it takes {', '.join(parameters)})")
        dummy_kwargs[item.arg] = None
    try:
        signature.bind(*dummy_args, **dummy_kwargs)
    except TypeError as error:
        fail(path, f"{kind}(): {error} (it takes {', '.join(parameters)})")
    return text


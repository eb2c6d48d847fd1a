"""What each widget shows before Python is ready: run the page as it opens, then open the widgets.

A page runs its autorun cells in order, then opens its widgets. The build
does the same (builder/page.py) and embeds each widget's first figures and
readouts in the page, so the reader sees them at once. A widget that fails
here would fail for every reader, so it fails the build, at its line.
"""

from __future__ import annotations

import ast
import builtins
from typing import TYPE_CHECKING

import numpy as np

from builder.errors import LessonError
from builder.page import CELL_TIME_LIMIT, Page
from builder.widgets import Widget
from figures import plain
from kernel.widgets import WidgetSpec, WidgetState

if TYPE_CHECKING:
    from builder.lessons import Lesson

SIGNIFICANT_DIGITS = 5  # numbers embedded in pages: plenty for drawing, a third of the bytes


def first_states(lesson: Lesson, time_limit: float = CELL_TIME_LIMIT) -> dict[str, dict]:
    """Return widget id -> what the widget shows when the page opens."""
    widgets: list[Widget] = lesson.blocks("widget")
    if not widgets:
        return {}
    page = Page(lesson, time_limit)
    for cell, result in page.open():
        if not result.ok:
            raise LessonError(lesson.display_path, page.error_line(cell, result),
                              f"this cell runs when the page opens (a widget uses it) and fails: "
                              f"{result.error.splitlines()[-1]}")
    states = {}
    for widget in widgets:
        _check_names(widget, page.namespace, lesson.display_path)
        # As the page's worker does (kernel/session.py): the widget opens in its cell's own scope.
        cell = f"cell {next(c.index for c in lesson.cells if c.id == widget.cell)}"
        state = WidgetState(WidgetSpec.from_dict(widget.spec), page.namespace, cell)
        unset = page.scopes.open(cell, state.names())
        with page.scopes.inside(cell):
            reply = state.open(unset)
        if not reply["ok"]:
            raise LessonError(lesson.display_path, widget.line,
                              f"the widget fails when the page opens:\n{reply['error']}")
        states[widget.id] = _compact(plain(reply))
    return states


def _check_names(widget: Widget, namespace: dict, where: str) -> None:
    """Every name a widget uses must exist once the page's autorun cells ran."""
    known = set(namespace) | set(dir(builtins)) | {"history", "speed"}
    for name, slider in widget.spec["sliders"].items():
        if name not in namespace and slider["value"] is None:
            raise LessonError(where, widget.lines[("sliders", name)],
                              f"slider {name}: no cell that runs on page load sets {name}; "
                              "assign it in the cell or give the slider a value")
        if name in namespace and slider["value"] is not None:
            raise LessonError(where, widget.lines[("sliders", name)],
                              f"slider {name}: the cell already sets {name} = {namespace[name]!r}; "
                              "drop the slider's value (the code's value is where it starts)")
        if name in namespace:
            value = namespace[name]
            if not isinstance(value, (int, float, np.integer, np.floating)) or not slider["min"] <= value <= slider["max"]:
                raise LessonError(where, widget.lines[("sliders", name)],
                                  f"slider {name}: the cell sets {name} = {value!r}, outside {slider['min']}..{slider['max']}")
    expressions = [(("readouts", i), text) for i, text in enumerate(widget.spec["readouts"])]
    expressions += [(("figures", i), text) for i, text in enumerate(widget.spec["figures"])]
    expressions += [((key,), widget.spec[key]) for key in ("step", "play", "loss") if key in widget.spec]
    for name, field in widget.spec["inputs"].items():
        if name not in namespace and field["value"] is None:
            raise LessonError(where, widget.lines[("inputs", name)],
                              f"input {name}: no cell that runs on page load sets {name}; give the input a value")
    defined = known | set(widget.spec["sliders"]) | set(widget.spec["inputs"])
    for path, text in expressions:
        tree = ast.parse(text, mode="eval")
        if path[0] == "figures":
            tree = ast.Expression(body=ast.Tuple(elts=tree.body.args + [k.value for k in tree.body.keywords], ctx=ast.Load()))
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in defined:
                if not _bound_inside(node.id, text):
                    raise LessonError(where, widget.lines.get(path, widget.line),
                                      f"{text!r} uses {node.id!r}, which no cell that runs on page load defines")


def _bound_inside(name: str, text: str) -> bool:
    """True when `name` is a parameter of a lambda or a comprehension variable in `text`."""
    tree = ast.parse(text, mode="eval")
    for node in ast.walk(tree):
        if isinstance(node, ast.Lambda) and name in [a.arg for a in node.args.args + node.args.kwonlyargs]:
            return True
        if isinstance(node, ast.comprehension):
            targets = [n.id for n in ast.walk(node.target) if isinstance(n, ast.Name)]
            if name in targets:
                return True
    return False


def _compact(value):
    """Round floats to SIGNIFICANT_DIGITS, so embedded figures stay small."""
    if isinstance(value, dict):
        return {key: _compact(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_compact(item) for item in value]
    if isinstance(value, float):
        return float(f"{value:.{SIGNIFICANT_DIGITS}g}")
    return value

"""The worker's Python side: one namespace per lesson, and the calls the page makes.

The Web Worker imports this module once and calls `SESSION.<method>` for each
message; results are plain dicts of str/int/float/bool/None (and NumPy arrays
in figures, which arrive as typed arrays) so they cross to JavaScript as
ordinary objects. `METHODS` lists every method the worker may call, with the
arguments JavaScript sends; the protocol table at the top of
static/js/worker.js names the same, and tests/kernel/test_session.py checks
that the page calls nothing else.
"""

from __future__ import annotations

from kernel.cells import fresh_namespace, run_cell
from kernel.exercises import run_check
from kernel.output import OutputStream
from kernel.scopes import CellScopes
from kernel.widgets import WidgetSpec, WidgetState


# Every Session method the worker may call: (argument, type as JavaScript sends it).
# `run` and `reset` have messages of their own; the rest come as {type: "call", method, args}.
# A cell is named as its editor runs it ("cell 4"); a widget by its id in the page.
METHODS = {
    "run": (("lesson", "str"), ("cell", "str"), ("code", "str"), ("sink", "function(text), streams the output")),
    "reset": (("lesson", "str"),),
    "check": (("lesson", "str"), ("expression", "str"), ("cell", "str | null")),
    "widget_open": (("lesson", "str"), ("widget", "str"), ("spec", "object: the widget spec"), ("cell", "str | null")),
    "widget_redraw": (("lesson", "str"), ("widget", "str")),
    "widget_refresh": (("lesson", "str"), ("widget", "str")),
    "widget_set": (("lesson", "str"), ("widget", "str"), ("values", "object: name -> number or text")),
    "widget_advance": (("lesson", "str"), ("widget", "str"), ("action", '"step" | "play"'), ("count", "int")),
    "widget_scrub": (("lesson", "str"), ("widget", "str"), ("index", "int")),
    "widget_restart": (("lesson", "str"), ("widget", "str")),
}


class Session:
    """Namespaces of the lessons open in this tab, by lesson name."""

    def __init__(self):
        self.namespaces: dict[str, dict] = {}
        self.scopes: dict[str, CellScopes] = {}  # per lesson: each widget cell's own values
        self.widgets: dict[tuple[str, str], WidgetState] = {}

    def namespace(self, lesson: str) -> dict:
        if lesson not in self.namespaces:
            self.namespaces[lesson] = fresh_namespace()
            self.scopes[lesson] = CellScopes(self.namespaces[lesson])
        return self.namespaces[lesson]

    def reset(self, lesson: str) -> dict:
        """Give `lesson` a fresh namespace (a lesson opened anew starts clean)."""
        self.namespaces[lesson] = fresh_namespace()
        self.scopes[lesson] = CellScopes(self.namespaces[lesson])
        for key in [key for key in self.widgets if key[0] == lesson]:
            del self.widgets[key]
        return {"ok": True}

    def run(self, lesson: str, cell: str, code: str, sink=None) -> dict:
        """Run a cell in the lesson's namespace, streaming output to `sink(text)`."""
        output = OutputStream(sink=sink)
        result = run_cell(code, self.namespace(lesson), name=cell, output=output)
        self.scopes[lesson].ran(cell, code)
        reply = {
            "ok": result.ok,
            "value": result.value,
            "error": result.error,
            "errorLine": result.error_line,
            "interrupted": result.interrupted,
            "cutNote": output.cut_note,
        }
        if sink is None:  # nothing was streamed: return the text itself
            reply["output"] = output.text
        return reply


    def check(self, lesson: str, expression: str, cell: str | None = None) -> dict:
        """Run an exercise's check in the lesson's namespace: {passed, message}.

        With the exercise's `cell` (e.g. "cell 4"), a widget on that cell has its values in place.
        """
        namespace = self.namespace(lesson)
        with self.scopes[lesson].inside(cell if cell in self.scopes[lesson].owned else None):
            return run_check(expression, namespace)

    # -- widgets: each call returns a kernel.widgets reply ---------------------------

    def widget_open(self, lesson: str, widget: str, spec: dict, cell: str | None = None) -> dict:
        """Open a widget on `cell` (the name its cell runs under, e.g. "cell 4"), in that cell's scope."""
        state = WidgetState(WidgetSpec.from_dict(spec), self.namespace(lesson), cell)
        self.widgets[(lesson, widget)] = state
        scopes = self.scopes[lesson]
        unset = scopes.open(cell, state.names()) if cell is not None else set()
        with scopes.inside(cell):
            return state.open(unset)

    def widget_redraw(self, lesson: str, widget: str) -> dict:
        return self._widget(lesson, widget, lambda state: state.reply())

    def widget_refresh(self, lesson: str, widget: str) -> dict:
        return self._widget(lesson, widget, lambda state: state.refresh())

    def widget_set(self, lesson: str, widget: str, values: dict) -> dict:
        return self._widget(lesson, widget, lambda state: state.set_values(dict(values)))

    def widget_advance(self, lesson: str, widget: str, action: str, count: int) -> dict:
        return self._widget(lesson, widget, lambda state: state.advance(action, int(count)))

    def widget_scrub(self, lesson: str, widget: str, index: int) -> dict:
        return self._widget(lesson, widget, lambda state: state.scrub(int(index)))

    def widget_restart(self, lesson: str, widget: str) -> dict:
        return self._widget(lesson, widget, lambda state: state.restart())

    def _widget(self, lesson: str, widget: str, action) -> dict:
        state = self.widgets.get((lesson, widget))
        if state is None:  # Python restarted since the widget opened
            return {"ok": False, "lost": True, "figures": [], "readouts": [],
                    "error": "Python restarted, so this figure lost its variables: run the cell above it again."}
        with self.scopes[lesson].inside(state.cell):
            return action(state)


SESSION = Session()

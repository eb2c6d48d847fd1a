"""The worker's Python side: one namespace per lesson, and the calls the page makes.

The Web Worker imports this module once and calls `SESSION.<method>` for each
message; results are plain dicts of str/int/float/bool/None so they cross to
JavaScript as ordinary objects.
"""

from __future__ import annotations

from kernel.cells import fresh_namespace, run_cell
from kernel.exercises import run_check
from kernel.output import OutputStream
from kernel.scopes import CellScopes
from kernel.widgets import WidgetSpec, WidgetState


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

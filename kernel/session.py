"""The worker's Python side: one namespace per lesson, and the calls the page makes.

The Web Worker imports this module once and calls `SESSION.<method>` for each
message; results are plain dicts of str/int/float/bool/None so they cross to
JavaScript as ordinary objects.
"""

from __future__ import annotations

from kernel.cells import fresh_namespace, run_cell
from kernel.exercises import run_check
from kernel.output import OutputStream
from kernel.widgets import WidgetSpec, WidgetState


class Session:
    """Namespaces of the lessons open in this tab, by lesson name."""

    def __init__(self):
        self.namespaces: dict[str, dict] = {}
        self.widgets: dict[tuple[str, str], WidgetState] = {}

    def namespace(self, lesson: str) -> dict:
        if lesson not in self.namespaces:
            self.namespaces[lesson] = fresh_namespace()
        return self.namespaces[lesson]

    def reset(self, lesson: str) -> dict:
        """Give `lesson` a fresh namespace (a lesson opened anew starts clean)."""
        self.namespaces[lesson] = fresh_namespace()
        for key in [key for key in self.widgets if key[0] == lesson]:
            del self.widgets[key]
        return {"ok": True}

    def run(self, lesson: str, cell: str, code: str, sink=None) -> dict:
        """Run a cell in the lesson's namespace, streaming output to `sink(text)`."""
        output = OutputStream(sink=sink)
        result = run_cell(code, self.namespace(lesson), name=cell, output=output)
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


    def check(self, lesson: str, expression: str) -> dict:
        """Run an exercise's check in the lesson's namespace: {passed, message}."""
        return run_check(expression, self.namespace(lesson))

    # -- widgets: each call returns a kernel.widgets reply ---------------------------

    def widget_open(self, lesson: str, widget: str, spec: dict) -> dict:
        state = WidgetState(WidgetSpec.from_dict(spec), self.namespace(lesson))
        self.widgets[(lesson, widget)] = state
        return state.open()

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
        return action(state)


SESSION = Session()

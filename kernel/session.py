"""The worker's Python side: one namespace per lesson, and the calls the page makes.

The Web Worker imports this module once and calls `SESSION.<method>` for each
message; results are plain dicts of str/int/float/bool/None so they cross to
JavaScript as ordinary objects.
"""

from __future__ import annotations

from kernel.cells import fresh_namespace, run_cell
from kernel.output import OutputStream


class Session:
    """Namespaces of the lessons open in this tab, by lesson name."""

    def __init__(self):
        self.namespaces: dict[str, dict] = {}

    def namespace(self, lesson: str) -> dict:
        if lesson not in self.namespaces:
            self.namespaces[lesson] = fresh_namespace()
        return self.namespaces[lesson]

    def reset(self, lesson: str) -> dict:
        """Give `lesson` a fresh namespace (a lesson opened anew starts clean)."""
        self.namespaces[lesson] = fresh_namespace()
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


SESSION = Session()

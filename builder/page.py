"""Run a lesson as its page does, at build time: one namespace, cells in order.

When Python is ready a page runs its autorun cells top to bottom; then the
reader runs cells, all sharing the page's namespace. `build.py check` (every
cell), the widgets' first states (the page as it opens) and the exercises'
fairness (the page, then the exercise's cell with other code in it) all run
lessons through `Page`, with the same `kernel.run_cell` the browser uses.

A cell may run for at most `time_limit` seconds; the limit is an alarm, so
pages are run in the main thread of the check process (builder/check_process.py).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from typing import TYPE_CHECKING

from builder.errors import LessonError
from kernel.cells import CellResult, fresh_namespace, run_cell
from kernel.scopes import CellScopes

if TYPE_CHECKING:
    from builder.cells import Cell
    from builder.lessons import Lesson

CELL_TIME_LIMIT = 60  # seconds; a cell that runs longer is almost surely an endless loop


def _no_report(lesson: Lesson, cell: Cell) -> None:
    pass


# Called before each cell runs. The check process reports it to the build, so
# a cell that cannot even be interrupted is still named when it is stopped.
on_cell_start = _no_report


class Page:
    """A lesson open in a page: its namespace, and the cells run in it so far."""

    def __init__(self, lesson: Lesson, time_limit: float = CELL_TIME_LIMIT):
        self.lesson = lesson
        self.time_limit = time_limit
        self.namespace = fresh_namespace()
        self.scopes = CellScopes(self.namespace)  # each widget cell's own values, as in the browser

    def open(self, until: str | None = None) -> list[tuple[Cell, CellResult]]:
        """Run the autorun cells in order, as the page does once Python is ready.

        `until` names a cell to stop before (an exercise's cell, run next by the reader).
        """
        ran = []
        for cell in self.lesson.cells:
            if cell.id == until:
                break
            if cell.autorun:
                ran.append((cell, self.run(cell)))
        return ran

    def run(self, cell: Cell, code: str | None = None) -> CellResult:
        """Run `cell` (or `code` typed into it) in this page; too long is a LessonError at the cell."""
        on_cell_start(self.lesson, cell)
        with _alarm(self.time_limit) as alarm:
            result = run_cell(cell.code if code is None else code, self.namespace, name=f"cell {cell.index}")
        self.scopes.ran(f"cell {cell.index}", cell.code if code is None else code)
        if result.interrupted:
            if not alarm.rang:
                raise KeyboardInterrupt  # Ctrl-C, not the time limit: stop the whole check
            raise LessonError(self.lesson.display_path, cell.line,
                              f"cell {cell.index} ran for more than {self.time_limit:g} s and was stopped; "
                              "if it is meant to run until the reader stops it, mark it '#| build: skip'")
        return result

    def error_line(self, cell: Cell, result: CellResult) -> int:
        """The lesson file's line where `cell` failed."""
        return cell.line + (result.error_line or 1) - 1


class _Alarm:
    rang = False


@contextlib.contextmanager
def _alarm(seconds: float):
    """Interrupt the running cell after `seconds`, as Ctrl-C would (main thread only)."""
    alarm = _Alarm()
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield alarm
        return

    def ring(signum, frame):
        alarm.rang = True
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield alarm
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

"""Run every lesson's cells in CPython, as a reader would in order, at build time.

Each lesson gets a fresh namespace and its cells run top to bottom with the
same `kernel.run_cell` the browser uses, against the same `engine/`. A cell
that fails is reported at the lesson line where it failed. The namespaces are
returned so the build can compute each figure's first state from them.
"""

from __future__ import annotations

import contextlib
import signal
import textwrap
import threading

from builder.errors import LessonError
from builder.lessons import Lesson
from kernel.cells import fresh_namespace, run_cell

CELL_TIME_LIMIT = 60  # seconds; a cell that runs longer is almost surely an endless loop


def check_lesson(lesson: Lesson) -> tuple[dict, list[LessonError]]:
    """Run one lesson's cells; return its namespace and the errors found."""
    namespace = fresh_namespace()
    errors = []
    for cell in lesson.cells:
        if cell.build == "skip":
            continue
        with _time_limit(CELL_TIME_LIMIT):
            result = run_cell(cell.code, namespace, name=f"cell {cell.index}")
        if cell.build == "raises":
            if result.ok:
                errors.append(LessonError(lesson.display_path, cell.line,
                                          "this cell is marked '#| build: raises' but ran without an error"))
            continue
        if result.interrupted:
            errors.append(LessonError(
                lesson.display_path, cell.line,
                f"cell {cell.index} ran for more than {CELL_TIME_LIMIT} s; if it is meant to run "
                "until the reader stops it, mark it '#| build: skip'"))
        elif not result.ok:
            line = cell.line + (result.error_line or 1) - 1
            summary = result.error.strip().splitlines()[-1]
            detail = textwrap.indent(result.error, "    ")
            errors.append(LessonError(lesson.display_path, line, f"{summary}\n{detail}"))
    return namespace, errors


@contextlib.contextmanager
def _time_limit(seconds: int):
    """Interrupt the running cell after `seconds` (main thread only, like Ctrl-C)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

"""Run every cell of one lesson as a page would, and name each cell that fails at its line.

This is what the check process (builder/check_process.py) does for each
lesson; builder/check.py starts that process and gathers its answers.
"""

from __future__ import annotations

import textwrap

from builder.errors import LessonError
from builder.lessons import Lesson
from builder.page import CELL_TIME_LIMIT, Page


def check_lesson(lesson: Lesson, time_limit: float = CELL_TIME_LIMIT) -> list[LessonError]:
    """Run every cell of one lesson in order (but those marked skip); return the errors found."""
    page = Page(lesson, time_limit)
    errors = []
    for cell in lesson.cells:
        if cell.build == "skip":
            continue
        try:
            result = page.run(cell)
        except LessonError as error:  # ran too long; the cells after it still run
            errors.append(error)
            continue
        if cell.build == "raises":
            if result.ok:
                errors.append(LessonError(lesson.display_path, cell.line,
                                          "this cell is marked '#| build: raises' but ran without an error"))
        elif not result.ok:
            summary = result.error.strip().splitlines()[-1]
            detail = textwrap.indent(result.error, "    ")
            errors.append(LessonError(lesson.display_path, page.error_line(cell, result), f"{summary}\n{detail}"))
    return errors

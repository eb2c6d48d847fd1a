"""Check the course: run every lesson's cells as a reader would, in a separate process.

Each lesson gets a fresh page (builder/page.py) and every cell runs top to
bottom in it; a cell that fails is reported at the lesson line where it
failed. A lesson whose cells all run then has its widgets' first states
computed and its exercises proved fair. All of this happens in one child
process per build (builder/check_process.py): it imports engine/, checks/,
figures/ and kernel/ afresh, so `serve` checks with the code it ships, and it
can always be stopped.
"""

from __future__ import annotations

import threading
from pathlib import Path

from builder.check_process import CheckProcess
from builder.errors import BuildFailed, LessonError
from builder.lessons import Lesson, read_course
from builder.page import CELL_TIME_LIMIT


def check_course(lessons_folder: Path, time_limit: float = CELL_TIME_LIMIT,
                 cancel: threading.Event | None = None) -> list[Lesson]:
    """Read and check every lesson; fill in the widgets' first states.

    Raises BuildFailed listing every error found, in every lesson; `cancel`
    (set when the lessons changed again) stops the check early.
    """
    with CheckProcess() as process:
        try:
            lessons = read_course(lessons_folder, root=lessons_folder.parent)
        except LessonError as error:
            raise BuildFailed([error]) from None
        results = process.check(lessons, time_limit, cancel)
    errors = []
    for lesson, (found, states) in zip(lessons, results):
        errors.extend(found)
        for widget in lesson.blocks("widget"):
            widget.first = states.get(widget.id)
    if errors:
        raise BuildFailed(errors)
    return lessons

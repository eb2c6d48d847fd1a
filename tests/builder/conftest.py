"""Set-up the builder tests share: a lessons folder, a small lesson, and a course built and watched as
`build.py serve` builds and watches it.

Helpers are fixtures (most return a function), so test files never import this conftest.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from watchdog.observers import Observer

from builder.errors import LessonError
from builder.lessons import Lesson, read_lesson
from builder.live_reload import Hub
from builder.serve import Rebuilder, rebuild
from builder.site import BuildOptions

# Five lines of front matter and a blank line put the cell's first code line on line 8.
ONE_CELL_LESSON = """\
---
title: {title}
order: {order}
summary: A lesson for the server.
---

```python
{cell}
```
"""


@pytest.fixture
def lessons(tmp_path) -> Path:
    """An empty lessons/ folder; builds write the site next to it, in site/."""
    folder = tmp_path / "lessons"
    folder.mkdir()
    return folder


@pytest.fixture
def one_cell_lesson():
    """one_cell_lesson(cell="x = 1", title="Served", order=1): the text of a lesson with that one cell.

    The cell's first line is the file's line 8, the line errors in it are reported at.
    """
    def text(cell: str = "x = 1", title: str = "Served", order: int = 1) -> str:
        return ONE_CELL_LESSON.format(cell=cell, title=title, order=order)
    return text


@pytest.fixture
def lesson_from(lessons):
    """lesson_from(text, name="01-sample.md"): write lessons/<name> and read it back as the build reads it."""
    def read(text: str, name: str = "01-sample.md") -> Lesson:
        path = lessons / name
        path.write_text(text, encoding="utf-8")
        return read_lesson(path, display_path=f"lessons/{name}")
    return read


@pytest.fixture
def lesson_error(lesson_from):
    """lesson_error(text, name="01-sample.md"): the LessonError that reading that lesson raises."""
    def read(text: str, name: str = "01-sample.md") -> LessonError:
        with pytest.raises(LessonError) as caught:
            lesson_from(text, name)
        return caught.value
    return read


@pytest.fixture
def build_once(lessons):
    """build_once(**BuildOptions fields): build lessons/ as `build.py serve` first does; returns (options, hub)."""
    def start(**settings) -> tuple[BuildOptions, Hub]:
        options = BuildOptions(lessons=lessons, out=lessons.parent / "site", **settings)
        hub = Hub()
        assert rebuild(options, hub), hub.last_error
        return options, hub
    return start


@pytest.fixture
def watch():
    """watch(options, hub): rebuild on every change to the lessons, as `build.py serve` does.

    Returns the inbox of build results, ("reload", "") or ("failed", errors); watching stops after the test.
    """
    observers = []

    def start(options: BuildOptions, hub: Hub):
        inbox = hub.subscribe()  # before the first event can arrive
        observer = Observer()
        observer.schedule(Rebuilder(options, hub), str(options.lessons), recursive=True)
        observer.start()
        observers.append(observer)
        return inbox

    yield start
    for observer in observers:
        observer.stop()
        observer.join()

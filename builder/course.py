"""The course's own settings: lessons/course.yml (title and summary for every page)."""

from __future__ import annotations

from pathlib import Path

from builder.errors import LessonError, load_yaml

DEFAULTS = {"title": "How Machines Learn", "summary": ""}


def read_course_info(lessons_folder: Path) -> dict:
    """Return the course's title and summary; a mistake in course.yml is a LessonError at its line."""
    path = lessons_folder / "course.yml"
    info = dict(DEFAULTS)
    if not path.exists():
        return info
    where = f"{lessons_folder.name}/course.yml"
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise LessonError(where, 1, f"the file is not UTF-8 text ({error.reason})") from None
    values, node = load_yaml(text, 1, where, "course.yml")
    if values is None:
        return info
    if not isinstance(values, dict):
        raise LessonError(where, 1, "course.yml is 'key: value' lines: title, summary")
    key_lines = {key.value: 1 + key.start_mark.line for key, _ in node.value}
    for key, value in values.items():
        if key not in DEFAULTS:
            raise LessonError(where, key_lines.get(key, 1),
                              f"unknown course key {key!r} (known: {', '.join(DEFAULTS)})")
        if not isinstance(value, str):
            raise LessonError(where, key_lines.get(key, 1), f"{key!r} must be text, not {value!r}")
        info[key] = value.strip()
    return info

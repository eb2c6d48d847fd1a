"""A lesson's front matter: the YAML between the first two '---' lines."""

from __future__ import annotations

from builder.errors import LessonError, load_yaml

FRONT_MATTER_KEYS = {
    "title": (str, True, "the lesson's title"),
    "order": (int, True, "its place in the course, a whole number"),
    "summary": (str, True, "one line shown on the index"),
}


def read_front_matter(lines: list[str], where: str) -> tuple[dict, int]:
    """Return the checked values (plus `order_line`) and the index of the first body line."""
    if not lines or lines[0].strip() != "---":
        raise LessonError(where, 1, "a lesson starts with front matter: a line '---', "
                                    "then title, order and summary, then '---'")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise LessonError(where, 1, "the front matter opened here is never closed with '---'") from None
    values, node = load_yaml("\n".join(lines[1:end]), 2, where, "front matter")
    if not isinstance(values, dict):
        raise LessonError(where, 2, "front matter must be 'key: value' lines")
    key_lines = {key.value: 2 + key.start_mark.line for key, _ in node.value}
    for key in values:
        if key not in FRONT_MATTER_KEYS:
            known = ", ".join(FRONT_MATTER_KEYS)
            raise LessonError(where, key_lines[key], f"unknown front matter key {key!r} (known: {known})")
    meta = {}
    for key, (kind, required, meaning) in FRONT_MATTER_KEYS.items():
        if key not in values or values[key] in (None, ""):
            if required:
                raise LessonError(where, key_lines.get(key, 1), f"front matter needs {key!r}: {meaning}")
            continue
        value = values[key]
        if not isinstance(value, kind) or isinstance(value, bool):
            raise LessonError(where, key_lines[key], f"{key!r} must be {meaning}, not {value!r}")
        meta[key] = value.strip() if isinstance(value, str) else value
    meta["order_line"] = key_lines["order"]
    return meta, end + 1

"""Read lesson files: front matter, prose and fenced blocks, checked line by line.

A lesson is Markdown with YAML front matter. Fenced blocks are taken out of
the prose before Markdown sees it: a `python` fence becomes a code cell
(builder/cells.py), a fence of a kind in `BLOCK_KINDS` becomes that block,
attached to its cell (builder/blocks.py), and any other language is shown as
static code. Each block leaves a placeholder line in the prose (`SLOT`) that
the renderer and the notebook writer replace. Every mistake an author can make
here is a `LessonError` naming the file and line; a lesson that reads without
one is complete, and nothing later changes it except the widgets' first states.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from builder.blocks import Block, StaticCode, attach_to_cells
from builder.cells import NAME_OK, NAME_RULE, Cell, parse_cell
from builder.errors import LessonError
from builder.exercises import parse_exercise
from builder.front_matter import read_front_matter
from builder.widgets import parse_widget

FENCE_OPEN = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`]*)$")
SLUG_PREFIX = re.compile(r"^\d+[-_]")
# Finds the placeholder a fenced block leaves in the prose (_take_fences writes it); its number is the
# block's index in Lesson.slots.
SLOT = re.compile(r'<div data-slot="(\d+)"></div>')

# Fence kinds besides `python`: kind -> (parser(text, first_line, display_path),
# whether its cell runs when the page opens). A widget shows what its cell
# computed, so that cell runs on page load; an exercise waits for the reader.
BLOCK_KINDS = {
    "widget": (parse_widget, True),
    "exercise": (parse_exercise, False),
}


@dataclass
class Lesson:
    source: Path
    slug: str
    title: str
    order: int
    summary: str
    body: str  # Markdown with one placeholder line per fenced block
    slots: list = field(default_factory=list)  # Cell | Block | StaticCode, by slot number
    display_path: str = ""
    order_line: int = 1  # where `order` is written, for duplicate-order errors

    @property
    def cells(self) -> list[Cell]:
        return [slot for slot in self.slots if isinstance(slot, Cell)]

    def blocks(self, kind: str) -> list:
        """The parsed data of every ```kind block, in page order."""
        return [slot.data for slot in self.slots if isinstance(slot, Block) and slot.kind == kind]


def read_lesson(path: Path, display_path: str | None = None) -> Lesson:
    """Parse and validate one lesson file, its blocks attached to their cells."""
    where = display_path or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise LessonError(where, 1, f"the file is not UTF-8 text ({error.reason})") from None
    lines = text.splitlines()
    meta, body_start = read_front_matter(lines, where)
    slug = SLUG_PREFIX.sub("", path.stem)
    if not NAME_OK.match(slug):
        raise LessonError(where, 1, f"the file name gives the page name {slug!r}: {NAME_RULE}")
    lesson = Lesson(source=path, slug=slug, body="", display_path=where, **meta)
    lesson.body = _take_fences(lines, body_start, lesson, where)
    for kind, (_, opens_cell) in BLOCK_KINDS.items():
        for data in attach_to_cells(lesson.slots, kind, where):
            if opens_cell:
                next(cell for cell in lesson.cells if cell.id == data.cell).options["autorun"] = True
    return lesson


def _take_fences(lines: list[str], start: int, lesson: Lesson, where: str) -> str:
    """Replace each fenced block by a placeholder, collecting the blocks."""
    out = []
    i = start
    while i < len(lines):
        match = FENCE_OPEN.match(lines[i])
        if not match:
            out.append(lines[i])
            i += 1
            continue
        fence, info = match["fence"], match["info"].strip()
        open_line = i + 1
        close = _find_close(lines, i + 1, fence)
        if close is None:
            raise LessonError(where, open_line, f"the code fence {fence}{info} opened here is never closed")
        content = [line[len(match["indent"]):] if line.startswith(match["indent"]) else line
                   for line in lines[i + 1:close]]
        slot = _parse_fence(info, content, open_line + 1, lesson, where)
        out.extend(["", f'<div data-slot="{len(lesson.slots)}"></div>', ""])  # what SLOT finds
        lesson.slots.append(slot)
        i = close + 1
    return "\n".join(out)


def _find_close(lines: list[str], start: int, fence: str) -> int | None:
    closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
    return next((j for j in range(start, len(lines)) if closing.match(lines[j])), None)


def _parse_fence(info: str, content: list[str], first_line: int, lesson: Lesson, where: str):
    language = info.split()[0].lower() if info else ""
    if language == "python":
        return parse_cell(content, first_line, lesson.cells, where)
    if language in BLOCK_KINDS:
        data = BLOCK_KINDS[language][0]("\n".join(content), first_line, where)
        return Block(kind=language, line=first_line - 1, data=data)
    return StaticCode(language=language, code="\n".join(content))


def read_course(folder: Path, root: Path | None = None) -> list[Lesson]:
    """Read every lesson in `folder`, checked, in course order."""
    root = root or folder.parent
    paths = sorted(folder.glob("*.md"))
    if not paths:
        raise LessonError(str(folder), 1, "there are no lessons (*.md) in this folder")
    lessons = [read_lesson(path, _display(path, root)) for path in paths]
    _check_unique(lessons)
    return sorted(lessons, key=lambda lesson: lesson.order)


def _check_unique(lessons: list[Lesson]) -> None:
    seen_order, seen_slug = {}, {}
    for lesson in lessons:
        if lesson.order in seen_order:
            raise LessonError(lesson.display_path, lesson.order_line,
                              f"order {lesson.order} is already used by {seen_order[lesson.order].display_path}")
        if lesson.slug in seen_slug:
            raise LessonError(lesson.display_path, 1,
                              f"page name {lesson.slug!r} is already used by {seen_slug[lesson.slug].display_path}")
        seen_order[lesson.order] = lesson
        seen_slug[lesson.slug] = lesson


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)

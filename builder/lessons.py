"""Read lesson files: front matter, prose and fenced blocks, checked line by line.

A lesson is Markdown with YAML front matter. Fenced blocks are taken out of
the prose before Markdown sees it: a `python` fence becomes a code cell, a
fence of a registered block kind (see `BLOCK_PARSERS`) becomes that block, and
any other language is shown as static code. Each block leaves a placeholder in
the prose that the renderer replaces. Every mistake an author can make here is
a `LessonError` naming the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from builder.errors import LessonError, load_yaml

FENCE_OPEN = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`]*)$")
OPTION_LINE = re.compile(r"^#\|\s*(?P<key>[A-Za-z][\w-]*)\s*:\s*(?P<value>.*?)\s*$")
SLUG_PREFIX = re.compile(r"^\d+[-_]")
SLUG_OK = re.compile(r"^[a-z0-9][a-z0-9-]*$")

FRONT_MATTER_KEYS = {
    "title": (str, True, "the lesson's title"),
    "order": (int, True, "its place in the course, a whole number"),
    "summary": (str, True, "one line shown on the index"),
}


@dataclass
class Cell:
    """A runnable Python cell; `line` is the file line of its first code line."""

    index: int
    id: str
    code: str
    line: int
    options: dict

    @property
    def autorun(self) -> bool:
        return self.options["autorun"]

    @property
    def build(self) -> str:
        return self.options["build"]


@dataclass
class Block:
    """A non-cell fenced block of a registered kind (e.g. a widget)."""

    kind: str
    line: int
    data: object


@dataclass
class StaticCode:
    """A fenced block in another language, shown as-is."""

    language: str
    code: str


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

    def blocks(self, kind: str) -> list[Block]:
        return [slot for slot in self.slots if isinstance(slot, Block) and slot.kind == kind]


# -- cell options --------------------------------------------------------------

def _bool(value: str) -> bool:
    lowered = value.lower()
    if lowered not in ("true", "false"):
        raise ValueError("expected true or false")
    return lowered == "true"


def _choice(*choices: str):
    def parse(value: str) -> str:
        if value not in choices:
            raise ValueError(f"expected one of {', '.join(choices)}")
        return value
    return parse


def _identifier(value: str) -> str:
    if not SLUG_OK.match(value):
        raise ValueError("use lowercase letters, digits and dashes")
    return value


# Option -> (parser, default, description). Documented once, in the README.
CELL_OPTIONS = {
    "id": (_identifier, None, "names the cell; widgets and saved edits refer to it"),
    "autorun": (_bool, False, "run as soon as Python is ready"),
    "build": (_choice("run", "skip", "raises"), "run",
              "run: executed by `build.py check`; skip: not executed (e.g. an endless loop); "
              "raises: must raise an error (a cell that shows one on purpose)"),
}

# Fence kinds other than `python` that lessons may use: kind -> parser(text, line, where)
# returning the block's data. Registered by the modules that own those blocks.
BLOCK_PARSERS: dict = {}


def register_block(kind: str, parser) -> None:
    """Let lessons use ```kind fences, parsed by `parser(text, first_line, display_path)`."""
    BLOCK_PARSERS[kind] = parser


# -- reading -------------------------------------------------------------------

def read_lesson(path: Path, display_path: str | None = None) -> Lesson:
    """Parse and validate one lesson file."""
    where = display_path or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise LessonError(where, 1, f"the file is not UTF-8 text ({error.reason})") from None
    lines = text.splitlines()
    meta, body_start = _front_matter(lines, where)
    slug = SLUG_PREFIX.sub("", path.stem)
    if not SLUG_OK.match(slug):
        raise LessonError(where, 1, f"the file name gives the page name {slug!r}: "
                                    "use lowercase letters, digits and dashes")
    lesson = Lesson(source=path, slug=slug, body="", display_path=where, **meta)
    lesson.body = _take_fences(lines, body_start, lesson, where)
    return lesson


def _front_matter(lines: list[str], where: str) -> tuple[dict, int]:
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
        out.extend(["", f'<div data-slot="{len(lesson.slots)}"></div>', ""])
        lesson.slots.append(slot)
        i = close + 1
    return "\n".join(out)


def _find_close(lines: list[str], start: int, fence: str) -> int | None:
    closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
    return next((j for j in range(start, len(lines)) if closing.match(lines[j])), None)


def _parse_fence(info: str, content: list[str], first_line: int, lesson: Lesson, where: str):
    language = info.split()[0].lower() if info else ""
    if language == "python":
        return _parse_cell(content, first_line, lesson, where)
    if language in BLOCK_PARSERS:
        data = BLOCK_PARSERS[language]("\n".join(content), first_line, where)
        return Block(kind=language, line=first_line - 1, data=data)
    return StaticCode(language=language, code="\n".join(content))


def _parse_cell(content: list[str], first_line: int, lesson: Lesson, where: str) -> Cell:
    options = {key: default for key, (_, default, _) in CELL_OPTIONS.items()}
    n = 0
    while n < len(content) and content[n].startswith("#|"):
        match = OPTION_LINE.match(content[n])
        line = first_line + n
        if not match:
            raise LessonError(where, line, "a cell option reads '#| name: value'")
        key, value = match["key"], match["value"]
        if key not in CELL_OPTIONS:
            known = ", ".join(CELL_OPTIONS)
            raise LessonError(where, line, f"unknown cell option {key!r} (known: {known})")
        try:
            options[key] = CELL_OPTIONS[key][0](value)
        except ValueError as error:
            raise LessonError(where, line, f"cell option {key}: {value!r}: {error}") from None
        n += 1
    index = len(lesson.cells) + 1
    cell_id = options.pop("id") or f"cell-{index}"
    if any(cell.id == cell_id for cell in lesson.cells):
        raise LessonError(where, first_line, f"two cells are named {cell_id!r}")
    code = "\n".join(content[n:]).strip("\n")
    if not code.strip():
        raise LessonError(where, first_line - 1, "this python cell is empty")
    # The first code line, after options and any blank lines stripped above.
    skipped = next(k for k in range(n, len(content)) if content[k].strip())
    return Cell(index=index, id=cell_id, code=code, line=first_line + skipped, options=options)


def attach_to_cells(lesson: Lesson, kind: str) -> list:
    """Give each ```kind block's data its cell and an id, in page order.

    A block belongs to the cell named by its `cell` (a LessonError if there
    is none) or else to the nearest cell above it; ids are `kind-1`, `kind-2`...
    The data objects need `cell`, `id` and `line` attributes.
    """
    attached, previous = [], None
    names = {cell.id for cell in lesson.cells}
    for slot in lesson.slots:
        if isinstance(slot, Cell):
            previous = slot
        elif isinstance(slot, Block) and slot.kind == kind:
            data = slot.data
            if data.cell is None:
                if previous is None:
                    raise LessonError(lesson.display_path, data.line,
                                      f"a {kind} needs a python cell above it (or cell: <id>)")
                data.cell = previous.id
            elif data.cell not in names:
                raise LessonError(lesson.display_path, data.line, f"there is no cell named {data.cell!r}")
            data.id = f"{kind}-{len(attached) + 1}"
            attached.append(data)
    return attached


def read_course(folder: Path, root: Path | None = None) -> list[Lesson]:
    """Read every lesson in `folder`, checked, in course order."""
    root = root or folder.parent
    paths = sorted(folder.glob("*.md"))
    if not paths:
        raise LessonError(str(folder), 1, "there are no lessons (*.md) in this folder")
    lessons = []
    for path in paths:
        lessons.append(read_lesson(path, _display(path, root)))
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

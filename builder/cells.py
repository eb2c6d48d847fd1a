"""A lesson's ```python fences: code cells and their `#| name: value` options."""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.errors import LessonError

OPTION_LINE = re.compile(r"^#\|\s*(?P<key>[A-Za-z][\w-]*)\s*:\s*(?P<value>.*?)\s*$")
# Cell ids and page names end up in URLs and HTML ids; lessons.py checks page names with these too.
NAME_OK = re.compile(r"^[a-z0-9][a-z0-9-]*$")
NAME_RULE = "use lowercase letters, digits and dashes"


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
    if not NAME_OK.match(value):
        raise ValueError(NAME_RULE)
    return value


# Option -> (parser, default, description). Documented once, in the README.
CELL_OPTIONS = {
    "id": (_identifier, None, "names the cell; widgets and saved edits refer to it"),
    "autorun": (_bool, False, "run as soon as Python is ready"),
    "build": (_choice("run", "skip", "raises"), "run",
              "run: executed by `build.py check`; skip: not executed (e.g. an endless loop); "
              "raises: must raise an error (a cell that shows one on purpose)"),
}


def parse_cell(content: list[str], first_line: int, earlier: list[Cell], where: str) -> Cell:
    """Read a python fence's lines (options first) into the next Cell after `earlier`."""
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
    index = len(earlier) + 1
    cell_id = options.pop("id") or f"cell-{index}"
    if any(cell.id == cell_id for cell in earlier):
        raise LessonError(where, first_line, f"two cells are named {cell_id!r}")
    code = "\n".join(content[n:]).strip("\n")
    if not code.strip():
        raise LessonError(where, first_line - 1, "this python cell is empty")
    # The first code line, after options and any blank lines stripped above.
    skipped = next(k for k in range(n, len(content)) if content[k].strip())
    return Cell(index=index, id=cell_id, code=code, line=first_line + skipped, options=options)

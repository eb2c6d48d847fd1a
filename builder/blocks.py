"""Fenced blocks that are not cells: ```widget and ```exercise blocks, and static code.

A block belongs to a code cell: the one its `cell` key names, or else the
nearest cell above it. Attaching is part of reading the lesson, so every
later step (checking, first states, rendering) sees the same finished lesson.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.cells import Cell
from builder.errors import LessonError


@dataclass
class Block:
    """A non-cell fenced block of a known kind (e.g. a widget); `data` is its parsed form."""

    kind: str
    line: int
    data: object


@dataclass
class StaticCode:
    """A fenced block in another language, shown as-is."""

    language: str
    code: str


def attach_to_cells(slots: list, kind: str, where: str) -> list:
    """Give each ```kind block's data its cell and an id, in page order.

    A block belongs to the cell named by its `cell` (a LessonError if there
    is none) or else to the nearest cell above it; ids are `kind-1`, `kind-2`...
    The data objects need `cell`, `id` and `line` attributes.
    """
    attached, previous = [], None
    names = {slot.id for slot in slots if isinstance(slot, Cell)}
    for slot in slots:
        if isinstance(slot, Cell):
            previous = slot
        elif isinstance(slot, Block) and slot.kind == kind:
            data = slot.data
            if data.cell is None:
                if previous is None:
                    raise LessonError(where, data.line, f"a {kind} needs a python cell above it (or cell: <id>)")
                data.cell = previous.id
            elif data.cell not in names:
                raise LessonError(where, data.line, f"there is no cell named {data.cell!r}")
            data.id = f"{kind}-{len(attached) + 1}"
            attached.append(data)
    return attached

"""Collect what a cell prints, in batches, up to a limit.

A cell may print a few words or half a million lines. `OutputStream` keeps the
first `max_lines` lines, counts the rest, and hands new text to a `sink` at
most every `interval` seconds, so the page receives a handful of messages
instead of one per `print` and stays responsive.
"""

from __future__ import annotations

import io
import time


class OutputStream(io.TextIOBase):
    """A text stream that batches writes to `sink` and truncates long output."""

    def __init__(self, sink=None, max_lines: int = 2_000, max_chars: int = 200_000,
                 interval: float = 0.05, clock=time.monotonic):
        super().__init__()
        self.sink = sink
        self.max_lines = max_lines
        self.max_chars = max_chars
        self.interval = interval
        self.clock = clock
        self._kept: list[str] = []
        self._pending: list[str] = []
        self._lines = 0
        self._chars = 0
        self.cut_lines = 0
        self.cut_chars = 0
        self._last_flush = clock()

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if self.cut_lines or self.cut_chars:
            self._count_cut(text)
        else:
            self._keep(text)
        if self.sink is not None and self.clock() - self._last_flush >= self.interval:
            self.flush()
        return len(text)

    def _keep(self, text: str) -> None:
        end = min(len(text), self.max_chars - self._chars)
        newline = -1
        for _ in range(self.max_lines - self._lines):
            newline = text.find("\n", newline + 1)
            if newline < 0:
                break
        else:  # the text reaches the line limit: keep up to that line's end
            end = min(end, newline + 1)
        kept = text[:end]
        if end < len(text):
            self._count_cut(text[end:])
        self._kept.append(kept)
        self._pending.append(kept)
        self._lines += kept.count("\n")
        self._chars += len(kept)

    def _count_cut(self, text: str) -> None:
        self.cut_chars += len(text)
        self.cut_lines += text.count("\n")

    def flush(self) -> None:
        """Send the text written since the last flush to the sink."""
        self._last_flush = self.clock()
        if self._pending and self.sink is not None:
            text = "".join(self._pending)
            self._pending.clear()
            self.sink(text)
        elif self.sink is None:
            self._pending.clear()

    @property
    def text(self) -> str:
        """Everything kept so far (not the cut part)."""
        return "".join(self._kept)

    @property
    def cut_note(self) -> str | None:
        """A sentence saying how much output was cut, or None if nothing was."""
        if not (self.cut_lines or self.cut_chars):
            return None
        if self.cut_lines:
            amount = f"{self.cut_lines:,} more line{'s' if self.cut_lines != 1 else ''}"
        else:
            amount = f"{self.cut_chars:,} more characters"
        return (f"… {amount} not shown: output is cut after "
                f"{self.max_lines:,} lines or {self.max_chars:,} characters.")

"""The verdict every check returns: passed or not, and why, in plain words."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Check:
    """The verdict of a check: `passed`, and a `message` in plain words.

    Truthy exactly when passed, so `assert check_value(...)` works.
    `value` carries a result worth keeping (e.g. explain_shapes' output).
    """

    passed: bool
    message: str
    value: object = field(default=None, compare=False, repr=False)

    def __bool__(self) -> bool:
        return self.passed

    def __str__(self) -> str:
        return ("✓ " if self.passed else "✗ ") + self.message

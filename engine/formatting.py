"""Write numbers for readers: the course's one number formatter.

Every number a reader sees in words (a figure's label, a table cell, a live
readout, a check's message) is written here. The variants differ only where
the purpose does:

- `number(value, digits=2)`: figure labels and descriptions: a fixed count of
  decimals, scientific when huge or tiny; infinities as ∞ and -∞.
- `compact_number(value, digits)`: table cells and a diagram's weights: up
  to `digits` decimals with trailing zeros dropped, as a person writes 0.5.
- `readout_text(value)`: a widget's live readouts: any value (numbers,
  arrays, lists, tuples); floats with 4 decimals, so a number that changes
  while a slider moves keeps its width.
- `message_text(value)`: a check's messages: any value; floats with 6
  significant digits, enough to compare with what the reader printed.

Not here: a cell's last value, shown with repr as Python itself shows it
(kernel/cells.py only shortens very long text).

Why here: checks/, figures/ and kernel/ all need it, and engine/ is the one
package every layer may import (it imports none of them). It is not
mathematics, so engine/__init__ does not export it and exercise checks do
not see it.
"""

from __future__ import annotations

import math

import numpy as np


def number(value: float, digits: int = 2) -> str:
    """Write a number for a label: fixed decimals, or scientific when huge or tiny."""
    if not math.isfinite(value):
        return "∞" if value > 0 else ("-∞" if value < 0 else "undefined")
    if value != 0 and (abs(value) >= 1e5 or abs(value) < 10 ** -digits):
        return f"{value:.{digits}e}"
    return f"{value:.{digits}f}"


def compact_number(value: float, digits: int) -> str:
    """Write a number with at most `digits` decimals and no trailing zeros (scientific if it would show 0)."""
    text = f"{value:.{digits}f}"
    if "." in text and digits:
        text = text.rstrip("0").rstrip(".") or "0"
    return text if float(text) != 0 or value == 0 else f"{value:.1e}"


def compact_vector(values, digits: int) -> str:
    """Write a row of numbers as "[0.12, 0.88]" with compact_number."""
    return "[" + ", ".join(compact_number(float(v), digits) for v in values) + "]"


def _readout_float(number: float) -> str:
    if not math.isfinite(number):
        return str(number)
    if number != 0 and not 1e-3 <= abs(number) < 1e7:
        return f"{number:.4g}"
    return f"{number:.4f}"


def _message_float(number: float) -> str:
    return f"{number:.6g}"


def _text(value, float_text, array_options: dict) -> str:
    # Walk containers item by item; the variants differ in floats and arrays only.
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return float_text(float(value))
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return _text(value[()], float_text, array_options)
        return np.array2string(value, separator=", ", **array_options)
    if isinstance(value, tuple):
        inner = ", ".join(_text(item, float_text, array_options) for item in value)
        return f"({inner}{',' if len(value) == 1 else ''})"
    if isinstance(value, list):
        return "[" + ", ".join(_text(item, float_text, array_options) for item in value) + "]"
    return repr(value)


def readout_text(value) -> str:
    """Write a readout's value: numbers to four decimals, containers item by item."""
    return _text(value, _readout_float, {"precision": 4, "suppress_small": True})


def message_text(value) -> str:
    """Write a number, array or tuple for a check's message: six significant digits."""
    return _text(value, _message_float, {"precision": 4, "threshold": 12})

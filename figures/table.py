"""Tables the page draws as HTML (not Plotly): the table figure and its number formats."""

from __future__ import annotations


def table(columns, rows, footer=None, caption=None, highlight=None):
    """A table figure: {"table": {...}}; cells are already-formatted strings."""
    return {"table": {"columns": list(columns), "rows": [[str(c) for c in row] for row in rows],
                      "footer": [str(c) for c in footer] if footer else None, "caption": caption,
                      "highlight": highlight},
            "description": caption or "A table"}


def vector_text(values, digits) -> str:
    return "[" + ", ".join(_short(v, digits) for v in values) + "]"


def _short(value: float, digits: int) -> str:
    text = f"{value:.{digits}f}"
    if "." in text and digits:
        text = text.rstrip("0").rstrip(".") or "0"
    return text if float(text) != 0 or value == 0 else f"{value:.1e}"

"""Tables the page draws as HTML (not Plotly): the table figure (numbers come written by engine.formatting)."""

from __future__ import annotations


def table(columns, rows, footer=None, caption=None, highlight=None):
    """A table figure: {"table": {...}}; cells are already-formatted strings."""
    return {"table": {"columns": list(columns), "rows": [[str(c) for c in row] for row in rows],
                      "footer": [str(c) for c in footer] if footer else None, "caption": caption,
                      "highlight": highlight},
            "description": caption or "A table"}

"""README's table of figure kinds names every kind with the parameters its builder takes."""

import inspect
import re
from pathlib import Path

from figures import FIGURES

ROOT = Path(__file__).resolve().parents[2]


def split_top_level(text: str) -> list[str]:
    """Split `a, b=(1, 2), c` at the commas outside brackets and quotes."""
    parts, depth, quote, current = [], 0, None, ""
    for char in text:
        if quote:
            quote = None if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(current)
            current = ""
            continue
        current += char
    return [part.strip() for part in parts + [current] if part.strip()]


def readme_rows() -> dict[str, list[str]]:
    """Each figure kind in README's table, with the parameter names its row shows, in order."""
    readme = (ROOT / "README.md").read_text()
    table = re.search(r"^\| Figure \| What it draws \|\n(?:\|.*\n)+", readme, re.M)
    assert table, "README has no table of figure kinds (| Figure | What it draws |)"
    rows = {}
    for name, arguments in re.findall(r"^\| `(\w+)\((.*?)\)` \|", table.group(0), re.M):
        rows[name] = [re.split(r"[=\s]", part, maxsplit=1)[0] for part in split_top_level(arguments)]
    return rows


def test_readme_lists_every_figure_kind_with_its_parameters():
    rows = readme_rows()
    assert sorted(rows) == sorted(FIGURES), "README's figure table and figures.FIGURES list different kinds"
    for name, shown in rows.items():
        parameters = [p for p in inspect.signature(FIGURES[name].raw).parameters if p != "memo"]
        assert shown == parameters, f"README shows {name}({', '.join(shown)}); it takes ({', '.join(parameters)})"

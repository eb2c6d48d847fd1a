"""The widget spec is declared once (kernel/widget_spec.py); README's key table and the kernel follow it."""

import json
import re
from pathlib import Path

from kernel.widget_spec import DEFAULTS, KEYS, SPEC, WidgetSpec

ROOT = Path(__file__).resolve().parents[2]


def shown(key) -> str:
    """How README's Default column writes a key's default."""
    if key.shown_default:
        return key.shown_default
    return "none" if key.default in (None, {}, []) else f"`{json.dumps(key.default)}`"


def key_table() -> str:
    """README's widget key table, written from the spec."""
    rows = ["| Key | Default | What it does |", "| --- | --- | --- |"]
    rows += [f"| `{key.name}` | {shown(key)} | {key.description} |" for key in SPEC]
    return "\n".join(rows)


def test_readme_lists_exactly_the_spec_keys_with_their_defaults():
    readme = (ROOT / "README.md").read_text()
    table = re.search(r"^\| Key \| Default \| What it does \|\n(?:\|.*\n)+", readme, re.M)
    assert table, "README has no widget key table (| Key | Default | What it does |)"
    assert table.group(0).rstrip("\n") == key_table(), "README's widget key table should read:\n" + key_table()


def test_the_kernel_takes_its_defaults_from_the_spec():
    spec = WidgetSpec.from_dict({"sliders": {"w": {"min": 0, "max": 1, "step": 0.1}}, "steps": None, "caption": "x"})
    assert spec.steps == DEFAULTS["steps"] and spec.speeds == DEFAULTS["speeds"]
    assert spec.steps is not DEFAULTS["steps"]  # each spec its own list
    assert spec.track == ["w"]  # track defaults to the sliders' names
    assert set(WidgetSpec.__dataclass_fields__) <= set(KEYS)

"""Colour tokens are defined once (figures/colours.py) and drawn in both schemes (site.css via theme.js)."""

import re
from pathlib import Path

import pytest

from figures.colours import COLOURS
from test_figures import SAMPLES

ROOT = Path(__file__).resolve().parents[2]
TOKEN = re.compile(r'"(@[a-z0-9-]+)"')


def scheme_variables() -> dict:
    """The CSS variables each scheme of site.css defines: {"light": {...}, "dark": {...}}."""
    css = (ROOT / "static/css/site.css").read_text()
    light = re.search(r"^:root\s*\{(.*?)^\}", css, re.S | re.M).group(1)
    dark = re.search(r"@media \(prefers-color-scheme: dark\)\s*\{\s*:root\s*\{(.*?)\}", css, re.S).group(1)
    return {scheme: set(re.findall(r"(--[a-z0-9-]+)\s*:", block)) for scheme, block in (("light", light), ("dark", dark))}


def tokens_in(value) -> set:
    if isinstance(value, str):
        return {value} if TOKEN.fullmatch(f'"{value}"') else set()
    if isinstance(value, dict):
        return set().union(*map(tokens_in, value.values())) if value else set()
    if isinstance(value, (list, tuple)):
        return set().union(*map(tokens_in, value)) if value else set()
    return set()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_token_has_a_colour_in_both_schemes(scheme):
    # theme.js reads --fig-<name>, else --<name>.
    variables = scheme_variables()[scheme]
    missing = [t for t in COLOURS if f"--fig-{t[1:]}" not in variables and f"--{t[1:]}" not in variables]
    assert not missing, f"site.css ({scheme}) has no colour for {missing}"


def test_every_token_a_figure_module_names_is_listed():
    named = set()
    for path in (ROOT / "figures").glob("*.py"):
        if path.name != "colours.py":
            named |= set(TOKEN.findall(path.read_text()))
    assert named and named <= set(COLOURS), sorted(named - set(COLOURS))


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_every_token_a_figure_emits_is_listed(kind):
    emitted = tokens_in(SAMPLES[kind]())
    assert emitted <= set(COLOURS), sorted(emitted - set(COLOURS))


def test_theme_reads_the_variables_the_test_checks():
    theme = (ROOT / "static/js/theme.js").read_text()
    assert "`--fig-${name}`" in theme and "`--${name}`" in theme
    assert '"#888"' not in theme  # no silent grey: a missing colour is reported (console.error)

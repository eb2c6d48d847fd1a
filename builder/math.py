"""Typeset the math of rendered lessons with KaTeX, at build time.

Python-Markdown (with pymdownx.arithmatex) marks `$...$` and `$$...$$` as
`<span class="arithmatex">\\(...\\)</span>` and `<div class="arithmatex">\\[...\\]</div>`.
We replace each with KaTeX's HTML, rendered by one Node.js process for the
whole course. Readers then need only KaTeX's CSS and fonts (vendored): no
script, no flash of raw TeX, and it works offline. A formula KaTeX cannot
parse is a build error naming the lesson and line.
"""

from __future__ import annotations

import html
import json
import re
import subprocess

from builder.errors import LessonError
from builder.paths import ROOT

MATH = re.compile(
    r'<span class="arithmatex">\\\((?P<inline>.*?)\\\)</span>'
    r'|<div class="arithmatex">\\\[(?P<display>.*?)\\\]</div>',
    re.S,
)


def find_math(page_html: str) -> list[tuple[str, bool]]:
    """Return (tex, display) for every formula in a rendered page, in order."""
    found = []
    for match in MATH.finditer(page_html):
        display = match["display"] is not None
        tex = html.unescape(match["display"] if display else match["inline"]).strip()
        found.append((tex, display))
    return found


def typeset(pages: dict[str, str], sources: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Replace the math in each page's HTML; `sources` maps a page to (path, markdown) for errors."""
    wanted = sorted({item for page in pages.values() for item in find_math(page)})
    if not wanted:
        return dict(pages)
    rendered = dict(zip(wanted, _render_with_katex(wanted)))
    for (tex, display), result in rendered.items():
        if "error" in result:
            where, line = _locate(tex, pages, sources)
            raise LessonError(where, line, f"math cannot be typeset: {result['error']}")

    def replace(match: re.Match) -> str:
        display = match["display"] is not None
        tex = html.unescape(match["display"] if display else match["inline"]).strip()
        # A display formula wider than a phone scrolls sideways: focusable, so by keyboard too.
        return rendered[(tex, display)]["html"].replace('<span class="katex-display">', '<span class="katex-display" tabindex="0">', 1)

    return {name: MATH.sub(replace, page) for name, page in pages.items()}


def _render_with_katex(items: list[tuple[str, bool]]) -> list[dict]:
    request = json.dumps([{"tex": tex, "display": display} for tex, display in items])
    result = subprocess.run(["node", str(ROOT / "builder" / "katex_render.mjs")], input=request,
                            capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        raise RuntimeError(f"KaTeX (node builder/katex_render.mjs) failed:\n{result.stderr.strip()}")
    return json.loads(result.stdout)


def _locate(tex: str, pages: dict[str, str], sources: dict[str, tuple[str, str]]) -> tuple[str, int]:
    """Find the lesson and line a formula came from, for an error message."""
    for name, page in pages.items():
        if any(item[0] == tex for item in find_math(page)):
            where, markdown = sources[name]
            position = markdown.find(tex)
            if position < 0:  # written across lines: look for its first line
                position = markdown.find(tex.splitlines()[0])
            return where, markdown.count("\n", 0, max(position, 0)) + 1
    return "lessons", 1

"""Every built page is valid HTML, by html-validate (npm, pinned in package.json).

The rules are html-validate's recommended set (.htmlvalidate.json), less
`no-inline-style`: KaTeX's math markup sizes its glyphs with inline styles.
"""

from __future__ import annotations

import subprocess

from builder.site import ROOT

VALIDATOR = ROOT / "node_modules" / ".bin" / "html-validate"


def test_every_page_is_valid_html(site):
    pages = sorted(site.glob("*.html"))
    assert len(pages) >= 16, "the index and every lesson"
    result = subprocess.run([str(VALIDATOR), "--config", str(ROOT / ".htmlvalidate.json"), *map(str, pages)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ids_are_unique_even_where_a_cell_and_a_heading_share_a_name(site):
    # activation names a cell `two-inputs` and has a heading of that name.
    html = (site / "activation.html").read_text()
    assert 'id="two-inputs"' in html and 'id="cell-two-inputs"' in html

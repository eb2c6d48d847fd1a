"""Building a small course: pages, math, cells, relative URLs and errors."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from builder.check import check_course
from builder.errors import BuildFailed
from builder.paths import ROOT
from builder.site import BuildOptions, build
from builder.vendor import NUMPY_WHEEL, ensure_runtime

LESSON_ONE = """\
---
title: First steps
order: 1
summary: Where it starts.
---

Intro with inline math $w x + b$ and a table:

| x | y |
|---|---|
| 1 | 2 |

## Display math

$$
L = \\frac{1}{2} \\sum_i (y_i - t_i)^2
$$

```python
#| autorun: true
import numpy as np
data = np.array([1.0, 2.0])
```

## A second section

```python
data.sum()
```
"""

LESSON_TWO = """\
---
title: Second steps
order: 2
summary: Where it goes.
---

```python
print("hello")
```
"""


@pytest.fixture
def course(lessons) -> Path:
    (lessons / "01-first.md").write_text(LESSON_ONE)
    (lessons / "02-second.md").write_text(LESSON_TWO)
    return lessons


def build_into(course: Path) -> Path:
    return build(BuildOptions(lessons=course, out=course.parent / "site"), log=lambda message: None)


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.urls.append((tag, value))


def test_sample_lesson_renders(course):
    site = build_into(course)
    page = (site / "first.html").read_text()
    assert "<h1>First steps</h1>" in page
    assert 'class="toc"' in page and 'href="#display-math"' in page
    assert page.count('class="katex"') == 2 and 'class="katex-display"' in page
    assert "arithmatex" not in page  # every formula was typeset at build time
    assert page.count('class="cell"') == 2 and "data-autorun" in page
    assert "<table>" in page
    assert 'rel="next" href="second.html"' in page
    second = (site / "second.html").read_text()
    assert 'rel="prev" href="first.html"' in second
    index = (site / "index.html").read_text()
    assert index.index("First steps") < index.index("Second steps")
    assert "Where it starts." in index
    # Scripts, styles and the runtime carry a hash of their content in their names (builder/assets.py).
    for needed in ("vendor/pyodide-*/pyodide.mjs", "vendor/pyodide-*/pyodide.asm.wasm", "vendor/codemirror-*.js",
                   "vendor/plotly-*.min.js", "vendor/katex-*/katex.min.css", "static/*/js/main.js"):
        assert len(list(site.glob(needed))) == 1, needed
    assert list(site.glob("python-*.zip"))


def test_every_url_in_the_output_is_relative(course):
    site = build_into(course)
    for html in site.glob("*.html"):
        parser = Links()
        parser.feed(html.read_text())
        for tag, url in parser.urls:
            if tag == "a" and re.match(r"https?://", url):
                continue  # links to other sites in the prose
            assert not url.startswith(("/", "http:", "https:", "//")), f"{html.name}: {tag} {url}"
    for css in site.rglob("*.css"):
        assert not re.search(r"url\((['\"]?)/", css.read_text()), css


def site_config(page: Path) -> dict:
    return json.loads(re.search(r'id="site-config">(.*?)</script>', page.read_text()).group(1))


def integrity(data: bytes) -> str:
    """A browser's Subresource Integrity string for these bytes."""
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode()


def test_pyodide_can_come_from_a_cdn(course):
    cdn = "https://cdn.example.org/pyodide/v0.27.7/full/"
    site = build(BuildOptions(lessons=course, out=course.parent / "site", pyodide_url=cdn), log=lambda m: None)
    assert cdn in (site / "first.html").read_text()
    assert not list(site.glob("vendor/pyodide*"))
    # The worker asks the CDN for the official wheel, so with the official wheel's hash.
    stock_wheel = (ensure_runtime(log=lambda m: None).pyodide_stock / NUMPY_WHEEL).read_bytes()
    assert site_config(site / "first.html")["startFiles"][NUMPY_WHEEL] == integrity(stock_wheel)


def test_the_runtime_ships_bytecode_stored_and_everything_else_as_published(course):
    site = build_into(course)
    (shipped,) = site.glob("vendor/pyodide-*/")
    stock = ensure_runtime(log=lambda m: None).pyodide_stock
    for archive in ("python_stdlib.zip", NUMPY_WHEEL):
        with zipfile.ZipFile(shipped / archive) as ours, zipfile.ZipFile(stock / archive) as published:
            as_published = {info.filename: info.compress_type for info in published.infolist()}
            pycs = [info for info in ours.infolist() if info.filename.endswith(".pyc")]
            # Bytecode is read without inflating; sources, libraries and data stay as published.
            assert pycs and all(info.compress_type == zipfile.ZIP_STORED for info in pycs), archive
            for info in ours.infolist():
                if not info.filename.endswith(".pyc"):
                    assert info.compress_type == as_published[info.filename], (archive, info.filename)
            names = ours.namelist()
        if archive == NUMPY_WHEEL:  # every Python file of NumPy is bytecode
            assert not [name for name in names if name.endswith(".py")]
        else:  # the standard library: only what start-up imports (asyncio, by Pyodide itself)
            assert "asyncio/__init__.pyc" in names and "xmlrpc/__init__.py" in names
    # The worker fetches the wheel at once, with the integrity Pyodide checks (the rewritten wheel's).
    wheel = (shipped / NUMPY_WHEEL).read_bytes()
    lock = json.loads((shipped / "pyodide-lock.json").read_text())
    assert lock["packages"]["numpy"]["sha256"] == hashlib.sha256(wheel).hexdigest()
    config = site_config(site / "first.html")
    assert config["startFiles"] == {"pyodide.asm.wasm": "", "python_stdlib.zip": "", "pyodide-lock.json": "",
                                    NUMPY_WHEEL: integrity(wheel)}
    assert config["pyodide"] == shipped.relative_to(site).as_posix() + "/"


def test_a_failing_cell_fails_the_build_with_file_and_line(course):
    (course / "02-second.md").write_text(LESSON_TWO.replace('print("hello")', 'x = 1\nprint(undefined_name)'))
    with pytest.raises(BuildFailed) as caught:
        build_into(course)
    [error] = caught.value.errors
    assert error.path == "lessons/02-second.md"
    assert error.line == 9  # the print line: fence at 7, x = 1 at 8
    assert "NameError: name 'undefined_name' is not defined" in error.message


def test_bad_math_fails_the_build_with_file_and_line(course):
    (course / "02-second.md").write_text(LESSON_TWO + "\nBroken $\\frac{1}{$ math.\n")
    with pytest.raises(BuildFailed) as caught:
        build_into(course)
    assert str(caught.value).startswith("lessons/02-second.md:11: math cannot be typeset")


def test_failed_build_keeps_the_last_good_site(course):
    site = build_into(course)
    (course / "01-first.md").write_text(LESSON_ONE.replace("data.sum()", "1 / 0"))
    with pytest.raises(BuildFailed):
        build_into(course)
    assert (site / "first.html").is_file()


def test_cells_run_in_order_sharing_one_namespace(course):
    (course / "01-first.md").write_text(LESSON_ONE + "\n```python\nassert data.tolist() == [1.0, 2.0]\n```\n")
    # Each lesson starts fresh: the second does not see the first one's `data`.
    (course / "02-second.md").write_text(LESSON_TWO + "\n```python\n#| build: raises\ndata\n```\n")
    lessons = check_course(course)
    assert [lesson.slug for lesson in lessons] == ["first", "second"]
    (course / "02-second.md").write_text(LESSON_TWO + "\n```python\ndata\n```\n")
    with pytest.raises(BuildFailed, match="02-second.md:12: NameError: name 'data' is not defined"):
        check_course(course)


def test_cells_marked_raises_or_skip(course):
    body = LESSON_TWO + "\n```python\n#| build: raises\n1 / 0\n```\n\n```python\n#| build: skip\nwhile True: pass\n```\n"
    (course / "02-second.md").write_text(body)
    check_course(course)  # neither raises nor hangs
    (course / "02-second.md").write_text(LESSON_TWO + "\n```python\n#| build: raises\n1 + 1\n```\n")
    with pytest.raises(BuildFailed, match="marked '#| build: raises' but ran without an error"):
        check_course(course)


def test_check_command_reports_file_line_and_exit_status(course):
    (course / "01-first.md").write_text(LESSON_ONE.replace("data.sum()", "data.sum(\n  axis=5)"))
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "check", "--lessons", str(course)],
                            capture_output=True, text=True, cwd=course.parent)
    assert result.returncode == 1
    first_line = result.stderr.splitlines()[0]
    assert first_line.startswith("lessons/01-first.md:28: numpy.exceptions.AxisError")
    assert "1 error in the lessons" in result.stderr


def test_check_command_passes_on_a_good_course(course):
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "check", "--lessons", str(course)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "checked 2 lessons, 3 cells" in result.stdout

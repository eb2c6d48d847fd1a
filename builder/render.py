"""Turn checked lessons into HTML pages with Python-Markdown and Jinja2."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer, get_lexer_by_name
from pygments.util import ClassNotFound

from builder.blocks import Block, StaticCode
from builder.cells import Cell
from builder.lessons import SLOT, Lesson
from builder.math import typeset
from builder.paths import ROOT
from builder.widgets import Widget

MARKDOWN_EXTENSIONS = ["extra", "toc", "admonition", "smarty", "pymdownx.arithmatex"]
MARKDOWN_CONFIG = {
    "toc": {"toc_depth": "2-3", "permalink": "#", "permalink_title": "Link to this section"},
    "pymdownx.arithmatex": {"generic": True},
}


def environment(templates: Path = ROOT / "templates") -> Environment:
    env = Environment(loader=FileSystemLoader(templates), undefined=StrictUndefined,
                      autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["highlight_python"] = highlight_python
    return env


def highlight_python(code: str) -> str:
    return highlight(code, PythonLexer(), HtmlFormatter(nowrap=True)).rstrip("\n")


def _highlight_static(block: StaticCode) -> str:
    try:
        lexer = get_lexer_by_name(block.language) if block.language else None
    except ClassNotFound:
        lexer = None
    code = Markup(highlight(block.code, lexer, HtmlFormatter(nowrap=True)).rstrip("\n")) if lexer else block.code
    language = Markup(' data-language="{}"').format(block.language) if block.language else ""
    # tabindex: a block wider than a phone scrolls sideways, by keyboard too.
    return Markup('<pre class="static-code highlight" tabindex="0"{}><code>{}</code></pre>').format(language, code)


def script_json(value) -> Markup:
    """JSON to put inside <script>: <, >, & and ' escaped, so no text in it can end the script."""
    return htmlsafe_json_dumps(value, separators=(",", ":"), allow_nan=False)


def _render_block(block: Block, env: Environment) -> str:
    if block.kind == "widget":
        return _render_widget(block.data, env)
    return env.get_template(f"{block.kind}.html").render({block.kind: block.data})


def _render_widget(widget: Widget, env: Environment) -> str:
    spec = widget.spec
    first = widget.first or {}
    page_spec = {key: value for key, value in spec.items() if key != "caption"}
    return env.get_template("widget.html").render(
        widget=widget, spec=spec, first=first,
        spec_json=script_json(page_spec), first_json=script_json(first),
        figures=list(zip(spec["figures"], first.get("figures") or [None] * len(spec["figures"]))),
    )


def render_body(lesson: Lesson, env: Environment) -> tuple[str, str]:
    """Return the lesson body's HTML (math not yet typeset) and its table of contents."""
    md = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, extension_configs=MARKDOWN_CONFIG)
    body = md.convert(lesson.body)
    cell_template = env.get_template("cell.html")

    def fill(match: re.Match) -> str:
        slot = lesson.slots[int(match[1])]
        if isinstance(slot, Cell):
            return cell_template.render(cell=slot, highlighted=highlight_python(slot.code))
        if isinstance(slot, Block):
            return _render_block(slot, env)
        return _highlight_static(slot)

    toc = md.toc if md.toc_tokens else ""
    return SLOT.sub(fill, body), toc


def render_pages(lessons: list[Lesson], course: dict, config: dict, env: Environment) -> dict[str, str]:
    """Render the index and every lesson; returns file name -> HTML."""
    config_json = script_json(config)
    env.globals["boot_script"] = (ROOT / "static" / "js" / "boot.js").read_text(encoding="utf-8").replace("</", "<\\/")
    bodies, tocs, sources = {}, {}, {}
    for lesson in lessons:
        name = f"{lesson.slug}.html"
        bodies[name], tocs[name] = render_body(lesson, env)
        sources[name] = (lesson.display_path, lesson.source.read_text(encoding="utf-8"))
    bodies = typeset(bodies, sources)
    pages = {"index.html": env.get_template("index.html").render(
        course=course, lessons=lessons, config_json=config_json)}
    lesson_template = env.get_template("lesson.html")
    for number, lesson in enumerate(lessons, start=1):
        name = f"{lesson.slug}.html"
        pages[name] = lesson_template.render(
            course=course, lesson=lesson, body=bodies[name], toc=tocs[name], config_json=config_json,
            number=number, total=len(lessons),
            previous=lessons[number - 2] if number > 1 else None,
            next=lessons[number] if number < len(lessons) else None)
    return pages

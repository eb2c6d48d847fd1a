"""Lessons as Jupyter notebooks: downloads/<page>.zip for every lesson.

Each zip holds one folder with the lesson as a notebook (nbformat 4.5), the
course's Python packages as a wheel, and a short README. The notebook keeps
the lesson's order: prose and math as Markdown cells, code cells as code
cells (their ids are the page's cell ids, so the page can put a reader's
edits in; every other cell's id has an underscore, which a page's never has), a widget as a cell that draws its figures at the values the
variables have there (kernel/notebook.py), an exercise as its task in
Markdown and a cell that prints the page's verdict. The first cells install
the wheel with %pip and pass the page's light palette to the figures.

Cells the build does not run cleanly are kept runnable top to bottom:
`build: raises` cells carry Jupyter's `raises-exception` tag (Run all and
nbclient carry on past the error they show), and `build: skip` cells (meant
to run until stopped) are raw cells with a note saying how to run them.

The wheel is `pip wheel --no-deps` of this project, cached in .cache/wheel/
under a hash of what goes into it, so a build makes it once.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from builder.lessons import SLOT, Block, Cell, Lesson, StaticCode
from builder.paths import ROOT
from figures.colours import COLOURS

WHEEL_CACHE = ROOT / ".cache" / "wheel"
WHEEL_SOURCES = ("pyproject.toml", "README.md", "engine", "checks", "figures", "kernel", "builder")
ADMONITION = re.compile(r'^!!!\s+(\w+)(?:\s+"(.*)")?\s*$')
ZIP_DATE = (2020, 1, 1, 0, 0, 0)  # fixed, so the same lesson gives the same bytes
FFLATE = ROOT / "node_modules" / "fflate" / "esm" / "browser.js"
WHEEL_KEPT_SECONDS = 7 * 24 * 3600


# -- the wheel ------------------------------------------------------------------------------

def ensure_wheel(log=print) -> Path:
    """Return the course's wheel, building it with pip the first time its sources change."""
    digest = hashlib.sha256()
    for name in WHEEL_SOURCES:
        path = ROOT / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*.py") if "__pycache__" not in p.parts)
        for file in files:
            digest.update(str(file.relative_to(ROOT)).encode())
            digest.update(file.read_bytes())
    folder = WHEEL_CACHE / digest.hexdigest()[:16]
    found = sorted(folder.glob("*.whl"))
    if found:
        return found[0]
    with tempfile.TemporaryDirectory(dir=ROOT / ".cache" if (ROOT / ".cache").exists() else None) as temp:
        # Build from a copy, so setuptools' build/ and egg-info stay out of the work tree.
        source = Path(temp) / "source"
        source.mkdir()
        for name in WHEEL_SOURCES:
            if (ROOT / name).is_file():
                shutil.copy2(ROOT / name, source / name)
            else:
                shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        built = Path(temp) / "wheel"
        result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(built),
                                 str(source)], capture_output=True, text=True)
        if result.returncode:
            raise RuntimeError(f"pip wheel failed:\n{result.stdout}{result.stderr}")
        wheel = next(built.glob("*.whl"))
        staged = Path(temp) / folder.name
        staged.mkdir()
        shutil.move(wheel, staged / wheel.name)
        folder.parent.mkdir(parents=True, exist_ok=True)
        try:
            staged.rename(folder)  # atomic: a build running at the same time sees all or nothing
        except OSError:
            pass  # another build got there first; its wheel is the same
    # Other builds (another checkout's sources) may be using newer ones: forget only old wheels.
    for stale in WHEEL_CACHE.iterdir():
        if stale != folder and time.time() - stale.stat().st_mtime > WHEEL_KEPT_SECONDS:
            shutil.rmtree(stale, ignore_errors=True)
    log(f"built the course's wheel into {folder.relative_to(ROOT)}")
    return next(folder.glob("*.whl"))


# -- the palette ------------------------------------------------------------------------------

def light_palette(css: Path = ROOT / "static" / "css" / "site.css") -> dict:
    """The page's light colours for each figure token, read from site.css's first :root block."""
    block = re.search(r":root\s*\{(.*?)\}", css.read_text(encoding="utf-8"), re.S)[1]
    variables = dict(re.findall(r"--([\w-]+)\s*:\s*([^;]+);", block))
    tokens = set(COLOURS) | {"@residual-fill"}
    return {token: variables.get(f"fig-{token[1:]}") or variables.get(token[1:]) or "#888888"
            for token in sorted(tokens)}


# -- the notebook ---------------------------------------------------------------------------

def _source(text: str) -> list[str]:
    lines = text.strip("\n").split("\n")
    return [line + "\n" for line in lines[:-1]] + [lines[-1]]


def _markdown(text: str, cell_id: str) -> dict:
    return {"cell_type": "markdown", "id": cell_id, "metadata": {}, "source": _source(text)}


def _code(code: str, cell_id: str, tags=()) -> dict:
    metadata = {"tags": list(tags)} if tags else {}
    return {"cell_type": "code", "id": cell_id, "metadata": metadata, "execution_count": None,
            "outputs": [], "source": _source(code)}


def notebook_markdown(text: str) -> str:
    """Lesson Markdown as Jupyter shows it: `!!! kind "Title"` boxes become quotes."""
    lines = text.split("\n")
    out, in_box = [], False
    for i, line in enumerate(lines):
        box = ADMONITION.match(line)
        if line.strip():
            indented = line.startswith("    ")
        else:  # a blank line is in the box when the box goes on after it, or the text ends
            indented = i + 1 == len(lines) or lines[i + 1].startswith("    ")
        if box:
            out += [f"> **{box[2] or box[1].capitalize()}**", ">"]
            in_box = True
        elif in_box and indented:
            out.append(f"> {line[4:]}".rstrip())
        else:
            out.append(line)
            in_box = False
    return "\n".join(out)


def _widget_cell(widget, cell_id: str) -> dict:
    spec = widget.spec
    driven = list(spec["sliders"]) + list(spec["inputs"])
    arguments = []
    if spec["figures"]:
        arguments.append(f"    figures={_py_list(spec['figures'])},")
    if spec["readouts"]:
        arguments.append(f"    readouts={_py_list(spec['readouts'])},")
    start = {name: slider["value"] for name, slider in spec["sliders"].items() if slider["value"] is not None}
    start.update({name: _literal(field["value"]) for name, field in spec["inputs"].items() if field["value"] is not None})
    if start:
        arguments.append(f"    start={{{', '.join(f'{name!r}: {value}' for name, value in start.items())}}},")
    if spec.get("track"):
        arguments.append(f"    track={spec['track']!r},")
    if spec.get("loss"):
        arguments.append(f"    loss={spec['loss']!r},")
    lines = []
    if driven:
        lines.append(f"# On the page, sliders drove {_names(driven)}: change them and run this cell again.")
    for key, what in (("step", "Step"), ("play", "Play")):
        if spec.get(key):
            lines.append(f"# {what} ran `{spec[key]}`" + (" with `speed` iterations per frame." if key == "play" else "."))
    lines.append("show_widget(globals(),")
    lines.extend(arguments)
    lines.append(")")
    return _code("\n".join(lines), cell_id, tags=["widget"])


def _literal(text: str) -> str:
    return text  # an input's value is already Python source (checked at build time)


def _py_list(items: list[str]) -> str:
    if len(items) == 1:
        return f"[{items[0]!r}]"
    return "[\n" + "".join(f"        {item!r},\n" for item in items) + "    ]"


def _names(names: list[str]) -> str:
    quoted = [f"`{name}`" for name in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _exercise_cells(exercise, number: int) -> list[dict]:
    task = (f"**Your turn: {exercise.title}.** Change the code above, run it, then run the check below.\n\n<details><summary>Hint</summary>\n\n{exercise.hint}\n\n</details>\n\n"
            f"<details><summary>Solution</summary>\n\n```python\n{exercise.solution}\n```\n\n</details>")
    check = f"check_exercise(globals(), {exercise.check!r}, title={exercise.title!r})"
    return [_markdown(task, f"exercise_{number}_task"), _code(check, f"exercise_{number}", tags=["exercise"])]


def lesson_notebook(lesson: Lesson, wheel_name: str, palette: dict, solutions: bool = False) -> dict:
    """The lesson as an nbformat 4.5 notebook (a dict); `solutions` puts each exercise's solution in."""
    solved = {exercise.cell: exercise.solution for exercise in lesson.blocks("exercise")} if solutions else {}
    cells = [
        _markdown(f"# {lesson.title}\n\n{lesson.summary}\n\nFrom the course *How Machines Learn*. "
                  "Run the cells in order, top to bottom; the first one installs the course's Python "
                  "packages from the wheel in this notebook's folder.", "course_title"),
        _code("# The course's packages (engine, checks, figures, kernel) need only NumPy; --no-deps keeps\n"
              "# pip from installing the tools that build the web site.\n"
              f"%pip install --quiet --no-deps --force-reinstall {wheel_name}", "course_install"),
        _code("from kernel.notebook import check_exercise, show_widget, use_colours\n\n"
              f"use_colours({json.dumps(palette)})", "course_setup"),
    ]
    chunks = []
    for line in lesson.body.split("\n"):
        match = SLOT.fullmatch(line.strip())
        if not match:
            chunks.append(line)
            continue
        _flush(chunks, cells)
        slot = lesson.slots[int(match[1])]
        if isinstance(slot, Cell):
            cells.extend(_cell(slot, solved.get(slot.id)))
        elif isinstance(slot, StaticCode):
            chunks.append(f"```{slot.language}\n{slot.code}\n```")
        elif isinstance(slot, Block) and slot.kind == "widget":
            cells.append(_widget_cell(slot.data, slot.data.id.replace("-", "_")))
        elif isinstance(slot, Block) and slot.kind == "exercise":
            cells.extend(_exercise_cells(slot.data, int(slot.data.id.rsplit("-", 1)[1])))
    _flush(chunks, cells)
    return {"cells": cells, "metadata": {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}


def _flush(chunks: list[str], cells: list[dict]) -> None:
    text = notebook_markdown("\n".join(chunks)).strip("\n")
    chunks.clear()
    if text.strip():
        cells.append(_markdown(text, f"text_{len(cells) + 1}"))


def _cell(cell: Cell, solution: str | None) -> list[dict]:
    code = solution if solution is not None else cell.code
    if cell.build == "skip":
        note = ("The next cell runs until you stop it, so *Run all* passes over it (it is a raw cell). "
                "To run it: select it, press **Y** to make it code, run it, and stop it with "
                "*Kernel → Interrupt*.")
        return [_markdown(note, f"{cell.id}_note"),
                {"cell_type": "raw", "id": cell.id, "metadata": {}, "source": _source(code)}]
    tags = ["raises-exception"] if cell.build == "raises" else []
    return [_code(code, cell.id, tags)]


# -- the zip -------------------------------------------------------------------------------

README = """# {title}

A lesson of *How Machines Learn* as a Jupyter notebook.

1. Open `{notebook}` in Jupyter (JupyterLab, Notebook, VS Code) with Python 3.11 or newer
   and NumPy (the course is tested with `numpy==2.0.2`).
2. Run the cells top to bottom. The first installs the course's Python packages from
   `{wheel}` (in this folder) with `%pip install --no-deps`.

Figures are drawn with Plotly if it is installed (`pip install plotly`), else with
Matplotlib, else described in words; set HOW_MACHINES_LEARN_PLOTS to plotly, matplotlib
or text to choose. Each exercise's check cell prints the same verdict as the web page.
"""


def lesson_zip(lesson: Lesson, wheel: Path, palette: dict) -> bytes:
    """The zip for one lesson: a folder with the notebook, the wheel and a README."""
    notebook = lesson_notebook(lesson, wheel.name, palette)
    name = f"{lesson.slug}.ipynb"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in ((name, json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"),
                           ("README.md", README.format(title=lesson.title, notebook=name, wheel=wheel.name)),
                           (wheel.name, wheel.read_bytes())):
            info = zipfile.ZipInfo(f"{lesson.slug}/{path}", date_time=ZIP_DATE)
            info.external_attr = 0o644 << 16  # readable by all once unzipped
            archive.writestr(info, data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def write_downloads(lessons: list[Lesson], site: Path, log=print) -> None:
    """Write site/downloads/<page>.zip for every lesson, and the zip library the page uses."""
    wheel = ensure_wheel(log)
    palette = light_palette()
    folder = site / "downloads"
    folder.mkdir(exist_ok=True)
    for lesson in lessons:
        (folder / f"{lesson.slug}.zip").write_bytes(lesson_zip(lesson, wheel, palette))
    # The page rewrites a zip with the reader's edits (static/js/share.js) with fflate from npm.
    shutil.copy2(FFLATE, folder / "fflate.js")

"""Every lesson's download runs top to bottom in a fresh Jupyter environment.

The build's downloads (builder/notebooks.py) are unzipped and executed with
nbclient and ipykernel in a virtual environment made from
tests/notebooks/requirements.txt (NumPy 2.0.2, Jupyter, Plotly, Matplotlib;
cached in .cache/ under a hash of that file). Each notebook installs the
course's wheel from its own folder. Kernels run one after another:

  the author's notebooks, figures drawn with Plotly (found installed)
  the notebooks with every exercise's solution in: the few lessons that draw
    every kind of trace with Matplotlib, the others with figures as text
  a lesson with cells that raise or never end, figures as text
  (HOW_MACHINES_LEARN_PLOTS chooses, as a reader may)

and in each, every code cell ran without an error; exercises print "not
solved yet" on the author's code and "Solved" with the solutions.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from builder.check import check_course
from builder.notebooks import ROOT, ensure_wheel, lesson_notebook, light_palette, write_downloads

HERE = Path(__file__).parent
REQUIREMENTS = HERE / "requirements.txt"


def _venv() -> Path:
    """The fresh environment for the notebooks, made once per requirements file and Python."""
    key = hashlib.sha256(REQUIREMENTS.read_bytes() + sys.version.encode()).hexdigest()[:12]
    target = ROOT / ".cache" / f"notebook-venv-{key}"
    target.parent.mkdir(exist_ok=True)
    with open(target.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two test runs at once make it once
        if not (target / "ready").exists():
            shutil.rmtree(target, ignore_errors=True)
            subprocess.run([sys.executable, "-m", "venv", str(target)], check=True)
            subprocess.run([str(target / "bin" / "python"), "-m", "pip", "install", "--quiet",
                            "-r", str(REQUIREMENTS)], check=True)
            (target / "ready").write_text(REQUIREMENTS.read_text())
    return target


@pytest.fixture(scope="module")
def lessons():
    return check_course(ROOT / "lessons")


@pytest.fixture(scope="module")
def downloads(tmp_path_factory, lessons):
    site = tmp_path_factory.mktemp("site")
    write_downloads(lessons, site, log=lambda *_: None)
    return site / "downloads"


def _execute(folder: Path, plots: str | None) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "HOW_MACHINES_LEARN_PLOTS"}
    if plots:
        env["HOW_MACHINES_LEARN_PLOTS"] = plots
    python = _venv() / "bin" / "python"
    result = subprocess.run([str(python), str(HERE / "run_notebooks.py"), str(folder)], env=env,
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def _unzip_all(downloads: Path, into: Path) -> Path:
    """Every lesson's notebook in one folder, with the wheel beside them."""
    for archive in sorted(downloads.glob("*.zip")):
        with zipfile.ZipFile(archive) as opened:
            for name in opened.namelist():
                (into / Path(name).name).write_bytes(opened.read(name))
    return into


def _check_ran(results: dict, lessons) -> None:
    assert sorted(results) == sorted(f"{lesson.slug}.ipynb" for lesson in lessons)
    for name, result in results.items():
        assert result["error"] is None, f"{name} stopped:\n{result['error']}"
        for cell in result["cells"]:
            if cell["type"] == "code":
                assert cell["executed"], f"{name}: cell {cell['id']} did not run"
                errors = [output for output in cell["outputs"] if output["kind"] == "error"]
                assert not errors or "raises-exception" in cell["tags"], f"{name}: cell {cell['id']}: {errors}"


def _printed(cell: dict) -> str:
    return "".join(output["text"] for output in cell["outputs"] if output["kind"] == "stream")


def _verdicts(results: dict) -> list[str]:
    return [_printed(cell) for result in results.values() for cell in result["cells"] if "exercise" in cell["tags"]]


def test_author_notebooks_run_and_draw_with_plotly(downloads, lessons, tmp_path):
    results = _execute(_unzip_all(downloads, tmp_path), plots=None)
    _check_ran(results, lessons)
    widgets = [cell for result in results.values() for cell in result["cells"] if "widget" in cell["tags"]]
    assert len(widgets) == sum(len(lesson.blocks("widget")) for lesson in lessons)
    for cell in widgets:
        kinds = [mime for output in cell["outputs"] if output["kind"] == "data" for mime in output["mimes"]]
        printed = _printed(cell)
        # A figure is Plotly's own output; a table or a widget of readouts alone prints text.
        assert "application/vnd.plotly.v1+json" in kinds or ("Figure:" not in printed and printed), cell
    assert any("application/vnd.plotly.v1+json" in output.get("mimes", [])
               for cell in widgets for output in cell["outputs"])
    verdicts = _verdicts(results)
    assert verdicts and all("✗ Not solved yet" in verdict for verdict in verdicts), verdicts


def _drawn_kinds(lesson) -> set:
    """The trace and shape types a lesson's figures draw when the page opens."""
    kinds = set()
    for widget in lesson.blocks("widget"):
        for figure in (widget.first or {}).get("figures") or []:
            if figure and "data" in figure:
                kinds |= {trace.get("type", "scatter") for trace in figure["data"] if trace}
                kinds |= {f"shape:{shape['type']}" for shape in figure["layout"].get("shapes") or []}
    return kinds


def _covering(lessons) -> list:
    """Few lessons that between them draw every trace and shape type the course uses."""
    left, chosen = set().union(*(_drawn_kinds(lesson) for lesson in lessons)), []
    while left:
        best = max(lessons, key=lambda lesson: len(_drawn_kinds(lesson) & left))
        chosen.append(best)
        left -= _drawn_kinds(best)
    return chosen


def test_solutions_are_judged_solved_and_drawn_with_matplotlib_or_as_text(lessons, tmp_path):
    """Matplotlib draws the few lessons that use every kind of trace; the rest print text (cheaper)."""
    wheel = ensure_wheel(log=lambda *_: None)
    drawn = _covering(lessons)
    palette = light_palette()
    results = {}
    for plots, group in (("matplotlib", drawn), ("text", [lesson for lesson in lessons if lesson not in drawn])):
        folder = tmp_path / plots
        folder.mkdir()
        shutil.copy2(wheel, folder / wheel.name)
        for lesson in group:
            notebook = lesson_notebook(lesson, wheel.name, palette, solutions=True)
            (folder / f"{lesson.slug}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
        results[plots] = _execute(folder, plots=plots)
    _check_ran({**results["matplotlib"], **results["text"]}, lessons)
    verdicts = _verdicts({**results["matplotlib"], **results["text"]})
    assert len(verdicts) == sum(len(lesson.blocks("exercise")) for lesson in lessons)
    assert all("✓ Solved" in verdict for verdict in verdicts), verdicts
    images = [output for result in results["matplotlib"].values() for cell in result["cells"]
              if "widget" in cell["tags"] for output in cell["outputs"] if "image/png" in output.get("mimes", [])]
    figures = [text for lesson in drawn for widget in lesson.blocks("widget")
               for text in widget.spec["figures"] if not text.split("(")[0].endswith("table")]
    assert len(images) == len(figures)
    described = [cell for result in results["text"].values() for cell in result["cells"]
                 if "widget" in cell["tags"] and "Figure: " in _printed(cell)]
    assert described


ODD_CELLS = """---
title: Odd cells
order: 1
summary: Cells the build does not run cleanly.
---

Prose with $x^2$.

```python
x = 2
```

```widget
sliders:
  x: [0, 10, 1]
readouts:
  - x * 3
figures:
  - curve(lambda t: t * x)
```

```python
#| build: raises
x / 0
```

```python
#| build: skip
while True:
    x += 1
```

```python
print(x * 3)
```
"""


def test_a_cell_that_raises_or_never_ends_does_not_stop_the_notebook_and_figures_fall_back_to_text(tmp_path):
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "odd-cells.md").write_text(ODD_CELLS, encoding="utf-8")
    lesson, = check_course(tmp_path / "lessons")
    wheel = ensure_wheel(log=lambda *_: None)
    run = tmp_path / "run"
    run.mkdir()
    shutil.copy2(wheel, run / wheel.name)
    notebook = lesson_notebook(lesson, wheel.name, light_palette())
    (run / "odd-cells.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    result = _execute(run, plots="text")["odd-cells.ipynb"]
    assert result["error"] is None
    cells = {cell["id"]: cell for cell in result["cells"]}
    assert "ZeroDivisionError" in cells["cell-2"]["outputs"][0]["text"]  # shown, and the run went on
    assert cells["cell-3"]["type"] == "raw" and not cells["cell-3"]["executed"]
    assert _printed(cells["cell-4"]) == "6\n"
    widget = cells["widget_1"]  # nothing to draw with: the readout and the figure's description
    assert _printed(widget).startswith("x * 3 = 6\nFigure: ")
    assert not any(output["kind"] == "data" for output in widget["outputs"])


"""The notebook's parts in CPython: its cells from a lesson, and the helpers it calls.

Fast checks of builder/notebooks.py and kernel/notebook.py; test_notebooks.py
runs the real downloads in Jupyter.
"""

from __future__ import annotations

import re

import pytest

from builder.check import check_course
from builder.notebooks import ROOT, lesson_notebook, light_palette, notebook_markdown
from figures import FIGURES
from figures.colours import COLOURS
from kernel import notebook
from kernel.exercises import PASSED
from kernel.widgets import format_value

NBFORMAT_ID = re.compile(r"^[a-zA-Z0-9-_]{1,64}$")  # what nbformat 4.5 allows as a cell id


@pytest.fixture(scope="module")
def lessons():
    return check_course(ROOT / "lessons")


@pytest.fixture
def as_text(monkeypatch):
    monkeypatch.setenv("HOW_MACHINES_LEARN_PLOTS", "text")


def test_every_lesson_keeps_its_cells_widgets_and_exercises_in_order(lessons):
    palette = light_palette()
    for lesson in lessons:
        cells = lesson_notebook(lesson, "course.whl", palette)["cells"]
        ids = [cell["id"] for cell in cells]
        assert len(ids) == len(set(ids)) and all(NBFORMAT_ID.match(i) for i in ids), lesson.slug
        code = [cell["id"] for cell in cells if cell["cell_type"] in ("code", "raw")]
        page_cells = [cell.id for cell in lesson.cells]
        assert [i for i in code if i in page_cells] == page_cells  # the page's ids, in the page's order
        tags = [tag for cell in cells for tag in cell.get("metadata", {}).get("tags", [])]
        assert tags.count("widget") == len(lesson.blocks("widget"))
        assert tags.count("exercise") == len(lesson.blocks("exercise"))
        assert "%pip install --quiet --no-deps --force-reinstall course.whl" in "".join(cells[1]["source"])
        prose = "".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")
        assert "data-slot" not in prose and "!!!" not in prose


def test_solutions_replace_the_exercise_cells(lessons):
    lesson = next(lesson for lesson in lessons if lesson.blocks("exercise"))
    exercise = lesson.blocks("exercise")[0]
    cells = lesson_notebook(lesson, "course.whl", light_palette(), solutions=True)["cells"]
    cell = next(cell for cell in cells if cell["id"] == exercise.cell)
    assert "".join(cell["source"]) == exercise.solution.strip("\n")


def test_boxes_become_quotes_and_math_stays_as_written():
    text = 'Before $y = wx + b$.\n\n!!! recap "Recap"\n    - one $w$\n    - two\n\nAfter.'
    assert notebook_markdown(text) == 'Before $y = wx + b$.\n\n> **Recap**\n>\n> - one $w$\n> - two\n\nAfter.'


def test_every_colour_token_has_a_colour_from_the_stylesheet():
    palette = light_palette()
    for token in COLOURS:
        assert re.match(r"^(#[0-9a-f]{6}|rgba?\()", palette[token]), token
    notebook.use_colours(palette)
    assert notebook.themed({"line": {"color": "@model"}, "text": ["@data", "w"]}) == {
        "line": {"color": palette["@model"]}, "text": [palette["@data"], "w"]}


def test_a_widget_prints_its_readouts_and_describes_its_figures(as_text, capsys):
    ns = {"data": [(1, 2.0), (2, 3.0)], "w": 1.0, "b": 0.5, "y": lambda x, w, b: w * x + b}
    assert notebook.show_widget(ns, figures=["line_fit(y, data, w, b)"], readouts=["w * 2"]) is None
    printed = capsys.readouterr().out
    assert f"w * 2 = {format_value(2.0)}" in printed
    assert f"Figure: {FIGURES['line_fit'](ns['y'], ns['data'], 1.0, 0.5)['description']}" in printed


def test_a_slider_start_value_fills_only_a_name_no_cell_set(as_text, capsys):
    ns = {"rate": 0.5}
    notebook.show_widget(ns, readouts=["rate", "steps"], start={"rate": 0.1, "steps": 3})
    assert ns["rate"] == 0.5 and ns["steps"] == 3


def test_an_error_in_the_readers_function_is_shown_not_raised(as_text, capsys):
    ns = {"f": lambda x: 1 / 0}
    notebook.show_widget(ns, figures=["curve(f)"])
    assert "ZeroDivisionError" in capsys.readouterr().out


def test_an_exercise_prints_the_pages_verdict(capsys):
    notebook.check_exercise({"x": 3}, "ns['x'] == 3", title="Three")
    assert capsys.readouterr().out.strip() == f"Three: ✓ Solved. {PASSED}"
    notebook.check_exercise({"x": 2}, "ns['x'] == 3", title="Three")
    assert "Three: ✗ Not solved yet." in capsys.readouterr().out


def test_a_table_figure_is_aligned_text():
    text = notebook.table_text({"columns": ["x", "error"], "rows": [["1", "0.25"], ["10", "-1"]],
                                "footer": None, "caption": None})
    assert text.splitlines() == [" x  error", "--  -----", " 1   0.25", "10     -1"]

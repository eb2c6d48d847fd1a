"""Every lesson of the course, used as a reader would, in Chromium.

For each lesson: the page loads with no console errors; each exercise's
check fails on the starting code and passes with the solution; each figure
responds to its controls; and every cell runs (a cell marked to raise shows its
error, a cell marked never to finish is left alone).
"""

from __future__ import annotations

import json

import pytest

from builder.lessons import read_course
from builder.site import ROOT

COURSE = read_course(ROOT / "lessons")

FIGURE_STATE = """(widget) => JSON.stringify([...widget.querySelectorAll('.plot')].map((plot) =>
    plot.classList.contains('plot-table') ? plot.innerText :
    [(plot.data || []).map((t) => [t.x, t.y, t.z].map((a) => a ? Array.from(a.length && a[0]?.length ? a.flat() : a).slice(0, 400) : null)),
     plot.layout?.shapes, plot.layout?.annotations]))"""


def open_lesson(reader, url, slug):
    page = reader.open(f"{url}{slug}.html")
    reader.wait_for_python(timeout=90_000)
    page.wait_for_function("() => [...document.querySelectorAll('.widget')].every(w => w.hasAttribute('data-live'))",
                           timeout=60_000)
    page.wait_for_function("() => ![...document.querySelectorAll('.cell')].some(c => c.hasAttribute('data-running'))",
                           timeout=60_000)
    return page


def wait_drawn(page, widget, action):
    """Do `action` and wait until the widget has drawn Python's reply to it."""
    widget.evaluate("(w) => { w.drawnCount = 0; w.addEventListener('widget:drawn', () => w.drawnCount++); }")
    action()
    page.wait_for_function("(w) => w.drawnCount > 0", arg=widget.element_handle(), timeout=30_000)
    page.wait_for_function("() => ![...document.querySelectorAll('.cell')].some(c => c.hasAttribute('data-running'))")


def controls(page, widget, spec):
    """Each way the reader can move this widget, as a function that does it."""
    def step():
        widget.locator(".train-step").first.click()

    def play():
        widget.get_by_role("button", name="Play").click()
        widget.get_by_role("button", name="Pause").click()

    def slide(name, slider):
        control = widget.locator(f'.slider[data-name="{name}"]')
        if slider.get("kind") == "stepper":
            plus, minus = control.locator('[data-delta="1"]'), control.locator('[data-delta="-1"]')
            return (plus if plus.is_enabled() else minus).click
        handle = control.locator('input[type="range"]')

        def move():
            at_top = float(handle.input_value()) >= slider["max"] - 5 * slider["step"]
            handle.focus()
            for _ in range(5):
                page.keyboard.press("ArrowLeft" if at_top else "ArrowRight")
        return move

    def type_into(name):
        box = widget.locator(f'.text-input[data-name="{name}"] input')
        return lambda: (box.fill("[1, 2, 3]"), box.press("Enter"))

    found = [step] if spec.get("step") else []
    found += [slide(name, slider) for name, slider in spec["sliders"].items()]
    found += [type_into(name) for name in spec.get("inputs") or {}]
    found += [play] if spec.get("play") else []
    return found


def figures_respond(page):
    """Every widget's figures or readouts change when the reader uses its controls."""
    widgets = page.locator(".widget")
    for index in range(widgets.count()):
        widget = widgets.nth(index)
        widget.scroll_into_view_if_needed()
        spec = json.loads(widget.locator(".widget-spec").evaluate("(s) => s.textContent"))
        actions = controls(page, widget, spec)
        if not actions or not (spec["figures"] or spec["readouts"]):
            continue
        state = lambda: (widget.evaluate(FIGURE_STATE), widget.locator(".widget-readouts").all_inner_texts())
        before = state()
        for action in actions:  # a setting such as a learning rate may change nothing by itself
            wait_drawn(page, widget, action)
            if state() != before:
                break
        assert state() != before, f"widget {index + 1} did not change when its controls moved"


def exercises_check(reader, page):
    exercises = page.locator(".exercise")
    for index in range(exercises.count()):
        exercise = exercises.nth(index)
        cell_id = exercise.get_attribute("data-cell")
        cell = page.locator(f'.cell[data-cell="{cell_id}"]')
        cell.scroll_into_view_if_needed()
        cell.get_by_role("button", name="Run").click()
        page.wait_for_function("(e) => e.dataset.state", arg=exercise.element_handle(), timeout=30_000)
        assert exercise.get_attribute("data-state") == "failed", \
            f"exercise {index + 1} passes on the starting code: {exercise.locator('.exercise-status').inner_text()}"
        assert exercise.locator(".exercise-status").inner_text().startswith("✗")
        exercise.get_by_role("button", name="Show a hint").click()
        assert exercise.locator(".exercise-hint").is_visible()
        exercise.get_by_role("button", name="Show the solution").click()
        exercise.get_by_role("button", name="Put this in the cell and run it").click()
        page.wait_for_function("(e) => e.dataset.state === 'passed'", arg=exercise.element_handle(), timeout=30_000)
        assert exercise.locator(".exercise-status").inner_text().startswith("✓")


def every_cell_runs(reader, page, lesson):
    for cell in lesson.cells:
        if cell.build == "skip":
            continue
        element = reader.cell(cell.index)
        element.scroll_into_view_if_needed()
        reader.run(cell.index, timeout=60_000)
        status = element.get_attribute("data-status")
        expected = "error" if cell.build == "raises" else "ok"
        assert status == expected, \
            f"cell {cell.index} ({cell.id}) ended with {status}: {element.locator('.cell-output').inner_text()[:500]}"


@pytest.mark.parametrize("lesson", COURSE, ids=[lesson.slug for lesson in COURSE])
def test_every_lesson_works_for_a_reader(reader, base_url, lesson):
    page = open_lesson(reader, base_url, lesson.slug)
    assert page.locator("h1").inner_text() == lesson.title
    assert page.locator(".cell").count() == len(lesson.cells)
    # Every figure draws itself once it comes into view.
    for plot in page.locator(".widget .plot").all():
        plot.scroll_into_view_if_needed()
        page.wait_for_function("(p) => Boolean(p.querySelector('table') || p.data?.length || p.layout?.shapes?.length)",
                               arg=plot.element_handle(), timeout=10_000)
    # Exercises first: a figure may only respond once the reader's code is
    # right (a y(x, w, b) that ignores w cannot follow the w slider).
    exercises_check(reader, page)
    figures_respond(page)
    every_cell_runs(reader, page, lesson)
    assert page.locator(".exercise").count() + page.locator(".widget").count() >= 1, \
        "every lesson gives the reader something to do"

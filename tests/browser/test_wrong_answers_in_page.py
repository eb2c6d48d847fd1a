"""In the page, an exercise rejects its known wrong answers with the message the build proved.

gradient-descent is the lesson where a wrong answer once passed (update() after
the loop); its cell's template line must take update() where the reader types it.
"""

from __future__ import annotations

from builder.lessons import read_course
from builder.site import ROOT
from tests.browser.test_lessons import open_lesson

LESSON = next(lesson for lesson in read_course(ROOT / "lessons") if lesson.slug == "gradient-descent")
[EXERCISE] = LESSON.blocks("exercise")


def run_training_cell(page):
    cell = page.locator(f'.cell[data-cell="{EXERCISE.cell}"]')
    cell.get_by_role("button", name="Run").click()
    page.wait_for_function("el => el.hasAttribute('data-status') && !el.hasAttribute('data-running')",
                           arg=cell.element_handle(), timeout=30_000)
    exercise = page.locator(".exercise")
    page.wait_for_function("(e) => e.dataset.state", arg=exercise.element_handle(), timeout=30_000)
    return exercise


def test_typing_update_over_pass_solves_the_exercise(reader, base_url):
    page = open_lesson(reader, base_url, LESSON.slug)
    cell = page.locator(f'.cell[data-cell="{EXERCISE.cell}"]')
    cell.scroll_into_view_if_needed()
    line = cell.locator(".cm-line", has_text="pass")
    line.get_by_text("pass", exact=False).first.dblclick(position={"x": 4, "y": 4})
    page.keyboard.type("update()")
    assert line.inner_text().strip().startswith("update()")
    exercise = run_training_cell(page)
    page.wait_for_function("(e) => e.dataset.state === 'passed'", arg=exercise.element_handle(), timeout=30_000)
    assert exercise.locator(".exercise-status").inner_text().startswith("✓ The loss fell")


def test_each_known_wrong_answer_is_rejected_in_the_page(reader, base_url):
    page = open_lesson(reader, base_url, LESSON.slug)
    index = next(cell.index for cell in LESSON.cells if cell.id == EXERCISE.cell)
    assert [wrong.mistake for wrong in EXERCISE.wrong][0] == "update() after the loop, once per train()"
    for wrong in EXERCISE.wrong:
        reader.set_code(index, wrong.code)
        exercise = page.locator(".exercise")
        exercise.evaluate("(e) => delete e.dataset.state")
        run_training_cell(page)
        status = exercise.locator(".exercise-status").inner_text()
        assert exercise.get_attribute("data-state") == "failed", f"{wrong.mistake}: {status}"
        assert wrong.says.lower() in status.lower(), f"{wrong.mistake}: {status}"

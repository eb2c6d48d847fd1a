"""Starting Python: the precompiled runtime, every way a start can fail ending in Retry, and a page
that works before Python is ready."""

from __future__ import annotations

import re

import numpy as np
import pytest

from figures.shapes import path_points

# Each file Python's start needs; losing any one must end in the plain-words
# error with Retry, named by the file, never in a page that loads forever.
START_FILES = {
    "the WebAssembly": ("**/pyodide.asm.wasm", "pyodide.asm.wasm"),
    "the standard library": ("**/python_stdlib.zip", "python_stdlib.zip"),
    "the NumPy wheel": ("**/numpy-*.whl", "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl"),
    "the course's packages": ("**/python-*.zip", "python-"),
}


def settled(page):
    """Wait until the cells a lesson runs by itself on arrival have finished."""
    page.wait_for_function("() => ![...document.querySelectorAll('.cell')].some(c => c.hasAttribute('data-running'))")


@pytest.mark.parametrize("blocked", START_FILES, ids=lambda name: name.split()[-1].lower())
def test_a_start_file_that_cannot_download_says_so_and_retry_recovers(reader, base_url, request, blocked):
    pattern, file_name = START_FILES[blocked]
    request.node.expects_console_errors = True  # the browser logs the failed download; checked below
    page = reader.page
    page.route(pattern, lambda route: route.abort())
    page.goto(base_url + "the-line.html")
    page.wait_for_selector("html[data-python=error]", timeout=30_000)
    status = page.locator("#python-status")
    message = status.locator(".python-status-text").inner_text()
    assert message.startswith("Python could not start: "), message
    assert file_name in message and "could not be downloaded" in message, message
    assert page.locator("h1").inner_text() == "The line"  # the prose is still there
    retry = status.get_by_role("button", name="Retry")
    assert retry.is_visible()

    page.unroute(pattern)
    retry.click()
    reader.wait_for_python()
    settled(page)
    assert not retry.is_visible()
    reader.set_code(1, "import numpy as np\nint(np.arange(5).sum())")
    assert reader.run(1).locator(".output-value").inner_text() == "10"
    # The only console errors are the browser's notes on the blocked download.
    unexpected = [error for error in reader.errors if not re.search(r"net::ERR_FAILED|Failed to fetch", error)]
    assert unexpected == [], unexpected


def test_the_site_ships_the_precompiled_runtime_and_python_uses_its_bytecode(reader, base_url):
    page = reader.open(base_url + "the-line.html")
    reader.wait_for_python()
    settled(page)
    reader.set_code(1, "import asyncio, numpy, numpy.linalg\n"
                       "print(type(numpy.__spec__.loader).__name__, numpy.linalg.__file__.rsplit('.', 1)[-1])\n"
                       "print(asyncio.__file__)")
    cell = reader.run(1)
    loader, asyncio_file = cell.locator(".output-text").inner_text().splitlines()
    # Sourceless bytecode: Python neither compiles NumPy nor the standard library at start-up.
    assert loader == "SourcelessFileLoader pyc"
    assert asyncio_file == "/lib/python312.zip/asyncio/__init__.pyc"  # imported by Pyodide at start-up
    wheel = [url for url in reader.requests if url.endswith(".whl")]
    assert len(wheel) == 1 and page.evaluate("document.documentElement.dataset.python") == "ready"


def test_library_code_without_source_still_shows_the_readers_own_line(reader, base_url):
    page = reader.open(base_url + "what-learning-means.html")
    reader.wait_for_python()
    settled(page)
    # Raised inside NumPy's own Python code, which ships as bytecode only.
    reader.set_code(1, "import numpy as np\nwide = np.zeros((2, 3))\ninverse = np.linalg.inv(wide)")
    cell = reader.run(1)
    cell.locator(".output-error").wait_for(timeout=60_000)
    error = cell.locator(".output-error").inner_text()
    assert 'File "<cell 1>", line 3' in error, error
    assert "inverse = np.linalg.inv(wide)" in error, error
    assert error.rstrip().endswith("LinAlgError: Last 2 dimensions of the array must be square"), error


# Before Python is up: the course's own packages are held back (the worker waits
# for them after Pyodide and NumPy have started), so the page stays "loading"
# for as long as the test wants, then gets them and becomes ready.
HELD = "**/python-*.zip"
WAITING_NOTE = "Python is still loading: the figure follows as soon as it can."


def hold_python(page) -> list:
    """Hold back the course archive's download; returns the held requests (release them with release())."""
    held = []
    page.route(HELD, lambda route: held.append(route))
    return held


def release(page, held):
    for route in held:
        route.continue_()
    page.unroute(HELD)


def drawn_line(page) -> tuple[float, float]:
    """w and b as the descent fixture's line_fit figure draws its model (its last path shape)."""
    path = page.evaluate("() => document.querySelector('.widget .plot').layout.shapes.at(-1).path")
    curve = np.concatenate(path_points(path))
    w = (curve[-1, 1] - curve[0, 1]) / (curve[-1, 0] - curve[0, 0])
    return w, curve[0, 1] - w * curve[0, 0]


def code_line(page, name: str) -> str:
    """The line of the model cell that assigns `name`, as the reader sees it (editor or not)."""
    return page.evaluate("""(name) => {
        const cell = document.querySelector('.cell[data-cell="model"]');
        const text = (cell.querySelector('.cm-content') || cell.querySelector('.cell-source')).innerText;
        return text.split('\\n').find((line) => line.startsWith(name + ' ='));
    }""", name)


def test_sliders_moved_before_python_is_ready_show_at_once_and_draw_once_it_is(reader, fixture_url):
    page = reader.page
    held = hold_python(page)
    page.goto(fixture_url + "descent.html")
    page.wait_for_function("() => document.querySelectorAll('.widget .plot .main-svg').length >= 3")
    widget = page.locator(".widget").first
    w_slider, b_slider = (widget.locator(f'.slider[data-name="{name}"]') for name in ("w", "b"))
    # The mouse: drag w left of the middle (0).
    handle = w_slider.locator('input[type="range"]')
    handle.scroll_into_view_if_needed()
    box = handle.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.55, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.35, box["y"] + box["height"] / 2, steps=12)
    page.mouse.up()
    # The keyboard: three steps of b to the right.
    b_slider.locator('input[type="range"]').focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert held and page.evaluate("document.documentElement.dataset.python") == "loading"
    w = float(w_slider.locator(".slider-value").input_value())
    assert w < 0 and b_slider.locator(".slider-value").input_value() == "0.03"
    # The value and the code line follow the hand at once; the figure says it waits.
    assert code_line(page, "w") == f"w = {w:.2f}" and code_line(page, "b") == "b = 0.03"
    assert widget.locator(".widget-note").inner_text() == WAITING_NOTE
    assert drawn_line(page) == pytest.approx((1.0, 0.0), abs=1e-9)  # still the build's first state

    release(page, held)
    reader.wait_for_python()
    page.wait_for_function("() => document.querySelector('.widget').hasAttribute('data-live')")
    # Drawn from the newest values, none lost, once Python could compute them.
    page.wait_for_function("() => !document.querySelector('.widget .widget-note:not([hidden])')")
    assert drawn_line(page) == pytest.approx((w, 0.03), abs=1e-9)
    assert w_slider.locator(".slider-value").input_value() == f"{w:.2f}"
    assert code_line(page, "w") == f"w = {w:.2f}" and code_line(page, "b") == "b = 0.03"


def test_run_pressed_before_python_is_ready_waits_visibly_and_stop_only_cancels_it(reader, base_url):
    page = reader.page
    held = hold_python(page)
    page.goto(base_url + "what-learning-means.html")  # its cell 2 does not run by itself
    reader.set_code(2, "import numpy as np\nprint(int(np.arange(4).sum()))")
    cell = reader.cell(2)
    cell.get_by_role("button", name="Run").click()
    assert cell.locator(".output-note").inner_text() == "Waiting for Python to finish loading…"
    assert cell.get_by_role("button", name="Run").is_disabled()  # the note says why
    # Stop while waiting takes the run back; Python keeps loading rather than starting over.
    cell.get_by_role("button", name="Stop").click()
    cell.locator(".output-note.stopped").wait_for()
    assert cell.locator(".output-note").inner_text() == "Stopped before it ran: Python was still loading."
    assert cell.get_attribute("data-status") == "stopped"
    # Run again, still early: it runs once Python is ready.
    cell.get_by_role("button", name="Run").click()
    release(page, held)
    reader.wait_for_python()
    page.wait_for_function("el => !el.hasAttribute('data-running')", arg=cell.element_handle())
    assert cell.locator(".output-text").inner_text().strip() == "6"
    assert cell.locator(".output-note").count() == 0
    # One start: the WebAssembly was downloaded once.
    assert len([url for url in reader.requests if url.endswith(".wasm")]) == 1


def test_check_pressed_before_python_is_ready_says_it_waits_then_gives_the_verdict(reader, base_url):
    page = reader.page
    held = hold_python(page)
    page.goto(base_url + "what-learning-means.html")
    exercise = page.locator(".exercise").first
    exercise.locator(".exercise-check-button").click()
    status = exercise.locator(".exercise-status")
    assert status.inner_text() == "Checking once Python has loaded…"  # not silence
    release(page, held)
    reader.wait_for_python()
    page.wait_for_function("el => el.textContent !== 'Checking once Python has loaded…'", arg=status.element_handle())
    # The starting code does not solve it: the verdict says so, in the failed style.
    assert status.inner_text().startswith("✗")
    assert exercise.get_attribute("data-state") == "failed"

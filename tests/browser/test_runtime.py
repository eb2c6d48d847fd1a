"""Python in the page: loading, running cells, errors, Stop, edits, navigation."""

from __future__ import annotations

import numpy as np


def first_lesson(reader, url):
    page = reader.open(url)
    page.locator(".lesson-item a").first.click()
    page.wait_for_selector("main.lesson")
    return page


def test_python_loads_with_visible_stages_and_runs_numpy(reader, base_url):
    reader.page.add_init_script("""
        window.statusSeen = [];
        new MutationObserver(() => {
          const text = document.querySelector('.python-status-text')?.textContent;
          if (text && window.statusSeen.at(-1) !== text) window.statusSeen.push(text);
        }).observe(document, {subtree: true, childList: true, characterData: true});
    """)
    # The start files download at once and, over loopback, can be in before the page
    # shows anything: the WebAssembly waits until the page has said it is downloading.
    held = []
    reader.page.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page = first_lesson(reader, base_url)
    assert page.evaluate("document.documentElement.dataset.python") == "loading"
    page.wait_for_function("() => window.statusSeen.some((text) => text.startsWith('Downloading Python…'))")
    for route in held:
        route.continue_()
    page.unroute("**/pyodide.asm.wasm")
    reader.wait_for_python()
    seen = page.evaluate("window.statusSeen")
    assert any(text.startswith("Downloading Python…") and text.endswith("%") for text in seen), seen
    assert "Starting Python…" in seen or "Loading NumPy…" in seen, seen
    assert seen[-1] == "Python ready"
    assert page.evaluate("crossOriginIsolated") is True

    reader.set_code(1, "import numpy as np\nprint(np.arange(4) * 2)\nnp.linspace(0, 1, 3).sum()")
    cell = reader.run(1)
    assert cell.locator(".output-text").inner_text() == str(np.arange(4) * 2) + "\n"
    assert cell.locator(".output-value").inner_text() == repr(np.linspace(0, 1, 3).sum())
    assert cell.get_attribute("data-status") == "ok"


def test_an_error_shows_a_traceback_and_the_next_cell_still_runs(reader, base_url):
    first_lesson(reader, base_url)
    reader.wait_for_python()
    reader.set_code(1, "def slope(values):\n    return values[1] / values[0]\nslope([0, 1])")
    cell = reader.run(1)
    error = cell.locator(".output-error").inner_text()
    assert error.startswith("Traceback (most recent call last):")
    assert 'File "<cell 1>", line 2, in slope' in error
    assert "    return values[1] / values[0]" in error  # the reader's own source line
    assert error.endswith("ZeroDivisionError: division by zero")
    assert "kernel" not in error and "pyodide" not in error  # trimmed to the reader's lines
    reader.set_code(2, "slope([2, 1])")
    assert reader.run(2).locator(".output-value").inner_text() == "0.5"


def test_input_says_plainly_that_the_page_cannot_ask_and_reading_stdin_logs_nothing(reader, base_url):
    first_lesson(reader, base_url)
    reader.wait_for_python()
    reader.set_code(1, 'name = input("Your name? ")')
    error = reader.run(1).locator(".output-error").inner_text()
    assert 'File "<cell 1>", line 1' in error
    assert "input() cannot ask you for text in this page" in error and 'name = "Ada"' in error
    assert "Errno 29" not in error
    # Python's own stdin, read directly, fails at once without a console error (the fixture checks).
    reader.set_code(2, "import sys\nsys.stdin.readline()")
    cell = reader.run(2)
    assert cell.get_attribute("data-status") == "error"


def test_stop_interrupts_an_endless_loop_and_the_page_stays_responsive(reader, base_url):
    page = first_lesson(reader, base_url)
    reader.wait_for_python()
    reader.set_code(1, "count = 0\nwhile True:\n    count += 1")
    cell = reader.cell(1)
    cell.get_by_role("button", name="Run").click()
    page.wait_for_selector('.cell[aria-label="Code cell 1"][data-running]')
    page.wait_for_timeout(500)
    # The page answers while Python spins: scrolling and script both respond.
    started = page.evaluate("performance.now()")
    page.mouse.wheel(0, 300)
    assert page.evaluate("performance.now()") - started < 1000
    cell.get_by_role("button", name="Stop").click()
    page.wait_for_selector('.cell[aria-label="Code cell 1"][data-status="stopped"]', timeout=10_000)
    assert "Stopped" in cell.locator(".output-note").inner_text()
    # The interrupt kept Python alive: the loop's variable is still there.
    reader.set_code(2, "count > 0")
    assert reader.run(2).locator(".output-value").inner_text() == "True"


def test_without_isolation_stop_restarts_python_and_says_so(reader, plain_url):
    page = first_lesson(reader, plain_url)
    reader.wait_for_python()
    assert page.evaluate("crossOriginIsolated") is False
    reader.set_code(1, "while True:\n    pass")
    cell = reader.cell(1)
    cell.get_by_role("button", name="Run").click()
    page.wait_for_selector('.cell[aria-label="Code cell 1"][data-running]')
    cell.get_by_role("button", name="Stop").click()
    page.wait_for_selector('.cell[aria-label="Code cell 1"][data-status="restarted"]', timeout=10_000)
    assert "Python was restarted" in cell.locator(".output-note").inner_text()
    reader.wait_for_python()
    reader.set_code(2, "6 * 7")
    assert reader.run(2).locator(".output-value").inner_text() == "42"


def test_an_edit_survives_a_reload_and_reset_restores_the_lesson(reader, base_url):
    page = first_lesson(reader, base_url)
    original = reader.cell(1).locator(".cm-content").inner_text()
    reader.set_code(1, "my_edit = 'kept'")
    page.wait_for_timeout(600)  # edits are saved after a short pause
    page.reload()
    page.wait_for_selector(".cell .cm-content")
    cell = reader.cell(1)
    assert cell.locator(".cm-content").inner_text() == "my_edit = 'kept'"
    assert cell.get_attribute("data-edited") is not None
    cell.get_by_role("button", name="Reset").click()
    assert cell.locator(".cm-content").inner_text() == original
    page.reload()
    page.wait_for_selector(".cell .cm-content")
    assert reader.cell(1).locator(".cm-content").inner_text() == original
    assert reader.cell(1).get_attribute("data-edited") is None


def test_shift_enter_runs_and_controls_are_named_buttons(reader, base_url):
    page = first_lesson(reader, base_url)
    reader.wait_for_python()
    cell = reader.cell(1)
    for name in ("Run", "Stop", "Reset"):
        assert cell.get_by_role("button", name=name).count() == 1
    reader.set_code(1, "'shift' + 'enter'")
    page.keyboard.press("Shift+Enter")
    page.wait_for_selector('.cell[aria-label="Code cell 1"][data-status="ok"]')
    assert cell.locator(".output-value").inner_text() == "'shiftenter'"


def test_printed_html_is_shown_as_text_never_run(reader, base_url):
    page = first_lesson(reader, base_url)
    reader.wait_for_python()
    markup = '<b id="injected">bold</b><img src=x onerror="window.hacked=1"><script>window.hacked=1</script>'
    reader.set_code(1, f"print({markup!r})")
    cell = reader.run(1)
    assert cell.locator(".output-text").inner_text() == markup + "\n"
    assert page.locator("#injected").count() == 0
    assert page.evaluate("window.hacked") is None


def test_huge_output_is_cut_with_a_note_and_the_page_stays_responsive(reader, base_url):
    page = first_lesson(reader, base_url)
    reader.wait_for_python()
    reader.set_code(1, "for i in range(300_000):\n    print('line', i)")
    cell = reader.cell(1)
    cell.get_by_role("button", name="Run").click()
    gaps = page.evaluate("""() => new Promise(resolve => {
        const gaps = []; let last = performance.now();
        const tick = () => {
          const now = performance.now(); gaps.push(now - last); last = now;
          if (document.querySelector('.cell[aria-label="Code cell 1"]').hasAttribute('data-running')) requestAnimationFrame(tick);
          else resolve(gaps);
        };
        requestAnimationFrame(tick);
    })""")
    assert max(gaps) < 500, f"the page froze for {max(gaps):.0f} ms"
    note = cell.locator(".output-note.cut").inner_text()
    assert note.startswith("… 298,000 more lines not shown")
    text = cell.locator(".output-text").inner_text()
    assert text.startswith("line 0\nline 1\n") and text.splitlines()[-1] == "line 1999"


def test_moving_to_another_lesson_keeps_python_and_gives_a_fresh_namespace(reader, base_url):
    page = first_lesson(reader, base_url)
    first_url = page.url
    reader.wait_for_python()
    reader.set_code(2, "secret = 42")
    reader.run(2)
    page.get_by_role("link", name="Next").first.click()
    page.wait_for_url("**/the-line.html")
    assert page.evaluate("document.documentElement.dataset.python") == "ready"
    reader.set_code(1, "2 + 2")
    assert reader.run(1).locator(".output-value").inner_text() == "4"
    page.go_back()
    page.wait_for_url(first_url)
    # Its cells are back (an editor mounts only once its cell is near the viewport,
    # wherever going back left the scroll: set_code brings cell 2 into view).
    page.wait_for_selector('main[data-lesson="what-learning-means"] .cell')
    assert page.locator("h1").inner_text() == "What learning means"
    reader.set_code(2, "secret")  # cell 2 does not run by itself on arrival
    assert "NameError: name 'secret' is not defined" in reader.run(2).locator(".output-error").inner_text()
    wasm_loads = [url for url in reader.requests if url.endswith("pyodide.asm.wasm")]
    assert len(wasm_loads) == 1, "Python was loaded more than once"
    page.go_forward()
    page.wait_for_selector('main[data-lesson="the-line"]')
    assert page.locator("h1").inner_text() == "The line"


def test_the_site_works_under_a_sub_path_without_the_network(reader, plain_url):
    page = reader.open(plain_url)
    assert page.url.endswith("/course/")
    page.locator(".lesson-item a").nth(1).click()
    page.wait_for_url("**/course/the-line.html")
    reader.wait_for_python()
    reader.set_code(1, "import numpy as np\nfloat(np.mean([1, 2, 3]))")
    assert reader.run(1).locator(".output-value").inner_text() == "2.0"
    assert all(url.startswith(plain_url) for url in reader.requests), reader.requests


def test_the_index_marks_lessons_the_reader_finished(reader, base_url):
    page = first_lesson(reader, base_url)
    reader.wait_for_python()
    exercises = page.locator(".exercise")
    total = exercises.count()
    page.locator(".lesson-nav").scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    page.locator(".site-title").click()
    page.wait_for_selector(".course-index")
    first = page.locator(".lesson-item").nth(0)
    assert first.get_attribute("data-finished") is None  # reached the end, but the exercises wait
    page.go_back()
    page.wait_for_selector('main[data-lesson="what-learning-means"] .exercise')
    for index in range(total):  # solve each one the quickest way: its solution
        exercise = page.locator(".exercise").nth(index)
        exercise.get_by_role("button", name="Show the solution").click()
        exercise.get_by_role("button", name="Put this in the cell and run it").click()
        page.wait_for_function("(e) => e.dataset.state === 'passed'", arg=exercise.element_handle(), timeout=30_000)
    page.locator(".site-title").click()
    page.wait_for_selector(".course-index")
    first, second = page.locator(".lesson-item").nth(0), page.locator(".lesson-item").nth(1)
    assert first.get_attribute("data-finished") is not None
    assert first.locator(".lesson-done").is_visible()
    assert first.locator(".lesson-exercises").inner_text() == f"{total} of {total} exercise{'s' if total != 1 else ''} solved"
    assert second.get_attribute("data-finished") is None


def test_after_one_visit_the_course_works_offline_and_isolated(reader, plain_url):
    page = reader.open(plain_url + "the-line.html")
    reader.wait_for_python()
    assert page.evaluate("crossOriginIsolated") is False  # this host sends no isolation headers
    # The service worker keeps the whole course once Python is up.
    # (A worker controls the page only once it has installed the whole build.)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)
    page.context.set_offline(True)
    try:
        page.reload()
        reader.wait_for_python()
        assert page.evaluate("crossOriginIsolated") is True  # headers added by the service worker
        reader.set_code(1, "import numpy as np\nfloat(np.arange(3).sum())")
        assert reader.run(1).locator(".output-value").inner_text() == "3.0"
        # Another lesson, never opened before, is there too.
        page.get_by_role("link", name="Previous").first.click()
        page.wait_for_selector('main[data-lesson="what-learning-means"]')
    finally:
        page.context.set_offline(False)

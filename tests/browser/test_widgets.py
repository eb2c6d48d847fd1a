"""Widgets as a reader uses them: sliders, readouts, Step, Play, history, errors.

The fixture course (tests/browser/fixtures/course) holds the course's
line-fitting model with the reader's own update() and train(). Expected values
come from the engine and plain arithmetic in CPython, never from the page.
"""

from __future__ import annotations


import numpy as np
import pytest

from engine import LINE_POINTS
from figures.shapes import path_points

LESSON = "descent.html"
X = np.array([p[0] for p in LINE_POINTS], dtype=float)
Y = np.array([p[1] for p in LINE_POINTS], dtype=float)


def open_lesson(reader, url):
    page = reader.open(url + LESSON)
    reader.wait_for_python()
    # Each widget is marked live once Python has answered it.
    page.wait_for_function("() => [...document.querySelectorAll('.widget')].every(w => w.hasAttribute('data-live'))")
    page.wait_for_timeout(300)
    return page


def drag(page, handle, start: float, end: float):
    """Drag a range input's thumb with the mouse from one fraction of its width to another."""
    handle.scroll_into_view_if_needed()
    box = handle.bounding_box()
    middle = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * start, middle)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * end, middle, steps=12)
    page.mouse.up()


def trace(page, plot: int, index: int, widget: int = 0) -> dict:
    """A trace the page is drawing, with its arrays as lists."""
    return page.evaluate("""([widget, plot, index]) => {
        const element = document.querySelectorAll('.widget')[widget].querySelectorAll('.plot')[plot];
        const t = element.data[index];
        const list = (a) => a ? Array.from(a, (v) => v === null ? NaN : v) : null;
        return {x: list(t.x), y: list(t.y), type: t.type, typed: ArrayBuffer.isView(t.y)};
    }""", [widget, plot, index])


def shape_points(page, plot: int, index: int, widget: int = 0) -> np.ndarray:
    """The points of a path shape the page is drawing (what moves is drawn as shapes)."""
    path = page.evaluate("""([widget, plot, index]) =>
        document.querySelectorAll('.widget')[widget].querySelectorAll('.plot')[plot].layout.shapes.at(index).path""",
        [widget, plot, index])
    return np.concatenate(path_points(path))


def model_curve(page) -> np.ndarray:
    return shape_points(page, 0, -1)  # the model is line_fit's last shape


def drawn_line(page) -> tuple[float, float]:
    """w and b as the figure draws them, read back from the model line's points."""
    curve = model_curve(page)
    w = (curve[-1, 1] - curve[0, 1]) / (curve[-1, 0] - curve[0, 0])
    return w, curve[0, 1] - w * curve[0, 0]


def readout(page, index: int) -> str:
    return page.locator(".widget").first.locator(".readout output").nth(index).inner_text()


def wait_idle(page):
    """Wait until Python has answered every request and the page drew it."""
    page.wait_for_function("() => !document.querySelector('[data-running]')")
    page.wait_for_timeout(400)


def l2(w, b):
    return 0.5 * float(np.sum((w * X + b - Y) ** 2))


def gradient(w, b):
    residual = w * X + b - Y
    return float(np.sum(residual * X)), float(np.sum(residual))


def slider(page, name, widget=0):
    return page.locator(".widget").nth(widget).locator(f'.slider[data-name="{name}"]')


def test_dragging_a_slider_redraws_the_line_with_the_engines_values(reader, fixture_url):
    page = open_lesson(reader, fixture_url)
    drag(page, slider(page, "w").locator('input[type="range"]'), 0.55, 0.35)
    wait_idle(page)
    w = float(slider(page, "w").locator(".slider-value").input_value())
    assert w < 0  # dragged left of the middle (0)
    drawn_w, drawn_b = drawn_line(page)
    assert drawn_w == pytest.approx(w, abs=1e-9) and drawn_b == pytest.approx(0.0, abs=1e-9)
    curve = model_curve(page)
    assert np.allclose(curve[:, 1], w * curve[:, 0], atol=1e-10)
    assert trace(page, 0, 0)["typed"], "figure data should arrive as typed arrays"
    assert readout(page, 0) == f"{l2(w, 0.0):.4f}"
    dw, db = gradient(w, 0.0)
    assert readout(page, 1) == f"({dw:.4f}, {db:.4f})"


def test_keyboard_and_typing_move_a_slider(reader, fixture_url):
    page = open_lesson(reader, fixture_url)
    handle = slider(page, "b").locator('input[type="range"]')
    handle.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    wait_idle(page)
    assert drawn_line(page)[1] == pytest.approx(0.03, abs=1e-9)
    page.keyboard.press("End")
    wait_idle(page)
    assert drawn_line(page)[1] == pytest.approx(10.0, abs=1e-9)
    page.keyboard.press("Home")
    page.keyboard.press("PageUp")
    wait_idle(page)
    b = float(slider(page, "b").locator(".slider-value").input_value())
    assert -10 < b < 0 and drawn_line(page)[1] == pytest.approx(b, abs=1e-9)
    box = slider(page, "w").locator(".slider-value")
    box.fill("0.62")
    box.press("Enter")
    wait_idle(page)
    assert drawn_line(page)[0] == pytest.approx(0.62, abs=1e-9)
    assert float(slider(page, "w").locator('input[type="range"]').input_value()) == pytest.approx(0.62)


def test_slider_and_code_line_are_bound_both_ways(reader, fixture_url):
    page = open_lesson(reader, fixture_url)
    handle = slider(page, "w").locator('input[type="range"]')
    handle.focus()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    wait_idle(page)
    lines = page.locator('.cell[data-cell="model"] .cm-line')
    assert lines.nth(1).inner_text() == "w = 0.98"
    # Edit the b line in the code: the slider and the figure follow.
    lines.nth(2).click()
    page.keyboard.press("End")
    page.keyboard.press("Backspace")
    page.keyboard.press("Backspace")
    page.keyboard.press("Backspace")
    page.keyboard.type("2.5")
    wait_idle(page)
    assert lines.nth(2).inner_text() == "b = 2.5"
    assert slider(page, "b").locator(".slider-value").input_value() == "2.50"
    assert drawn_line(page) == pytest.approx((0.98, 2.5), abs=1e-9)


def test_editing_y_changes_what_the_figure_draws(reader, fixture_url):
    page = open_lesson(reader, fixture_url)
    lines = page.locator('.cell[data-cell="model"] .cm-line')
    target = next(i for i in range(lines.count()) if lines.nth(i).inner_text().strip() == "return w * x + b")
    lines.nth(target).click()
    page.keyboard.press("End")
    for _ in range(len("w * x + b")):
        page.keyboard.press("Backspace")
    page.keyboard.type("w * x * x + b")
    reader.run(1)
    wait_idle(page)
    curve = model_curve(page)
    assert np.allclose(curve[:, 1], np.clip(curve[:, 0] ** 2, -2 - 50 * 10, 8 + 50 * 10), atol=1e-9)
    # The readout uses the reader's new y too.
    assert readout(page, 0) == f"{0.5 * float(np.sum((X * X - Y) ** 2)):.4f}"


def test_step_moves_w_and_b_by_exactly_one_gradient_step(reader, fixture_url):
    page = open_lesson(reader, fixture_url)
    w, b = 1.0, 0.0
    for expected_step in range(1, 4):
        page.get_by_role("button", name="Step", exact=True).click()
        wait_idle(page)
        dw, db = gradient(w, b)
        w, b = w - 0.001 * dw, b - 0.001 * db
        assert drawn_line(page) == pytest.approx((w, b), abs=1e-10)
        assert page.locator(".train-counter output").inner_text() == str(expected_step)
    assert readout(page, 0) == f"{l2(w, b):.4f}"
    path = page.evaluate("() => document.querySelectorAll('.widget .plot')[1].layout.shapes.find(s => s.type === 'path').path")
    assert path.count("L") == 3  # four points: the start and three steps


def test_play_then_pause_lowers_the_loss_and_counts_by_the_speed(reader, fixture_url):
    page = open_lesson(reader, fixture_url)
    start = float(readout(page, 0))
    page.locator(".train-speed select").select_option("5")
    play = page.get_by_role("button", name="Play")
    play.click()
    page.wait_for_function("() => Number(document.querySelectorAll('.readout output')[2].textContent) >= 40")
    page.get_by_role("button", name="Pause").click()
    wait_idle(page)
    count = int(readout(page, 2))
    assert count >= 40 and count % 5 == 0
    assert page.locator(".train-counter output").inner_text() == str(count)  # counts iterations, 5 a frame
    assert float(readout(page, 0)) < start
    losses = shape_points(page, 2, 0)[:, 1]
    assert len(losses) == count // 5 + 1  # one point per frame, plus the start
    assert all(later <= earlier for earlier, later in zip(losses, losses[1:]))
    # After Pause the history can be scrubbed: back to the start and forward again.
    timeline = page.locator(".timeline")
    assert timeline.is_visible()
    timeline.fill("0")
    wait_idle(page)
    assert drawn_line(page) == pytest.approx((1.0, 0.0), abs=1e-10)
    assert readout(page, 2) == "0"
    page.get_by_role("button", name="One step forward").click()
    wait_idle(page)
    assert readout(page, 2) == "5"


def test_a_learning_rate_too_high_diverges_visibly_and_stops(reader, fixture_url):
    page = open_lesson(reader, fixture_url)
    lines = page.locator('.cell[data-cell="model"] .cm-line')
    lines.nth(3).click()
    page.keyboard.press("End")
    page.keyboard.press("Shift+Home")
    page.keyboard.type("learning_rate = 0.01")
    reader.run(1)
    wait_idle(page)
    page.get_by_role("button", name="Play").click()
    note = page.locator(".widget").first.locator(".widget-note")
    note.wait_for(state="visible", timeout=20_000)
    assert note.inner_text().startswith("Diverged after")
    assert "learning rate" in note.inner_text()
    assert page.get_by_role("button", name="Play").get_attribute("aria-pressed") == "false"
    losses = shape_points(page, 2, 0)[:, 1]
    assert losses[-1] > 10 * losses[0]  # the loss was seen climbing
    assert np.all(np.isfinite(model_curve(page)))  # the line is still drawn, not blank
    steps = page.locator(".train-counter output").inner_text()
    page.wait_for_timeout(500)
    assert page.locator(".train-counter output").inner_text() == steps  # stopped


def test_an_error_while_sliding_shows_in_the_cell_and_recovers(reader, fixture_url):
    page = open_lesson(reader, fixture_url)
    before = model_curve(page)
    lines = page.locator('.cell[data-cell="model"] .cm-line')
    target = next(i for i in range(lines.count()) if lines.nth(i).inner_text().strip() == "return w * x + b")
    lines.nth(target).click()
    page.keyboard.press("End")
    page.keyboard.type(" + missing_name")
    reader.run(1)
    wait_idle(page)
    error = page.locator('.cell[data-cell="model"] .widget-error')
    assert "NameError: name 'missing_name' is not defined" in error.inner_text()
    assert 'File "<cell 1>"' in error.inner_text()
    slider(page, "w").locator('input[type="range"]').focus()
    page.keyboard.press("ArrowRight")
    wait_idle(page)
    assert np.array_equal(model_curve(page), before)  # the last good figure stays
    lines.nth(target).click()
    page.keyboard.press("End")
    for _ in range(len(" + missing_name")):
        page.keyboard.press("Backspace")
    reader.run(1)
    wait_idle(page)
    assert error.count() == 0
    w = float(slider(page, "w").locator(".slider-value").input_value())
    assert drawn_line(page)[0] == pytest.approx(w, abs=1e-9)


def test_figures_keep_their_camera_and_resize_with_the_page(reader, fixture_url):
    page = open_lesson(reader, fixture_url)
    plot = page.locator(".widget").nth(1).locator(".plot")
    plot.scroll_into_view_if_needed()
    camera = "() => document.querySelectorAll('.widget')[1].querySelector('.plot')._fullLayout.scene.camera.eye"
    page.wait_for_function("() => document.querySelectorAll('.widget')[1].querySelector('.plot')._fullLayout?.scene")
    start = page.evaluate(camera)
    box = plot.bounding_box()  # turn the scene with the mouse, as a reader would
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.7, box["y"] + box["height"] * 0.4, steps=8)
    page.mouse.up()
    page.wait_for_timeout(300)
    turned = page.evaluate(camera)
    assert turned != pytest.approx(start)
    slider(page, "p", widget=1).locator('input[type="range"]').focus()
    page.keyboard.press("ArrowRight")
    wait_idle(page)
    assert page.evaluate(camera) == pytest.approx(turned)
    z = page.evaluate("() => Array.from(document.querySelectorAll('.widget')[1].querySelector('.plot').data[0].z[0])")
    assert z[0] == pytest.approx(1.1 * -5 + -0.5 * -5)  # p moved to 1.1
    width = "() => document.querySelectorAll('.widget')[1].querySelector('.plot .main-svg').getBoundingClientRect().width"
    wide = page.evaluate(width)
    page.set_viewport_size({"width": 400, "height": 800})
    page.wait_for_timeout(800)
    narrow = page.evaluate(width)
    assert narrow < wide and narrow <= 400  # Plotly redrew at the new size
    assert page.evaluate("document.documentElement.scrollWidth") <= 400  # nothing sticks out on a phone


@pytest.mark.parametrize("context_options", [{"color_scheme": "dark"}])
def test_dark_scheme_draws_light_text_on_dark(reader, fixture_url):
    page = open_lesson(reader, fixture_url)
    colour = page.evaluate("() => document.querySelector('.widget .plot')._fullLayout.font.color")
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5)) if colour.startswith("#") else \
        (int(v) for v in colour[colour.index("(") + 1:colour.index(")")].split(",")[:3])
    assert min(red, green, blue) > 150, colour


@pytest.mark.parametrize("context_options", [{"reduced_motion": "reduce"}])
def test_reduced_motion_plays_in_visible_steps(reader, fixture_url):
    page = open_lesson(reader, fixture_url)
    page.get_by_role("button", name="Play").click()
    page.wait_for_timeout(2400)
    page.get_by_role("button", name="Pause").click()
    wait_idle(page)
    # A step every 0.6 s (plus the one already computed when Pause came),
    # where the full rate is dozens of steps a second.
    assert 2 <= int(readout(page, 2)) <= 7


def test_figures_and_sliders_show_before_python_starts(reader, fixture_url, request):
    request.node.expects_console_errors = True  # the blocked download is logged
    page = reader.page
    page.route("**/pyodide.asm.wasm", lambda route: route.abort())
    page.goto(fixture_url + LESSON)
    page.wait_for_function("() => document.querySelectorAll('.widget .plot .main-svg').length >= 3")
    assert drawn_line(page) == pytest.approx((1.0, 0.0), abs=1e-9)
    assert readout(page, 0) == f"{l2(1.0, 0.0):.4f}"
    assert slider(page, "w").locator(".slider-value").input_value() == "1.00"


def test_slider_moves_are_coalesced_while_python_is_busy(reader, fixture_url):
    page = open_lesson(reader, fixture_url)
    page.evaluate("""async () => {
        const { python } = await import(new URL('runtime.js', document.querySelector('script[src$="/main.js"]').src).href);
        const call = python.call.bind(python);
        window.requests = { sent: 0, inFlight: 0, most: 0 };
        python.call = async (...args) => {
          window.requests.sent++; window.requests.inFlight++;
          window.requests.most = Math.max(window.requests.most, window.requests.inFlight);
          try { return await call(...args); } finally { window.requests.inFlight--; }
        };
        window.inputs = 0;
        document.querySelector('.slider[data-name="w"] input[type="range"]').addEventListener('input', () => window.inputs++);
    }""")
    drag(page, slider(page, "w").locator('input[type="range"]'), 0.55, 0.95)
    wait_idle(page)
    counts = page.evaluate("window.requests")
    inputs = page.evaluate("window.inputs")
    assert counts["most"] == 1  # one request in flight at a time
    assert 1 <= counts["sent"] <= inputs
    w = float(slider(page, "w").locator(".slider-value").input_value())
    assert drawn_line(page)[0] == pytest.approx(w, abs=1e-9)  # the figure ends on the hand's value

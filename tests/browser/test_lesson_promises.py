"""What the lessons' text promises about their widgets, checked on the real course.

Each widget starts from its own cell, whatever the reader did to the widgets
above it; training falls for every setting the reader can choose; what the
text says to do (change a rate, drag a label, type into a box) does what it
says. Expected numbers come from the lessons' own data in CPython (the
engine), never from the page.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from builder.lessons import read_lesson
from builder.paths import ROOT
from engine import LINE_POINTS, two_clusters

X = np.array([p[0] for p in LINE_POINTS], dtype=float)
Y = np.array([p[1] for p in LINE_POINTS], dtype=float)


def l2(w, b):
    return 0.5 * float(np.sum((w * X + b - Y) ** 2))


def open_lesson(reader, url, slug):
    page = reader.open(url + slug + ".html")
    reader.wait_for_python()
    page.wait_for_function("() => [...document.querySelectorAll('.widget')].every(w => w.hasAttribute('data-live'))")
    return page


def widget(page, index):
    return page.locator(".widget").nth(index)


def type_value(page, index, name, value):
    """Type a value into a slider's number box, as a reader does, and wait for the figure."""
    box = widget(page, index).locator(f'.slider[data-name="{name}"] input.slider-value')
    box.scroll_into_view_if_needed()
    with drawn(page, index):
        box.fill(str(value))
        box.press("Enter")


class drawn:
    """Wait, around an action, until widget `index` has drawn Python's reply to it."""

    def __init__(self, page, index, count=1):
        self.page, self.index, self.count = page, index, count

    def __enter__(self):
        self.page.evaluate("""([index, count]) => {
            const element = document.querySelectorAll('.widget')[index];
            element.dataset.drawnWait = '0';
            element.addEventListener('widget:drawn', () => {
                element.dataset.drawnWait = String(Number(element.dataset.drawnWait) + 1);
            });
        }""", [self.index, self.count])

    def __exit__(self, *exc):
        if exc[0] is None:
            self.page.wait_for_function(
                "([index, count]) => Number(document.querySelectorAll('.widget')[index].dataset.drawnWait) >= count",
                arg=[self.index, self.count])


def slider_value(page, index, name) -> float:
    return float(widget(page, index).locator(f'.slider[data-name="{name}"] input.slider-value').input_value())


def readout(page, index, number=0) -> str:
    return widget(page, index).locator(".readout output").nth(number).inner_text()


def press(page, index, label):
    """Press a training button and wait until its reply is drawn."""
    with drawn(page, index):
        widget(page, index).get_by_role("button", name=label, exact=True).click()


def counter(page, index) -> int:
    return int(widget(page, index).locator(".train-counter output").inner_text())


def test_loss_landscape_find_the_bottom_starts_at_its_own_cell_after_exploring_the_first_map(reader, base_url):
    page = open_lesson(reader, base_url, "loss-landscape")
    type_value(page, 0, "w", 0.59)
    type_value(page, 0, "b", 0.23)  # the first map's dot now sits on the bottom
    bottom = 2  # the exercise's widget, on the cell `w = 1.5, b = 2.0`
    type_value(page, bottom, "b", 1.99)  # the reader's first touch
    assert (slider_value(page, bottom, "w"), slider_value(page, bottom, "b")) == (1.5, 1.99)
    assert float(readout(page, bottom)) == pytest.approx(l2(1.5, 1.99), abs=1e-4)
    exercise = page.locator(".exercise").first
    page.wait_for_function("e => e.dataset.state", arg=exercise.element_handle())
    assert exercise.get_attribute("data-state") == "failed"
    # The first map kept its own place.
    assert (slider_value(page, 0, "w"), slider_value(page, 0, "b")) == (0.59, 0.23)


def test_the_gradient_slopes_read_75_and_13_after_exploring_the_slice(reader, base_url):
    page = open_lesson(reader, base_url, "the-gradient")
    type_value(page, 0, "w", 2.0)
    type_value(page, 0, "b", 1.0)
    widget(page, 1).scroll_into_view_if_needed()  # plots are drawn when they come into view
    page.wait_for_function("() => [...document.querySelectorAll('.widget')[1].querySelectorAll('.plot')]"
                           ".every((plot) => plot.layout)")
    slopes = page.evaluate("""() => [...document.querySelectorAll('.widget')[1].querySelectorAll('.plot')]
        .map((plot) => plot.layout.annotations[0].text)""")
    residual = 1.0 * X + 0.0 - Y
    expected = [float(np.sum(residual * X)), float(np.sum(residual))]  # at the cell's w = 1, b = 0
    shown = [float(re.search(r"slope (-?[\d.]+)", text).group(1)) for text in slopes]
    assert shown == pytest.approx(expected, abs=0.01)
    assert round(shown[0]) == 75 and round(shown[1]) == 13


def test_the_line_moving_b_in_the_exercise_leaves_the_planes_b(reader, base_url):
    page = open_lesson(reader, base_url, "the-line")
    plane_b = slider_value(page, 2, "b")
    type_value(page, 1, "b", 7.5)
    type_value(page, 2, "w1", 2.5)  # the plane redraws: with its own b
    assert slider_value(page, 2, "b") == plane_b
    surface = page.evaluate("""() => { const t = document.querySelectorAll('.widget')[2].querySelector('.plot').data[0];
        const list = (a) => Array.from(a, (row) => typeof row === 'number' ? row : Array.from(row));
        return {x: list(t.x), y: list(t.y), z: list(t.z)}; }""")
    z = np.array(surface["z"], dtype=float)
    x1, x2 = np.meshgrid(np.array(surface["x"], dtype=float), np.array(surface["y"], dtype=float))
    plane = np.linalg.lstsq(np.column_stack([x1.ravel(), x2.ravel(), np.ones(z.size)]), z.ravel(), rcond=None)[0]
    assert plane[2] == pytest.approx(plane_b, abs=1e-6)  # the height at x1 = x2 = 0 is the plane's own b


def test_neurons_into_networks_a_step_lowers_the_loss_from_the_sliders_start(reader, base_url):
    page = open_lesson(reader, base_url, "neurons-into-networks")
    four = page.locator(".widget").count() - 2  # the sliders' fit, above the neuron-count one
    before = float(readout(page, four))
    press(page, four, "Step")
    after = float(readout(page, four))
    assert before == pytest.approx(1247.82, abs=0.01)
    assert after < before


def test_neurons_into_networks_loss_falls_for_every_count_and_a_new_count_starts_afresh(reader, base_url):
    page = open_lesson(reader, base_url, "neurons-into-networks")
    more = page.locator(".widget").count() - 1
    stepper = widget(page, more).locator('.slider[data-name="neurons"] input.slider-value')
    for count in range(1, 11):
        with drawn(page, more):
            stepper.fill(str(count))
            stepper.press("Enter")
        assert counter(page, more) == 0
        curve = page.evaluate(f"() => document.querySelectorAll('.widget')[{more}].querySelectorAll('.plot')[1]"
                              ".layout.shapes[0].path")
        assert "L" not in curve  # one point: the curve starts again
        start = float(readout(page, more))
        press(page, more, "Step")
        one = float(readout(page, more))
        press(page, more, "100 steps")
        hundred = float(readout(page, more))
        assert counter(page, more) == 101
        assert start > one > hundred, f"{count} neurons: {start} -> {one} -> {hundred}"


def training_cell(page):
    """The number of the cell that trains the plane, and its code."""
    return cell_code(page, "def train(epochs)")


def cell_code(page, text):
    """The number of the first cell whose author's code holds `text`, and that code.

    The code comes from the page as served, not from the editor: CodeMirror
    draws only the lines near the viewport, so the editor's text can be cut short.
    """
    number, code = page.evaluate("""async (text) => {
        const html = await (await fetch(location.href)).text();
        const served = new DOMParser().parseFromString(html, 'text/html');
        for (const cell of served.querySelectorAll('.cell')) {
            const code = cell.querySelector('.cell-source').textContent.replace(/\\n$/, '');
            if (code.includes(text)) return [Number(cell.getAttribute('aria-label').match(/\\d+/)[0]), code];
        }
        return [null, null];
    }""", text)
    assert number is not None, f"no cell holds {text!r}"
    page.locator(f'.cell[aria-label="Code cell {number}"]').scroll_into_view_if_needed()  # its editor appears
    return number, code


def replaced(code: str, old: str, new: str) -> str:
    """`code` with `old` replaced: a test whose edit matched nothing would test the author's code."""
    assert old in code, f"{old!r} is not in the cell's code"
    return code.replace(old, new)


def test_classification_in_3d_run_brings_back_the_random_plane_and_rate_3_snaps(reader, base_url):
    page = open_lesson(reader, base_url, "classification-in-3d")
    trainer = next(i for i in range(page.locator(".widget").count())
                   if widget(page, i).locator(".train-step").count())
    random_loss = float(readout(page, trainer))
    press(page, trainer, "10 steps")
    assert float(readout(page, trainer)) < random_loss
    number, code = training_cell(page)
    reader.set_code(number, replaced(code, "learning_rate = 0.1", "learning_rate = 3"))
    with drawn(page, trainer):
        reader.run(number)
    assert float(readout(page, trainer)) == pytest.approx(random_loss, abs=1e-4)  # the random plane again
    assert readout(page, trainer, 1) == "0"
    press(page, trainer, "Step")
    assert float(readout(page, trainer)) < 0.1  # one epoch: the plane is in the gap


def test_what_learning_means_draws_the_k_means_centres_and_moves_them(reader, base_url):
    page = open_lesson(reader, base_url, "what-learning-means")
    kmeans = next(i for i in range(page.locator(".widget").count())
                  if widget(page, i).locator(".train-step").count())
    centres = """(index) => document.querySelectorAll('.widget')[index].querySelector('.plot').data
        .filter((t) => t.name.startsWith('centre')).map((t) => [t.x[0], t.y[0], t.z[0]])"""
    widget(page, kmeans).scroll_into_view_if_needed()  # plots are drawn when they come into view
    page.wait_for_function("(i) => document.querySelectorAll('.widget')[i].querySelector('.plot').data", arg=kmeans)
    first = np.array(page.evaluate(centres, kmeans))
    points, _ = two_clusters(seed=0)
    assert first == pytest.approx(points[[0, 1]], abs=1e-3)  # they start at two of the points
    press(page, kmeans, "Step")
    moved = np.array(page.evaluate(centres, kmeans))
    assert moved.shape == (2, 3) and np.abs(moved - first).max() > 0.5


@pytest.mark.parametrize("slug, name, typed", [("softmax", "scores", "a, b"), ("softmax", "scores", ""),
                                               ("fitting-a-line", "new_x", "ten")])
def test_bad_input_in_a_text_box_is_explained_beside_it(reader, base_url, slug, name, typed):
    page = open_lesson(reader, base_url, slug)
    field = page.locator(f'.text-input[data-name="{name}"]')
    index = page.evaluate("(el) => [...document.querySelectorAll('.widget')].indexOf(el.closest('.widget'))",
                          field.element_handle())
    readouts_before = widget(page, index).locator(".readout output").all_inner_texts()
    box = field.locator("input")
    box.scroll_into_view_if_needed()
    with drawn(page, index):
        box.fill(typed)
        box.press("Enter")
    message = field.locator(".input-message")
    assert message.is_visible()
    assert "is not a number" in message.inner_text()
    readouts = widget(page, index).locator(".readout output").all_inner_texts()
    assert readouts == readouts_before and not any("nan" in text for text in readouts)
    with drawn(page, index):
        box.fill("1, 2" if slug == "softmax" else "3")
        box.press("Enter")
    assert not message.is_visible()


@pytest.mark.parametrize("context_options", [{"viewport": {"width": 390, "height": 844}, "has_touch": True,
                                              "is_mobile": True, "device_scale_factor": 2}])
def test_a_finger_drags_a_weight_label_on_a_phone(reader, base_url, context_options):
    page = open_lesson(reader, base_url, "neurons-into-networks")
    plot = widget(page, 0).locator(".plot").first
    plot.scroll_into_view_if_needed()
    page.wait_for_function("el => el.hasAttribute('data-draggable')", arg=plot.element_handle())
    label = page.evaluate("""(el) => {
        const t = el.data.find((trace) => trace.name === 'weights');
        const i = t.customdata.indexOf('w2');
        const box = el.getBoundingClientRect(), xa = el._fullLayout.xaxis, ya = el._fullLayout.yaxis;
        return [box.left + xa._offset + xa.l2p(t.x[i]), box.top + ya._offset + ya.l2p(t.y[i])];
    }""", plot.element_handle())
    before = slider_value(page, 0, "w2")
    scroll = page.evaluate("() => window.scrollY")
    session = page.context.new_cdp_session(page)
    x, y = label
    with drawn(page, 0):
        session.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
        for step in range(1, 9):
            session.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y - 5 * step}]})
        session.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    assert slider_value(page, 0, "w2") > before  # up raises the weight
    assert page.evaluate("() => window.scrollY") == scroll  # the finger dragged, the page did not scroll


def test_nan_from_the_readers_model_is_explained_in_the_cell_and_the_figure_stays(reader, base_url):
    page = open_lesson(reader, base_url, "fitting-a-line")
    number, code = cell_code(page, "def y(x, w, b)")
    cell = reader.cell(number)
    index = page.evaluate("(n) => [...document.querySelectorAll('.widget')].findIndex((w) => "
                          "w.dataset.cell === document.querySelector(`.cell[aria-label=\"Code cell ${n}\"]`).dataset.cell)",
                          number)
    drawn_before = page.evaluate("(i) => JSON.stringify(document.querySelectorAll('.widget')[i].querySelector('.plot').layout.shapes)", index)
    broken = re.sub(r"(def y\(x, w, b\):\n)", r"\1    if x == 3:\n        return float('nan')\n", code)
    assert broken != code
    reader.set_code(number, broken)
    with drawn(page, index):
        reader.run(number)
    assert "y(3, " in cell.inner_text() and "returned nan" in cell.inner_text()
    after = page.evaluate("(i) => JSON.stringify(document.querySelectorAll('.widget')[i].querySelector('.plot').layout.shapes)", index)
    assert after == drawn_before  # the last good figure stays


def authors_code(lesson: str, cell_id: str) -> str:
    """The code a lesson's cell starts with, from the lesson file."""
    return next(cell.code for cell in read_lesson(ROOT / "lessons" / lesson).cells if cell.id == cell_id)


def sigmoid_rows(page, index):
    """The squashed line's dots of widget `index`, by trace name: their z and their colour."""
    widget(page, index).scroll_into_view_if_needed()  # plots are drawn when they come into view
    page.wait_for_function("(i) => document.querySelectorAll('.widget')[i].querySelectorAll('.plot')[1].data", arg=index)
    return page.evaluate("""(i) => Object.fromEntries(document.querySelectorAll('.widget')[i].querySelectorAll('.plot')[1]
        .data.filter((t) => t.mode === 'markers').map((t) => [t.name, {x: Array.from(t.x), y: Array.from(t.y),
                                                                         colour: t.marker.color}]))""", index)


def test_classification_in_3d_squashed_dots_wear_their_class_colour_and_part_after_training(reader, base_url):
    page = open_lesson(reader, base_url, "classification-in-3d")
    X_raw, labels = two_clusters(seed=0)
    X_norm = (X_raw - X_raw.mean(axis=0)) / X_raw.std(axis=0)
    z = X_norm @ np.array([0.6, -1.2, 0.9]) + 1.5  # the lesson's random plane
    rows = sigmoid_rows(page, 2)
    assert set(rows) == {"class 0", "class 1"}  # no single black cloud of "data"
    assert rows["class 0"]["colour"] != rows["class 1"]["colour"]
    scene = page.evaluate("() => document.querySelectorAll('.widget')[2].querySelector('.plot').data"
                          ".filter((t) => t.name.startsWith('class')).map((t) => t.marker.color)")
    assert scene == [rows["class 0"]["colour"], rows["class 1"]["colour"]]  # the 3-D figure's colours
    for label in (0, 1):
        row = rows[f"class {label}"]
        assert sorted(row["x"]) == pytest.approx(sorted(z[labels == label]), abs=1e-6)
        assert np.all(np.abs(np.array(row["y"]) - label) < 0.1)  # on its class's row, a little jittered
    # As the text says: both rows start right of z = 0 (the plane calls nearly everything class 1) ...
    assert np.mean(np.array(rows["class 0"]["x"]) > 0) > 0.9
    trainer = 4
    for _ in range(10):  # ... and about 100 epochs put every dot on its side of z = 0.
        press(page, trainer, "10 steps")
    assert readout(page, trainer, 1) == "100"
    rows = sigmoid_rows(page, trainer)
    assert max(rows["class 0"]["x"]) < 0 < min(rows["class 1"]["x"])


def test_gradient_descent_counter_keeps_pace_with_iteration_counter(reader, base_url):
    page = open_lesson(reader, base_url, "gradient-descent")
    number, code = cell_code(page, "def train(iterations)")
    reader.set_code(number, replaced(code, "pass   # replace pass with update(): one step each time round the loop",
                                     "update()"))
    with drawn(page, 0):
        reader.run(number)
    controls = widget(page, 0)
    controls.locator(".train-speed select").select_option("10")
    controls.get_by_role("button", name="Play").click()
    page.wait_for_function("() => Number(document.querySelector('.widget .train-counter output').textContent) >= 50")
    controls.get_by_role("button", name="Pause").click()
    page.wait_for_function("() => !document.querySelector('.widget .train-timeline').hidden")
    press(page, 0, "Step")
    shown = counter(page, 0)
    assert shown % 10 == 1  # ten a frame, then one for Step
    assert int(readout(page, 0, 0)) == shown  # the readout iteration_counter says the same
    frames = int(controls.locator(".timeline").get_attribute("max"))
    assert frames == (shown - 1) // 10 + 1  # the timeline has a mark per frame, not per iteration


def test_a_step_downhill_lower_the_rate_and_reset_as_the_note_says(reader, base_url):
    page = open_lesson(reader, base_url, "a-step-downhill")
    for _ in range(20):
        press(page, 0, "Step")
        if widget(page, 0).get_attribute("data-diverged") is not None:
            break
    note = widget(page, 0).locator(".diverged")
    assert "Lower the learning rate and press Reset" in note.inner_text()
    type_value(page, 0, "learning_rate", 0.005)
    press(page, 0, "Reset")
    assert float(readout(page, 0, 3)) == pytest.approx(l2(1.0, 0.0), abs=1e-4)
    press(page, 0, "Step")
    assert float(readout(page, 0, 3)) < 0.2  # "the first step lands almost exactly on the valley floor"
    assert not note.is_visible()
    # The check runs 50 steps from the cell's start, w = 1 and b = 0, wherever the figure is.
    exercise = page.locator(".exercise").first
    page.wait_for_function("e => e.dataset.state === 'passed'", arg=exercise.element_handle())
    assert f"from {l2(1.0, 0.0):.2f}" in exercise.inner_text()


def test_softmax_one_typed_score_gives_probability_one(reader, base_url):
    page = open_lesson(reader, base_url, "softmax")
    box = page.locator('.text-input[data-name="scores"] input')
    box.scroll_into_view_if_needed()
    with drawn(page, 0):
        box.fill("7")
        box.press("Enter")
    assert widget(page, 0).locator(".readout output").all_inner_texts() == ["1.0000", "1.0000"]


def test_softmax_diagram_weight_labels_do_not_overlap(reader, base_url):
    page = open_lesson(reader, base_url, "softmax")
    stepper = widget(page, 1).locator('.slider[data-name="n_features"] input.slider-value')
    stepper.scroll_into_view_if_needed()
    with drawn(page, 1):
        stepper.fill("5")
        stepper.press("Enter")
    plot = widget(page, 1).locator(".plot").first
    spots = page.evaluate("""(el) => {
        const t = el.data.find((trace) => trace.name === 'weights');
        const xa = el._fullLayout.xaxis, ya = el._fullLayout.yaxis;
        return Array.from(t.x, (x, i) => [xa.l2p(x), ya.l2p(t.y[i])]);
    }""", plot.element_handle())
    assert len(spots) == 10
    size = 22  # each label's marker, in px
    for a in range(len(spots)):
        for b in range(a + 1, len(spots)):
            gap = np.hypot(spots[a][0] - spots[b][0], spots[a][1] - spots[b][1])
            assert gap >= size, f"labels {a} and {b} overlap: {spots[a]}, {spots[b]}"


def test_network_from_scratch_rate_50_saturates_as_the_text_says(reader, base_url):
    page = open_lesson(reader, base_url, "network-from-scratch")
    number, code = cell_code(page, "def backward():")
    reader.set_code(number, replaced(code, "learning_rate = 1.0", "learning_rate = 50"))
    output = reader.run(number).locator(".cell-output").inner_text()
    assert "epoch  3000   loss 1.00000" in output  # stuck, as the text says
    assert "outputs: [0. 0. 0. 0.]" in output


def test_derivatives_reset_takes_the_figures_back_to_the_start(reader, base_url):
    page = open_lesson(reader, base_url, "derivatives")
    game = 3
    widget(page, game).scroll_into_view_if_needed()  # plots are drawn when they come into view
    press(page, game, "10 steps")
    press(page, game, "Reset")
    assert readout(page, game) == "0.0000"  # x is back at the start ...
    shown = page.evaluate("""(i) => [...document.querySelectorAll('.widget')[i].querySelectorAll('.plot')].map((plot) =>
        Array.from(plot.data.find((t) => t.mode === 'markers').x))""", game)
    assert shown == [[0.0], [0.0]]  # ... and so are the tangent's point and the trail of positions visited


def test_classification_in_3d_training_pulls_a_dragged_bias_back(reader, base_url):
    page = open_lesson(reader, base_url, "classification-in-3d")
    trainer = 4
    type_value(page, trainer, "b", 5)
    jumped = float(readout(page, trainer))
    for _ in range(20):  # 200 epochs
        press(page, trainer, "10 steps")
    assert float(readout(page, trainer)) < jumped / 5  # the loss falls again ...
    assert 2 < slider_value(page, trainer, "b") < 4  # ... as b comes back "from 5 to about 3"


def test_two_inputs_normalised_gap_falls_below_the_plots_floor_within_the_110_steps(reader, base_url):
    namespace = {}
    for cell in ("houses", "normalise", "norm-descent"):  # the lesson's own code, in CPython
        exec(authors_code("12-two-inputs.md", cell), namespace)
    gaps = [namespace["mse_norm"]() - namespace["best_mse"]]
    for _ in range(110):
        namespace["update_norm"]()
        gaps.append(namespace["mse_norm"]() - namespace["best_mse"])
    assert round(gaps[31]) == 17 and gaps[110] < 1e-4 <= gaps[109]  # what the text says
    page = open_lesson(reader, base_url, "two-inputs")
    normalised = 2
    press(page, normalised, "10 steps")
    press(page, normalised, "100 steps")
    layout = page.evaluate("(i) => document.querySelectorAll('.widget')[i].querySelectorAll('.plot')[2].layout", normalised)
    points = np.array([[float(v) for v in pair.split(",")] for pair in re.findall(r"-?[\d.e+-]+,-?[\d.e+-]+",
                                                                               layout["shapes"][0]["path"])])
    assert points[:, 0].tolist() == list(range(111))
    assert points[31, 1] == pytest.approx(gaps[31], rel=1e-6)
    assert layout["yaxis"]["range"][0] == -4  # the plot's floor is 0.0001 ...
    assert points[-1, 1] == pytest.approx(1e-4)  # ... and the last step has reached it

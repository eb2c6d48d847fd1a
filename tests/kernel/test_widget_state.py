"""The widget kernel: sliders into globals, steps into history, figures into replies."""

from __future__ import annotations

import pytest

from kernel.cells import fresh_namespace, run_cell
from kernel.widgets import WidgetSpec, WidgetState

LESSON = """
data = [(1, 0.85), (2, 1.43), (3, 1.92), (4, 2.59), (5, 3.20), (6, 3.82), (7, 4.38), (8, 4.97)]
w = 1.0
b = 0.0
learning_rate = 0.001
def y(x, w, b):
    return w * x + b
def loss(w, b):
    return sum((y(xi, w, b) - yi) ** 2 for xi, yi in data) / 2
def gradient():
    dw = sum((y(xi, w, b) - yi) * xi for xi, yi in data)
    db = sum(y(xi, w, b) - yi for xi, yi in data)
    return dw, db
def update():
    global w, b
    dw, db = gradient()
    w -= learning_rate * dw
    b -= learning_rate * db
counter = 0
def train(n):
    global counter
    for _ in range(n):
        update()
        counter += 1
"""

SPEC = {
    "sliders": {"w": {"min": -10, "max": 10, "step": 0.01}, "b": {"min": -10, "max": 10, "step": 0.01},
                "learning_rate": {"min": 0.0001, "max": 0.02, "step": 0.0001}},
    "readouts": ["loss(w, b)", "counter"],
    "figures": ["line_fit(y, data, w, b)", "landscape(loss, w, b, path=history)", "loss_curve(history['loss'])"],
    "step": "update()", "play": "train(speed)", "track": ["w", "b", "counter"], "loss": "loss(w, b)",
}


@pytest.fixture
def state():
    namespace = fresh_namespace()
    assert run_cell(LESSON, namespace).ok
    widget = WidgetState(WidgetSpec.from_dict(SPEC), namespace)
    widget.open()
    return widget


def reference_step(w, b, rate=0.001):
    from engine import LINE_POINTS
    dw = sum((w * x + b - t) * x for x, t in LINE_POINTS)
    db = sum(w * x + b - t for x, t in LINE_POINTS)
    return w - rate * dw, b - rate * db


def test_a_slider_writes_its_global_and_the_readouts_follow(state):
    reply = state.set_values({"w": 0.5})
    assert state.namespace["w"] == 0.5 and reply["values"]["w"] == 0.5
    assert reply["readouts"][0]["text"] == f"{state.namespace['loss'](0.5, 0.0):.4f}"


def test_slider_values_are_clamped_to_their_range(state):
    state.set_values({"w": 99})
    assert state.namespace["w"] == 10


def test_steps_are_recorded_with_their_iteration(state):
    reply = state.advance("step", 3)
    w, b = 1.0, 0.0
    for _ in range(3):
        w, b = reference_step(w, b)
    assert (state.namespace["w"], state.namespace["b"]) == pytest.approx((w, b), abs=1e-15)
    assert reply["history"] == {"length": 4, "position": 3, "iteration": 3}
    reply = state.advance("play", 10)  # a Play frame at speed 10 is ten iterations
    assert reply["history"]["iteration"] == 13 and state.namespace["counter"] == 10
    assert state.history_view()["iteration"] == [0, 1, 2, 3, 13]


def test_scrubbing_restores_the_recorded_values_and_restart_goes_back(state):
    state.advance("step", 5)
    after_two = state.history[2]["values"]
    reply = state.scrub(2)
    assert state.namespace["w"] == after_two["w"] and reply["history"]["position"] == 2
    assert len(state.history_view()["w"]) == 3  # figures see the history up to the shown step
    state.advance("step", 1)  # a step from the past replaces the future
    assert len(state.history) == 4
    state.restart()
    assert state.namespace["w"] == 1.0 and len(state.history) == 1


def test_moving_a_recorded_variable_starts_a_new_path_but_a_setting_does_not(state):
    state.advance("step", 3)
    state.set_values({"learning_rate": 0.002})
    assert len(state.history) == 4
    state.set_values({"w": 0.3})
    assert len(state.history) == 0 and state.history_view()["w"] == [0.3]


def test_a_rate_too_high_is_reported_as_divergence_and_stops(state):
    state.set_values({"learning_rate": 0.01})
    reply = None
    for _ in range(40):
        reply = state.advance("step", 1)
    assert reply["diverged"]["iteration"] <= 20
    assert reply["diverged"]["message"].startswith("Diverged after")
    stopped = len(state.history)
    state.advance("step", 1)
    assert len(state.history) == stopped
    assert state.restart()["diverged"] is None and state.namespace["w"] == 1.0


def test_overflow_in_the_readers_step_counts_as_divergence(state):
    run_cell("def update():\n    global w\n    w = w * 1e200", state.namespace)
    reply = state.advance("step", 3)
    assert reply["diverged"] is not None and "too large" in reply["diverged"]["message"]


def test_an_error_in_the_readers_code_is_a_traceback_and_the_figure_is_kept(state):
    run_cell("def y(x, w, b):\n    return w * x + missing", state.namespace)
    reply = state.set_values({"w": 0.2})
    assert not reply["ok"]
    assert reply["error"].endswith("NameError: name 'missing' is not defined")
    assert 'File "<cell>", line 2, in y' in reply["error"]
    assert reply["figures"] == [None, None, None]  # the page keeps its last good figures


def test_only_changed_traces_are_sent_again(state):
    reply = state.set_values({"w": 0.7})
    landscape = reply["figures"][1]
    assert landscape["data"] == [None]  # the loss surface did not change; only the dot (a layout shape)
    assert state.set_values({"w": 0.7})["figures"] == [None, None, None]


def test_tables_are_sent_whole_when_they_change():
    namespace = fresh_namespace()
    spec = WidgetSpec.from_dict({"inputs": {"scores": {"value": "[2, 4]"}}, "figures": ["softmax_table([scores])"]})
    state = WidgetState(spec, namespace)
    assert state.open()["figures"][0]["table"]["rows"][0][1] == "[0.12, 0.88]"
    assert state.set_values({"scores": "2, 4"})["figures"] == [None]
    reply = state.set_values({"scores": "[0, 1]"})
    assert reply["figures"][0]["table"]["rows"][0][1] == "[0.27, 0.73]"
    assert reply["inputs"]["scores"] == "0, 1"
    bad = state.set_values({"scores": "2,, 4"})
    assert "is not a number" in bad["invalid"]["scores"]
    assert namespace["scores"] == [0, 1]  # nothing lost


# -- each widget keeps its own cell's values (kernel/scopes.py) ---------------------------

from kernel.scopes import assigned_names  # noqa: E402
from kernel.session import Session  # noqa: E402

SETUP = """
data = [(1, 0.85), (2, 1.43), (3, 1.92), (4, 2.59), (5, 3.20), (6, 3.82), (7, 4.38), (8, 4.97)]
def loss(w, b):
    return sum((w * x + b - t) ** 2 for x, t in data) / 2
learning_rate = 0.001
def update():
    global w, b
    dw = sum((w * x + b - t) * x for x, t in data)
    db = sum(w * x + b - t for x, t in data)
    w -= learning_rate * dw
    b -= learning_rate * db
"""
MAP = {"sliders": {"w": {"min": -1, "max": 2, "step": 0.01}, "b": {"min": -4, "max": 4, "step": 0.01}},
       "readouts": ["loss(w, b)"], "step": "update()"}


@pytest.fixture
def page():
    """A lesson with two widgets on two cells that both set w and b, opened as a page opens it."""
    session = Session()
    for cell, code in (("cell 1", SETUP), ("cell 2", "w = 1.5\nb = 2.0"), ("cell 3", "w = 1.5\nb = 2.0")):
        assert session.run("lesson", cell, code)["ok"]
    session.widget_open("lesson", "widget-1", MAP, "cell 2")
    session.widget_open("lesson", "widget-2", MAP, "cell 3")
    return session


def test_assigned_names_are_what_a_cell_binds_at_top_level():
    code = "import numpy as np\nw, (b, c) = 1, (2, 3)\nn += 1\ndef f():\n    inner = 1\nclass K: pass\nfor i in []: pass"
    assert assigned_names(code) == {"np", "w", "b", "c", "n", "f", "K"}


def test_moving_one_widget_leaves_the_next_at_its_cells_values(page):
    page.widget_set("lesson", "widget-1", {"w": 0.59, "b": 0.23})
    second = page.widget_redraw("lesson", "widget-2")
    assert second["values"] == {"w": 1.5, "b": 2.0}
    first = page.widget_redraw("lesson", "widget-1")
    assert first["values"] == {"w": 0.59, "b": 0.23}


def test_training_in_one_widget_moves_only_its_own_values(page):
    stepped = page.widget_advance("lesson", "widget-2", "step", 3)
    assert stepped["values"]["w"] != 1.5
    assert page.widget_redraw("lesson", "widget-1")["values"] == {"w": 1.5, "b": 2.0}
    assert page.widget_redraw("lesson", "widget-2")["values"] == stepped["values"]


def test_the_namespace_holds_the_values_of_the_widget_touched_last(page):
    page.widget_set("lesson", "widget-1", {"w": 0.7})
    assert page.run("lesson", "cell 4", "w")["value"] == "0.7"


def test_an_exercise_is_checked_with_its_own_cells_widget_values(page):
    page.widget_set("lesson", "widget-1", {"w": 0.59, "b": 0.23})
    assert page.check("lesson", "loss(w, b) < 0.01", "cell 2")["passed"]
    assert not page.check("lesson", "loss(w, b) < 0.01", "cell 3")["passed"]


def test_running_a_widgets_cell_again_starts_it_from_the_code(page):
    page.widget_set("lesson", "widget-2", {"w": 0.1})
    page.run("lesson", "cell 3", "w = 0.25\nb = 1.0")
    assert page.widget_refresh("lesson", "widget-2")["values"] == {"w": 0.25, "b": 1.0}
    assert page.widget_redraw("lesson", "widget-1")["values"] == {"w": 1.5, "b": 2.0}


def test_a_slider_default_is_the_widgets_own_whatever_another_widget_set():
    session = Session()
    session.run("lesson", "cell 1", SETUP)
    session.run("lesson", "cell 2", "w = 1.0")
    lr = {"sliders": {"b": {"min": -4, "max": 4, "step": 0.5, "value": 1.0}}, "readouts": ["b"]}
    session.widget_open("lesson", "widget-1", lr, "cell 2")
    session.widget_set("lesson", "widget-1", {"b": 3.0})
    session.run("lesson", "cell 3", "w = 2.0")
    assert session.widget_open("lesson", "widget-2", lr, "cell 3")["values"]["b"] == 1.0


# -- nan or infinity from the reader's model ---------------------------------------------

MODEL = {"sliders": {"w": {"min": -2, "max": 2, "step": 0.1}, "b": {"min": -2, "max": 2, "step": 0.1}},
         "figures": ["line_fit(y, data, w, b, x_range=(0, 9))"]}


def open_model(code: str):
    namespace = fresh_namespace()
    setup = "data = [(1, 0.85), (2, 1.43), (3, 1.92)]\nw = 0.5\nb = 0.2\n"
    assert run_cell(setup + code, namespace, name="cell 1").ok
    widget = WidgetState(WidgetSpec.from_dict(MODEL), namespace)
    return widget, widget.open()


def test_a_model_that_returns_nan_is_explained_naming_the_input():
    widget, first = open_model("import math\ndef y(x, w, b):\n    return w * x + b if x != 3 else math.nan")
    assert not first["ok"]
    assert "y(3, 0.5, 0.2) returned nan" in first["error"]
    assert first["figures"] == [None]  # the page keeps its last good figure


def test_a_model_called_on_a_whole_array_names_the_x_that_gave_infinity():
    widget, first = open_model("import numpy as np\ndef y(x, w, b):\n    return np.where(x == 2, np.inf, w * x + b)")
    assert "y(2, 0.5, 0.2) returned inf" in first["error"]


def test_a_model_that_is_finite_everywhere_draws_and_a_fixed_one_draws_again():
    widget, first = open_model("def y(x, w, b):\n    return w * x + b")
    assert first["ok"] and first["figures"][0]["data"]
    run_cell("def y(x, w, b):\n    return w * x + b if x != 3 else float('nan')", widget.namespace, name="cell 2")
    assert not widget.refresh()["ok"]
    run_cell("def y(x, w, b):\n    return w * x + b", widget.namespace, name="cell 2")
    assert widget.refresh()["ok"]


def test_a_text_box_that_is_not_numbers_keeps_the_last_good_value_and_says_why():
    namespace = fresh_namespace()
    spec = WidgetSpec.from_dict({"inputs": {"scores": {"value": "2, 1"}}, "readouts": ["sum(scores)"]})
    widget = WidgetState(spec, namespace)
    widget.open()
    for text in ("a, b", "", "ten", "[1, 'x']"):
        reply = widget.set_values({"scores": text})
        assert "is not a number" in reply["invalid"]["scores"]
        assert reply["readouts"][0]["text"] == "3"
    reply = widget.set_values({"scores": "1, 1, 1"})
    assert reply["invalid"] == {} and reply["readouts"][0]["text"] == "3"

"""Figure builders: JSON-ready data whose numbers are the engine's own."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from engine import (HOUSES_3, LINE_POINTS, NETWORK_4, derivative, network_curve, neuron_loss_slices,
                    normalization_stats, normalize, roller_coaster, sigmoid, two_clusters)
from figures import FIGURES
from figures.shapes import path_points

X8 = np.array([p[0] for p in LINE_POINTS], dtype=float)
Y8 = np.array([p[1] for p in LINE_POINTS], dtype=float)


def line(x, w, b):
    return w * x + b


def l2(w, b):
    total = 0
    for xi, yi in LINE_POINTS:
        total = total + (line(xi, w, b) - yi) ** 2
    return total / 2


def clusters_data():
    X, y = two_clusters(seed=0)
    return normalize(X, normalization_stats(X)), y


SAMPLES = {
    "line_fit": lambda: FIGURES["line_fit"](line, LINE_POINTS, 0.6, 0.2, squares=True, predictions=[-3, 6.28]),
    "curve": lambda: FIGURES["curve"](sigmoid, target=lambda x: 0.5 + 0 * x, points=LINE_POINTS),
    "tangent": lambda: FIGURES["tangent"](roller_coaster, 0.5),
    "surface": lambda: FIGURES["surface"](lambda a, b: sigmoid(a + 2 * b), view="top", boundary=0.5),
    "surface_fit": lambda: FIGURES["surface_fit"](lambda a, b: a + b, np.array([[1, 2], [3, 4], [5, 1]]), [3, 7, 6]),
    "landscape": lambda: FIGURES["landscape"](l2, 0.5, 0.0, path={"w": [1, 0.8, 0.6], "b": [0, 0.1, 0.2]},
                                              gradient=(3.0, -1.0), show_minimum=True),
    "loss_curve": lambda: FIGURES["loss_curve"]([10.0, 5.0, 2.5, 1.25]),
    "network_output": lambda: FIGURES["network_output"](**NETWORK_4, target=np.cos),
    "network_diagram": lambda: FIGURES["network_diagram"]([[[1.0, -2.0]], [[0.5], [3.0]]], [[0.0, 1.0], None],
                                                          names=[[["a", "b"]], [["c"], ["d"]]]),
    "clusters": lambda: FIGURES["clusters"](*clusters_data(), np.array([0.5, -0.2, 1.0]), 0.1),
    "parameter_curves": lambda: FIGURES["parameter_curves"](*clusters_data(), np.array([0.5, -0.2, 1.0]), 0.1),
    "error_table": lambda: FIGURES["error_table"](HOUSES_3[:, 0], HOUSES_3[:, 1], 0.18),
    "softmax_table": lambda: FIGURES["softmax_table"]([[2, 4], [1, 2, 4]]),
    "class_map": lambda: FIGURES["class_map"](lambda a, b: sigmoid(a - b), np.array([[0, 0], [1, 1], [2, 0]]), [0, 1, 1]),
}


def test_every_figure_kind_has_a_sample_here():
    assert set(SAMPLES) == set(FIGURES)


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_figures_are_plain_json_with_a_description(kind):
    built = SAMPLES[kind]()
    text = json.dumps(built, allow_nan=False)  # lists, floats, None: nothing NumPy, nothing non-finite
    assert "numpy" not in text
    assert isinstance(built["description"], str) and built["description"]
    assert "data" in built or "table" in built


def test_raw_builders_keep_arrays_for_the_browser():
    raw = FIGURES["line_fit"].raw(line, LINE_POINTS, 0.6, 0.2)
    assert isinstance(raw["data"][0]["y"], np.ndarray)


def test_line_fit_draws_the_readers_model_and_each_squared_error():
    built = FIGURES["line_fit"].raw(line, LINE_POINTS, 0.6, 0.2, squares=True, y_range=(-5, 10))
    [points] = built["data"]  # the data points are the trace; what moves is shapes
    assert np.array_equal(points["x"], X8) and np.array_equal(points["y"], Y8)
    squares, segments, model = built["layout"]["shapes"]
    [curve] = path_points(model["path"])
    assert np.allclose(curve[:, 1], 0.6 * curve[:, 0] + 0.2, atol=1e-10)
    assert [len(piece) for piece in path_points(segments["path"])] == [2] * 8
    # Each square's area is that point's squared error.
    corners = path_points(squares["path"])
    areas = [abs((c[1, 0] - c[0, 0]) * (c[2, 1] - c[1, 1])) for c in corners]
    assert np.allclose(areas, (0.6 * X8 + 0.2 - Y8) ** 2, rtol=1e-9)
    assert squares["fillcolor"] == "@residual-fill" and squares["path"].count("Z") == 8
    assert built["layout"]["yaxis"]["scaleanchor"] == "x"  # squares look square


def test_line_fit_calls_a_plain_python_model_point_by_point():
    def stepwise(x, w, b):
        return w * x + b if x > 4 else b  # an `if` cannot take a whole array

    [curve] = path_points(FIGURES["line_fit"].raw(stepwise, LINE_POINTS, 1.0, 0.0)["layout"]["shapes"][-1]["path"])
    assert np.allclose(curve[:, 1], np.where(curve[:, 0] > 4, curve[:, 0], 0.0), atol=1e-10)


def test_a_diverged_model_still_draws_inside_the_view():
    built = FIGURES["line_fit"](line, LINE_POINTS, 1e200, 0.0, y_range=(-2, 8))
    [curve] = path_points(built["layout"]["shapes"][-1]["path"])
    assert np.all(np.abs(curve[:, 1]) < 1e6)


def test_loss_curve_is_a_shape_through_every_loss_and_a_dot_on_the_last():
    built = FIGURES["loss_curve"]([10.0, 5.0, 2.5], iterations=[0, 5, 10])
    curve, dot = built["layout"]["shapes"]
    assert np.array_equal(path_points(curve["path"])[0], [[0, 10], [5, 5], [10, 2.5]])
    assert (dot["xanchor"], dot["yanchor"]) == (10.0, 2.5)
    assert built["data"] == [] and built["layout"]["xaxis"]["title"]["text"] == "iteration"


def test_landscape_heights_are_the_loss_and_moving_parts_are_shapes():
    built = FIGURES["landscape"].raw(l2, 0.5, -1.0, w_range=(-2, 2), b_range=(-3, 3))
    contour = built["data"][0]
    W, B = np.meshgrid(contour["x"], contour["y"])
    expected = sum((W * xi + B - yi) ** 2 for xi, yi in zip(X8, Y8)) / 2
    assert np.allclose(contour["z"], np.log10(1 + expected))
    assert contour["z"].shape == (120, 120)  # Plotly upsamples smaller grids
    dot = built["layout"]["shapes"][-1]
    assert (dot["xanchor"], dot["yanchor"]) == (0.5, -1.0)


def test_landscape_reuses_its_grid_while_the_loss_is_the_same():
    memo = {}
    first = FIGURES["landscape"].raw(l2, 0.5, 0.0, memo=memo)["data"][0]["z"]
    second = FIGURES["landscape"].raw(l2, 0.7, 0.1, memo=memo)["data"][0]["z"]
    assert first is second


def test_gradient_arrow_points_uphill_and_fits_the_view():
    arrow = FIGURES["landscape"](l2, 0.0, 0.0, gradient=(500.0, 0.0))["layout"]["annotations"][0]
    assert arrow["x"] > arrow["ax"] and arrow["y"] == arrow["ay"]
    assert arrow["x"] - arrow["ax"] <= 0.25 * 20 + 1e-9  # a quarter of the w range at most


def test_loss_curve_switches_to_a_log_scale_for_a_wide_range():
    assert FIGURES["loss_curve"]([1.0, 0.5])["layout"]["yaxis"]["type"] == "linear"
    assert FIGURES["loss_curve"]([1e6, 1.0, 1e-2])["layout"]["yaxis"]["type"] == "log"


def test_tangent_slope_is_the_derivative():
    built = FIGURES["tangent"](roller_coaster, 0.0)
    assert built["layout"]["annotations"][0]["text"] == "slope 1.3000"
    tx, ty = built["data"][1]["x"], built["data"][1]["y"]
    assert (ty[1] - ty[0]) / (tx[1] - tx[0]) == pytest.approx(derivative(roller_coaster, 0.0), rel=1e-6)


def test_network_output_is_the_networks_curve():
    total = FIGURES["network_output"].raw(**NETWORK_4)["data"][-1]
    assert np.allclose(total["y"], network_curve(total["x"], **NETWORK_4))


def test_network_diagram_sizes_edges_by_weight_and_names_drag_handles():
    built = FIGURES["network_diagram"]([[[1.0, -2.0]], [[0.5], [3.0]]], names=[[["a", "b"]], [["c"], ["d"]]])
    widths = [shape["line"]["width"] for shape in built["layout"]["shapes"]]
    colours = [shape["line"]["color"] for shape in built["layout"]["shapes"]]
    assert widths.index(max(widths)) == 3 and colours == ["@positive", "@negative", "@positive", "@positive"]
    assert built["data"][0]["customdata"] == ["a", "b", "c", "d"]
    hidden = FIGURES["network_diagram"]([[[1.0, -2.0]]], show_values=False)
    assert [trace["name"] for trace in hidden["data"]] == ["neurons"]


def test_decision_plane_is_where_the_neuron_says_one_half():
    X, y = clusters_data()
    w, b = np.array([0.5, -0.2, 1.0]), 0.1
    plane = FIGURES["clusters"].raw(X, y, w, b)["data"][-1]
    points = np.stack([plane["x"].ravel(), plane["y"].ravel(), plane["z"].ravel()], axis=1)
    assert np.allclose(sigmoid(points @ w + b), 0.5)


def test_parameter_curves_mark_the_current_value_and_the_lowest_point():
    X, y = clusters_data()
    w, b = np.array([0.5, -0.2, 1.0]), 0.1
    built = FIGURES["parameter_curves"].raw(X, y, w, b)
    curve, best, now = built["data"][:3]  # w1
    values = np.linspace(-6, 6, 121)
    assert np.allclose(curve["y"], neuron_loss_slices(X, y, w, b, values)["w1"])
    assert best["y"][0] == pytest.approx(curve["y"].min())
    assert now["x"][0] == 0.5


def test_error_table_reproduces_the_house_prices():
    table = FIGURES["error_table"](HOUSES_3[:, 0], HOUSES_3[:, 1], 0.18)["table"]
    assert [row[2] for row in table["rows"]] == ["379", "288", "432"]
    assert table["footer"][-1] == "2,058"


def test_softmax_table_rounds_like_the_guide():
    rows = FIGURES["softmax_table"]([[2, 4], [-1, 0, 1]])["table"]["rows"]
    assert rows[0][1] == "[0.12, 0.88]" and rows[1][1] == "[0.09, 0.24, 0.67]"
    assert all(math.isclose(float(row[2]), 1.0) for row in rows)


def test_figures_use_only_trace_types_the_plotly_bundle_registers():
    import re
    from pathlib import Path

    entry = (Path(__file__).parents[2] / "static" / "plotly" / "plotly.js").read_text()
    registered = {"scatter"} | set(re.findall(r'require\("plotly\.js/lib/(\w+)"\)', entry))
    used = {trace["type"] for sample in SAMPLES.values() for trace in sample().get("data", []) if trace}
    assert used <= registered, f"register these in static/plotly/plotly.js: {used - registered}"


def test_a_log_loss_curve_stops_at_rounding_noise_and_labels_powers_of_ten():
    from figures.loss_curve import LOG_DECADES
    steps = [0.076 * 10.0 ** (-k) for k in range(18)]  # down to 1e-19: far below float noise
    layout = FIGURES["loss_curve"].raw(steps, title="step length")["layout"]
    low, high = layout["yaxis"]["range"]
    assert (layout["yaxis"]["type"], high, high - low) == ("log", -1, LOG_DECADES)
    assert layout["yaxis"]["exponentformat"] == "power" and layout["yaxis"]["dtick"] == 2  # 5 ticks, not 10
    small = FIGURES["loss_curve"].raw([1000.0, 10.0, 0.01])["layout"]["yaxis"]
    assert small["range"] == [-2, 3] and small["exponentformat"] == "none" and small["dtick"] == 1
    large = FIGURES["loss_curve"].raw([1e5, 10.0, 0.01])["layout"]["yaxis"]
    assert large["exponentformat"] == "power"  # 10⁵, not 100,000 running into the title


def test_curve_draws_labelled_points_in_their_class_colours_with_a_legend():
    z = np.array([-2.0, -1.0, 0.5, 1.0, 3.0])
    labels = np.array([0, 1, 0, 1, 1])
    built = FIGURES["curve"].raw(sigmoid, points=(z, labels.astype(float)), classes=labels)
    drawn = {trace["name"]: trace for trace in built["data"] if trace["mode"] == "markers"}
    assert set(drawn) == {"class 0", "class 1"}  # no black "data" trace left underneath
    for label, colour in ((0, "@class0"), (1, "@class1")):
        assert np.array_equal(drawn[f"class {label}"]["x"], z[labels == label])
        assert drawn[f"class {label}"]["marker"]["color"] == colour
    assert built["layout"]["showlegend"]  # the reader can tell which colour is which class


def test_curve_refuses_class_labels_that_do_not_match_the_points():
    with pytest.raises(ValueError, match="one label per point"):
        FIGURES["curve"](sigmoid, points=([0.0, 1.0], [0.0, 1.0]), classes=[0, 1, 1])


SCENES = {
    "clusters": SAMPLES["clusters"],
    "landscape": lambda: FIGURES["landscape"](l2, 0.5, 0.0, view="surface"),
    "surface": lambda: FIGURES["surface"](lambda a, b: a + b),
    "surface_fit": SAMPLES["surface_fit"],
}


@pytest.mark.parametrize("kind", sorted(SCENES))
def test_every_3d_scene_is_seen_through_the_one_camera(kind):
    from figures.figure import CAMERA_AIM
    camera = SCENES[kind]()["layout"]["scene"]["camera"]
    assert camera["center"] == CAMERA_AIM
    assert np.linalg.norm(list(camera["eye"].values())) > 2.0  # farther than Plotly's default 1.25 * sqrt(3)


@pytest.mark.parametrize("n_in, n_out", [(5, 2), (6, 2), (3, 3), (2, 6), (1, 4), (4, 1), (3, 1), (1, 2)])
def test_network_diagram_edge_labels_never_pile_up(n_in, n_out):
    # Any two labels are half a row apart, up or down, or a tenth of a layer sideways:
    # their 22 px markers stay apart (softmax's 5 features into 2 classes piled up).
    from figures.network_diagram import MAX_LABELLED_EDGES
    assert n_in * n_out <= MAX_LABELLED_EDGES  # only these layers have labels
    handles = FIGURES["network_diagram"].raw([np.arange(1.0, n_in * n_out + 1).reshape(n_in, n_out)])["data"][0]
    spots = np.column_stack([handles["x"], handles["y"]])
    for a in range(len(spots)):
        for b in range(a + 1, len(spots)):
            dx, dy = np.abs(spots[a] - spots[b])
            assert dy >= 0.5 or dx >= 0.1, (spots[a], spots[b])


@pytest.mark.parametrize("kind", ["curve", "tangent", "network_output", "parameter_curves"])
def test_sampled_curves_are_drawn_through_every_sample(kind):
    # Plotly's default simplification leaves corners a 3x phone screen shows.
    curves = [trace for trace in SAMPLES[kind]()["data"] if trace["mode"] == "lines" and len(trace["x"]) > 2]
    assert curves and all(trace["line"]["simplify"] is False for trace in curves)

"""The lesson's widgets and exercises in Jupyter: helpers a downloaded notebook calls.

A lesson downloaded as a notebook (builder/notebooks.py writes it) shows each
widget and checks each exercise with the same code the page's worker runs:

    show_widget(globals(), figures=[...], readouts=[...])   # draws at the current values
    check_exercise(globals(), 'check_function(ns, "y", ...)')  # prints the page's verdict

Figures are drawn with Plotly if it is installed, else with Matplotlib if it
is installed, else described in words with the readouts, which need neither.
The environment variable HOW_MACHINES_LEARN_PLOTS (plotly, matplotlib or
text) chooses one instead. Colour tokens ("@model") become the page's light
palette, which the notebook's first cell passes to `use_colours`.
"""

from __future__ import annotations

import importlib.util
import os
import re

from figures import plain
from kernel.exercises import run_check
from kernel.widgets import WidgetSpec, WidgetState

PLOTTERS = ("plotly", "matplotlib", "text")
TOKEN = re.compile(r"^@[a-z0-9-]+$")
FALLBACK_COLOUR = "#888888"  # as static/js/theme.js does for a token it does not know

_colours: dict = {}


def use_colours(palette: dict) -> None:
    """Set the colour each token ("@model") is drawn in."""
    _colours.clear()
    _colours.update(palette)


def themed(value):
    """Return `value` with colour tokens replaced by colours, like the page's theme.js."""
    if isinstance(value, str):
        return _colours.get(value, FALLBACK_COLOUR) if TOKEN.match(value) else value
    if isinstance(value, list):
        return [themed(item) for item in value]
    if isinstance(value, dict):
        return {key: themed(item) for key, item in value.items()}
    return value


def plotter() -> str:
    """Which library draws figures: the environment's choice, else the first installed."""
    chosen = os.environ.get("HOW_MACHINES_LEARN_PLOTS", "").strip().lower()
    if chosen in PLOTTERS:
        return chosen
    return next((name for name in PLOTTERS[:2] if importlib.util.find_spec(name)), "text")


def show_widget(ns: dict, figures=(), readouts=(), start=None, track=None, loss=None):
    """Draw a widget's figures and print its readouts at the namespace's current values.

    `start` gives slider values for variables no cell set (the page's
    slider `value`); `track` and `loss` are what training history records.
    Returns nothing, so Jupyter shows only the figures and the printed text.
    """
    spec = WidgetSpec(readouts=list(readouts), figures=list(figures), track=list(track or []), loss=loss)
    for name, value in (start or {}).items():
        ns.setdefault(name, value)
    reply = plain(WidgetState(spec, ns).open())
    for expression, readout in zip(spec.readouts, reply["readouts"]):
        print(f"{expression} = {readout['text']}")
    if not reply["ok"]:
        print(f"The figure could not be drawn:\n{reply['error']}")
        return
    how = plotter()
    for figure in filter(None, reply["figures"]):
        if "table" in figure:
            print(table_text(figure["table"]))
        elif how == "plotly":
            _show_plotly(figure)
        elif how == "matplotlib":
            _show_matplotlib(figure)
        else:
            print(f"Figure: {figure.get('description', '')}")


def check_exercise(ns: dict, check: str, title: str = "Your turn") -> None:
    """Run an exercise's check on the namespace and print the page's verdict."""
    result = run_check(check, ns)
    verdict = "✓ Solved" if result["passed"] else "✗ Not solved yet"
    print(f"{title}: {verdict}. {result['message']}")


def table_text(table: dict) -> str:
    """A table figure as aligned plain text."""
    rows = [table["columns"], *table["rows"]] + ([table["footer"]] if table.get("footer") else [])
    widths = [max(len(str(row[i])) for row in rows if i < len(row)) for i in range(len(table["columns"]))]
    lines = ["  ".join(str(cell).rjust(width) for cell, width in zip(row, widths)) for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    if table.get("caption"):
        lines.insert(0, table["caption"])
    return "\n".join(lines)


# -- Plotly -------------------------------------------------------------------------------

def _show_plotly(figure: dict) -> None:
    import plotly.io

    layout = {"template": "plotly_white", "height": 420, "margin": {"l": 60, "r": 20, "t": 30, "b": 50},
              **themed(figure["layout"])}
    # Unvalidated: the page's Plotly.js draws this same data, and checking large grids is slow.
    plotly.io.show({"data": themed(figure["data"]), "layout": layout}, validate=False)


# -- Matplotlib: the traces and shapes the course's figures use ----------------------------

def _show_matplotlib(figure: dict) -> None:
    import matplotlib.pyplot as plt

    data, layout = themed(figure["data"]), themed(figure["layout"])
    three_d = any(trace.get("type") in ("surface", "scatter3d") for trace in data)
    fig = plt.figure(figsize=(6.4, 4.2))
    axes = fig.add_subplot(projection="3d" if three_d else None)
    for trace in data:
        _draw_trace(axes, trace)
    if not three_d:
        for shape in layout.get("shapes") or []:
            _draw_shape(axes, shape)
        _label_axes(axes, layout)
    if any(trace.get("name") and trace.get("showlegend", True) is not False for trace in data) \
            and layout.get("showlegend") is not False and not three_d:
        axes.legend(fontsize="small")
    fig.tight_layout()
    plt.show()


CSS_RGB = re.compile(r"^rgba?\(([^)]*)\)$")


def _colour(spec, default=None):
    """A Plotly colour as Matplotlib takes it: CSS rgb()/rgba() become a tuple."""
    if not isinstance(spec, str):
        return default
    match = CSS_RGB.match(spec.strip())
    if not match:
        return spec
    parts = [float(part) for part in match[1].split(",")]
    return tuple(value / 255 for value in parts[:3]) + tuple(parts[3:4])


def _draw_trace(axes, trace: dict) -> None:
    kind = trace.get("type", "scatter")
    label = trace.get("name") if trace.get("showlegend", True) is not False else None
    line, marker = trace.get("line") or {}, trace.get("marker") or {}
    if kind == "scatter":
        x, y = _numbers(trace.get("x")), _numbers(trace.get("y"))
        mode = trace.get("mode", "lines+markers")
        style = "-" if "lines" in mode else ""
        if line.get("dash") in ("dash", "dot", "dashdot"):
            style = "--" if "lines" in mode else ""
        symbol = "o" if "markers" in mode else ""
        colour = _colour(line.get("color")) if "lines" in mode else _colour(marker.get("color"))
        axes.plot(x, y, style + symbol, color=colour, label=label, linewidth=line.get("width", 2) * 0.75,
                  markersize=(marker.get("size", 8) if isinstance(marker.get("size"), (int, float)) else 8) * 0.6)
    elif kind in ("contour", "heatmap"):
        z = [[_number(v) for v in row] for row in trace.get("z") or []]
        x = _numbers(trace.get("x")) or None
        y = _numbers(trace.get("y")) or None
        if kind == "contour" and x and y:
            axes.contourf(x, y, z, levels=12, cmap="Blues_r", alpha=0.8)
        else:
            extent = (x[0], x[-1], y[0], y[-1]) if x and y else None
            axes.imshow(z, origin="lower", extent=extent, aspect="auto", cmap="RdBu_r", alpha=0.8)
    elif kind == "surface":
        import numpy as np

        z = np.array([[_number(v) for v in row] for row in trace.get("z") or []], dtype=float)
        x = np.array(_numbers(trace.get("x")) or range(z.shape[1]), dtype=float)
        y = np.array(_numbers(trace.get("y")) or range(z.shape[0]), dtype=float)
        gx, gy = np.meshgrid(x, y) if x.ndim == 1 else (x, y)
        axes.plot_surface(gx, gy, z, cmap="viridis", alpha=0.7, linewidth=0)
    elif kind == "scatter3d":
        x, y, z = (_numbers(trace.get(key)) for key in ("x", "y", "z"))
        colour = marker.get("color")
        colours = [_colour(c) for c in colour] if isinstance(colour, list) and all(isinstance(c, str) for c in colour) \
            else _colour(colour)
        if "lines" in trace.get("mode", "markers"):
            axes.plot(x, y, z, color=_colour(line.get("color")), label=label)
        else:
            axes.scatter(x, y, z, c=colours, label=label, s=12)


def _draw_shape(axes, shape: dict) -> None:
    from figures.shapes import path_points

    line = shape.get("line") or {}
    colour = _colour(line.get("color"), FALLBACK_COLOUR)
    if shape.get("type") == "path":
        for points in path_points(shape["path"]):
            if shape.get("fillcolor"):
                axes.fill(points[:, 0], points[:, 1], color=_colour(shape["fillcolor"]), alpha=0.3, linewidth=0)
            axes.plot(points[:, 0], points[:, 1], color=colour, linewidth=line.get("width", 2) * 0.75)
    elif shape.get("type") == "circle" and shape.get("xsizemode") == "pixel":
        axes.plot([shape["xanchor"]], [shape["yanchor"]], "o", color=_colour(shape.get("fillcolor"), colour),
                  markeredgecolor=colour, markersize=7)
    elif shape.get("type") == "line":
        axes.plot([shape["x0"], shape["x1"]], [shape["y0"], shape["y1"]], color=colour,
                  linewidth=line.get("width", 1) * 0.75)


def _label_axes(axes, layout: dict) -> None:
    for name, set_label, set_range in (("xaxis", axes.set_xlabel, axes.set_xlim),
                                       ("yaxis", axes.set_ylabel, axes.set_ylim)):
        axis = layout.get(name) or {}
        title = axis.get("title")
        text = title.get("text") if isinstance(title, dict) else title
        if text:
            set_label(re.sub(r"<[^>]+>", "", str(text)))
        if isinstance(axis.get("range"), list) and None not in axis["range"]:
            set_range(*axis["range"])
        if axis.get("type") == "log":
            (axes.set_xscale if name == "xaxis" else axes.set_yscale)("log")


def _number(value):
    return float("nan") if value is None else value


def _numbers(values):
    if values is None:
        return []
    return [_number(value) for value in values]

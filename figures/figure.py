"""The figure registry and shape: `@figure_builder` makes a function a figure kind lessons may name.

A builder returns `{"data": [traces], "layout": {...}, "description": str}`
that Plotly.js draws as it is. Called directly, a registered builder returns
JSON-ready data (lists, floats, None for missing values); `builder.raw(...)`
returns the same figure with NumPy arrays in it, which the browser worker
hands to JavaScript as typed arrays without a detour through lists.
Colours are tokens such as "@model" (figures/colours.py) that the page maps
to its light or dark palette, so Python never decides how either scheme looks.
"""

from __future__ import annotations

import functools

from figures.json_ready import plain

# Every figure kind a lesson may name, by name (filled as the modules are imported).
FIGURES: dict = {}


def figure_builder(fn):
    """Register `fn` as a figure kind; calling it returns JSON-ready data."""

    @functools.wraps(fn)
    def build(*args, **kwargs):
        return plain(fn(*args, **kwargs))

    build.raw = fn
    FIGURES[fn.__name__] = build
    return build


def figure(traces: list, layout: dict, description: str) -> dict:
    """Assemble a figure; `description` is read to screen-reader users."""
    return {"data": traces, "layout": layout, "description": description}


def curve_line(colour: str, width: float, **style) -> dict:
    """Return a scatter trace's `line` for a sampled curve, drawn through every sample.

    Plotly otherwise drops samples it judges nearly in line, within a tolerance
    in CSS pixels; on a phone's 3x screen the corners that leaves are plain to
    see (a sigmoid drawn as a polygon). A curve has a few hundred samples at
    most, so drawing them all costs nothing noticeable.
    """
    return {"color": colour, "width": width, "simplify": False, **style}


def axis(title: str, range_=None, **extra) -> dict:
    spec = {"title": {"text": title}, "zeroline": True}
    if range_ is not None:
        spec["range"] = list(range_)
        spec["autorange"] = False
    spec.update(extra)
    return spec


# Every 3-D scene is seen from a little farther than Plotly's default distance, so
# the tick labels of a box turned towards the reader still fit a square plot
# (a phone, or two figures side by side); and aimed a little below the box's
# middle: seen from above, the near bottom corner reaches further down the
# screen than the far top edge reaches up, which left a band empty above.
CAMERA_DISTANCE = 1.1
CAMERA_AIM = {"x": 0.0, "y": 0.0, "z": -0.15}


def camera(x: float, y: float, z: float) -> dict:
    """Return a 3-D scene's camera looking from the direction (x, y, z), in Plotly's scene units."""
    return {"eye": {"x": x * CAMERA_DISTANCE, "y": y * CAMERA_DISTANCE, "z": z * CAMERA_DISTANCE},
            "center": dict(CAMERA_AIM)}

"""The widget spec, declared once: every key a ```widget block may use, its default and what it does.

kernel/widgets.py runs widgets from a `WidgetSpec`; builder/widgets.py
accepts exactly `KEYS`, `SLIDER_SETTINGS` and `SLIDER_KINDS`; the page's
Step and speed buttons default to `DEFAULTS`; README's widget key table is
tested against `SPEC` (tests/kernel/test_widget_spec.py), so a key added
here fails that test until the README says what it does.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Key:
    """One widget key: its name, its default value and what it does (README's words)."""

    name: str
    default: object
    description: str
    shown_default: str | None = None  # when the default is worked out, not a fixed value


SPEC = (
    Key("sliders", {}, "`name: [min, max, step]` or `{min, max, step, value, label, kind}`. A slider starts at the "
        "value the cell gives the variable; give `value` only when no cell sets it. `kind: stepper` shows − and + "
        "buttons (for counts). When the cell has a plain line such as `w = 1.0`, dragging rewrites it and editing "
        "it moves the slider."),
    Key("inputs", {}, "`name: \"2, 4\"` or `{value, label}`: a text box read as a number or a list of numbers; anything else is explained beside the box and the last good value kept."),
    Key("readouts", [], "Expressions shown live under the figure."),
    Key("figures", [], "Calls of the figure kinds below; the arguments are Python expressions. `history` is the "
        "recorded steps: `history[\"w\"]` for each tracked name, `history[\"loss\"]`, and `history[\"iteration\"]` "
        "(a Play frame at speed 10 is ten iterations)."),
    Key("step", None, "An expression the Step button runs, e.g. `update()`."),
    Key("steps", [1], "The Step buttons: `[1, 10, 100]` adds \"10 steps\" and \"100 steps\"."),
    Key("play", None, "An expression Play runs every animation frame, with `speed` bound to the chosen iterations "
        "per frame."),
    Key("speeds", [1, 2, 5, 10, 100], "The speeds Play offers, in iterations per frame."),
    Key("track", [], "The names each step records, so the reader can scrub back.", "the sliders' names"),
    Key("loss", None, "An expression recorded per step: loss curves and the divergence note."),
    Key("cell", None, "The id of the cell the widget belongs to.", "the cell above"),
    Key("caption", None, "A line under the figure."),
)

KEYS = tuple(key.name for key in SPEC)
DEFAULTS = {key.name: key.default for key in SPEC}
SLIDER_SETTINGS = ("min", "max", "step", "value", "label", "kind")
SLIDER_KINDS = ("range", "stepper")
INPUT_SETTINGS = ("value", "label")


@dataclass
class Slider:
    """A slider that writes the global `name`, within [min, max] by `step`."""

    name: str
    min: float
    max: float
    step: float
    value: float | None = None
    label: str | None = None
    kind: str = "range"  # or "stepper": − and + buttons, for counts

    def clamp(self, value: float) -> float:
        """Return `value` within the range; a whole number for sliders of whole steps."""
        value = min(max(float(value), self.min), self.max)
        return int(round(value)) if float(self.step).is_integer() and float(self.min).is_integer() else value


@dataclass
class TextInput:
    """A text box whose text is read as a number or a list of numbers (e.g. scores)."""

    name: str
    value: str | None = None
    label: str | None = None


def _default(name: str):
    return field(default_factory=lambda: type(DEFAULTS[name])(DEFAULTS[name]))


@dataclass
class WidgetSpec:
    """What the kernel needs of a widget block (the builder has checked it)."""

    sliders: list[Slider] = field(default_factory=list)
    inputs: list[TextInput] = field(default_factory=list)
    readouts: list[str] = _default("readouts")
    figures: list[str] = _default("figures")
    step: str | None = DEFAULTS["step"]
    steps: list[int] = _default("steps")
    play: str | None = DEFAULTS["play"]
    speeds: list[int] = _default("speeds")
    track: list[str] = _default("track")
    loss: str | None = DEFAULTS["loss"]

    @classmethod
    def from_dict(cls, data: dict) -> "WidgetSpec":
        """Read a spec as the build writes it into the page; `track` defaults to the sliders' names."""
        data = dict(data)
        sliders = [Slider(name=name, **options) for name, options in (data.pop("sliders", None) or {}).items()]
        inputs = [TextInput(name=name, **options) for name, options in (data.pop("inputs", None) or {}).items()]
        known = {key: value for key, value in data.items() if key in cls.__dataclass_fields__ and value is not None}
        spec = cls(sliders=sliders, inputs=inputs, **known)
        if not spec.track:
            spec.track = [slider.name for slider in spec.sliders]
        return spec

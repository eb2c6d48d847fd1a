"""Figure data: plain dicts (traces and layout) that Plotly.js draws.

One module per figure kind, named as lessons call it (`line_fit`,
`landscape`, `class_map`, ...); `FIGURES` maps each kind to its builder.
Shared helpers: `figure` (the registry and figure shape), `sampling`,
`shapes`, `table`, `colours` and `json_ready`; numbers are written by
`engine.formatting`, the one formatter every layer shares.
"""

from figures import (  # noqa: F401 - importing each figure module registers its kind
    class_map,
    clusters,
    curve,
    error_table,
    landscape,
    line_fit,
    loss_curve,
    network_diagram,
    network_output,
    parameter_curves,
    softmax_table,
    surface,
    surface_fit,
    tangent,
)
from figures.figure import FIGURES, figure_builder
from figures.json_ready import plain

__all__ = ["FIGURES", "figure_builder", "plain"]

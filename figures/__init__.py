"""Figure builders: plain figure data (traces and layout) that Plotly.js draws.

`FIGURES` maps each figure kind a lesson may name to its builder.
"""

from . import classifiers, curves, landscapes, maps, networks, surfaces, tables  # noqa: F401 - importing registers the builders
from .base import FIGURES, figure_builder, plain

__all__ = ["FIGURES", "figure_builder", "plain"]

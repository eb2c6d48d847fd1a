"""The colour tokens figures use, defined once.

A figure names a colour by token ("@model"); the page maps each token to its
light or dark colour, the CSS variable --fig-<name> (or --<name>) of
static/css/site.css, in static/js/theme.js. tests/figures/test_colours.py
checks that every token a figure emits is listed here and defined in both
schemes of site.css.
"""

COLOURS = ("@text", "@muted", "@grid", "@surface", "@model", "@data", "@residual", "@residual-fill", "@point",
           "@optimum", "@path", "@gradient", "@positive", "@negative", "@class0", "@class1", "@plane",
           "@target", "@prediction")

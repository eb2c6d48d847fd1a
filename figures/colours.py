"""The colour tokens figures use; the page maps each to its light or dark colour (static/js/theme.js)."""


COLOURS = ("@text", "@muted", "@grid", "@model", "@data", "@residual", "@point", "@optimum",
           "@path", "@gradient", "@positive", "@negative", "@class0", "@class1", "@plane",
           "@target", "@prediction", "@surface")

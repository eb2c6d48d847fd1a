"""The `clusters` figure: draw 3-D points coloured by class and the plane where sigmoid(x·w + b) = 0.5."""

from __future__ import annotations

import numpy as np

from figures.figure import axis, camera, figure, figure_builder


@figure_builder
def clusters(X, y, w, b, plane=True, centroid=False, centres=None, eye=None):
    """Draw 3-D points coloured by class and the plane where sigmoid(x·w + b) = 0.5.

    X: (n, 3); y: (n,) labels 0/1; w: (3,); b: float. The plane is where
    x·w + b = 0, drawn across the data's box along the axis w leans on most.
    centres: (2, 3), one marker per group in its colour (k-means);
    eye: the direction the scene is seen from, {"x", "y", "z"} (figure.camera). The
    default looks across the line from one cluster to the other (they lie
    along x₁ = x₂ = x₃), so the gap between them, and a plane that fills it,
    face the reader.
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y).ravel()
    w = np.asarray(w, dtype=np.float64).ravel()
    b = float(np.asarray(b, dtype=np.float64).ravel()[0])
    traces = []
    for label, colour in ((0, "@class0"), (1, "@class1")):
        chosen = X[y == label]
        traces.append({"type": "scatter3d", "mode": "markers", "name": f"class {label}",
                       "x": chosen[:, 0], "y": chosen[:, 1], "z": chosen[:, 2],
                       "marker": {"size": 2.5, "color": colour, "opacity": 0.85}, "hoverinfo": "skip"})
    low, high = X.min(axis=0), X.max(axis=0)
    if plane:
        traces.append(_plane(w, b, low, high))
    if centroid:
        middle = X.mean(axis=0)
        traces.append({"type": "scatter3d", "mode": "markers", "name": "centre", "x": [middle[0]],
                       "y": [middle[1]], "z": [middle[2]], "marker": {"size": 7, "color": "@optimum"}})
    if centres is not None:
        for label, (centre, colour) in enumerate(zip(np.asarray(centres, dtype=np.float64), ("@class0", "@class1"))):
            traces.append({"type": "scatter3d", "mode": "markers", "name": f"centre {label}",
                           "x": [centre[0]], "y": [centre[1]], "z": [centre[2]], "hoverinfo": "skip",
                           "marker": {"size": 9, "color": colour, "symbol": "diamond",
                                      "line": {"color": "@text", "width": 2}}})
    scene = {"xaxis": axis("x₁", [low[0], high[0]]), "yaxis": axis("x₂", [low[1], high[1]]),
             "zaxis": axis("x₃", [low[2], high[2]]), "aspectmode": "cube",
             "camera": camera(**(eye or {"x": 1.75, "y": -1.75, "z": 0.45}))}
    accuracy = float(np.mean(((X @ w + b) > 0).astype(int) == y))
    description = (f"{len(y)} points in two clusters and the decision plane; {accuracy:.0%} are on their side"
                   if plane else f"{len(y)} points in two clusters")
    if centres is not None:
        description += ", with each group's centre marked"
    return figure(traces, {"scene": scene, "showlegend": False}, description)


def _plane(w, b, low, high, steps=2):
    """The plane x·w + b = 0 as a surface solved for the axis w leans on most."""
    solve = int(np.argmax(np.abs(w)))
    others = [axis_ for axis_ in range(3) if axis_ != solve]
    u = np.linspace(low[others[0]], high[others[0]], steps)
    v = np.linspace(low[others[1]], high[others[1]], steps)
    U, V = np.meshgrid(u, v)
    with np.errstate(all="ignore"):
        W = -(w[others[0]] * U + w[others[1]] * V + b) / w[solve] if w[solve] != 0 else np.full_like(U, np.nan)
    grid = {others[0]: U, others[1]: V, solve: W}
    return {"type": "surface", "name": "decision plane", "x": grid[0], "y": grid[1], "z": grid[2],
            "colorscale": [[0, "@plane"], [1, "@plane"]], "showscale": False, "opacity": 0.35, "hoverinfo": "skip"}

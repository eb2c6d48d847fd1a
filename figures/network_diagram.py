"""The `network_diagram` figure: draw a layered network: nodes in columns, edges coloured and sized by weight."""

from __future__ import annotations

import numpy as np

from figures.figure import figure, figure_builder
from engine.formatting import compact_number


MAX_LABELLED_EDGES = 12  # more edges in a layer than this and their values are not written on them


@figure_builder
def network_diagram(weights, biases=None, names=None, labels=None, show_values=True):
    """Draw a layered network: nodes in columns, edges coloured and sized by weight.

    weights: one (n_in, n_out) matrix per layer (lists are fine);
    biases: one length-n_out list per layer, or None; names: for each
    layer's matrix, the same shape of variable names, so the page can let the
    reader drag an edge to change that variable; labels: node labels per
    column (default x₁.., h₁.., y₁..).
    """
    matrices = [np.atleast_2d(np.asarray(w, dtype=np.float64)) for w in weights]
    sizes = [matrices[0].shape[0]] + [m.shape[1] for m in matrices]
    columns = [_column_positions(size) for size in sizes]
    labels = labels or _default_labels(sizes)
    largest = max((float(np.max(np.abs(m))) for m in matrices if m.size), default=1.0) or 1.0
    shapes, handles = [], {"x": [], "y": [], "text": [], "customdata": []}
    for layer, matrix in enumerate(matrices):
        # A crowd of numbers says less than the edges' colour and width: label a
        # big layer only when its labels are handles to drag.
        labelled = bool(names) or matrix.size <= MAX_LABELLED_EDGES
        for i in range(matrix.shape[0]):
            for j in range(matrix.shape[1]):
                value = float(matrix[i, j])
                x0, y0, x1, y1 = layer, columns[layer][i], layer + 1, columns[layer + 1][j]
                shapes.append({"type": "line", "x0": x0, "y0": y0, "x1": x1, "y1": y1, "layer": "below",
                               "line": {"color": "@positive" if value >= 0 else "@negative",
                                        "width": 1 + 7 * min(abs(value) / largest, 1.0)}})
                if not labelled:
                    continue
                along = _label_position(i, j, *matrix.shape)
                handles["x"].append(x0 + (x1 - x0) * along)
                handles["y"].append(y0 + (y1 - y0) * along)
                handles["text"].append(compact_number(value, 2) if show_values else "")
                handles["customdata"].append(names[layer][i][j] if names else "")
    nodes = {"x": [], "y": [], "text": []}
    for column, positions in enumerate(columns):
        for row, position in enumerate(positions):
            nodes["x"].append(column)
            nodes["y"].append(position)
            label = labels[column][row]
            if biases is not None and column > 0 and biases[column - 1] is not None:
                label += f"<br><span style='font-size:10px'>b={compact_number(float(np.ravel(biases[column - 1])[row]), 2)}</span>"
            nodes["text"].append(label)
    traces = []
    if (show_values or names) and handles["x"]:  # labels to read, or handles to drag
        traces.append(
            {"type": "scatter", "mode": "markers+text", "name": "weights", "x": handles["x"], "y": handles["y"],
             "text": handles["text"], "customdata": handles["customdata"], "textfont": {"size": 11, "color": "@text"},
             "marker": {"size": 22, "color": "@surface", "line": {"color": "@grid", "width": 1}},
             "hovertemplate": "weight %{text}<extra></extra>"})
    traces += [
        {"type": "scatter", "mode": "markers+text", "name": "neurons", "x": nodes["x"], "y": nodes["y"],
         "text": nodes["text"], "textfont": {"size": 12, "color": "@text"}, "hoverinfo": "skip",
         "marker": {"size": 44, "color": "@surface", "line": {"color": "@model", "width": 2}}},
    ]
    hidden = {"visible": False}
    layout = {"xaxis": {**hidden, "range": [-0.3, len(sizes) - 0.7], "fixedrange": True},
              "yaxis": {**hidden, "range": [-(max(sizes) - 1) / 2 - 0.6, (max(sizes) - 1) / 2 + 0.6], "fixedrange": True},
              "shapes": shapes, "showlegend": False, "margin": {"l": 10, "r": 10, "t": 10, "b": 10}}
    description = "A network with layers of " + ", ".join(str(size) for size in sizes) + " neurons"
    return figure(traces, layout, description)


def _label_position(i: int, j: int, n_in: int, n_out: int) -> float:
    """How far along edge i -> j its label sits (0 at the source, 1 at the target).

    Edges that share an end converge there, so their labels go towards the
    other end, where those edges are spread out. Into fewer targets than
    sources, labels sit 0.2 to 0.5 of the way along, each target's at its own
    distance (so labels of edges from one source keep apart sideways); out to
    more targets, 0.5 to 0.8, each source's at its own distance.
    """
    if n_in >= n_out:
        return 0.2 + 0.3 * j / (n_out - 1) if n_out > 1 else 0.35
    return 0.8 - 0.3 * i / (n_in - 1) if n_in > 1 else 0.65


def _column_positions(size: int) -> list[float]:
    """Spread `size` nodes evenly, centred on the same middle line as the other columns."""
    return [float(size - 1) / 2 - index for index in range(size)]


def _default_labels(sizes: list[int]) -> list[list[str]]:
    labels = [[f"x{_sub(i + 1)}" if sizes[0] > 1 else "x" for i in range(sizes[0])]]
    for size in sizes[1:-1]:
        labels.append([f"h{_sub(i + 1)}" for i in range(size)])
    labels.append([f"y{_sub(i + 1)}" if sizes[-1] > 1 else "y" for i in range(sizes[-1])])
    return labels


def _sub(number_: int) -> str:
    return str(number_).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))

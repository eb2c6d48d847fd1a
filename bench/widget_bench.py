"""Time one Play frame of the gradient-descent widget on the Python side.

Runs in CPython (`python bench/widget_bench.py`) and in Pyodide
(`node tests/pyodide/run.mjs bench/widget_bench.py`); prints JSON timings.
"""

import json
import statistics
import time

from kernel.cells import fresh_namespace, run_cell
from kernel.widgets import WidgetSpec, WidgetState

CODE = '''
data = [(1, 0.85), (2, 1.43), (3, 1.92), (4, 2.59), (5, 3.20), (6, 3.82), (7, 4.38), (8, 4.97)]
w = 1
b = 0
learning_rate = 0.001
def y(x, w, b):
    return w * x + b
def loss(w, b):
    total = 0
    for xi, yi in data:
        total += (y(xi, w, b) - yi) ** 2
    return total / 2
def gradient():
    dw = db = 0
    for xi, yi in data:
        dw += (y(xi, w, b) - yi) * xi
        db += y(xi, w, b) - yi
    return dw, db
def update():
    global w, b
    dw, db = gradient()
    w -= dw * learning_rate
    b -= db * learning_rate
iteration_counter = 0
def train(iterations=100):
    global iteration_counter
    for i in range(iterations):
        update()
        iteration_counter += 1
'''

SPEC = {
    "sliders": {"w": {"min": -10, "max": 10, "step": 0.01}, "b": {"min": -10, "max": 10, "step": 0.01}},
    "readouts": ["loss(w, b)", "gradient()", "iteration_counter"],
    "figures": ["line_fit(y, data, w, b, squares=True, y_range=(-2, 8))",
                "landscape(loss, w, b, w_range=(-2.5, 2.5), path=history, gradient=gradient())",
                "loss_curve(history['loss'])"],
    "step": "update()", "play": "train(speed)", "track": ["w", "b", "iteration_counter"], "loss": "loss(w, b)",
}


def timed(fn, repeats):
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {"median_ms": round(statistics.median(samples), 3), "p95_ms": round(samples[int(0.95 * len(samples)) - 1], 3)}


def main():
    namespace = fresh_namespace()
    run_cell(CODE, namespace)
    state = WidgetState(WidgetSpec.from_dict(SPEC), namespace)
    state.open()
    results = {
        "play_frame": timed(lambda: state.advance("play", 1), 200),
        "slider_move": timed(lambda: state.set_values({"w": 0.5}), 100),
    }
    single = {}
    for index, expression in enumerate(SPEC["figures"]):
        spec = dict(SPEC, figures=[expression])
        one = WidgetState(WidgetSpec.from_dict(spec), namespace)
        one.open()
        single[expression.split("(")[0]] = timed(lambda one=one: one.advance("play", 1), 100)
    results["per_figure"] = single
    print(json.dumps(results, indent=1))


main()

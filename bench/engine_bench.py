"""Time the engine's hot paths and print median and p95 timings as JSON.

    python bench/engine_bench.py                       # CPython
    node tests/pyodide/run.mjs bench/engine_bench.py   # Pyodide under Node.js

Targets: landscape < 5 ms in CPython and < 20 ms in Pyodide; classifier
step < 0.2 ms in CPython. Times are in milliseconds.
"""

import json
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

import engine as E  # noqa: E402


def timings(fn, repeats, warmup=5):
    """Return (median, p95) in ms of fn() over `repeats` timed runs."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1e3)
    return float(np.median(samples)), float(np.percentile(samples, 95))


def main():
    x, y = E.line_points()
    ws, bs = np.linspace(-10, 10, 200), np.linspace(-15, 15, 200)

    def reader_loss(w, b):  # the article's loop, run on whole grids by loss_grid
        total = 0
        for xi, yi in E.LINE_POINTS:
            total += (w * xi + b - yi) ** 2
        return total / 2

    X, labels = E.two_clusters(seed=0)
    Xn = E.normalize(X, E.normalization_stats(X))
    weights, bias = np.array([0.5, -0.3, 0.8]), 0.1

    def classifier_step():  # one step of the classifier lesson's loop, with the engine's sigmoid
        error = (E.sigmoid(Xn @ weights + bias) - labels) / labels.size
        return weights - 0.1 * (Xn.T @ error), bias - 0.1 * float(np.sum(error))

    def line_l2(W, B):  # the line's L2 loss on whole grids, one data point at a time
        total = np.zeros_like(W)
        for xi, yi in zip(x, y):
            residual = W * xi + B - yi
            total += residual * residual
        return 0.5 * total

    rng = np.random.default_rng(0)
    net = {"W1": rng.normal(size=(1, 16)), "b1": np.zeros(16), "W2": rng.normal(0, 0.25, (16, 1)), "b2": np.zeros(1)}
    inputs = np.linspace(-3, 3, 200)
    network = E.network_objective(inputs, np.sin(inputs))

    cases = {
        "landscape_200x200_line_8_points": (lambda: E.loss_grid(line_l2, ws, bs), 200),
        "landscape_200x200_reader_loop_loss": (lambda: E.loss_grid(reader_loss, ws, bs), 200),
        "classifier_step_3d_500_points": (classifier_step, 2000),
        "network_1_16_1_forward_backward_200_points": (lambda: network(net), 2000),
    }
    report = {"runtime": {"platform": sys.platform, "python": platform.python_version(), "numpy": np.__version__}}
    for name, (fn, repeats) in cases.items():
        median, p95 = timings(fn, repeats)
        report[name] = {"median_ms": round(median, 4), "p95_ms": round(p95, 4), "runs": repeats}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()

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
    classifier = E.neuron_objective(Xn, labels)
    weights = {"w": np.array([0.5, -0.3, 0.8]), "b": 0.1}

    def classifier_step():
        _, grads = classifier(weights)
        return E.gradient_step(weights, grads, 0.1)

    net = E.init_network(1, 16, 1, rng=0)
    inputs = np.linspace(-3, 3, 200)
    network = E.network_objective(inputs, np.sin(inputs))

    cases = {
        "landscape_200x200_line_8_points": (lambda: E.line_loss_grid(x, y, ws, bs), 200),
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

"""Compute a dictionary of named engine results and print it as JSON.

Run in CPython (`python tests/pyodide/engine_results.py`) and in Pyodide
(`node tests/pyodide/run.mjs tests/pyodide/engine_results.py`); the parity
test compares the two outputs number by number. Every module is covered.
"""

import json
import platform
import sys
import textwrap

import numpy as np

import checks as C
import engine as E
from figures.json_ready import plain


def models(results):
    x, y = E.line_points()
    results["line"] = {"points": E.line(x, 0.6, 0.2), "scalar": E.line(3.5, -1.0, 2.0),
                       "grid": E.line(2.0, *np.meshgrid([0.5, 1.0], [0.0, -1.0]))}
    rng = np.random.default_rng(1)
    X, w = rng.normal(size=(6, 3)), rng.normal(size=3)
    results["linear"] = E.linear(X, w, 0.25)
    results["neuron"] = E.neuron(X, w, 0.25)
    z = np.array([-1e4, -745.5, -40.0, -30.0, -1.0, 0.0, 0.5, 30.0, 40.0, 1e4])
    results["sigmoid"] = E.sigmoid(z)
    results["sigmoid_derivative"] = E.sigmoid_derivative(z)
    table = [[1], [1, 1], [0, 1], [2, 4], [5, 10], [-1, 0, 1], [1, 2, 4]]
    results["softmax_table"] = [E.softmax(row) for row in table]
    results["softmax_rows"] = E.softmax(np.array([[1e4, 0.0, -1e4], [1.0, 2.0, 3.0]]))


def losses(results):
    rng = np.random.default_rng(2)
    pred, target = rng.normal(size=7), rng.normal(size=7)
    p, labels = rng.uniform(0.01, 0.99, 7), rng.integers(0, 2, 7).astype(float)
    out = {}
    for name in ("l1", "l2", "mse"):
        value, grad = E.LOSSES[name]
        out[name] = [value(pred, target), grad(pred, target)]
    out["bce"] = [E.binary_cross_entropy(p, labels), E.binary_cross_entropy_grad(p, labels)]
    out["bce_extremes"] = E.binary_cross_entropy([0.0, 1.0, 1.0, 0.0], [1.0, 0.0, 1.0, 0.0])
    logits = np.array([-1e4, -30.0, -2.0, 0.0, 3.0, 40.0, 1e4])
    ones = np.array([1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.0])
    out["bce_logits"] = E.binary_cross_entropy_from_logits(logits, ones)
    scores, onehot = rng.normal(size=(5, 3)), E.one_hot([0, 2, 1, 1, 0], 3)
    probs = E.softmax(scores)
    out["cross_entropy"] = [E.cross_entropy(probs, onehot), E.cross_entropy_grad(probs, onehot)]
    area, price = E.houses_3()
    out["houses_at_0_180"] = [0.180 * area, E.mse(0.180 * area, price)]
    results["losses"] = out


def gradients(results):
    x, y = E.line_points()
    out = {"line_gradient": E.line_gradient(x, y, 1.0, 0.0)}
    for loss in ("l1", "l2", "mse"):
        out[f"line_{loss}"] = E.line_gradient(x, y, 0.3, -0.7, loss)
    out["numerical_line"] = E.numerical_gradient(lambda p: E.l2(p["w"] * x + p["b"], y), {"w": 0.3, "b": -0.7})
    out["numerical_relative"] = E.numerical_gradient(lambda p: E.l2(p["w"] * x + p["b"], y), {"w": 300.0, "b": -0.7},
                                                     relative=True)
    results["gradients"] = out


def random_network(n_inputs, n_hidden, rng):
    rng = np.random.default_rng(rng)
    return {"W1": rng.normal(size=(n_inputs, n_hidden)), "b1": rng.normal(size=n_hidden),
            "W2": rng.normal(size=(n_hidden, 1)), "b2": np.zeros(1)}


def network(results):
    net = random_network(1, 16, 0)
    x = np.linspace(-3, 3, 25)
    factors = E.chain_factors(x, np.sin(x), net, output="linear", loss="l2")
    results["network"] = {
        "init": net,
        "layers": factors.layers._asdict(),
        "factors": {k: v for k, v in factors._asdict().items() if k != "layers"},
        "sigmoid_bce": E.network_objective(np.c_[x, x**2], (x > 0).astype(float), output="sigmoid",
                                           loss="bce")(random_network(2, 3, 1)),
        "objective": E.network_objective(x, np.sin(x))(net),
        "curve": E.network_curve(np.linspace(-10, 10, 41), **E.NETWORK_4),
        "contributions": E.neuron_contributions(np.linspace(-10, 10, 9), **E.NETWORK_4),
    }


def calculus(results):
    xs = np.linspace(-2.5, 2.5, 11)
    results["calculus"] = {
        "roller_coaster": E.roller_coaster(xs),
        "measured_slope": E.derivative(E.roller_coaster, xs),
        "measured_slope_at_0_7": E.derivative(E.roller_coaster, 0.7),
    }


def datasets(results):
    X, y = E.two_clusters(seed=0)
    stats = E.normalization_stats(X)
    results["datasets"] = {
        "two_clusters": [X, y],
        "stats": stats,
        "normalized": E.normalize(X, stats),
        "houses_10": E.houses_10(),
        "house_labels": E.house_labels(),
    }


def landscape(results):
    ws, bs = np.linspace(-10, 10, 21), np.linspace(-15, 15, 21)
    reader_loss = lesson()["loss"]  # the lesson's for loop, run on whole grids by loss_grid
    X, labels = E.two_clusters(seed=0)
    Xn = E.normalize(X, E.normalization_stats(X))
    values = np.linspace(-4, 4, 41)
    slices = E.neuron_loss_slices(Xn, labels, np.array([0.5, -0.3, 0.8]), 0.1, values)
    results["landscape"] = {
        "reader_grid": E.loss_grid(reader_loss, ws, bs),
        "neuron_slices": slices,
        "minima": {name: E.slice_minimum(values, curve) for name, curve in slices.items()},
    }


def descent(results):
    def run(rate, iterations=100):
        # A reader's update() loop, recorded step by step as a widget records it.
        x, y = E.line_points()
        history, w, b = E.History(["w", "b"]), 1.0, 0.0
        for i in range(iterations + 1):
            history.record({"w": w, "b": b}, E.l2(w * x + b, y), i)
            if history.diverged_at() is not None:
                break
            dw, db = E.line_gradient(x, y, w, b)
            w, b = w - rate * dw, b - rate * db
        return history

    good, bad = run(0.001), run(0.01)
    results["descent"] = {
        "good": [good.view(), good.diverged_at()],
        "bad": [bad.view(), bad.diverged_at(), bad.iteration],
        "divergence": [E.divergence([1.0, 2.0, 5.0, 11.0, 30.0]), E.divergence([1.0, 20.0, 3.0, 30.0, 2.0])],
    }


SETUP = """
data = [(1, 0.85), (2, 1.43), (3, 1.92), (4, 2.59), (5, 3.20), (6, 3.82), (7, 4.38), (8, 4.97)]
w = 1
b = 0
learning_rate = {rate}
def y(x, w, b):
    return {model}
def loss(w, b):
    total = 0
    for xi, yi in data:
        total += (y(xi, w, b) - yi) ** 2
    return total / 2
def gradient():
    dw = db = 0
    for xi, yi in data:
        dw += (y(xi, w, b) - yi) * xi
        db += {db}
    return dw, db
def update():
    dw, db = gradient()
    global w, b
    w {op}= dw * learning_rate
    b {op}= db * learning_rate
"""


def lesson(rate=0.001, model="w * x + b", db="y(xi, w, b) - yi", op="-"):
    ns = {}
    exec(textwrap.dedent(SETUP.format(rate=rate, model=model, db=db, op=op)), ns)
    return ns


def checks(results):
    outcomes = {
        "function_ok": C.check_function(lesson(), "y", E.line, [(2, 3, 1), (-3, 2, 0)]),
        "function_wrong": C.check_function(lesson(model="x"), "y", E.line, [(2, 3, 1), (-3, 2, 0)]),
        "gradient_ok": C.check_gradient(lesson()),
        "gradient_b_wrong": C.check_gradient(lesson(db="(y(xi, w, b) - yi) * xi")),
        "training_ok": C.check_training(lesson()),
        "training_uphill": C.check_training(lesson(op="+")),
        "training_too_high": C.check_training(lesson(rate=0.01)),
        "value": C.check_value(2057.73, 2058.0, tol=1e-3, what="the error"),
        "shape": C.check_shape(np.zeros((10, 2)), (10, 3), "X"),
        "explain": C.explain_shapes(lambda X, W: X @ W, np.ones((10, 2)), np.ones((3, 1))),
    }
    results["checks"] = {name: [c.passed, c.message] for name, c in outcomes.items()}


def compute_results():
    """Return every named result as a JSON-ready dict."""
    results = {}
    for part in (models, losses, gradients, network, calculus, datasets, landscape, descent, checks):
        part(results)
    results = plain(results, keep_non_finite=True)
    results["runtime"] = {"platform": sys.platform, "python": platform.python_version(), "numpy": np.__version__}
    return results


if __name__ == "__main__":
    print(json.dumps(compute_results()))

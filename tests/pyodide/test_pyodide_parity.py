"""The engine gives the same numbers in Pyodide (the reader's browser) as in CPython.

One script, tests/pyodide/engine_results.py, computes named results from
every engine module; it runs once in CPython and once in Pyodide 0.27.7
under Node.js (a single Pyodide start), and every number must agree to
1e-12 (absolute below 1, relative above). Missing node or runtime is a
failure, not a skip: the parity promise must not go unchecked silently.
"""

import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.pyodide

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "engine_results.py"
RUNNER = HERE / "run.mjs"
TOLERANCE = 1e-12


def pyodide_folder() -> Path:
    sys.path.insert(0, str(ROOT))
    try:
        from builder.vendor import ensure_runtime

        folder = Path(ensure_runtime(log=lambda *args, **kwargs: None).pyodide)
    except Exception as error:  # any set-up problem is a test failure with its reason
        pytest.fail(f"the Pyodide runtime is not available ({type(error).__name__}: {error}); "
                    f"run `npm ci` and builder.vendor.ensure_runtime()")
    if not (folder / "pyodide.mjs").exists():
        pytest.fail(f"the Pyodide runtime folder {folder} has no pyodide.mjs")
    return folder


def run_json(command, env=None) -> dict:
    completed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if completed.returncode != 0:
        pytest.fail(f"{' '.join(map(str, command))} failed ({completed.returncode}):\n{completed.stderr[-3000:]}")
    lines = completed.stdout.strip().splitlines()
    if not lines:
        pytest.fail(f"{' '.join(map(str, command))} printed nothing:\n{completed.stderr[-3000:]}")
    return json.loads(lines[-1])


def differences(expected, actual, path=""):
    """Yield (path, expected, actual) wherever two JSON results disagree."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict) or set(expected) != set(actual):
            yield path, sorted(expected), sorted(actual) if isinstance(actual, dict) else actual
            return
        for key in expected:
            yield from differences(expected[key], actual[key], f"{path}/{key}")
    elif isinstance(expected, list):
        if not isinstance(actual, list) or len(expected) != len(actual):
            yield path, f"list of {len(expected)}", actual if not isinstance(actual, list) else f"list of {len(actual)}"
            return
        for index, (e, a) in enumerate(zip(expected, actual)):
            yield from differences(e, a, f"{path}[{index}]")
    elif isinstance(expected, float) or (isinstance(expected, int) and not isinstance(expected, bool)):
        if isinstance(actual, bool) or not isinstance(actual, (int, float)):
            yield path, expected, actual
        elif math.isnan(expected) or math.isnan(actual):
            if not (math.isnan(expected) and math.isnan(actual)):
                yield path, expected, actual
        elif math.isinf(expected) or math.isinf(actual):
            if expected != actual:
                yield path, expected, actual
        elif abs(expected - actual) > TOLERANCE * max(1.0, abs(expected), abs(actual)):
            yield path, expected, actual
    elif expected != actual:
        yield path, expected, actual


def test_engine_results_match_in_pyodide():
    node = shutil.which("node")
    if node is None:
        pytest.fail("node (Node.js) is not on PATH: it is needed to run Pyodide for this test")
    folder = pyodide_folder()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    in_cpython = run_json([sys.executable, str(SCRIPT)], env)
    in_pyodide = run_json([node, str(RUNNER), str(SCRIPT)], dict(env, PYODIDE_INDEX_URL=str(folder)))

    assert in_pyodide["runtime"]["platform"] == "emscripten"
    assert in_pyodide["runtime"]["numpy"] == in_cpython["runtime"]["numpy"] == "2.0.2"
    in_cpython.pop("runtime"), in_pyodide.pop("runtime")
    found = list(differences(in_cpython, in_pyodide))
    shown = "\n".join(f"{path}: CPython {e!r}, Pyodide {a!r}" for path, e, a in found[:20])
    assert not found, f"{len(found)} results differ between CPython and Pyodide:\n{shown}"
    # The comparison covers every module's results.
    assert set(in_cpython) >= {"line", "linear", "neuron", "sigmoid", "softmax_table", "losses", "gradients",
                               "network", "calculus", "datasets", "landscape", "descent", "checks"}


def test_comparison_flags_real_differences_only():
    base = {"a": [1.0, 2e6, float("nan")], "b": {"c": "text", "d": True}}
    assert not list(differences(base, {"a": [1.0 + 1e-15, 2e6 * (1 + 1e-15), float("nan")],
                                       "b": {"c": "text", "d": True}}))
    assert len(list(differences(base, {"a": [1.0 + 1e-10, 2e6, 0.0], "b": {"c": "other", "d": False}}))) == 4

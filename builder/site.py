"""Build the course into a folder any static host can serve.

The recipe: gather the lessons, check them (parse, then run every cell), and
only then write. Pages are written into a staging folder that replaces the
output in one rename, so `serve` never shows a half-built site and a failed
build leaves the last good one in place.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import io
import json
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from builder.assets import copy_assets, stamp_pages, write_build_info, write_service_worker
from builder.check import check_course
from builder.course import read_course_info
from builder.errors import BuildFailed, LessonError
from builder.notebooks import write_downloads
from builder.page import CELL_TIME_LIMIT
from builder.paths import ROOT
from builder.render import environment, render_pages
from builder.vendor import NUMPY_WHEEL, Runtime, ensure_runtime, with_course_bytecode

PYTHON_PACKAGES = ("engine", "checks", "figures", "kernel")  # shipped to the browser as one archive


@dataclass
class BuildOptions:
    lessons: Path = ROOT / "lessons"
    out: Path = ROOT / "site"
    pyodide_url: str | None = None  # a CDN's Pyodide folder instead of the vendored copy
    stock_runtime: bool = False  # Pyodide as published, not precompiled (for comparison)
    cell_time_limit: float = CELL_TIME_LIMIT  # seconds a lesson's cell may run at build time
    static: Path = ROOT / "static"  # the browser side (tests build variants of it)


def build(options: BuildOptions, log=print, cancel=None) -> Path:
    """Check the course, then write the site; returns the output folder.

    `cancel` (a threading.Event) stops the check early when the lessons changed again.
    """
    try:
        course = read_course_info(options.lessons)
    except LessonError as error:
        raise BuildFailed([error]) from None
    lessons = check_course(options.lessons, options.cell_time_limit, cancel)
    runtime = ensure_runtime(log)
    if options.stock_runtime:
        runtime = dataclasses.replace(runtime, pyodide=runtime.pyodide_stock)
    staging = options.out.with_name(f".{options.out.name}.partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    python_archive = _write_python_archive(staging, None if options.stock_runtime else runtime, log)
    # Scripts, styles and the runtime get content-hashed names (builder/assets.py).
    assets = copy_assets(runtime, staging, options.static, vendor_pyodide=options.pyodide_url is None)
    config = _runtime_config(runtime, options.pyodide_url, python_archive, assets, course)
    env = environment()
    env.globals["assets"] = assets
    try:
        pages = stamp_pages(render_pages(lessons, course, config, env))
    except LessonError as error:  # e.g. math KaTeX cannot parse
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed([error]) from None
    for name, (html, _rev) in pages.items():
        (staging / name).write_text(html, encoding="utf-8")
    write_build_info(staging, assets["build"], {name: rev for name, (_html, rev) in pages.items()})
    write_service_worker(staging, options.static / "sw.js")
    write_downloads(lessons, staging, log)  # after sw.js: zips to take away are not kept offline
    _replace(options.out, staging)
    log(f"built {len(lessons)} lessons into {options.out}")
    return options.out


def _write_python_archive(staging: Path, runtime: Runtime | None, log) -> str:
    """Zip the course packages for the worker; the name carries a content hash.

    Given the runtime, the zip also carries their bytecode (builder/vendor.py).
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for package in PYTHON_PACKAGES:
            for path in sorted((ROOT / package).rglob("*.py")):
                info = zipfile.ZipInfo(str(path.relative_to(ROOT)), date_time=(2020, 1, 1, 0, 0, 0))
                archive.writestr(info, path.read_bytes(), zipfile.ZIP_DEFLATED)
    data = buffer.getvalue() if runtime is None else with_course_bytecode(buffer.getvalue(), runtime, log)
    name = f"python-{hashlib.sha256(data).hexdigest()[:12]}.zip"
    (staging / name).write_bytes(data)
    return name


def _runtime_config(runtime: Runtime, pyodide_url: str | None, python_archive: str,
                    assets: dict, course: dict) -> dict:
    """What the page's scripts need to start Python, with relative URLs."""
    files = ["pyodide.asm.wasm", "python_stdlib.zip", "pyodide.asm.js", NUMPY_WHEEL]
    return {
        "pyodide": pyodide_url or assets["pyodide"],
        "startFiles": _start_files(runtime.pyodide_stock if pyodide_url else runtime.pyodide),
        "python": python_archive,
        "worker": assets["static"] + "js/worker.js",
        "plotly": assets["plotly"],
        "editor": assets["editor"],
        # Names the reader's saved work and tells a file of it from another course's.
        "course": re.sub(r"[^a-z0-9]+", "-", course["title"].lower()).strip("-") or "course",
        # Known sizes let the progress bar show a percentage while downloading.
        "downloadBytes": sum((runtime.pyodide / name).stat().st_size for name in files),
    }


def _start_files(pyodide: Path) -> dict[str, str]:
    """The files Pyodide fetches to start, each with the integrity its loader asks for ("" for none).

    The worker requests them all at once, as soon as it runs (static/js/worker.js):
    Pyodide itself asks for the NumPy wheel only after its own script has run.
    A CDN's Pyodide (--pyodide-url) has the official wheel, so the stock lock's hash.
    """
    numpy = json.loads((pyodide / "pyodide-lock.json").read_text())["packages"]["numpy"]
    integrity = "sha256-" + base64.b64encode(bytes.fromhex(numpy["sha256"])).decode()
    return {"pyodide.asm.wasm": "", "python_stdlib.zip": "", "pyodide-lock.json": "", numpy["file_name"]: integrity}


def _replace(out: Path, staging: Path) -> None:
    old = out.with_name(f".{out.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)

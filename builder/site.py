"""Build the course into a folder any static host can serve.

The recipe: gather the lessons, check them (parse, then run every cell), and
only then write. Pages are written into a staging folder that replaces the
output in one rename, so `serve` never shows a half-built site and a failed
build leaves the last good one in place.
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from builder import exercises, widgets  # importing registers their ``` blocks
from builder.assets import copy_assets, stamp_pages, write_build_info, write_service_worker
from builder.check import check_lesson
from builder.errors import LessonError
from builder.lessons import read_course
from builder.notebooks import write_downloads
from builder.render import environment, render_pages
from builder.vendor import NUMPY_WHEEL, Runtime, ensure_runtime

ROOT = Path(__file__).resolve().parent.parent
PYTHON_PACKAGES = ("engine", "checks", "figures", "kernel")  # shipped to the browser as one archive


class BuildFailed(Exception):
    """The lessons have errors; `errors` lists every one found."""

    def __init__(self, errors: list[LessonError]):
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors


@dataclass
class BuildOptions:
    lessons: Path = ROOT / "lessons"
    out: Path = ROOT / "site"
    pyodide_url: str | None = None  # a CDN's Pyodide folder instead of the vendored copy
    static: Path = ROOT / "static"  # the browser side (tests build variants of it)


def check_course(lessons_folder: Path) -> tuple[list, dict]:
    """Parse and run every lesson and compute its widgets' first state.

    Raises BuildFailed listing every error found, in every lesson.
    """
    try:
        lessons = read_course(lessons_folder, root=lessons_folder.parent)
    except LessonError as error:
        raise BuildFailed([error]) from None
    namespaces, errors = {}, []
    for lesson in lessons:
        namespaces[lesson.slug], found = check_lesson(lesson)
        errors.extend(found)
        if not found:
            try:
                widgets.compute_first_states(lesson)
                exercises.verify_exercises(lesson)
            except LessonError as error:
                errors.append(error)
    if errors:
        raise BuildFailed(errors)
    return lessons, namespaces


def build(options: BuildOptions, log=print) -> Path:
    """Check the course, then write the site; returns the output folder."""
    lessons, _namespaces = check_course(options.lessons)
    runtime = ensure_runtime(log)
    course = _course_info(options.lessons)
    staging = options.out.with_name(f".{options.out.name}.partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    python_archive = _write_python_archive(staging)
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


def _course_info(lessons_folder: Path) -> dict:
    path = lessons_folder / "course.yml"
    info = {"title": "How Machines Learn", "summary": ""}
    if path.exists():
        values = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        unknown = set(values) - set(info)
        if unknown:
            raise BuildFailed([LessonError(str(path), 1, f"unknown course keys: {', '.join(sorted(unknown))}")])
        info.update(values)
    return info


def _write_python_archive(staging: Path) -> str:
    """Zip the course packages for the worker; the name carries a content hash."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for package in PYTHON_PACKAGES:
            for path in sorted((ROOT / package).rglob("*.py")):
                info = zipfile.ZipInfo(str(path.relative_to(ROOT)), date_time=(2020, 1, 1, 0, 0, 0))
                archive.writestr(info, path.read_bytes(), zipfile.ZIP_DEFLATED)
    data = buffer.getvalue()
    name = f"python-{hashlib.sha256(data).hexdigest()[:12]}.zip"
    (staging / name).write_bytes(data)
    return name


def _runtime_config(runtime: Runtime, pyodide_url: str | None, python_archive: str,
                    assets: dict, course: dict) -> dict:
    """What the page's scripts need to start Python, with relative URLs."""
    files = ["pyodide.asm.wasm", "python_stdlib.zip", "pyodide.asm.js", NUMPY_WHEEL]
    return {
        "pyodide": pyodide_url or assets["pyodide"],
        "python": python_archive,
        "worker": assets["static"] + "js/worker.js",
        "plotly": assets["plotly"],
        "editor": assets["editor"],
        # Names the reader's saved work and tells a file of it from another course's.
        "course": re.sub(r"[^a-z0-9]+", "-", course["title"].lower()).strip("-") or "course",
        # Known sizes let the progress bar show a percentage while downloading.
        "downloadBytes": sum((runtime.pyodide / name).stat().st_size for name in files),
    }


def _replace(out: Path, staging: Path) -> None:
    old = out.with_name(f".{out.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)

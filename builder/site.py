"""Build the course into a folder any static host can serve.

The recipe: gather the lessons, check them (parse, then run every cell), and
only then write. Pages are written into a staging folder that replaces the
output in one rename, so `serve` never shows a half-built site and a failed
build leaves the last good one in place.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from builder import exercises, widgets  # importing registers their ``` blocks
from builder.check import check_lesson
from builder.errors import LessonError
from builder.lessons import read_course
from builder.render import environment, render_pages
from builder.vendor import NUMPY_WHEEL, Runtime, ensure_runtime

ROOT = Path(__file__).resolve().parent.parent
PYTHON_PACKAGES = ("engine", "checks", "figures", "kernel")  # shipped to the browser as one archive
STATIC_FOLDERS = ("css", "js", "img")


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
    config = _runtime_config(runtime, options.pyodide_url, python_archive)
    try:
        pages = render_pages(lessons, course, config, environment())
    except LessonError as error:  # e.g. math KaTeX cannot parse
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed([error]) from None
    for name, html in pages.items():
        (staging / name).write_text(html, encoding="utf-8")
    _copy_static(staging)
    _copy_vendor(runtime, staging, vendor_pyodide=options.pyodide_url is None)
    _write_service_worker(staging)
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


def _runtime_config(runtime: Runtime, pyodide_url: str | None, python_archive: str) -> dict:
    """What the page's scripts need to start Python, with relative URLs."""
    files = ["pyodide.asm.wasm", "python_stdlib.zip", "pyodide.asm.js", NUMPY_WHEEL]
    return {
        "pyodide": pyodide_url or "vendor/pyodide/",
        "python": python_archive,
        "plotly": "vendor/plotly.min.js",
        "editor": "vendor/codemirror.js",
        # Known sizes let the progress bar show a percentage while downloading.
        "downloadBytes": sum((runtime.pyodide / name).stat().st_size for name in files),
    }


def _copy_static(staging: Path) -> None:
    for folder in STATIC_FOLDERS:
        shutil.copytree(ROOT / "static" / folder, staging / "static" / folder)


def _copy_vendor(runtime: Runtime, staging: Path, vendor_pyodide: bool) -> None:
    vendor = staging / "vendor"
    vendor.mkdir()
    if vendor_pyodide:
        shutil.copytree(runtime.pyodide, vendor / "pyodide", copy_function=_link_or_copy)
    _link_or_copy(runtime.editor, vendor / "codemirror.js")
    _link_or_copy(runtime.plotly, vendor / "plotly.min.js")
    katex = vendor / "katex"
    (katex / "fonts").mkdir(parents=True)
    _link_or_copy(runtime.katex / "katex.min.css", katex / "katex.min.css")
    for font in (runtime.katex / "fonts").glob("*.woff2"):
        _link_or_copy(font, katex / "fonts" / font.name)


def _write_service_worker(staging: Path) -> None:
    """Write sw.js at the site's root, listing every file so the course works offline."""
    files = sorted(str(path.relative_to(staging)) for path in staging.rglob("*") if path.is_file())
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode())
        digest.update((staging / name).read_bytes())
    source = (ROOT / "static" / "sw.js").read_text(encoding="utf-8")
    script = (source.replace('"__BUILD__"', json.dumps(digest.hexdigest()[:12]))
              .replace("__FILES__", json.dumps(["./"] + files)))
    (staging / "sw.js").write_text(script, encoding="utf-8")


def _link_or_copy(source, target) -> None:
    """Hard-link big runtime files from the cache (fast), copying across file systems."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _replace(out: Path, staging: Path) -> None:
    old = out.with_name(f".{out.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)

"""Name the site's files so that a reader never mixes two builds.

Every script, stylesheet and runtime file is written under a name that carries
a hash of its content (`static/<hash>/js/main.js`, `vendor/pyodide-<hash>/`,
`python-<hash>.zip`): a page can only ever load the files of its own build,
hosts may cache them for a year, and a rebuild that changed one lesson leaves
every one of those names, and so the reader's cached copy, as it was.

Pages keep their names; each carries the hash of its static files
(`data-build`) and a revision of its own content (`data-rev`). `build.json`
lists both for the deployed build, and `sw.js` (the offline copy) gets the
whole list of files, so it can fetch only what changed.

    names = copy_assets(runtime, staging, static_root, vendor_pyodide=True)
    pages = stamp_pages(pages, names["build"])      # file name -> HTML
    write_build_info(staging, names["build"], pages)
    write_service_worker(staging, static_root / "sw.js")
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from pathlib import Path

STATIC_FOLDERS = ("css", "js", "img")
HASH_LENGTH = 12
REV_PLACEHOLDER = "__PAGE_REV__"
BUILD_PLACEHOLDER = "__STATIC_BUILD__"  # in static/js/config.js: the scripts' own build id


def digest(paths: list[Path], root: Path) -> str:
    """Return a short hash of these files' relative names and contents."""
    hasher = hashlib.sha256()
    for path in sorted(paths):
        hasher.update(str(path.relative_to(root)).encode())
        hasher.update(b"\0")
        hasher.update(path.read_bytes())
    return hasher.hexdigest()[:HASH_LENGTH]


def _files(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


def copy_assets(runtime, staging: Path, static_root: Path, vendor_pyodide: bool) -> dict:
    """Copy static files and the vendored runtime under content-hashed names; return the names.

    The result maps "build" (the static files' hash, which the scripts stamp),
    "static", "pyodide", "editor", "plotly" and "katex" to relative URLs.
    """
    sources = [path for folder in STATIC_FOLDERS for path in _files(static_root / folder)]
    build = digest(sources, static_root)
    static = staging / "static" / build
    for folder in STATIC_FOLDERS:
        shutil.copytree(static_root / folder, static / folder)
    config = static / "js" / "config.js"
    config.write_text(config.read_text(encoding="utf-8").replace(BUILD_PLACEHOLDER, build), encoding="utf-8")
    vendor = staging / "vendor"
    vendor.mkdir()
    names = {"build": build, "static": f"static/{build}/"}
    if vendor_pyodide:
        pyodide = f"pyodide-{digest(_files(runtime.pyodide), runtime.pyodide)}"
        shutil.copytree(runtime.pyodide, vendor / pyodide, copy_function=link_or_copy)
        names["pyodide"] = f"vendor/{pyodide}/"
    for key, source, suffix in (("editor", runtime.editor, ".js"), ("plotly", runtime.plotly, ".min.js")):
        name = f"{key if key != 'editor' else 'codemirror'}-{digest([source], source.parent)}{suffix}"
        link_or_copy(source, vendor / name)
        names[key] = f"vendor/{name}"
    fonts = sorted((runtime.katex / "fonts").glob("*.woff2"))
    katex = f"katex-{digest([runtime.katex / 'katex.min.css', *fonts], runtime.katex)}"
    (vendor / katex / "fonts").mkdir(parents=True)
    link_or_copy(runtime.katex / "katex.min.css", vendor / katex / "katex.min.css")
    for font in fonts:
        link_or_copy(font, vendor / katex / "fonts" / font.name)
    names["katex"] = f"vendor/{katex}/"
    return names


def stamp_pages(pages: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Write each page's own revision (a hash of its content) into it; name -> (html, rev)."""
    stamped = {}
    for name, html in pages.items():
        rev = hashlib.sha256(html.encode("utf-8")).hexdigest()[:HASH_LENGTH]
        stamped[name] = (html.replace(REV_PLACEHOLDER, rev), rev)
    return stamped


def write_build_info(staging: Path, build: str, revisions: dict[str, str]) -> None:
    """Write build.json: what an open page compares itself with to see a newer build."""
    info = {"build": build, "pages": dict(sorted(revisions.items()))}
    (staging / "build.json").write_text(json.dumps(info, indent=1), encoding="utf-8")


# Files whose name already carries their content hash: fetched once, kept as they are.
HASHED = re.compile(r"^(static/[0-9a-f]{12}/|vendor/[a-z]+-[0-9a-f]{12}[./]|python-[0-9a-f]{12}\.zip$)")


def write_service_worker(staging: Path, source: Path) -> None:
    """Write sw.js at the site's root with every file the course needs offline.

    FILES maps each file to "" when its name carries its hash, else to the
    sha256 of its bytes, which the worker checks before keeping a copy.
    """
    files = {}
    for path in sorted(_files(staging)):
        name = path.relative_to(staging).as_posix()
        files[name] = "" if HASHED.match(name) else hashlib.sha256(path.read_bytes()).hexdigest()
    build = json.loads((staging / "build.json").read_text(encoding="utf-8"))["build"]
    script = (source.read_text(encoding="utf-8").replace('"__BUILD__"', json.dumps(build))
              .replace("__FILES__", json.dumps(files, indent=0)))
    (staging / "sw.js").write_text(script, encoding="utf-8")


def link_or_copy(source, target) -> None:
    """Hard-link big runtime files from the cache (fast), copying across file systems."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)

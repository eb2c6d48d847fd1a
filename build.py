#!/usr/bin/env python3
"""The one tool for authors and hosts: build, serve or check the course.

    python build.py                 build lessons/ into site/ (runs `check` first)
    python build.py serve           build, serve on http://localhost:8000, rebuild on change
    python build.py check           run every lesson's cells; report lessons/FILE.md:LINE errors

Options: --lessons DIR, --out DIR, --port N, --host H, and
--pyodide-url URL to load Pyodide from a CDN instead of the site's own copy,
--stock-runtime to ship Pyodide as published rather than precompiled.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from builder.check import check_course
from builder.errors import BuildFailed
from builder.paths import ROOT
from builder.site import BuildOptions, build
from builder.vendor import VendorError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", default="build", choices=("build", "serve", "check"))
    parser.add_argument("--lessons", type=Path, default=ROOT / "lessons", help="folder of lesson .md files")
    parser.add_argument("--out", type=Path, default=ROOT / "site", help="where to write the site")
    parser.add_argument("--pyodide-url", help="load Pyodide from this URL (e.g. a CDN) instead of vendoring it")
    parser.add_argument("--stock-runtime", action="store_true",
                        help="ship Pyodide as published instead of the precompiled runtime (for comparison)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="127.0.0.1", help="address to serve on (0.0.0.0 for your network)")
    args = parser.parse_args(argv)
    pyodide_url = args.pyodide_url
    if pyodide_url and not pyodide_url.endswith("/"):
        pyodide_url += "/"
    options = BuildOptions(lessons=args.lessons.resolve(), out=args.out.resolve(), pyodide_url=pyodide_url,
                           stock_runtime=args.stock_runtime)
    try:
        if args.command == "check":
            lessons = check_course(options.lessons)
            cells = sum(len(lesson.cells) for lesson in lessons)
            print(f"checked {len(lessons)} lessons, {cells} cells: all ran")
        elif args.command == "serve":
            from builder.serve import serve
            serve(options, host=args.host, port=args.port)
        else:
            build(options)
    except BuildFailed as failure:
        print(failure, file=sys.stderr)
        count = len(failure.errors)
        print(f"\n{count} error{'s' if count != 1 else ''} in the lessons", file=sys.stderr)
        return 1
    except VendorError as error:
        print(f"set-up problem: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"\nstopped: Ctrl-C pressed before `{args.command}` finished", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())

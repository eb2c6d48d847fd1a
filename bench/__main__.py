"""`make bench`: measure the built course and write BENCHMARKS.md.

    python -m bench [--runs N] [--out BENCHMARKS.md] [--json results.json] [--startup-only]

Builds the course into a temporary folder, serves it from localhost like a
static host that sends the isolation headers and `Cache-Control:
max-age=600`, and measures it in headless Chromium: start-up (cold, warm,
service worker) next to the stock and precompiled Pyodide floors, the
reader's first slider drag after navigation, slider latency next to the
Plotly floor, Play frame rates, Run, sizes, the engine in CPython and
Pyodide, and build times. Every figure with a natural floor is reported as a
ratio to that floor measured in the same run.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench import browser as measure
from bench.report import write_report
from bench.stats import summary
from builder.serve import make_server
from builder.site import ROOT, BuildOptions, build
from builder.vendor import ensure_runtime

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--disable-dev-shm-usage"]

# Which lessons each measurement uses (found by the figure kinds they show).
LESSONS = {
    "start": "the-line.html",
    "drag": "the-line.html",
    "warm": "what-learning-means.html",
    "line": "fitting-a-line.html",
    "surface": "the-line.html",
    "landscape": "loss-landscape.html",
    "descent": "gradient-descent.html",
    "classifier": "classification-in-3d.html",
}


def timed_command(command: list[str], runs: int) -> dict:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        samples.append((time.perf_counter() - started) * 1000)
    return summary(samples)


def engine_benchmarks() -> dict:
    cpython = subprocess.run([sys.executable, "bench/engine_bench.py"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout
    pyodide = subprocess.run(["node", "tests/pyodide/run.mjs", "bench/engine_bench.py"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout
    return {"cpython": json.loads(cpython), "pyodide": json.loads(pyodide)}


def machine() -> dict:
    cpu = "unknown"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    version = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(), "chromium": version,
            "date": datetime.date.today().isoformat()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="repeats of each start-up measurement")
    parser.add_argument("--moves", type=int, default=60, help="slider moves per latency measurement")
    parser.add_argument("--seconds", type=float, default=6.0, help="how long Play runs per measurement")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--startup-only", action="store_true",
                        help="measure only the floors, start-up and first drag, and print them (BENCHMARKS.md untouched)")
    parser.add_argument("--site", type=Path, help="with --startup-only: measure this built site, not a fresh build")
    args = parser.parse_args(argv)

    started = time.perf_counter()

    def progress(step: str) -> None:
        # On stderr, with the time so far: `--startup-only` prints its JSON alone on stdout.
        print(f"{step} ... (at {time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)

    results = {"machine": machine(), "command": "make bench"}
    with tempfile.TemporaryDirectory() as scratch:
        if args.startup_only and args.site:
            site = Path(scratch) / "site"  # a copy: the floor pages are added to it
            shutil.copytree(args.site, site, copy_function=os.link)
        else:
            if not args.startup_only:  # (a start-up-only run does not report build times)
                progress("timing the build")
                results["build"] = {
                    "build": timed_command([sys.executable, "build.py", "--out", f"{scratch}/timing"], 3),
                    "check": timed_command([sys.executable, "build.py", "check"], 3),
                }
            site = build(BuildOptions(out=Path(scratch) / "site"), log=lambda message: None)
        runtime = ensure_runtime(log=lambda message: None)
        measure.write_floor_page(site, {"stock": runtime.pyodide_stock, "precompiled": runtime.pyodide})
        server = make_server(site, isolate=True, cache="max-age=600")
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_port}/"
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            progress("start-up")
            results["floors"] = measure.floors(chromium, url, args.runs, "stock")
            results["floors_precompiled"] = measure.floors(chromium, url, args.runs, "precompiled")
            results["startup"] = measure.startup(chromium, url, LESSONS["start"], LESSONS["warm"], args.runs)
            results["service_worker_start"] = measure.service_worker_start(chromium, url, LESSONS["start"], args.runs)
            progress("first drag")
            results["first_drag"] = measure.first_drag(chromium, url, LESSONS["drag"], args.runs)
            if args.startup_only:
                chromium.close()
                server.shutdown()
                print(json.dumps({key: results[key] for key in ("floors", "floors_precompiled", "startup",
                                                                "service_worker_start", "first_drag")}, indent=1))
                return 0
            progress("interaction")
            results["sliders"] = {
                name: measure.slider_latency(chromium, url, LESSONS[lesson], kind, args.moves)
                for name, lesson, kind in (("line", "line", "line_fit"), ("surface", "surface", "surface"),
                                           ("landscape", "landscape", "landscape"))
            }
            results["run_cell"] = measure.run_cell(chromium, url, LESSONS["start"], 20)
            progress("animation")
            results["play"] = {
                "descent": measure.play(chromium, url, LESSONS["descent"], 1, args.seconds),
                "descent_fast": measure.play(chromium, url, LESSONS["descent"], 100, args.seconds),
                "classifier": measure.play(chromium, url, LESSONS["classifier"], 1, args.seconds),
            }
            results["size"] = measure.transfer_sizes(chromium, url, LESSONS["start"], site)
            results["size"]["own_js_css"] = measure.own_code_size(site)
            chromium.close()
        server.shutdown()
    progress("engine")
    results["engine"] = engine_benchmarks()
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    write_report(results, args.out)
    print(f"wrote {args.out} in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

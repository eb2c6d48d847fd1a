"""Turn benchmark results into BENCHMARKS.md: tables, targets met or not."""

from __future__ import annotations

from pathlib import Path

from bench.browser import STAGES
from bench.stats import ratio

NOTES = Path(__file__).with_name("NOTES.md")  # hand-written before/after records, kept across runs


def _ms(value) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f} ms" if value >= 100 else f"{value:.1f} ms" if value >= 1 else f"{value:.2f} ms"


def _x(value) -> str:
    return "–" if value is None else f"{value:.2f}×"


def _target(ok) -> str:
    return "–" if ok is None else ("met" if ok else "**not met**")


# The four starts, in the order the tables show them.
START_LABELS = {"cold_ready": "cold", "warm_ready": "warm (another lesson)", "warm_reload": "warm (same lesson)",
                "service_worker": "service worker"}
# What has happened by the time the page shows each stage (static/js/worker.js).
STAGE_LABELS = {"python": "Pyodide's WebAssembly downloaded", "numpy": "NumPy's wheel downloaded",
                "engine": "Pyodide started, NumPy loaded", "ready": "NumPy, engine and kernel imported: ready"}


def where_the_time_goes(starts: dict) -> str:
    """One paragraph: each stage's time in the warm and service-worker starts against the cold one,
    and the stage that costs each start the most."""
    cold = starts["cold_ready"]["spent"]
    parts = []
    for stage in STAGES:
        others = ", ".join(f"{START_LABELS[key]} {_x(ratio(runs['spent'][stage]['median'], cold[stage]['median']))}"
                           for key, runs in starts.items() if key != "cold_ready")
        parts.append(f"to *{STAGE_LABELS[stage]}* {_ms(cold[stage]['median'])} cold, {others}")
    longest = []
    for key, runs in starts.items():
        spent = {stage: runs["spent"][stage]["median"] for stage in STAGES if runs["spent"][stage]["median"] is not None}
        ready = runs["at"]["ready"]["median"]
        if spent and ready:
            stage = max(spent, key=spent.get)
            longest.append(f"{START_LABELS[key]}, to *{STAGE_LABELS[stage]}* ({spent[stage] / ready:.0%} of its ready time)")
    return ("**Where the time goes**, stage by stage (the median time since the stage before; the other starts as "
            "a multiple of the cold one): " + "; ".join(parts) + ". The longest stage of each start: "
            + "; ".join(longest) + ". A stage ends when its download or step does, and they overlap: NumPy's wheel "
            "is fetched once Pyodide has read its lock file, while the WebAssembly compiles; the worker's own marks "
            "in the table above place Python's start more exactly.")


def write_report(results: dict, out: Path) -> None:
    lines = ["# Benchmarks", ""]
    m = results["machine"]
    lines += [f"Measured with `{results['command']}` on {m['date']}: {m['cores']} cores ({m['cpu']}), "
              f"{m['chromium']} headless with software rendering, Python {m['python']}; the site served from "
              "localhost with the isolation headers and `Cache-Control: max-age=600`. Medians and p95 over "
              "repeated runs; ratios compare with a floor measured in the same run.", ""]
    targets = []

    floors, start = results["floors"], results["startup"]
    precompiled = results["floors_precompiled"]
    floor_total = floors["total"]["median"]
    cold = start["cold_ready"]
    sw = results["service_worker_start"]
    starts = {**start["stages"], "service_worker": sw["stages"]}

    def vs_floor(value):
        return f"{_x(ratio(value, floor_total))} stock floor"

    lines += ["## Start-up", "",
              "The floor is a bare page that calls `loadPyodide()`, then loads and imports NumPy (F_py + F_np), "
              "with Pyodide as published (stock) and with the precompiled runtime the site ships; every course "
              "figure is also given as a ratio to the stock floor.", "",
              "| measure | median | p95 | note |", "| --- | --- | --- | --- |"]
    for label, floor in (("stock", floors), ("precompiled", precompiled)):
        lines.append(f"| F_py, {label}: bare page, `loadPyodide()` | {_ms(floor['f_py']['median'])} | {_ms(floor['f_py']['p95'])} | |")
        lines.append(f"| F_np, {label}: then load and import NumPy | {_ms(floor['f_np']['median'])} | {_ms(floor['f_np']['p95'])} | |")
        lines.append(f"| **floor, {label}: F_py + F_np** | {_ms(floor['total']['median'])} | {_ms(floor['total']['p95'])} | "
                     f"{vs_floor(floor['total']['median'])} |")
    lines.append(f"| first contentful paint | {_ms(start['fcp']['median'])} | {_ms(start['fcp']['p95'])} | |")
    for key, value in (("cold_ready", cold), ("warm_ready", start["warm_ready"]), ("warm_reload", start["warm_reload"]),
                       ("service_worker", sw["ready"])):
        lines.append(f"| **{START_LABELS[key]}**: navigation to `data-python=ready` | {_ms(value['median'])} | "
                     f"{_ms(value['p95'])} | {vs_floor(value['median'])} |")
    lines.append(f"| next lesson by link (Python kept) | {_ms(start['next_lesson']['median'])} | {_ms(start['next_lesson']['p95'])} | click to cells and widgets live |")
    lines.append(f"| JS heap after a lesson is ready | {start['heap_mb']['median'] or 0:.1f} MB | | |")
    served = sw["served"]
    lines += ["", f"Each of the {served['loads']} service-worker starts was checked to be served by the service worker "
              f"(the run stops otherwise): {served['from_service_worker']} of {served['responses']} responses came "
              "from it (Playwright's `fromServiceWorker`, the Web Worker's downloads of Pyodide and NumPy included), "
              f"and {served['page_entries_from_cache_storage']} of the page's {served['page_entries']} resource "
              "timing entries were delivered from its cache (`deliveryType` `cache-storage`).", ""]

    lines += ["### Stages", "",
              "When each stage of the page's Python status began, in ms since navigation (median); in brackets, "
              "the median time since the stage before. Below them, the marks the Python worker reports with "
              "its ready message (`static/js/worker.js` timings), on the same clock.", "",
              "| stage | " + " | ".join(START_LABELS[key] for key in starts) + " |",
              "| --- |" + " --- |" * len(starts)]
    for stage in STAGES:
        cells = [f"{_ms(runs['at'][stage]['median'])} ({_ms(runs['spent'][stage]['median'])})" for runs in starts.values()]
        lines.append(f"| {STAGE_LABELS[stage]} | " + " | ".join(cells) + " |")
    # The worker's own marks (its ready message's timings), in the order the cold start reached them.
    marks = starts["cold_ready"]["worker"]
    for mark in sorted(marks, key=lambda name: marks[name]["median"] or 0):
        cells = [_ms(runs["worker"].get(mark, {}).get("median")) for runs in starts.values()]
        lines.append(f"| worker: `{mark}` | " + " | ".join(cells) + " |")
    lines += ["", where_the_time_goes(starts), ""]

    def at_most(value, limit):
        return None if value is None or not floor_total else ratio(value, floor_total) <= limit

    drag = results["first_drag"]
    lines += ["## First drag after navigation", "",
              f"The first slider on {drag['lesson']} (`{drag['at_ready']['cold']['slider']}`), moved once through the "
              "page: the moment the page marks Python ready, or as soon as its figure is on screen while Python "
              "starts. Timed in the page until the figure showing the dragged value is on screen (the next frame "
              "rendered). Cold: a fresh profile; warm: the same lesson loaded again. Requests ahead: the page's requests "
              "to Python still unanswered when the slider moved (its cells and widgets starting), median.", "",
              "| drag | start | ready → drawn p50 | p95 | input → drawn p50 | p95 | requests ahead | runs |",
              "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for mode, label in (("at_ready", "at ready"), ("during_start", "while Python starts")):
        for kind in ("cold", "warm"):
            r = drag[mode][kind]
            runs = f"{r['ready_to_drawn']['n']} of {r['runs']}" + (
                f" ({r['ready_first']} ready before the figure)" if r["ready_first"] else "")
            lines.append(f"| {label} | {kind} | {_ms(r['ready_to_drawn']['median'])} | {_ms(r['ready_to_drawn']['p95'])} | "
                         f"{_ms(r['input_to_drawn']['median'])} | {_ms(r['input_to_drawn']['p95'])} | "
                         f"{format(r['in_flight']['median'], 'g') if r['in_flight']['n'] else '–'} | {runs} |")
    lines.append("")

    def drawn_within(mode, limit_ms):
        medians = [drag[mode][kind]["ready_to_drawn"]["median"] for kind in ("cold", "warm")]
        return None if None in medians else max(medians) <= limit_ms

    targets += [
        ("cold ready ≤ 0.8 × the stock floor", at_most(cold["median"], 0.8)),
        ("warm ready (another lesson) ≤ 0.6 × the stock floor", at_most(start["warm_ready"]["median"], 0.6)),
        ("warm ready (same lesson) ≤ 0.6 × the stock floor", at_most(start["warm_reload"]["median"], 0.6)),
        ("service-worker start ≤ 0.6 × the stock floor", at_most(sw["ready"]["median"], 0.6)),
        ("first drag after navigation, at ready: drawn ≤ 0.3 s after ready (cold and warm)",
         drawn_within("at_ready", 300)),
        ("first drag after navigation, while Python starts: drawn ≤ 0.3 s after ready (cold and warm)",
         drawn_within("during_start", 300)),
        ("next lesson ≤ 0.3 s", start["next_lesson"]["median"] <= 300 if start["next_lesson"]["median"] else None),
        ("first contentful paint ≤ 0.5 s", start["fcp"]["median"] <= 500 if start["fcp"]["median"] else None),
    ]

    lines += ["## Interaction", "",
              "Slider to figure: a value set on the slider, through the worker and Python, until the new figure "
              "is on screen (the next frame rendered). The floor is `Plotly.react` alone on the same figure, "
              "with fresh typed arrays of the same shape, until on screen the same way (F_plot; F_3D for the "
              "3-D figures).", "",
              "| figure | full p50 | full p95 | floor p50 | floor p95 | p95 ratio |", "| --- | --- | --- | --- | --- | --- |"]
    sliders = results["sliders"]
    for name, label in (("line", "line with data (`line_fit`)"), ("surface", "two-input surface (3-D, 120×120)"),
                        ("landscape", "loss landscape (120×120)")):
        r = sliders.get(name)
        if not r:
            lines.append(f"| {label} | not found | | | | |")
            continue
        lines.append(f"| {label} ({r['lesson']}, `{r['slider']}`) | {_ms(r['full']['median'])} | {_ms(r['full']['p95'])} | "
                     f"{_ms(r['floor']['median'])} | {_ms(r['floor']['p95'])} | {_x(ratio(r['full']['p95'], r['floor']['p95']))} |")
    run = results["run_cell"]
    lines += ["", f"Run on a small cell (`sum(range(10))`), click to output: median {_ms(run['median'])}, p95 {_ms(run['p95'])}.", ""]
    line = sliders.get("line")
    if line:
        targets.append(("line slider p95 ≤ 1.5 × F_plot and ≤ 25 ms",
                        ratio(line["full"]["p95"], line["floor"]["p95"]) <= 1.5 and line["full"]["p95"] <= 25))
    landscape = sliders.get("landscape")
    if landscape:
        targets.append(("120×120 landscape p95 ≤ 60 ms", landscape["full"]["p95"] <= 60))

    lines += ["## Animation", "", "| Play | speed | frames/s | iterations/s | longest frame gap |", "| --- | --- | --- | --- | --- |"]
    for name, label in (("descent", "gradient descent (2-D views)"), ("descent_fast", "gradient descent (2-D views)"),
                        ("classifier", "3-D classifier")):
        r = results["play"].get(name)
        if not r:
            lines.append(f"| {label} | not found | | | |")
            continue
        lines.append(f"| {label} ({r['lesson']}) | {r['speed']} | {r['fps']:.1f} | {r['iterations_per_s']:,.0f} | {_ms(r['longest_frame_gap_ms'])} |")
    lines.append("")
    if results["play"].get("descent"):
        targets.append(("Play ≥ 54 fps on 2-D views", results["play"]["descent"]["fps"] >= 54))
    if results["play"].get("classifier"):
        targets.append(("Play ≥ 20 fps on the 3-D plane", results["play"]["classifier"]["fps"] >= 20))

    engine = results["engine"]
    lines += ["## Engine", "", "| benchmark | CPython median | Pyodide median | Pyodide ÷ CPython |", "| --- | --- | --- | --- |"]
    for key in engine["cpython"]:
        if "median_ms" not in engine["cpython"][key]:
            continue
        c, p = engine["cpython"][key], engine["pyodide"].get(key, {})
        cm, pm = c.get("median_ms"), p.get("median_ms")
        lines.append(f"| {key} | {_ms(cm)} | {_ms(pm)} | {_x(ratio(pm, cm))} |")
    lines.append("")
    grid, step = "landscape_200x200_line_8_points", "classifier_step_3d_500_points"
    if grid in engine["cpython"] and grid in engine["pyodide"]:
        targets.append(("engine: 200×200 landscape < 5 ms CPython, < 20 ms Pyodide",
                        engine["cpython"][grid]["median_ms"] < 5 and engine["pyodide"][grid]["median_ms"] < 20))
    if step in engine["cpython"]:
        targets.append(("engine: classifier step < 0.2 ms CPython", engine["cpython"][step]["median_ms"] < 0.2))

    build = results["build"]
    lines += ["## Build", "", f"Full build (vendoring cached): median {_ms(build['build']['median'])}; "
              f"`build.py check`: median {_ms(build['check']['median'])}.", ""]

    size = results["size"]
    lines += ["## Size", "", "First visit to a lesson, bytes transferred:", "",
              "| part | files | raw | gzip |", "| --- | --- | --- | --- |"]
    for part, label in (("own", "our HTML, JS, CSS, engine archive"), ("vendor", "vendored runtime (Pyodide, NumPy, Plotly, editor, KaTeX)")):
        s = size[part]
        lines.append(f"| {label} | {s['files']} | {s['raw'] / 1e6:.2f} MB | {s['gzip'] / 1e6:.2f} MB |")
    lines += ["", f"Our own JavaScript and CSS: {size['own_js_css'] / 1000:.1f} KB before compression.", ""]
    targets.append(("our own JS + CSS ≤ 150 KB", size["own_js_css"] <= 150_000))

    lines += ["## Targets", "", "| target | result |", "| --- | --- |"]
    lines += [f"| {name} | {_target(ok)} |" for name, ok in targets]
    lines.append("")
    if NOTES.exists():
        lines += [NOTES.read_text(encoding="utf-8").strip(), ""]
    out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(f"{'MET ' if ok else 'MISS'} {name}" for name, ok in targets if ok is not None))

"""Turn benchmark results into BENCHMARKS.md: tables, targets met or not."""

from __future__ import annotations

from pathlib import Path

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
    lines.append(f"| **cold**: navigation to `data-python=ready` | {_ms(cold['median'])} | {_ms(cold['p95'])} | "
                 f"{vs_floor(cold['median'])} |")
    for stage, label in (("python", "download done, Python starting"), ("numpy", "NumPy wheel in"),
                         ("engine", "Pyodide + NumPy up, engine loading"), ("ready", "ready")):
        stage_times = start["stages"][stage]
        lines.append(f"| ↳ stage: {label} | {_ms(stage_times['median'])} | {_ms(stage_times['p95'])} | since navigation |")
    for key, label in (("warm_ready", "**warm**: another lesson, HTTP cache hot"),
                       ("warm_reload", "**warm**: the same lesson again, HTTP cache hot")):
        lines.append(f"| {label} | {_ms(start[key]['median'])} | {_ms(start[key]['p95'])} | "
                     f"{vs_floor(start[key]['median'])} |")
    lines.append(f"| **second visit, service worker cache** | {_ms(sw['median'])} | {_ms(sw['p95'])} | "
                 f"{vs_floor(sw['median'])} |")
    lines.append(f"| next lesson by link (Python kept) | {_ms(start['next_lesson']['median'])} | {_ms(start['next_lesson']['p95'])} | click to cells and widgets live |")
    lines.append(f"| JS heap after a lesson is ready | {start['heap_mb']['median'] or 0:.1f} MB | | |")
    lines.append("")

    def at_most(value, limit):
        return None if value is None or not floor_total else ratio(value, floor_total) <= limit

    targets += [
        ("cold ready ≤ 0.8 × the stock floor", at_most(cold["median"], 0.8)),
        ("warm ready (another lesson) ≤ 0.6 × the stock floor", at_most(start["warm_ready"]["median"], 0.6)),
        ("warm ready (same lesson) ≤ 0.6 × the stock floor", at_most(start["warm_reload"]["median"], 0.6)),
        ("service-worker start ≤ 0.6 × the stock floor", at_most(sw["median"], 0.6)),
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

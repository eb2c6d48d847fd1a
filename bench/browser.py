"""Measurements in headless Chromium of the built course served from localhost.

Each function takes a running Playwright browser and the site's URL and
returns plain numbers (milliseconds unless named otherwise). Floors are
measured in the same run, on the same machine, so ratios are meaningful.
"""

from __future__ import annotations

import gzip
import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

from bench.stats import summary

STAGE_TIMINGS = """
  window.benchStages = {};
  new MutationObserver(() => {
    const stage = document.getElementById('python-status')?.dataset.stage;
    if (stage && !(stage in window.benchStages)) window.benchStages[stage] = performance.now();
  }).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-stage']});
"""


def _context(browser, service_workers="block"):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers=service_workers)
    context.add_init_script(STAGE_TIMINGS)
    return context


def _ready(page, timeout=90_000):
    """Milliseconds from navigation until the page marked Python ready.

    Read from the page's own clock when the status changed (STAGE_TIMINGS),
    not when the test noticed: a busy main thread delays the noticing.
    """
    page.wait_for_selector("html[data-python=ready]", timeout=timeout)
    return page.evaluate("window.benchStages?.ready ?? performance.now()")


def _live(page):
    """Wait until every widget on the page has its first reply from Python."""
    page.wait_for_function("() => [...document.querySelectorAll('.widget')].every(w => w.hasAttribute('data-live'))",
                           timeout=60_000)


NEXT_LESSON = """(from) => new Promise((resolve) => {
  const started = performance.now();
  document.querySelector('a[rel=next]').click();
  const settled = () => document.querySelector('main')?.dataset.lesson !== from
    && [...document.querySelectorAll('main .widget')].every((w) => w.hasAttribute('data-live'))
    && ![...document.querySelectorAll('main .cell')].some((c) => c.hasAttribute('data-running'));
  const check = () => (settled() ? resolve(performance.now() - started) : setTimeout(check, 2));
  check();
})"""


def startup(browser, url: str, lesson: str, other: str, runs: int) -> dict:
    """First contentful paint, cold and warm start, stages, and the next lesson."""
    cold, fcp, warm, reload, next_lesson, heap = [], [], [], [], [], []
    stages = {name: [] for name in ("python", "numpy", "engine", "ready")}
    for _ in range(runs):
        context = _context(browser)
        page = context.new_page()
        page.goto(url + lesson)
        cold.append(_ready(page))
        fcp.append(page.evaluate("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null"))
        seen = page.evaluate("window.benchStages")
        for name in stages:
            stages[name].append(seen.get(name))
        heap.append(page.evaluate("performance.memory ? performance.memory.usedJSHeapSize : null"))
        # The next lesson through a link: the page swaps, Python stays. Timed in
        # the page, from the click to its cells run and its widgets live.
        _live(page)
        page.wait_for_timeout(500)
        next_lesson.append(page.evaluate(NEXT_LESSON, lesson.removesuffix(".html")))
        # Warm: a full page load of another lesson with the HTTP cache hot,
        # then the same lesson reloaded.
        page.goto(url + other)
        warm.append(_ready(page))
        page.goto(url + lesson)
        reload.append(_ready(page))
        context.close()
    return {
        "fcp": summary(fcp), "cold_ready": summary(cold), "warm_ready": summary(warm),
        "warm_reload": summary(reload),
        "next_lesson": summary(next_lesson),
        "stages": {name: summary(values) for name, values in stages.items()},
        "heap_mb": summary([h / 1e6 for h in heap if h]),
    }


def service_worker_start(browser, url: str, lesson: str, runs: int) -> dict:
    """Start with the service worker's cache: the real second visit."""
    times = []
    context = _context(browser, service_workers="allow")
    page = context.new_page()
    page.goto(url + lesson)
    _ready(page)
    page.wait_for_function("async () => (await navigator.serviceWorker.ready) && !!navigator.serviceWorker.controller",
                           timeout=120_000)
    for _ in range(runs):
        page.goto(url + lesson)
        times.append(_ready(page))
    context.close()
    return summary(times)


def floors(browser, url: str, runs: int, runtime: str) -> dict:
    """F_py: a bare page calling loadPyodide(); F_np: then loading and importing NumPy.

    `runtime` names a folder under bench-runtime/ (write_floor_page): "stock"
    is Pyodide as published, "precompiled" the runtime the site ships.
    """
    f_py, f_np = [], []
    for _ in range(runs):
        context = _context(browser)
        page = context.new_page()
        page.goto(f"{url}bench-floor.html?runtime={runtime}")
        page.wait_for_function("() => window.floor && window.floor.done", timeout=90_000)
        result = page.evaluate("window.floor")
        f_py.append(result["pyodide"])
        f_np.append(result["numpy"])
        context.close()
    return {"f_py": summary(f_py), "f_np": summary(f_np),
            "total": summary([a + b for a, b in zip(f_py, f_np)])}


FLOOR_PAGE = """<!doctype html><meta charset="utf-8"><title>floor</title>
<script type="module">
const folder = new URL(`bench-runtime/${new URLSearchParams(location.search).get("runtime")}/`, location.href).href;
const { loadPyodide } = await import(folder + "pyodide.mjs");
const t0 = performance.now();
const pyodide = await loadPyodide({ indexURL: folder });
const t1 = performance.now();
await pyodide.loadPackage("numpy", { messageCallback: () => {} });
pyodide.runPython("import numpy");
const t2 = performance.now();
window.floor = { pyodide: t1, numpy: t2 - t1, done: true };
</script>"""


def write_floor_page(site: Path, runtimes: dict[str, Path]) -> None:
    """The bare floor page, and each runtime folder beside it (hard links, not copies)."""
    (site / "bench-floor.html").write_text(FLOOR_PAGE, encoding="utf-8")
    for name, folder in runtimes.items():
        target = site / "bench-runtime" / name
        target.mkdir(parents=True)
        for file in folder.iterdir():
            try:
                os.link(file, target / file.name)
            except OSError:
                shutil.copy2(file, target / file.name)


# Both measurements stop once the new picture is on screen: the next
# animation frame has run, and what WebGL does right after it (Plotly's 3-D
# hover picking reads pixels back a moment later), so 2-D and 3-D compare fairly.
ON_SCREEN = "() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 5)))"

SLIDER_LATENCY = """async ([widgetIndex, sliderName, moves]) => {
  const onScreen = """ + ON_SCREEN + """;
  const widget = document.querySelectorAll('.widget')[widgetIndex];
  const range = widget.querySelector(`.slider[data-name="${sliderName}"] input[type="range"]`);
  const min = Number(range.min), max = Number(range.max), step = Number(range.step);
  const times = [];
  for (let i = 0; i < moves; i++) {
    const value = min + (max - min) * (0.3 + 0.4 * ((i * 7) % 10) / 10);
    const drawn = new Promise((resolve) => widget.addEventListener('widget:drawn', resolve, { once: true }));
    const started = performance.now();
    range.value = String(Math.round(value / step) * step);
    range.dispatchEvent(new Event('input', { bubbles: true }));
    await drawn;
    await onScreen();
    times.push(performance.now() - started);
  }
  return times;
}"""

PLOT_FLOOR = """async ([widgetIndex, plotIndex, repeats]) => {
  const onScreen = """ + ON_SCREEN + """;
  // Plotly.react alone, on a copy of the same figure with fresh typed arrays
  // of the same shape each time, in a div of the same size.
  const source = document.querySelectorAll('.widget')[widgetIndex].querySelectorAll('.plot')[plotIndex];
  const box = source.getBoundingClientRect();
  const div = document.createElement('div');
  div.style.cssText = `position:absolute;left:0;top:0;width:${box.width}px;height:${box.height}px`;
  document.body.append(div);
  const fresh = (value, k) => {
    if (ArrayBuffer.isView(value)) return value.map((v) => v + 1e-9 * k);
    if (Array.isArray(value)) return value.map((v) => (typeof v === 'number' ? v + 1e-9 * k : fresh(v, k)));
    return value;
  };
  const figure = (k) => source.data.map((trace) => {
    const copy = { ...trace };
    for (const key of ['x', 'y', 'z']) if (copy[key]) copy[key] = fresh(copy[key], k);
    return copy;
  });
  const layout = JSON.parse(JSON.stringify(source.layout));
  // The page's own Plotly settings (static/js/plots.js), so only the extra work differs.
  const config = { responsive: true, displaylogo: false, plotGlPixelRatio: Math.min(2, window.devicePixelRatio || 1) };
  await Plotly.newPlot(div, figure(0), layout, config);
  const times = [];
  for (let k = 1; k <= repeats; k++) {
    const data = figure(k);
    const started = performance.now();
    await Plotly.react(div, data, layout, config);
    await onScreen();
    times.push(performance.now() - started);
  }
  Plotly.purge(div);
  div.remove();
  return times;
}"""


def _open_lesson(browser, url: str, lesson: str):
    """A fresh tab on `lesson`, once Python is ready and every widget is live."""
    context = _context(browser)
    page = context.new_page()
    page.goto(url + lesson)
    _ready(page)
    _live(page)
    return context, page


def solve_exercises(page) -> None:
    for exercise in page.locator(".exercise").all():
        exercise.get_by_role("button", name="Show the solution").click()
        exercise.get_by_role("button", name="Put this in the cell and run it").click()
        page.wait_for_function("(e) => e.dataset.state === 'passed'", arg=exercise.element_handle(), timeout=30_000)
    page.wait_for_timeout(500)


def find_widget(page, kind: str) -> tuple[int, str] | None:
    """The first widget whose first figure is `kind(...)` and that has a slider."""
    return page.evaluate("""(kind) => {
        const widgets = [...document.querySelectorAll('.widget')];
        for (const [index, widget] of widgets.entries()) {
          const spec = JSON.parse(widget.querySelector('.widget-spec').textContent);
          const names = Object.keys(spec.sliders || {});
          if (names.length && (spec.figures[0] || '').startsWith(kind + '(')) return [index, names[0]];
        }
        return null;
    }""", kind)


def slider_latency(browser, url: str, lesson: str, kind: str, moves: int) -> dict | None:
    """Slider -> worker -> Python -> Plotly for a figure kind, next to Plotly.react alone."""
    context, page = _open_lesson(browser, url, lesson)
    found = find_widget(page, kind)
    if found is None:
        context.close()
        return None
    index, name = found
    page.locator(".widget").nth(index).scroll_into_view_if_needed()
    page.evaluate(SLIDER_LATENCY, [index, name, 5])  # warm up
    full = page.evaluate(SLIDER_LATENCY, [index, name, moves])
    floor = page.evaluate(PLOT_FLOOR, [index, 0, moves])
    context.close()
    return {"lesson": lesson, "slider": name, "full": summary(full), "floor": summary(floor)}


def run_cell(browser, url: str, lesson: str, repeats: int) -> dict:
    """Press Run on a small cell: click to its output."""
    context = _context(browser)
    page = context.new_page()
    page.goto(url + lesson)
    _ready(page)
    page.wait_for_function("() => ![...document.querySelectorAll('.cell')].some(c => c.hasAttribute('data-running'))")
    cell = page.locator(".cell").first
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text("sum(range(10))")
    times = page.evaluate("""async (repeats) => {
        const cell = document.querySelector('.cell');
        const times = [];
        for (let i = 0; i < repeats; i++) {
          const done = new Promise((resolve) => cell.addEventListener('cell:ran', resolve, { once: true }));
          const started = performance.now();
          cell.querySelector('.cell-run').click();
          await done;
          times.push(performance.now() - started);
        }
        return times;
    }""", repeats)
    context.close()
    return summary(times)


def play(browser, url: str, lesson: str, speed: int, seconds: float) -> dict | None:
    """Frames and iterations per second while Play runs.

    The lesson's exercises are solved first (their solutions put in and run),
    as a reader who got there would have: in the gradient-descent lesson the
    training loop is the exercise, and unsolved it moves nothing.
    """
    context, page = _open_lesson(browser, url, lesson)
    solve_exercises(page)
    index = page.evaluate("""() => [...document.querySelectorAll('.widget')].findIndex(w => w.querySelector('.train-play'))""")
    if index < 0:
        context.close()
        return None
    widget = page.locator(".widget").nth(index)
    widget.scroll_into_view_if_needed()
    widget.locator(".train-speed select").select_option(str(speed))
    result = page.evaluate("""async ([index, seconds]) => {
        const widget = document.querySelectorAll('.widget')[index];
        let frames = 0;
        widget.addEventListener('widget:drawn', () => frames++);
        let painted = 0, last = performance.now(), gaps = [];
        let running = true;
        const tick = (now) => { painted++; gaps.push(now - last); last = now; if (running) requestAnimationFrame(tick); };
        requestAnimationFrame(tick);
        widget.querySelector('.train-play').click();
        const started = performance.now();
        await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
        const elapsed = (performance.now() - started) / 1000;
        const counted = frames;
        widget.querySelector('.train-play').click();
        running = false;
        const diverged = widget.hasAttribute('data-diverged');
        return { frames: counted, elapsed, diverged, longestGap: Math.max(...gaps) };
    }""", [index, seconds])
    context.close()
    fps = result["frames"] / result["elapsed"]
    return {"lesson": lesson, "speed": speed, "fps": fps, "iterations_per_s": fps * speed,
            "diverged": result["diverged"], "longest_frame_gap_ms": result["longestGap"]}


def transfer_sizes(browser, url: str, lesson: str, site: Path) -> dict:
    """Bytes a first visit downloads, raw and gzip, our own files apart from the vendored runtime."""
    context = _context(browser)
    page = context.new_page()
    urls = []
    page.on("requestfinished", lambda request: urls.append(request.url))
    page.goto(url + lesson)
    _ready(page)
    _live(page)  # not _open_lesson: the listener must be there before the page loads
    page.wait_for_timeout(500)
    context.close()
    root = urlparse(url).path
    totals = {"own": {"raw": 0, "gzip": 0, "files": 0}, "vendor": {"raw": 0, "gzip": 0, "files": 0}}
    for address in sorted(set(urls)):
        path = urlparse(address).path[len(root):] or "index.html"
        file = site / path
        if not file.is_file():
            continue
        data = file.read_bytes()
        group = "vendor" if path.startswith("vendor/") else "own"
        totals[group]["raw"] += len(data)
        totals[group]["gzip"] += len(gzip.compress(data, 9))
        totals[group]["files"] += 1
    return totals


def own_code_size(site: Path) -> int:
    """Bytes of our own JavaScript and CSS (before compression)."""
    files = list((site / "static" / "js").glob("*.js")) + list((site / "static" / "css").glob("*.css"))
    return sum(path.stat().st_size for path in files)

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
from builder.vendor import NUMPY_WHEEL, PYODIDE_FILES

# The stages the page's Python status passes through (#python-status[data-stage]),
# in order: the WebAssembly in, the NumPy wheel in, Pyodide + NumPy up (the
# course's engine loading), ready.
STAGES = ("python", "numpy", "engine", "ready")

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


def _stages(page) -> dict:
    """When each stage began in this page load, in ms since navigation (None if never seen),
    and under "worker" the marks the Python worker sent with its ready message, on the same clock."""
    seen = page.evaluate("window.benchStages")
    marks = page.evaluate("""() => Object.fromEntries(Object.entries(window.coursePython.runtime.timings || {})
        .map(([name, epoch]) => [name, epoch - performance.timeOrigin]))""")
    return {**{name: seen.get(name) for name in STAGES}, "worker": marks}


def _stage_summary(runs: list[dict]) -> dict:
    """Per stage: when it began ("at", since navigation) and how long it took
    ("spent", since the stage before it, or since navigation), over the runs;
    and when each of the worker's marks was reached ("worker", since navigation)."""
    spent = {name: [] for name in STAGES}
    for stages in runs:
        before = 0.0
        for name in STAGES:
            if stages[name] is not None:
                spent[name].append(stages[name] - before)
                before = stages[name]
    marks = dict.fromkeys(name for stages in runs for name in stages["worker"])
    return {"at": {name: summary([stages[name] for stages in runs]) for name in STAGES},
            "spent": {name: summary(values) for name, values in spent.items()},
            "worker": {mark: summary([stages["worker"].get(mark) for stages in runs]) for mark in marks}}


def startup(browser, url: str, lesson: str, other: str, runs: int) -> dict:
    """First contentful paint, cold and warm start, stages, and the next lesson."""
    cold, fcp, warm, reload, next_lesson, heap = [], [], [], [], [], []
    stages = {"cold_ready": [], "warm_ready": [], "warm_reload": []}
    for _ in range(runs):
        context = _context(browser)
        page = context.new_page()
        page.goto(url + lesson)
        cold.append(_ready(page))
        stages["cold_ready"].append(_stages(page))
        fcp.append(page.evaluate("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null"))
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
        stages["warm_ready"].append(_stages(page))
        page.goto(url + lesson)
        reload.append(_ready(page))
        stages["warm_reload"].append(_stages(page))
        context.close()
    return {
        "fcp": summary(fcp), "cold_ready": summary(cold), "warm_ready": summary(warm),
        "warm_reload": summary(reload),
        "next_lesson": summary(next_lesson),
        "stages": {start: _stage_summary(values) for start, values in stages.items()},
        "heap_mb": summary([h / 1e6 for h in heap if h]),
    }


def wait_until(page, script: str, failure: str, timeout_ms: int = 120_000) -> None:
    """Evaluate `script` in the page until it gives a true value.

    Polled with page.evaluate, which awaits a promise: page.wait_for_function
    takes the promise an async function returns for a true value and returns
    at once, without waiting for what the promise says.
    """
    for _ in range(max(1, timeout_ms // 250)):
        if page.evaluate(script):
            return
        page.wait_for_timeout(250)
    raise TimeoutError(f"{failure} (still false after {timeout_ms / 1000:.0f} s: {script})")


# The files Python's start fetches (in the Web Worker): Pyodide's and NumPy's wheel.
RUNTIME_FILES = (*PYODIDE_FILES, NUMPY_WHEEL)

# Who answered this page load: the controller, and whether the navigation and
# every resource the page itself fetched came from the service worker: from
# its cache (deliveryType "cache-storage", Chromium's word for it) or at least
# through it (workerStart > 0; Chromium leaves it 0 on some cached answers).
SERVED_IN_PAGE = """() => {
  const entries = [performance.getEntriesByType('navigation')[0],
    ...performance.getEntriesByType('resource').filter((e) => e.name.startsWith(location.origin))];
  const fromCache = (e) => e.deliveryType === 'cache-storage';
  return {
    controlled: !!navigator.serviceWorker.controller,
    entries: entries.length,
    from_service_worker: entries.filter((e) => fromCache(e) || e.workerStart > 0).length,
    from_cache_storage: entries.filter(fromCache).length,
  };
}"""


def service_worker_start(browser, url: str, lesson: str, runs: int) -> dict:
    """Start with the service worker's cache: the real second visit.

    The first visit installs the worker (keepOffline registers it once Python
    is ready; it takes control once the whole build is in its cache). Every
    measured load is then checked to have been served by it: in the page (the
    controller, the navigation's and resources' timing entries) and by
    Playwright, whose responses include those the Web Worker running Python
    fetched (the runtime files), each marked from_service_worker or not. A
    load that the network or the HTTP cache answered fails the benchmark.
    """
    times, stages = [], []
    served = {"loads": 0, "responses": 0, "from_service_worker": 0, "page_entries": 0,
              "page_entries_from_cache_storage": 0}
    context = _context(browser, service_workers="allow")
    page = context.new_page()
    page.goto(url + lesson)
    _ready(page)
    wait_until(page, "async () => (await navigator.serviceWorker.ready) && !!navigator.serviceWorker.controller",
               "the service worker never took control of the page (did its install fail?)")
    responses = []
    # The worker's update check (sw.js, fetched past every cache) is the one
    # request the service worker itself never answers.
    context.on("response", lambda response: responses.append(response)
               if response.url.startswith(url) and not response.url.endswith("/sw.js") else None)
    for _ in range(runs):
        responses.clear()
        page.goto(url + lesson)
        times.append(_ready(page))
        stages.append(_stages(page))
        in_page = page.evaluate(SERVED_IN_PAGE)
        missed = sorted({r.url.removeprefix(url) for r in responses if not r.from_service_worker})
        # The runtime's files must be among them, or the Web Worker's fetches went unseen.
        unseen = [name for name in RUNTIME_FILES if not any(r.url.endswith(name) for r in responses)]
        if not in_page["controlled"] or missed or unseen or in_page["from_service_worker"] < in_page["entries"]:
            raise AssertionError(f"a service-worker start was not served by the service worker: {in_page}, "
                                 f"answered elsewhere: {missed}, runtime files not seen: {unseen}")
        served["loads"] += 1
        served["responses"] += len(responses)
        served["from_service_worker"] += len(responses) - len(missed)
        served["page_entries"] += in_page["entries"]
        served["page_entries_from_cache_storage"] += in_page["from_cache_storage"]
    context.close()
    return {"ready": summary(times), "stages": _stage_summary(stages), "served": served}


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


# The reader's first drag after navigation, timed in the page. The first
# widget with a slider is scrolled into view as the page loads; its slider is
# moved once (set through the page, as SLIDER_LATENCY does) either the moment
# the page marks Python ready ("ready"), or as soon as the widget's first state
# is on screen while Python is still starting ("early"). Every widget:drawn
# is logged, with what the widget's plots then show, once it is on screen.
# The drag counts as drawn at the first logged picture equal to the one the
# widget settles on (the dragged value's), however many replies come first.
FIRST_DRAG = """(mode) => {
  const bench = window.benchDrag = { mode, log: [], input: null, readyFirst: false };
  const onScreen = """ + ON_SCREEN + """;
  const ready = () => document.documentElement.dataset.python === 'ready';
  document.addEventListener('DOMContentLoaded', () => {
    const widget = [...document.querySelectorAll('.widget')].find((w) => w.querySelector('.slider input[type="range"]'));
    if (!widget) return void (bench.missing = true);
    const range = widget.querySelector('.slider input[type="range"]');
    bench.range = range;
    bench.slider = range.closest('.slider').dataset.name;
    widget.scrollIntoView({ block: 'center' });
    widget.addEventListener('widget:drawn', () => {
      const entry = { t: null, picture: window.benchPicture(widget) };
      bench.log.push(entry);
      onScreen().then(() => (entry.t = performance.now()));
    });
    const move = () => {
      bench.input = performance.now();
      // What the drag waits behind: requests the page already sent Python (cells, widgets opening).
      bench.inFlight = window.coursePython.runtime.pending.size;
      const min = Number(range.min), max = Number(range.max), step = Number(range.step);
      const far = Math.abs(Number(range.value) - max) > Math.abs(Number(range.value) - min) ? max : min;
      range.value = String(Math.round((Number(range.value) + 0.6 * (far - Number(range.value))) / step) * step);
      bench.value = range.value;
      range.dispatchEvent(new Event('input', { bubbles: true }));
      // Still the picture from before the drag: the page answers it only once Python replies.
      bench.before = window.benchPicture(widget);
    };
    if (mode === 'ready') {
      new MutationObserver((records, observer) => {
        if (ready()) { observer.disconnect(); move(); }
      }).observe(document.documentElement, { attributes: true, attributeFilter: ['data-python'] });
      return;
    }
    // Early: a reader can drag once they see the figure, i.e. every plot of the widget drawn.
    const poll = () => {
      if (ready()) bench.readyFirst = true;
      else if (window.benchPicture(widget) !== null) onScreen().then(() => (ready() ? (bench.readyFirst = true) : move()));
      else requestAnimationFrame(poll);
    };
    poll();
  });
}"""

# What a widget's plots show: their traces' coordinates and shapes (what
# moves when a slider does), or a table's text; null while a plot has not been
# drawn yet. Taken as references, which costs the page nothing while it is
# timed (each reply brings new arrays; nothing changes them afterwards), and
# turned into strings to compare only once the timing is over (benchText).
PICTURE = """window.benchPicture = (widget) => {
  const plots = [...widget.querySelectorAll('.plot')];
  if (!plots.every((plot) => plot.data || plot.classList.contains('plot-table'))) return null;
  return plots.map((plot) => (plot.classList.contains('plot-table') ? plot.textContent
    : [plot.data.map(({ x, y, z }) => [x, y, z]), plot.layout?.shapes || []]));
};
window.benchText = (picture) => picture && JSON.stringify(picture,
  (key, value) => (key.startsWith('_') ? undefined : ArrayBuffer.isView(value) ? Array.from(value) : value));"""

# Settled: no request to Python in flight and no new picture for this long.
# (A widget sends its next request before its last picture is logged.)
SETTLED_MS = 300


def _first_drag_once(page, url: str, lesson: str) -> dict | None:
    """Load `lesson` and time the drag FIRST_DRAG makes (None: Python was ready before the figure)."""
    page.goto(url + lesson)
    ready = _ready(page)
    page.wait_for_function("() => window.benchDrag.input !== null || window.benchDrag.readyFirst || window.benchDrag.missing",
                           timeout=60_000)
    if page.evaluate("window.benchDrag.missing"):
        raise LookupError(f"{lesson} has no widget with a slider to drag")
    if page.evaluate("window.benchDrag.readyFirst"):
        return None
    page.wait_for_function(f"""() => {{
        const log = window.benchDrag.log;
        return window.coursePython.runtime.pending.size === 0 && log.length && log.every((entry) => entry.t)
          && performance.now() - log[log.length - 1].t > {SETTLED_MS};
    }}""", timeout=60_000)
    drag = page.evaluate("""() => {
        const bench = window.benchDrag;
        const range = bench.range, widget = range.closest('.widget');
        const now = window.benchText(window.benchPicture(widget));
        const index = bench.log.findIndex((entry) => window.benchText(entry.picture) === now);
        const earlier = [bench.before, ...bench.log.slice(0, Math.max(index, 0)).map((entry) => entry.picture)]
          .map(window.benchText);
        return { input: bench.input, drawn: index < 0 ? null : bench.log[index].t, value: Number(bench.value),
                 slider: bench.slider, in_flight: bench.inFlight, step: Number(range.step), shown: Number(range.value),
                 changed: earlier.some((picture) => picture !== null && picture !== now) };
    }""")
    # The figure must have moved from what it showed, to the dragged value, or the time means nothing.
    if drag["drawn"] is None or not drag["changed"] or abs(drag["shown"] - drag["value"]) > drag["step"] / 2:
        raise AssertionError(f"the first drag on {lesson} did not end on its own picture: {drag}")
    return {"slider": drag["slider"], "ready_to_drawn": drag["drawn"] - ready,
            "input_to_drawn": drag["drawn"] - drag["input"], "input_to_ready": ready - drag["input"],
            "in_flight": drag["in_flight"]}


def first_drag(browser, url: str, lesson: str, runs: int) -> dict:
    """The reader's first slider drag after navigation, cold and warm (the same lesson reloaded).

    "at_ready": the slider moves the moment the page says Python is ready;
    "during_start": it moves as soon as its figure is on screen, while Python
    starts. Both are timed from ready to the new figure on screen, and from the
    input event to it.
    """
    results = {}
    for mode, name in (("ready", "at_ready"), ("early", "during_start")):
        samples = {"cold": [], "warm": []}
        for _ in range(runs):
            context = _context(browser)
            context.add_init_script(PICTURE)
            context.add_init_script(f"({FIRST_DRAG})({mode!r})")
            page = context.new_page()
            for start in ("cold", "warm"):
                samples[start].append(_first_drag_once(page, url, lesson))
            context.close()
        results[name] = {start: _drag_summary(values) for start, values in samples.items()}
    return {"lesson": lesson, **results}


def _drag_summary(runs: list[dict | None]) -> dict:
    done = [run for run in runs if run]
    return {"slider": done[0]["slider"] if done else None, "runs": len(runs),
            "ready_first": len(runs) - len(done),  # Python was ready before the figure could be dragged
            **{key: summary([run[key] for run in done])
               for key in ("ready_to_drawn", "input_to_drawn", "input_to_ready", "in_flight")}}


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
    """Bytes of our own JavaScript and CSS (before compression).

    They live under static/<hash of the build's static files>/ (builder/assets.py).
    """
    files = list(site.glob("static/*/js/*.js")) + list(site.glob("static/*/css/*.css"))
    if not files:
        raise FileNotFoundError(f"no JavaScript or CSS under {site / 'static'}")
    return sum(path.stat().st_size for path in files)

"""Everyone can use the course, and nothing leaves the page, checked by tools nobody here wrote.

For every page (the index and each lesson), in the light and the dark scheme,
one tab: wait for Python, scroll through so every figure and editor mounts,
use a widget (Step, Play, Pause) and an exercise (shown wrong, then solved),
press every button of every figure's tool bar with the network blocked, then
run axe-core (npm, pinned in package.json) and require no serious or critical
violation; on the phone, layout shift (CLS) up to then is at most 0.05.
Also: a figure's live description follows a slider, an editor
says how to leave it, and on a phone a widget's Step button and its main plot
are on screen together.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from builder.lessons import read_course
from builder.site import ROOT

COURSE = read_course(ROOT / "lessons")
PAGES = ["index"] + [lesson.slug for lesson in COURSE]
AXE = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text()

RUN_AXE = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.length} nodes, e.g. ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}"""

# Links to other sites are allowed only as plain links in prose (articles the
# lessons cite, Pyodide in the footer): they carry nothing the reader typed.
EXTERNAL_LINKS = """() => [...document.querySelectorAll("a[href], form[action], [formaction]")]
  .map((el) => [el.closest(".lesson p, .lesson li, .lesson blockquote, .site-footer p") ? "prose" : "control",
                el.href || el.action || el.formAction, el.outerHTML.slice(0, 120)])
  .filter(([, url]) => new URL(url, location.href).origin !== location.origin)"""


def settle(reader, page):
    """Wait for Python, then scroll through the page so every figure and editor mounts."""
    reader.wait_for_python(timeout=90_000)
    page.wait_for_function("() => [...document.querySelectorAll('.widget')].every(w => w.hasAttribute('data-live'))",
                           timeout=60_000)
    height = page.evaluate("document.documentElement.scrollHeight")
    for y in range(0, height + 900, 700):
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(60)
    page.wait_for_function("""() => [...document.querySelectorAll('.cell')].every(c => c.querySelector('.cm-editor'))
        && [...document.querySelectorAll('.widget .plot')].every(p => p.querySelector('table, .main-svg'))""",
                           timeout=30_000)
    page.wait_for_function("() => ![...document.querySelectorAll('.cell')].some(c => c.hasAttribute('data-running'))",
                           timeout=60_000)


def use_a_widget(page):
    trainer = page.locator(".widget:has(.train-step)").first
    if not trainer.count():
        return
    trainer.scroll_into_view_if_needed()
    trainer.locator(".train-step").first.click()
    play = trainer.locator(".train-play")
    if play.count():
        play.click()
        page.wait_for_timeout(300)
        play.click()
        page.wait_for_function("(b) => b.getAttribute('aria-pressed') === 'false'", arg=play.element_handle())


def solve_an_exercise(page):
    exercise = page.locator(".exercise").first
    if not exercise.count():
        return
    cell = page.locator(f'.cell[data-cell="{exercise.get_attribute("data-cell")}"]')
    cell.scroll_into_view_if_needed()
    cell.get_by_role("button", name="Run").click()
    page.wait_for_function("(e) => e.dataset.state === 'failed'", arg=exercise.element_handle(), timeout=30_000)
    exercise.get_by_role("button", name="Show the solution").click()
    exercise.get_by_role("button", name="Put this in the cell and run it").click()
    page.wait_for_function("(e) => e.dataset.state === 'passed'", arg=exercise.element_handle(), timeout=30_000)


def press_every_figure_tool(page):
    """Press each tool of each figure's tool bar; none may open or send anything elsewhere."""
    tools = page.evaluate("""() => [...document.querySelectorAll('.plot .modebar')].map((bar) =>
        [...bar.querySelectorAll('button, a')].map((b) => b.getAttribute('data-title') || b.tagName))""")
    names = {name for bar in tools for name in bar}
    assert not [name for name in names if "cloud" in name.lower() or "studio" in name.lower() or name == "A"], names
    page.evaluate("() => document.querySelectorAll('.plot .modebar button').forEach((b) => b.click())")
    page.wait_for_timeout(300)
    return sum(map(len, tools))


# Layout shifts not caused by the reader, summed from the first paint on.
COUNT_SHIFTS = """window.layoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.layoutShift += entry.value;
}).observe({ type: "layout-shift", buffered: true });"""

DESKTOP = {"color_scheme": "light"}
PHONE_412 = {"color_scheme": "dark", "viewport": {"width": 412, "height": 823}, "is_mobile": True, "has_touch": True}


@pytest.fixture(params=[DESKTOP, PHONE_412], ids=["light", "dark"])
def context_options(request):
    """Light at desktop width; dark on a 412 px touch phone, where layout shift is measured too."""
    return request.param


@pytest.mark.parametrize("name", PAGES)
def test_every_page_passes_axe_after_use_and_sends_nothing(reader, base_url, context_options, name):
    page = reader.page
    page.add_init_script(COUNT_SHIFTS)
    reader.open(f"{base_url}{name}.html")
    settle(reader, page)
    if context_options is PHONE_412:  # loading Python and mounting every figure and editor moves nothing
        assert page.evaluate("window.layoutShift") <= 0.05
    use_a_widget(page)
    solve_an_exercise(page)
    if context_options["color_scheme"] == "light":
        pressed = press_every_figure_tool(page)
        assert pressed or not page.locator(".widget .plot:not(.plot-table)").count()
        links = page.evaluate(EXTERNAL_LINKS)
        assert [link for link in links if link[0] != "prose"] == [], links
    page.add_script_tag(content=AXE)
    assert page.evaluate(RUN_AXE) == []
    assert reader.blocked == []  # (the fixture checks again, for requests made while closing)


@pytest.mark.parametrize("context_options", [{}], ids=["desktop"])
def test_a_figure_says_what_it_shows_now_as_its_slider_moves(reader, base_url, context_options):
    page = reader.open(f"{base_url}fitting-a-line.html")
    settle(reader, page)
    widget = page.locator(".widget:has(.slider input[type=range])").first
    widget.scroll_into_view_if_needed()
    picture = widget.locator(".plot .main-svg[role=img]").first
    before = picture.get_attribute("aria-label")
    assert "mean squared error" in before and "above" in before
    widget.locator(".slider input[type=range]").first.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    region = widget.locator(".widget-description[aria-live=polite]")
    page.wait_for_function("(r) => r.textContent.includes('mean squared error')", arg=region.element_handle())
    page.wait_for_function("([p, b]) => p.getAttribute('aria-label') !== b", arg=[picture.element_handle(), before])
    # The image has no focusable parts; the tools are a toolbar beside it, reachable by Tab.
    assert picture.evaluate("(p) => p.querySelectorAll('button, a, [tabindex]').length") == 0
    assert widget.locator(".plot [role=toolbar] button").count() > 0


@pytest.mark.parametrize("context_options", [{}], ids=["desktop"])
def test_an_editor_says_how_to_leave_it_and_escape_tab_leaves(reader, base_url, context_options):
    page = reader.open(f"{base_url}fitting-a-line.html")
    settle(reader, page)
    cell = reader.cell(1)
    cell.scroll_into_view_if_needed()
    hint = cell.locator(".editor-hint")
    assert not hint.is_visible()
    cell.locator(".cm-content").click()
    assert hint.is_visible() and "Esc then Tab" in hint.inner_text()
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert page.evaluate("() => !document.activeElement.closest('.cm-editor')")
    assert not hint.is_visible()


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


@pytest.mark.parametrize("context_options", [PHONE], ids=["phone"])
@pytest.mark.parametrize("slug", ["gradient-descent", "neurons-into-networks", "classification-in-3d"])
def test_on_a_phone_a_widgets_step_button_and_main_plot_are_on_screen_together(reader, base_url, context_options, slug):
    page = reader.open(f"{base_url}{slug}.html")
    reader.wait_for_python(timeout=90_000)
    trainer = page.locator(".widget:has(.train-step)").first
    trainer.evaluate("(w) => w.scrollIntoView({ block: 'start' })")
    page.wait_for_timeout(200)
    viewport = page.viewport_size
    header = page.locator(".site-header").bounding_box()["height"]
    for element in (trainer.locator(".train-step").first, trainer.locator(".plot").first):
        box = element.bounding_box()
        assert box["y"] >= header - 1 and box["y"] + box["height"] <= viewport["height"] + 1, (slug, element, box)
    # The tool bar sits above the plot on touch, not over it.
    plot = trainer.locator(".plot").first
    bar = plot.locator(".modebar")
    if bar.count():
        assert bar.bounding_box()["y"] + bar.bounding_box()["height"] <= plot.bounding_box()["y"] + 1


@pytest.mark.parametrize("context_options", [PHONE], ids=["phone"])
def test_on_a_phone_the_error_table_fits_with_its_mean(reader, base_url, context_options):
    page = reader.open(f"{base_url}fitting-a-line.html")
    table = page.locator(".plot-table").first
    table.scroll_into_view_if_needed()
    page.wait_for_function("(t) => t.querySelector('tfoot')", arg=table.element_handle())
    assert table.evaluate("(t) => t.scrollWidth <= t.clientWidth + 1"), "the table scrolls sideways on a phone"
    width = page.viewport_size["width"]
    for cell in (table.locator("tbody tr").first.locator("td").first, table.locator("tfoot td").last):
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
    assert "mean" in table.locator("tfoot").inner_text()

"""A redeploy under an open course: whole builds only, and only what changed is fetched.

Build A of a two-lesson course is served under /course/ (no isolation headers,
like GitHub Pages), visited until its service worker keeps it offline; then
build B, which changes one lesson's text, is built into the same folder.
"""

from __future__ import annotations

import functools
import json
import shutil
import threading
from http.server import ThreadingHTTPServer
from urllib.parse import urlparse

import pytest

from builder.static_server import Handler
from builder.site import ROOT, BuildOptions, build

COURSE = "title: Deploy fixture\nsummary: Two lessons.\n"
LESSON = """---
title: {title}
order: {order}
summary: A lesson of the deploy fixture.
---

{text}

```python
x = 21
print(x * 2)
```
"""


@pytest.fixture
def reader(browser, reader):
    """A fresh tab whose pages the course's service worker answers, as a reader's are.

    The shared `reader` (whose class this one reuses) guards against leaving
    localhost with Playwright's request routing, which makes Chromium bypass
    service workers; this one checks every request's host afterwards instead.
    """
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    tab = type(reader)(context.new_page())
    yield tab
    context.close()
    assert tab.errors == [], "the page logged errors:\n" + "\n".join(tab.errors)
    outside = [url for url in tab.requests if urlparse(url).hostname != "127.0.0.1"]
    assert outside == [], "the page tried to reach the network:\n" + "\n".join(outside)


LISTS = {"/course/sw.js", "/course/build.json"}  # what every update check asks for


class CountingHandler(Handler):
    """The dev server's handler, remembering every path asked for."""

    def __init__(self, *args, requests, **kwargs):
        self.requests = requests
        super().__init__(*args, **kwargs)

    def do_GET(self):
        self.requests.append(self.path)
        return super().do_GET()


def write_course(folder, second_text):
    folder.mkdir(exist_ok=True)
    (folder / "course.yml").write_text(COURSE)
    (folder / "01-first.md").write_text(LESSON.format(title="First", order=1, text="The first lesson."))
    (folder / "02-second.md").write_text(LESSON.format(title="Second", order=2, text=second_text))


@pytest.fixture
def deployed(tmp_path):
    lessons, out, static, requests = tmp_path / "lessons", tmp_path / "site", tmp_path / "static", []
    # A copy of the browser side, so that builds differ only where the test changes them.
    shutil.copytree(ROOT / "static", static)
    write_course(lessons, "Version A of the text.")
    build(BuildOptions(lessons=lessons, out=out, static=static), log=lambda message: None)
    handler = functools.partial(CountingHandler, directory=str(out), prefix="/course", isolate=False, requests=requests)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def redeploy(text):
        write_course(lessons, text)
        build(BuildOptions(lessons=lessons, out=out, static=static), log=lambda message: None)
        return json.loads((out / "build.json").read_text())

    yield f"http://127.0.0.1:{server.server_port}/course/", requests, redeploy, static
    server.shutdown()


def assert_one_build(page):
    """The page, its scripts and every static file it loaded come from one build."""
    # A page's text shows before its module scripts run: wait for main.js's stamp.
    page.wait_for_selector("html[data-scripts]", state="attached")
    stamps = page.evaluate("""() => ({
        page: document.getElementById('page').dataset.build,
        scripts: document.documentElement.dataset.scripts,
        files: performance.getEntriesByType('resource').map((entry) => entry.name)
            .filter((name) => name.includes('/static/')),
    })""")
    assert stamps["page"] == stamps["scripts"], stamps
    assert stamps["files"] and all(f"/static/{stamps['page']}/" in name for name in stamps["files"]), stamps
    return stamps["page"]


def reader_returns(page):
    """The reader comes back to the tab (the page looks for a new build then)."""
    page.evaluate("() => document.dispatchEvent(new Event('visibilitychange'))")


def wait_until(page, script, arg=None, timeout_ms=60_000):
    """Evaluate an async script in the page until it gives a true value.

    (`page.wait_for_function` would take the promise an async function
    returns for a true value and return at once.)
    """
    for _ in range(timeout_ms // 250):
        if page.evaluate(script, arg):
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"still false after {timeout_ms} ms: {script}")


def wait_offline_ready(page):
    """Until a service worker controls the page (so the whole build is in its cache)."""
    wait_until(page, "async () => (await navigator.serviceWorker.ready) && !!navigator.serviceWorker.controller")


def wait_for_build(page, info):
    """Until the service worker's copy (what a reload shows) is this build."""
    wait_until(page, """async ([build, rev]) => {
        const registration = await navigator.serviceWorker.getRegistration();
        await registration.update().catch(() => {});
        const info = await (await fetch('build.json', { cache: 'no-store' })).json();
        return info.build === build && info.pages['second.html'] === rev;
    }""", [info["build"], info["pages"]["second.html"]])


def redeploy_one_lesson(reader, url, requests, redeploy):
    """Open build A until offline-ready, deploy B (one lesson's text changed) and prove the switch."""
    page = reader.open(url + "first.html")
    reader.wait_for_python()
    wait_offline_ready(page)
    build_a = assert_one_build(page)

    # B changes one lesson's text: only that page (and the lists of files) is fetched again.
    requests.clear()
    info_b = redeploy("Version B of the text.")
    assert info_b["build"] == build_a  # no script changed
    wait_for_build(page, info_b)
    fetched = set(requests) - LISTS
    assert fetched == {"/course/second.html"}, fetched

    # The next navigation shows B, with the same scripts, and Python still runs.
    page.get_by_role("link", name="Second").first.click()
    page.wait_for_selector("text=Version B of the text.")
    assert_one_build(page)
    cell = reader.run(1)
    assert cell.locator(".output-text").inner_text().strip() == "42"
    return page, build_a


def test_a_redeploy_switches_whole_builds_and_fetches_only_what_changed(reader, deployed):
    url, requests, redeploy, _ = deployed
    redeploy_one_lesson(reader, url, requests, redeploy)


def test_a_new_script_is_announced_and_reload_brings_the_whole_new_build(reader, deployed):
    url, requests, redeploy, static = deployed
    page, build_a = redeploy_one_lesson(reader, url, requests, redeploy)
    # C changes a script: an open page of B is told a new version is ready and keeps B's scripts...
    (static / "js" / "cells.js").write_text((static / "js" / "cells.js").read_text() + "\n// build C\n")
    requests.clear()
    info_c = redeploy("Version C of the text.")
    assert info_c["build"] != build_a
    reader_returns(page)
    page.wait_for_selector("#update-notice:not([hidden])", timeout=60_000)
    assert "A new version of this course is ready" in page.locator("#update-notice").inner_text()
    assert assert_one_build(page) == build_a
    # ...and Reload brings C as a whole: page and scripts of C, Python starts again.
    page.locator("#update-notice").get_by_role("button", name="Reload").click()
    page.wait_for_selector("text=Version C of the text.")
    assert assert_one_build(page) == info_c["build"]
    reader.wait_for_python()
    assert reader.run(1).locator(".output-text").inner_text().strip() == "42"
    # The runtime was not fetched again: only C's pages, scripts and lists of files.
    others = {path for path in requests if not (path.startswith(f"/course/static/{info_c['build']}/")
                                                or path.endswith(".html") or path in LISTS)}
    assert others == set(), others


def test_two_courses_on_one_origin_keep_their_offline_copies(reader, tmp_path):
    folders = {}
    for name in ("a", "b"):
        lessons, out = tmp_path / f"lessons-{name}", tmp_path / f"site-{name}"
        write_course(lessons, f"Course {name}.")
        build(BuildOptions(lessons=lessons, out=out), log=lambda message: None)
        folders[f"/{name}"] = out

    class TwoCourses(Handler):
        def do_GET(self):
            prefix = "/" + self.path.split("/")[1]
            self.prefix, self.directory = prefix, str(folders.get(prefix, tmp_path))
            return super().do_GET()

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(TwoCourses, isolate=False))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    root = f"http://127.0.0.1:{server.server_port}"
    try:
        page = reader.page
        for name in ("a", "b"):
            reader.open(f"{root}/{name}/second.html")
            reader.wait_for_python()
            wait_offline_ready(page)
        caches = page.evaluate("async () => (await caches.keys()).sort()")
        assert caches == [f"course:{root}/a/", f"course:{root}/b/"]
        page.context.set_offline(True)
        for name in ("a", "b"):
            reader.open(f"{root}/{name}/second.html")
            page.wait_for_selector(f"text=Course {name}.")
            assert_one_build(page)
        page.context.set_offline(False)
    finally:
        server.shutdown()

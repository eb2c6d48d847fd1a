"""Fixtures for driving the built course in real Chromium, as a reader would.

The course is built once per test session into a temporary folder and served
over HTTP from a thread: at `/` with the cross-origin isolation headers the
dev server sends, and at `/course/` without them, as a plain static host
serves it. Every page blocks requests that leave localhost and fails the test
on any uncaught error or console error.
"""

from __future__ import annotations

import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import sync_playwright

from builder.serve import make_server
from builder.site import ROOT, BuildOptions, build

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
PYTHON_READY_MS = 60_000


# A browser test that fails is run once more before it counts as failed: on two
# shared cores a page load can miss a 30 s limit. The summary (-ra) lists every
# rerun, so a test that needed one is still visible.
BROWSER_RERUNS = 1


def pytest_collection_modifyitems(config, items):
    # `-p no:rerunfailures` (one attempt, while debugging) leaves the marker undefined.
    rerun = config.pluginmanager.hasplugin("rerunfailures")
    for item in items:
        if "tests/browser/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)
            if rerun:
                item.add_marker(pytest.mark.flaky(reruns=BROWSER_RERUNS))


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    build(BuildOptions(lessons=ROOT / "lessons", out=out), log=lambda message: None)
    return out


def _serve(folder: Path, **options):
    server = make_server(folder, **options)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def base_url(site) -> str:
    """The course at the server root, cross-origin isolated (like `build.py serve`)."""
    server = _serve(site, isolate=True)
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="session")
def fixture_url(tmp_path_factory) -> str:
    """The widget test course (tests/browser/fixtures/course), cross-origin isolated."""
    out = tmp_path_factory.mktemp("fixture") / "site"
    build(BuildOptions(lessons=Path(__file__).parent / "fixtures" / "course", out=out), log=lambda message: None)
    server = _serve(out, isolate=True)
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="session")
def plain_url(site) -> str:
    """The course under /course/ with no special headers (like GitHub Pages)."""
    server = _serve(site, isolate=False, prefix="/course")
    yield f"http://127.0.0.1:{server.server_port}/course/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


class Reader:
    """A browser tab plus what the test needs to watch: errors and requests."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.blocked: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        page.on("console", self._console)
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("response", self._response)

    def _response(self, response):
        if response.status >= 400:
            self.errors.append(f"HTTP {response.status}: {response.url}")

    def _console(self, message):
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def open(self, url: str):
        self.page.goto(url)
        return self.page

    def wait_for_python(self, timeout: int = PYTHON_READY_MS):
        self.page.wait_for_selector("html[data-python=ready]", timeout=timeout)

    def cell(self, index: int):
        """The index-th code cell on the page (1-based, as the page numbers them)."""
        return self.page.locator(f'.cell[aria-label="Code cell {index}"]')

    def set_code(self, index: int, code: str):
        """Replace a cell's code the way a reader does: select all, then type."""
        self.cell(index).scroll_into_view_if_needed()  # its editor appears near the viewport
        editor = self.cell(index).locator(".cm-content")
        editor.click()
        self.page.keyboard.press("Control+A")
        self.page.keyboard.press("Delete")
        self.page.keyboard.insert_text(code)

    def run(self, index: int, timeout: int = 30_000):
        """Press Run on a cell and wait until it finished (any outcome)."""
        cell = self.cell(index)
        cell.get_by_role("button", name="Run").click()
        self.page.wait_for_function(
            "el => el.hasAttribute('data-status') && !el.hasAttribute('data-running')",
            arg=cell.element_handle(), timeout=timeout)
        return cell


@pytest.fixture
def context_options():
    """Override in a test module or with indirect parametrisation to change the tab."""
    return {}


@pytest.fixture
def reader(browser, request, context_options):
    """A fresh tab (own storage) that cannot reach anything but localhost."""
    context = browser.new_context(**{"viewport": {"width": 1200, "height": 900}, **context_options})
    page = context.new_page()
    tab = Reader(page)

    def only_localhost(route):
        host = urlparse(route.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            tab.blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_localhost)
    yield tab
    context.close()
    if not getattr(request.node, "expects_console_errors", False):
        assert tab.errors == [], "the page logged errors:\n" + "\n".join(tab.errors)
    assert tab.blocked == [], "the page tried to reach the network:\n" + "\n".join(tab.blocked)

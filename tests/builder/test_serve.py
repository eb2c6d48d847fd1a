"""`build.py serve`: headers, the reload channel, and rebuilding on change."""

from __future__ import annotations

import queue
import threading
import time
import urllib.request

import pytest

from builder.live_reload import LiveHandler
from builder.static_server import make_server


@pytest.fixture
def served(lessons, one_cell_lesson, build_once):
    """A one-lesson course built and served as `build.py serve` serves it; yields (options, hub, url)."""
    (lessons / "01-served.md").write_text(one_cell_lesson())
    options, hub = build_once()
    server = make_server(options.out, handler=LiveHandler, hub=hub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield options, hub, f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture
def watching(served, watch):
    """The served course, with its lessons watched as `build.py serve` watches them; returns (options, inbox, url)."""
    options, hub, url = served
    return options, watch(options, hub), url


def get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers, response.read()


def test_pages_are_isolated_and_live_reloading(served):
    options, _, url = served
    headers, body = get(url + "served.html")
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Cross-Origin-Embedder-Policy"] == "require-corp"
    assert b"window.courseLiveReload = true" in body and b'new EventSource("/__reload")' in body
    wasm = next(options.out.glob("vendor/pyodide-*/pyodide.asm.wasm")).relative_to(options.out).as_posix()
    headers, _ = get(url + wasm)
    assert headers["Content-Type"] == "application/wasm"
    _, worker = get(url + "sw.js")
    assert b"unregister" in worker  # while authoring, no service worker keeps old files


def test_a_change_rebuilds_and_tells_open_pages(watching, one_cell_lesson):
    options, inbox, url = watching
    (options.lessons / "01-served.md").write_text(one_cell_lesson(title="Changed"))
    kind, _ = inbox.get(timeout=20)
    assert kind == "reload"
    assert b"<h1>Changed</h1>" in get(url + "served.html")[1]
    # A broken lesson: the errors go to the page, the last good site stays.
    (options.lessons / "01-served.md").write_text(one_cell_lesson(cell="x = undefined_name"))
    kind, message = inbox.get(timeout=20)
    assert kind == "failed" and "lessons/01-served.md:8: NameError" in message
    assert b"<h1>Changed</h1>" in get(url + "served.html")[1]


def test_changes_settle_before_one_rebuild(watching, one_cell_lesson):
    options, inbox, _ = watching
    for index in range(5):  # an editor saving several times in a row
        (options.lessons / "01-served.md").write_text(one_cell_lesson(cell=f"x = {index}"))
        time.sleep(0.05)
    assert inbox.get(timeout=20)[0] == "reload"
    with pytest.raises(queue.Empty):  # and nothing more: the build reading files is not a change
        inbox.get(timeout=1.5)

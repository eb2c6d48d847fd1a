"""`build.py serve`: headers, the reload channel, and rebuilding on change."""

from __future__ import annotations

import queue
import threading
import time
import urllib.request

import pytest
from watchdog.observers import Observer

from builder.live_reload import Hub, LiveHandler
from builder.serve import Rebuilder, rebuild
from builder.site import BuildOptions
from builder.static_server import make_server

LESSON = """\
---
title: Served
order: 1
summary: A lesson for the server.
---

```python
x = 1
```
"""


@pytest.fixture
def served(tmp_path):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "01-served.md").write_text(LESSON)
    options = BuildOptions(lessons=lessons, out=tmp_path / "site")
    hub = Hub()
    assert rebuild(options, hub)
    server = make_server(options.out, handler=LiveHandler, hub=hub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield options, hub, f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture
def watching(served):
    """The served course, with its lessons watched as `build.py serve` watches them."""
    options, hub, url = served
    observer = Observer()
    observer.schedule(Rebuilder(options, hub), str(options.lessons), recursive=True)
    observer.start()
    yield options, hub.subscribe(), url
    observer.stop()
    observer.join()


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


def test_a_change_rebuilds_and_tells_open_pages(watching):
    options, inbox, url = watching
    (options.lessons / "01-served.md").write_text(LESSON.replace("title: Served", "title: Changed"))
    kind, _ = inbox.get(timeout=20)
    assert kind == "reload"
    assert b"<h1>Changed</h1>" in get(url + "served.html")[1]
    # A broken lesson: the errors go to the page, the last good site stays.
    (options.lessons / "01-served.md").write_text(LESSON.replace("x = 1", "x = undefined_name"))
    kind, message = inbox.get(timeout=20)
    assert kind == "failed" and "lessons/01-served.md:8: NameError" in message
    assert b"<h1>Changed</h1>" in get(url + "served.html")[1]


def test_changes_settle_before_one_rebuild(watching):
    options, inbox, _ = watching
    for index in range(5):  # an editor saving several times in a row
        (options.lessons / "01-served.md").write_text(LESSON.replace("x = 1", f"x = {index}"))
        time.sleep(0.05)
    assert inbox.get(timeout=20)[0] == "reload"
    with pytest.raises(queue.Empty):  # and nothing more: the build reading files is not a change
        inbox.get(timeout=1.5)

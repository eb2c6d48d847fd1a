"""Live reloading for `build.py serve`: open pages reload after a rebuild and show a failed one.

Each served page gets builder/live_reload.js, which listens on /__reload (a
server-sent event stream) for "reload" or "failed" with the errors. /sw.js
is replaced by builder/self_removing_sw.js, so no service worker installed
by a built copy keeps serving old files while authoring.
"""

from __future__ import annotations

import json
import queue
import threading
from pathlib import Path

from builder.static_server import Handler

HERE = Path(__file__).resolve().parent
RELOAD_SCRIPT = HERE / "live_reload.js"
SELF_REMOVING_WORKER = HERE / "self_removing_sw.js"


class Hub:
    """Fans build results out to every open page; remembers the last failure for pages opened after it."""

    def __init__(self):
        self._inboxes: list[queue.Queue] = []
        self._lock = threading.Lock()
        self.last_error: str | None = None

    def subscribe(self) -> queue.Queue:
        inbox = queue.Queue()
        with self._lock:
            self._inboxes.append(inbox)
        return inbox

    def unsubscribe(self, inbox: queue.Queue) -> None:
        with self._lock:
            self._inboxes.remove(inbox)

    def publish(self, kind: str, data: str = "") -> None:
        self.last_error = data if kind == "failed" else None
        with self._lock:
            for inbox in self._inboxes:
                inbox.put((kind, data))


class LiveHandler(Handler):
    """The static handler, plus the reload channel, the reload script in pages, and no service worker."""

    def __init__(self, *args, hub: Hub, **kwargs):
        self.hub = hub
        super().__init__(*args, **kwargs)

    def do_GET(self):
        if self.path == "/__reload":
            return self._events()
        if self.path == "/sw.js":
            return self.send_data(SELF_REMOVING_WORKER.read_bytes(), "text/javascript")
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            return self._html_with_reload(path)
        return super().do_GET()

    def _html_with_reload(self, path: Path):
        # A classic script at the top of <head>: it runs before main.js looks for the flag.
        script = "<script>\n" + RELOAD_SCRIPT.read_text(encoding="utf-8") + "</script>"
        html = path.read_text(encoding="utf-8").replace("<head>", "<head>\n" + script, 1)
        self.send_data(html.encode("utf-8"), "text/html; charset=utf-8")

    def _events(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        inbox = self.hub.subscribe()
        try:
            if self.hub.last_error:
                self._send_event("failed", self.hub.last_error)
            while True:
                try:
                    kind, data = inbox.get(timeout=15)
                except queue.Empty:
                    self.wfile.write(b": keep-alive\n\n")
                    self.wfile.flush()
                    continue
                self._send_event(kind, data)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            self.hub.unsubscribe(inbox)

    def _send_event(self, kind: str, data: str):
        self.wfile.write(f"event: {kind}\ndata: {json.dumps(data)}\n\n".encode())
        self.wfile.flush()

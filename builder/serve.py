"""Serve the built site for authors, rebuilding and reloading on every change.

The server sends the two headers that make pages cross-origin isolated (so
Stop can interrupt Python through a shared buffer) and serves `.wasm` as
`application/wasm`. It watches lessons, templates, static files and the
Python packages; when changes settle it rebuilds, and open pages reload
through a server-sent event. A failed rebuild keeps the last good site and
shows the errors over the open page instead.
"""

from __future__ import annotations

import functools
import json
import queue
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from builder.site import ROOT, BuildFailed, BuildOptions, build

WATCHED = ("lessons", "templates", "static", "engine", "kernel")
SETTLE_SECONDS = 0.3

ISOLATION_HEADERS = {
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
    "Cross-Origin-Resource-Policy": "same-origin",
}

# While authoring, nothing may be served from a service worker's cache: pages
# say so to main.js, and /sw.js is replaced by one that removes itself (and
# its caches) in case a built copy was installed on this origin before.
LIVE_FLAG = "<script>window.courseLiveReload = true;</script>"
SELF_REMOVING_WORKER = b"""self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil((async () => {
  for (const name of await caches.keys()) await caches.delete(name);
  await self.registration.unregister();
  for (const client of await self.clients.matchAll()) client.navigate(client.url);
})()));
"""

RELOAD_SCRIPT = """<script type="module">
const events = new EventSource("/__reload");
events.addEventListener("reload", () => location.reload());
events.addEventListener("failed", (event) => {
  let box = document.getElementById("build-errors");
  if (!box) {
    box = document.createElement("pre");
    box.id = "build-errors";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:auto 1rem 1rem 1rem;max-height:50vh;overflow:auto;" +
      "margin:0;padding:1rem;background:#2b0b0b;color:#ffd7d7;font:13px/1.4 monospace;" +
      "border-radius:8px;z-index:1000;white-space:pre-wrap";
    document.body.append(box);
  }
  box.textContent = "The build failed; this is the last good version.\\n\\n" + JSON.parse(event.data);
});
</script>"""


class Handler(SimpleHTTPRequestHandler):
    """Static files under an optional path prefix, with isolation headers.

    `hub` (a Hub) adds the live-reload channel; tests leave it out, and may
    turn `isolate` off to see the page as a plain static host serves it.
    """

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".mjs": "text/javascript",
                      ".js": "text/javascript", ".whl": "application/zip"}

    def __init__(self, *args, hub=None, prefix="", isolate=True, cache="no-cache", **kwargs):
        self.hub = hub
        self.prefix = prefix.rstrip("/")
        self.isolate = isolate
        self.cache = cache  # Cache-Control; a benchmark can act like a real static host
        super().__init__(*args, **kwargs)

    def end_headers(self):
        if self.isolate:
            for name, value in ISOLATION_HEADERS.items():
                self.send_header(name, value)
        self.send_header("Cache-Control", self.cache)
        super().end_headers()

    def do_GET(self):
        if self.hub and self.path == "/__reload":
            return self._events()
        if self.hub and self.path == "/sw.js":
            return self._send(SELF_REMOVING_WORKER, "text/javascript")
        if self.prefix:
            if self.path == self.prefix:
                self.send_response(301)
                self.send_header("Location", self.prefix + "/")
                return self.end_headers()
            if not self.path.startswith(self.prefix + "/"):
                return self.send_error(404, "outside the site's folder")
            self.path = self.path[len(self.prefix):]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if self.hub and path.suffix == ".html" and path.is_file():
            return self._html_with_reload(path)
        return super().do_GET()

    def _html_with_reload(self, path: Path):
        html = path.read_text(encoding="utf-8")
        html = html.replace("<head>", "<head>\n" + LIVE_FLAG, 1).replace("</body>", RELOAD_SCRIPT + "\n</body>")
        self._send(html.encode("utf-8"), "text/html; charset=utf-8")

    def _send(self, data: bytes, content_type: str):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

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

    def log_message(self, format, *args):  # quiet: authors watch the build output
        pass


class Hub:
    """Fans build results out to every open page."""

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


class Rebuilder(FileSystemEventHandler):
    """Rebuild once changes have settled for SETTLE_SECONDS."""

    def __init__(self, options: BuildOptions, hub: Hub):
        self.options = options
        self.hub = hub
        self._changed = threading.Event()
        threading.Thread(target=self._loop, daemon=True).start()

    # Opening or reading a file is an event too (the build itself reads the
    # lessons); only changes count, or every rebuild would start another.
    CHANGES = {"created", "modified", "deleted", "moved"}

    def on_any_event(self, event):
        if event.is_directory or event.event_type not in self.CHANGES or "__pycache__" in event.src_path:
            return
        self._changed.set()

    def _loop(self):
        while True:
            self._changed.wait()
            while self._changed.is_set():  # wait until nothing changed for a moment
                self._changed.clear()
                time.sleep(SETTLE_SECONDS)
            rebuild(self.options, self.hub)


def rebuild(options: BuildOptions, hub: Hub) -> bool:
    started = time.perf_counter()
    try:
        build(options, log=lambda message: None)
    except BuildFailed as failure:
        print(f"build failed:\n{failure}", flush=True)
        hub.publish("failed", str(failure))
        return False
    print(f"rebuilt in {time.perf_counter() - started:.2f} s", flush=True)
    hub.publish("reload")
    return True


def make_server(folder: Path, host: str = "127.0.0.1", port: int = 0, **handler_options) -> ThreadingHTTPServer:
    """Return an HTTP server for `folder` (port 0 picks a free one)."""
    handler_class = functools.partial(Handler, directory=str(folder), **handler_options)
    server = ThreadingHTTPServer((host, port), handler_class)
    server.daemon_threads = True
    return server


def serve(options: BuildOptions, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Build, then serve `options.out` until interrupted."""
    hub = Hub()
    rebuild(options, hub)
    observer = Observer()
    handler = Rebuilder(options, hub)
    for name in WATCHED:
        folder = options.lessons if name == "lessons" else ROOT / name
        if folder.exists():
            observer.schedule(handler, str(folder), recursive=True)
    observer.start()
    server = make_server(options.out, host, port, hub=hub)
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host
    print(f"serving the course at http://{shown}:{port}/ (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        server.server_close()

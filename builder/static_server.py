"""Serve a built site over HTTP as a static host would, with the cross-origin isolation headers.

The two isolation headers make pages cross-origin isolated, so Stop can
interrupt Python through a shared buffer; `.wasm` is served as
`application/wasm`. Tests and benchmarks serve sites with `make_server`;
`build.py serve` adds live reloading (builder/live_reload.py).
"""

from __future__ import annotations

import functools
import os
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ISOLATION_HEADERS = {
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
    "Cross-Origin-Resource-Policy": "same-origin",
}


class Handler(SimpleHTTPRequestHandler):
    """Static files under an optional path prefix, with isolation headers.

    Tests may turn `isolate` off to see the page as a plain static host serves it.
    """

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".mjs": "text/javascript",
                      ".js": "text/javascript", ".whl": "application/zip"}

    def __init__(self, *args, prefix="", isolate=True, cache="no-cache", **kwargs):
        self.prefix = prefix.rstrip("/")
        self.isolate = isolate
        self.cache = cache  # Cache-Control; a benchmark can act like a real static host
        super().__init__(*args, **kwargs)

    def end_headers(self):
        if self.isolate:
            for name, value in ISOLATION_HEADERS.items():
                self.send_header(name, value)
        self.send_header("Cache-Control", self.cache)
        if getattr(self, "etag", None):
            self.send_header("ETag", self.etag)
        super().end_headers()

    def send_head(self):
        # Python's handler revalidates by Last-Modified, in whole seconds: a file
        # rebuilt within the second of the copy a browser holds would be answered
        # "not modified" and the old copy kept (a redeploy's sw.js, which then
        # never updates). An ETag from the nanosecond time and size tells them
        # apart, and only it may answer "not modified": Chromium checks a
        # service worker's script with If-Modified-Since alone.
        del self.headers["If-Modified-Since"]
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        self.etag = None
        if os.path.isfile(path):
            stat = os.stat(path)
            self.etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
            if self.headers.get("If-None-Match") == self.etag:
                self.send_response(304)
                self.end_headers()
                return None
        return super().send_head()

    def do_GET(self):
        if self.prefix:
            if self.path == self.prefix:
                self.send_response(301)
                self.send_header("Location", self.prefix + "/")
                return self.end_headers()
            if not self.path.startswith(self.prefix + "/"):
                return self.send_error(404, "outside the site's folder")
            self.path = self.path[len(self.prefix):]
        return super().do_GET()

    def send_data(self, data: bytes, content_type: str):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):  # quiet: authors watch the build output
        pass


def make_server(folder: Path, host: str = "127.0.0.1", port: int = 0, handler: type = Handler,
                **handler_options) -> ThreadingHTTPServer:
    """Return an HTTP server for `folder` (port 0 picks a free one)."""
    handler_class = functools.partial(handler, directory=str(folder), **handler_options)
    server = ThreadingHTTPServer((host, port), handler_class)
    server.daemon_threads = True
    return server

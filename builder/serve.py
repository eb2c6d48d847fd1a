"""`build.py serve`: build, serve the site, and rebuild whenever a watched file changes.

Watched: the lessons, templates, static files and the Python packages. When
changes settle it rebuilds; open pages reload through live reloading
(builder/live_reload.py). Nothing stops the loop: a failed rebuild, for any
reason (a lesson, course.yml, KaTeX, the runtime, the disk), keeps the last
good site, prints the error and shows it over the open page, and the next
change rebuilds. A change during a rebuild stops the rebuild's lesson check
(which runs in its own process) and starts again.
"""

from __future__ import annotations

import threading
import time
import traceback
from pathlib import Path

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from builder.check_process import Cancelled
from builder.errors import BuildFailed
from builder.live_reload import Hub, LiveHandler
from builder.paths import ROOT
from builder.site import BuildOptions, build
from builder.static_server import make_server
from builder.vendor import VendorError

WATCHED = ("lessons", "templates", "static", "engine", "checks", "figures", "kernel")
SETTLE_SECONDS = 0.3


class Rebuilder(FileSystemEventHandler):
    """Rebuild once changes have settled for SETTLE_SECONDS; a change cancels a rebuild under way."""

    # Opening or reading a file is an event too (the build itself reads the
    # lessons); only changes count, or every rebuild would start another.
    CHANGES = {"created", "modified", "deleted", "moved"}

    def __init__(self, options: BuildOptions, hub: Hub):
        self.options = options
        self.hub = hub
        self._changed = threading.Event()
        threading.Thread(target=self._loop, daemon=True).start()

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
            rebuild(self.options, self.hub, cancel=self._changed)


def rebuild(options: BuildOptions, hub: Hub, cancel: threading.Event | None = None) -> bool:
    """Build once; tell open pages to reload, or show them why not. Never raises."""
    started = time.perf_counter()
    try:
        build(options, log=lambda message: None, cancel=cancel)
    except Cancelled:
        print("changed again: rebuilding", flush=True)
        return False
    except BuildFailed as failure:
        report = str(failure)
    except VendorError as error:
        report = f"set-up problem: {error}"
    except KeyboardInterrupt:
        if threading.current_thread() is threading.main_thread():
            raise  # Ctrl-C during serve's first build stops serve
        report = "the lessons' check was interrupted; save a file to rebuild"
    except Exception as error:  # noqa: BLE001 - whatever went wrong, the author must see it and go on
        report = describe_failure(error)
    else:
        print(f"rebuilt in {time.perf_counter() - started:.2f} s", flush=True)
        hub.publish("reload")
        return True
    print(f"build failed:\n{report}", flush=True)
    hub.publish("failed", report)
    return False


def describe_failure(error: BaseException) -> str:
    """`file:line: Type: message` for an error that is not a lesson's, then its traceback."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [frame for frame in frames if _inside(frame.filename, ROOT)] or frames
    where = f"{_display(ours[-1].filename)}:{ours[-1].lineno}: " if ours else ""
    trace = "".join(traceback.format_exception(error)).rstrip()
    return f"{where}{type(error).__name__}: {error}\n\n{trace}"


def _inside(path: str, folder: Path) -> bool:
    return Path(path).resolve().is_relative_to(folder) and ".venv" not in Path(path).parts


def _display(path: str) -> str:
    return str(Path(path).resolve().relative_to(ROOT)) if _inside(path, ROOT) else path


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
    server = make_server(options.out, host, port, handler=LiveHandler, hub=hub)
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host
    print(f"serving the course at http://{shown}:{port}/ (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        server.server_close()

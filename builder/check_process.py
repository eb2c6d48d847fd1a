"""Run the lessons' cells in a child process with a time limit, one process per build.

Why a process: a cell may loop forever, and only a process can always be
stopped (an alarm cannot interrupt a thread, and `serve` rebuilds in one);
and a fresh process imports engine/, checks/, figures/ and kernel/ as they
are now, so an edit to them counts on the next build.

The build sends the parsed lessons (pickled) on the child's stdin and keeps
stdin open: the child exits when it closes, so no child outlives its build.
The child answers with one JSON line per event on a private copy of its
stdout; the lessons' own output goes to stderr. Before each cell it says
which one it starts, so a cell that cannot even be interrupted is named when
the build stops it.
"""

from __future__ import annotations

import json
import os
import pickle
import queue
import signal
import subprocess
import sys
import threading
import time
import traceback

from builder import page
from builder.errors import LessonError
from builder.paths import ROOT

GRACE_SECONDS = 5  # after the alarm should have stopped a cell, the build stops the process


class Cancelled(Exception):
    """The check was stopped because the lessons changed again."""


class CheckProcess:
    """The child that checks one build's lessons; start it early, its imports overlap the parsing.

        with CheckProcess() as process:
            lessons = read_course(...)
            results = process.check(lessons, time_limit, cancel)
    """

    def __init__(self):
        env = dict(os.environ)
        # -P keeps the working folder off the child's path; ROOT goes after any
        # PYTHONPATH, so the packages are found even without an install.
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [env.get("PYTHONPATH"), str(ROOT)]))
        self.process = subprocess.Popen(
            [sys.executable, "-P", "-m", "builder.check_process"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
            start_new_session=True)  # Ctrl-C reaches only the build, which then stops the child
        self.events: queue.Queue = queue.Queue()
        self.stderr: list[bytes] = []
        threading.Thread(target=_read_events, args=(self.process.stdout, self.events), daemon=True).start()
        threading.Thread(target=lambda: self.stderr.append(self.process.stderr.read()), daemon=True).start()

    def __enter__(self) -> CheckProcess:
        return self

    def __exit__(self, *exc) -> None:
        _stop(self.process)

    def check(self, lessons: list, time_limit: float = page.CELL_TIME_LIMIT,
              cancel: threading.Event | None = None) -> list[tuple[list[LessonError], dict]]:
        """Check `lessons`; return (errors, first states) for each lesson.

        Raises KeyboardInterrupt if the child was interrupted, Cancelled if `cancel` was set.
        """
        payload = pickle.dumps((lessons, time_limit))
        results: list[tuple[list[LessonError], dict]] = [([], {}) for _ in lessons]
        self.process.stdin.write(b"%d\n" % len(payload) + payload)
        self.process.stdin.flush()
        running = None  # (lesson index, display path, line, cell index) of the cell that started last
        heard = time.monotonic()
        while True:
            try:
                event = self.events.get(timeout=0.05)
            except queue.Empty:
                if cancel is not None and cancel.is_set():
                    raise Cancelled from None
                if running and time.monotonic() - heard > time_limit + GRACE_SECONDS:
                    index, path, line, number = running
                    results[index][0].append(LessonError(
                        path, line, f"cell {number} ran for more than {time_limit:g} s and could not be "
                        "interrupted, so the check was stopped; the lessons after it were not checked"))
                    return results
                continue
            heard = time.monotonic()
            if event is None:  # the child ended without saying it was done
                self.process.wait()
                if self.process.returncode in (130, -signal.SIGINT):
                    raise KeyboardInterrupt
                where = (running[1], running[2]) if running else ("lessons", 1)
                text = b"".join(self.stderr).decode(errors="replace").strip()[-2000:]
                results[running[0] if running else 0][0].append(LessonError(
                    *where, f"the check process stopped unexpectedly (exit status {self.process.returncode})"
                            f"{' while running this cell' if running else ''}:\n{text}"))
                return results
            if "cell" in event:
                running = tuple(event["cell"])
            elif "lesson" in event:
                results[event["lesson"]] = ([LessonError(*error) for error in event["errors"]], event["first"])
            elif "done" in event:
                return results


def _read_events(stream, events: queue.Queue) -> None:
    for line in stream:
        events.put(json.loads(line))
    events.put(None)


def _stop(process: subprocess.Popen) -> None:
    """End the child and anything it started (it leads its own process group)."""
    try:
        process.stdin.close()
    except OSError:
        pass
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    process.wait()


# -- in the child -------------------------------------------------------------------


def _check(lesson, time_limit: float) -> tuple[list[LessonError], dict]:
    """Run one lesson's cells; if all ran, compute its first states and prove its exercises fair."""
    # Imported here, in the child only: the build's own process never needs the kernel.
    from builder.exercises import verify_exercises
    from builder.first_states import first_states
    from builder.lesson_check import check_lesson

    errors = check_lesson(lesson, time_limit)
    if errors:
        return errors, {}
    try:
        states = first_states(lesson, time_limit)
        verify_exercises(lesson, time_limit)
    except LessonError as error:
        return [error], {}
    return [], states


def main() -> int:
    channel = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # what the lessons print must not mix with the events

    def send(**event) -> None:
        channel.write(json.dumps(event) + "\n")

    import builder.first_states, builder.lesson_check, figures  # noqa: F401,E401 - import while the build parses
    line = sys.stdin.buffer.readline()
    if not line:  # the build stopped before sending lessons (e.g. a lesson did not parse)
        return 0
    length = int(line)
    lessons, time_limit = pickle.loads(sys.stdin.buffer.read(length))
    # The build closes stdin when it finishes or stops: then nothing here is wanted.
    threading.Thread(target=lambda: (sys.stdin.buffer.read(), os._exit(1)), daemon=True).start()
    lesson_index = {id(lesson): index for index, lesson in enumerate(lessons)}
    page.on_cell_start = lambda lesson, cell: send(
        cell=[lesson_index[id(lesson)], lesson.display_path, cell.line, cell.index])
    try:
        for index, lesson in enumerate(lessons):
            try:
                errors, states = _check(lesson, time_limit)
            except Exception:  # noqa: BLE001 - a fault in the build's own code: name it, check the rest
                trace = traceback.format_exc().rstrip()
                errors, states = [LessonError(lesson.display_path, 1, f"checking this lesson failed:\n{trace}")], {}
            send(lesson=index, errors=[[e.path, e.line, e.message] for e in errors], first=states)
    except KeyboardInterrupt:
        return 130
    send(done=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The author's loop: `serve` always rebuilds, endless cells are stopped, edits to the packages count.

Lessons' cells run in a child process with a time limit (builder/check_process.py);
these tests go through the same Rebuilder and watch loop `build.py serve` uses.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time

import pytest

from builder import math as katex_math
from builder.check import check_course
from builder.errors import BuildFailed
from builder.paths import ROOT
from builder.serve import rebuild


@pytest.fixture
def watched(lessons, one_cell_lesson, build_once, watch):
    """A course built once, its lessons watched as `build.py serve` watches them; returns (options, inbox)."""
    (lessons / "01-served.md").write_text(one_cell_lesson())
    options, hub = build_once(cell_time_limit=1)
    return options, watch(options, hub)


def next_result(inbox):
    kind, message = inbox.get(timeout=60)
    return kind, message


def test_an_endless_cell_fails_the_rebuild_at_its_line_and_the_next_edit_rebuilds(watched, one_cell_lesson):
    options, inbox = watched
    (options.lessons / "01-served.md").write_text(one_cell_lesson(cell="x = 1\nwhile True:\n    x += 1"))
    kind, message = next_result(inbox)
    assert kind == "failed"
    assert "lessons/01-served.md:8: cell 1 ran for more than 1 s and was stopped" in message
    (options.lessons / "01-served.md").write_text(one_cell_lesson(title="Fixed"))
    assert next_result(inbox)[0] == "reload"
    assert "<h1>Fixed</h1>" in (options.out / "served.html").read_text()


def test_a_broken_course_yml_is_reported_then_fixed_without_restarting(watched):
    options, inbox = watched
    (options.lessons / "course.yml").write_text('title: "A course\nsummary: unclosed quote\n')
    kind, message = next_result(inbox)
    assert kind == "failed" and message.startswith("lessons/course.yml:")
    assert "course.yml is not valid YAML" in message
    (options.lessons / "course.yml").write_text("title: A Fixed Course\nsummary: Now it reads.\n")
    assert next_result(inbox)[0] == "reload"
    assert "A Fixed Course" in (options.out / "index.html").read_text()


def test_a_cell_that_ignores_interrupts_is_still_stopped_and_named(lessons, one_cell_lesson):
    stubborn = "while True:\n    try:\n        while True:\n            pass\n    except KeyboardInterrupt:\n        pass"
    (lessons / "01-served.md").write_text(one_cell_lesson(cell=stubborn))
    with pytest.raises(BuildFailed, match=r"lessons/01-served.md:8: cell 1 ran for more than 1 s and could not "
                                          r"be interrupted"):
        check_course(lessons, time_limit=1)


def test_any_other_failure_is_shown_over_the_page_and_the_next_change_rebuilds(watched, one_cell_lesson,
                                                                               monkeypatch):
    options, inbox = watched

    def node_is_broken(items):
        raise RuntimeError("KaTeX (node builder/katex_render.mjs) failed: node: not found")

    monkeypatch.setattr(katex_math, "_render_with_katex", node_is_broken)
    (options.lessons / "01-served.md").write_text(one_cell_lesson() + "\nSome math: $x^2$.\n")
    kind, message = next_result(inbox)
    assert kind == "failed"
    first_line = message.splitlines()[0]
    assert re.match(r"tests/builder/test_author_loop\.py:\d+: RuntimeError: KaTeX \(node", first_line), first_line
    monkeypatch.undo()
    (options.lessons / "01-served.md").write_text(one_cell_lesson() + "\nSome math: $x^3$.\n")
    assert next_result(inbox)[0] == "reload"
    assert 'class="katex"' in (options.out / "served.html").read_text()


ENGINE_LESSON = """\
---
title: Loss
order: 1
summary: One number from the engine.
---

```python
from engine.losses import mse
loss = mse([1.0, 2.0], [1.0, 4.0])
```

```widget
readouts:
  - loss
```
"""


def first_readout(page: str) -> str:
    first = json.loads(re.search(r'class="widget-first">(.*?)</script>', page, re.S)[1])
    return first["readouts"][0]["text"]


def test_an_edit_to_the_engine_changes_the_next_builds_first_state(tmp_path, lessons, build_once, monkeypatch):
    # A copy of engine/ first on the check process's path stands in for the real one.
    packages = tmp_path / "packages"
    shutil.copytree(ROOT / "engine", packages / "engine", ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setenv("PYTHONPATH", str(packages))
    (lessons / "01-loss.md").write_text(ENGINE_LESSON)
    options, hub = build_once()
    before = first_readout((options.out / "loss.html").read_text())
    assert before.startswith("2")  # mean of 0 and 4
    with open(packages / "engine" / "losses.py", "a") as source:
        source.write("\n\ndef mse(pred, target) -> float:\n    return 42.0\n")
    assert rebuild(options, hub)
    assert first_readout((options.out / "loss.html").read_text()).startswith("42")


def test_ctrl_c_during_check_is_reported_as_ctrl_c(tmp_path, lessons, one_cell_lesson):
    marker = tmp_path / "running"
    cell = f"import os\nopen({str(marker)!r}, 'w').write(str(os.getpid()))\nwhile True:\n    pass"
    (lessons / "01-served.md").write_text(one_cell_lesson(cell=cell))
    check = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "check", "--lessons", str(lessons)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (marker.exists() and marker.read_text()):  # wait until the endless cell runs
        assert check.poll() is None and time.monotonic() < deadline, check.stderr.read() if check.poll() else ""
        time.sleep(0.05)
    check.send_signal(signal.SIGINT)
    _, stderr = check.communicate(timeout=30)
    assert check.returncode == 130
    assert "stopped: Ctrl-C pressed before `check` finished" in stderr
    assert "more than" not in stderr and "Traceback" not in stderr
    with pytest.raises(ProcessLookupError):  # the cells' process was stopped too
        os.kill(int(marker.read_text()), 0)


def test_a_change_during_a_rebuild_stops_it_and_rebuilds_at_once(tmp_path, lessons, one_cell_lesson, build_once,
                                                                   watch):
    (lessons / "01-served.md").write_text(one_cell_lesson())
    options, hub = build_once(cell_time_limit=600)
    inbox = watch(options, hub)
    marker = tmp_path / "running"
    cell = f"open({str(marker)!r}, 'w').close()\nwhile True:\n    pass"
    (lessons / "01-served.md").write_text(one_cell_lesson(cell=cell))
    deadline = time.monotonic() + 60
    while not marker.exists():  # the endless cell is running in the check process
        assert time.monotonic() < deadline
        time.sleep(0.05)
    (lessons / "01-served.md").write_text(one_cell_lesson(title="Saved again"))
    # Long before the endless cell's 600 s are up, the new version is built, and nothing failed.
    assert inbox.get(timeout=120)[0] == "reload"
    assert "<h1>Saved again</h1>" in (options.out / "served.html").read_text()


def test_a_fault_in_the_checks_own_code_is_reported_and_the_other_lessons_checked(tmp_path, lessons, one_cell_lesson,
                                                                                   monkeypatch):
    # A copy of kernel/ whose widgets fail to open stands in for a bug in the packages.
    packages = tmp_path / "packages"
    shutil.copytree(ROOT / "kernel", packages / "kernel", ignore=shutil.ignore_patterns("__pycache__"))
    with open(packages / "kernel" / "widgets.py", "a") as source:
        source.write("\n\ndef _broken_open(self, *args, **kwargs):\n    raise RuntimeError('a bug in the kernel')\n\n\n"
                     "WidgetState.open = _broken_open\n")
    monkeypatch.setenv("PYTHONPATH", str(packages))
    (lessons / "01-loss.md").write_text(ENGINE_LESSON)
    (lessons / "02-other.md").write_text(one_cell_lesson(cell="1 / 0", order=2))
    with pytest.raises(BuildFailed) as failure:
        check_course(lessons)
    first, second = failure.value.errors
    assert str(first).startswith("lessons/01-loss.md:1: checking this lesson failed:")
    assert re.search(r'File ".*kernel/widgets\.py", line \d+, in _broken_open', str(first))
    assert "RuntimeError: a bug in the kernel" in str(first)
    assert str(second).startswith("lessons/02-other.md:8: ZeroDivisionError")

"""A reader's saved work across the author's rebuilds, old builds' data, files and bad storage.

A one-lesson fixture course is built into a temporary folder and served; the
test rebuilds it with a cell and an exercise inserted above the reader's
work and two cells changed by the author, then reloads, as a reader coming
back after a redeploy would.
"""

from __future__ import annotations

import json
import threading

import pytest

from builder.site import BuildOptions, build
from builder.static_server import make_server

COURSE = "title: Saved work fixture\nsummary: Cells and exercises that change between builds.\n"
FRONT = "---\ntitle: Saved\norder: 1\nsummary: A lesson whose author keeps editing it.\n---\n\nSome text.\n"

X = "x = 21"
Y = "y = x * 2\nprint(y)"
W = {1: "w = x - 1\nprint(w)", 2: "w = x - 2\nprint(w)"}
Z = {1: 'z = 1\nprint("z is", z)', 2: 'z = 2\nprint("z is", z)'}  # an autorun cell
MY_Y, MY_W, MY_Z = "y = x * 10\nprint(y)", "w = 0\nprint(w)", 'z = 1000\nprint("z is", z)'


def exercise(name, factor):
    start = f"def {name}(x):\n    return x"
    fence = f"""```exercise
title: {name.capitalize()} it
check: 'check_function(ns, "{name}", lambda x: {factor} * x, [(1,), (2,), (5,)])'
hint: Multiply by {factor}.
solution: |
  def {name}(x):
      return {factor} * x
wrong:
  - mistake: adds instead
    code: |
      def {name}(x):
          return x + {factor}
```"""
    return start, fence


def cell(code, autorun=False):
    return "```python\n" + ("#| autorun: true\n" if autorun else "") + code + "\n```"


def lesson(version):
    """Version 2 inserts a cell above everything and an exercise above the first, and changes w and z."""
    blocks = [cell("a = 1")] if version == 2 else []
    blocks += [cell(X), cell(Y), cell(W[version]), cell(Z[version], autorun=True)]
    exercises = [exercise("triple", 3), exercise("double", 2)] if version == 2 else [exercise("double", 2)]
    for start, fence in exercises:
        blocks += [cell(start), fence]
    return FRONT + "\n\n".join(blocks) + "\n"


@pytest.fixture
def course(tmp_path):
    """The fixture course served at the root; rebuild(version) redeploys it in place."""
    lessons, out = tmp_path / "lessons", tmp_path / "site"
    lessons.mkdir()
    (lessons / "course.yml").write_text(COURSE)

    def rebuild(version):
        (lessons / "01-saved.md").write_text(lesson(version))
        build(BuildOptions(lessons=lessons, out=out), log=lambda message: None)

    rebuild(1)
    server = make_server(out, isolate=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/", rebuild
    server.shutdown()


def code_in(reader, n):
    """The code in cell n's editor (its editor opens once it is near the viewport)."""
    reader.cell(n).scroll_into_view_if_needed()
    editor = reader.cell(n).locator(".cm-content")
    editor.wait_for()
    return editor.inner_text().strip()


def wait_output(reader, n, text):
    reader.page.wait_for_function(
        "([el, text]) => el.querySelector('.output-text')?.textContent.trim() === text",
        arg=[reader.cell(n).element_handle(), text], timeout=30_000)


def notice(reader, n):
    return reader.cell(n).locator(".cell-updated")


def stored(page):
    """Everything in the page's localStorage, as name -> text."""
    return page.evaluate("() => Object.fromEntries(Object.keys(localStorage).map((name) => [name, localStorage.getItem(name)]))")


def test_edits_follow_their_cells_and_an_updated_cell_offers_both_versions(reader, course):
    url, rebuild = course
    page = reader.open(url + "saved.html")
    reader.wait_for_python()
    wait_output(reader, 4, "z is 1")  # the autorun cell ran by itself
    for n, code in ((2, MY_Y), (3, MY_W), (4, MY_Z)):
        reader.set_code(n, code)
        reader.run(n)
    wait_output(reader, 4, "z is 1000")

    # The author inserts a cell above everything and changes w and z.
    rebuild(2)
    page.reload()
    reader.wait_for_python()
    # The reader's y is on y's cell, now the third; its code did not change, so no notice.
    assert code_in(reader, 3) == MY_Y
    assert notice(reader, 3).count() == 0
    assert code_in(reader, 2) == X and code_in(reader, 1) == "a = 1"
    # w and z changed: each says so, keeps the reader's code and shows the new version.
    for n, mine, new in ((4, MY_W, W[2]), (5, MY_Z, Z[2])):
        assert "This cell was updated since you edited it" in notice(reader, n).inner_text()
        assert code_in(reader, n) == mine
        notice(reader, n).locator("summary").click()
        assert notice(reader, n).locator("pre").inner_text().strip() == new
    assert "the page runs the new version until you choose" in notice(reader, 5).inner_text()
    # The autorun cell ran the author's new version, not the reader's stale edit.
    wait_output(reader, 5, "z is 2")

    # Nothing is decided until the reader chooses: a reload offers both again.
    page.reload()
    reader.wait_for_python()
    wait_output(reader, 5, "z is 2")
    for n, mine in ((4, MY_W), (5, MY_Z)):
        assert notice(reader, n).count() == 1
        assert code_in(reader, n) == mine

    # Take the new version of w: the author's code; the reader's is set aside, not deleted.
    reader.cell(4).get_by_role("button", name="Take the new version").click()
    assert code_in(reader, 4) == W[2]
    assert notice(reader, 4).count() == 0
    aside = [json.loads(text) for name, text in stored(page).items() if ":set-aside:" in name]
    assert [json.loads(entry["text"])["code"] for entry in aside] == [MY_W], aside
    # Keep mine for z: the reader's code stays, and runs.
    reader.cell(5).get_by_role("button", name="Keep mine").click()
    assert notice(reader, 5).count() == 0
    assert code_in(reader, 5) == MY_Z
    reader.run(5)
    wait_output(reader, 5, "z is 1000")

    # The choices hold: no notice, and the autorun cell now runs the reader's kept code.
    page.reload()
    reader.wait_for_python()
    wait_output(reader, 5, "z is 1000")
    assert page.locator(".cell-updated").count() == 0
    assert code_in(reader, 4) == W[2] and code_in(reader, 5) == MY_Z and code_in(reader, 3) == MY_Y


def solve(reader, n, name, factor):
    """Write the right function into cell n and run it: its exercise passes."""
    reader.set_code(n, f"def {name}(x):\n    return {factor} * x")
    reader.run(n)
    exercise = reader.page.locator(".exercise", has=reader.page.get_by_role("heading", name=f"{name.capitalize()} it"))
    reader.page.wait_for_function("el => el.dataset.state === 'passed'", arg=exercise.element_handle(), timeout=30_000)


def exercise_state(page, title):
    return page.locator(".exercise", has=page.get_by_role("heading", name=title)).get_attribute("data-state")


def lesson_count(page):
    return page.locator('.lesson-item[data-lesson="saved"] .lesson-exercises').inner_text()


def test_old_work_migrates_progress_survives_an_inserted_exercise_and_a_file_restores_it_all(
        reader, browser, course, tmp_path):
    url, rebuild = course
    page = reader.open(url + "index.html")
    # Earlier builds kept work by position, under one prefix for every course.
    page.evaluate("""(y) => {
        localStorage.setItem('how-machines-learn:v1:edit:saved:cell-2', JSON.stringify(y));
        localStorage.setItem('how-machines-learn:v1:progress:saved', JSON.stringify({ solved: ['exercise-1'], exercises: 1 }));
    }""", MY_Y)
    legacy = {name: text for name, text in stored(page).items() if name.startswith("how-machines-learn:v1:")}
    page.reload()
    assert lesson_count(page) == "1 of 1 exercise solved"
    reader.open(url + "saved.html")
    reader.wait_for_python()
    assert code_in(reader, 2) == MY_Y
    assert exercise_state(page, "Double it") == "remembered"
    # The old entries stay where they were.
    assert {name: text for name, text in stored(page).items() if name.startswith("how-machines-learn:v1:")} == legacy

    # The author inserts a cell and an exercise above: the mark and the edit stay with their own.
    rebuild(2)
    page.reload()
    reader.wait_for_python()
    assert code_in(reader, 3) == MY_Y
    assert exercise_state(page, "Double it") == "remembered"
    assert exercise_state(page, "Triple it") != "remembered"
    solve(reader, 6, "triple", 3)
    reader.open(url + "index.html")
    assert lesson_count(page) == "2 of 2 exercises solved"

    # Download my work, then Load it in a fresh browser profile: everything is back.
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my work", exact=True).click()
    saved = tmp_path / "my-work.json"
    download.value.save_as(saved)
    assert "saved as a file" in page.locator(".saved-work-message").inner_text()

    context = browser.new_context(viewport={"width": 1200, "height": 900})
    fresh = type(reader)(context.new_page())
    try:
        fresh.open(url + "index.html")
        assert fresh.page.locator('.lesson-item[data-lesson="saved"] .lesson-exercises').is_hidden()
        with fresh.page.expect_file_chooser() as chooser:
            fresh.page.get_by_role("button", name="Load my work", exact=True).click()
        chooser.value.set_files(saved)
        message = fresh.page.locator(".saved-work-message")
        message.get_by_text("Restored").wait_for()
        assert message.inner_text() == "Restored 2 code edits and progress in 1 lesson."  # y, and triple's answer
        assert lesson_count(fresh.page) == "2 of 2 exercises solved"
        fresh.open(url + "saved.html")
        fresh.wait_for_python()
        assert code_in(fresh, 3) == MY_Y
        assert code_in(fresh, 6) == "def triple(x):\n    return 3 * x"
        assert exercise_state(fresh.page, "Double it") == "remembered"
        assert exercise_state(fresh.page, "Triple it") == "remembered"
    finally:
        context.close()
    assert fresh.errors == [], fresh.errors


def load_file(page, path):
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Load my work", exact=True).click()
    chooser.value.set_files(path)


def test_a_corrupt_or_foreign_file_is_refused_and_changes_nothing(reader, course, tmp_path):
    url, _ = course
    page = reader.open(url + "saved.html")
    reader.set_code(2, MY_Y)
    page.wait_for_function("() => Object.keys(localStorage).some((name) => name.includes('edit:saved:'))")
    reader.open(url + "index.html")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my work", exact=True).click()
    mine = json.loads(open(download.value.path()).read())
    before = stored(page)
    message = page.locator(".saved-work-message")

    cases = {
        "broken.json": ('{"format": "how-machines-', "not saved work from this course"),
        "list.json": ("[1, 2, 3]", "not saved work from this course"),
        "other.json": (json.dumps({**mine, "course": "another-course"}), "another course (“another-course”)"),
    }
    for name, (text, says) in cases.items():
        path = tmp_path / name
        path.write_text(text)
        load_file(page, path)
        message.get_by_text(says).wait_for()
        assert "nothing was changed" in message.inner_text()
        assert page.locator(".saved-work").get_attribute("data-state") == "refused"
        assert stored(page) == before


# Each way a stored entry can be wrong, for each kind of entry the course reads.
BAD = {
    "a number": "42",
    "an array": "[1, 2]",
    "an object of the wrong shape": '{"code": 7, "solved": "all", "exercises": -1}',
    "invalid JSON": "{not json",
}


@pytest.mark.parametrize("shape", BAD)
def test_stored_entries_of_any_shape_are_set_aside_and_the_page_works(reader, course, shape):
    url, _ = course
    bad = BAD[shape]
    page = reader.open(url + "saved.html")  # the lesson writes its progress entry: its name gives the prefix
    prefix = next(name for name in stored(page) if name.endswith("progress:saved"))[: -len("progress:saved")]
    current = [f"{prefix}{key}" for key in ("edit:saved:defines-x", "edit:saved:defines-y",
                                             "edit:saved:defines-z", "progress:saved", "migrated:saved")]
    legacy = ["how-machines-learn:v1:edit:saved:cell-1", "how-machines-learn:v1:progress:saved"]
    # Spoil them from the index (a lesson page would save its cells' code over them as it closes).
    reader.open(url + "index.html")
    page.evaluate("([names, bad]) => names.forEach((name) => localStorage.setItem(name, bad))", [current + legacy, bad])

    reader.open(url + "saved.html")
    reader.wait_for_python()
    wait_output(reader, 4, "z is 1")  # the autorun cell ran its own code
    for n, code in ((1, X), (2, Y)):
        assert code_in(reader, n) == code
    reader.run(1)
    assert reader.run(2).locator(".output-text").inner_text().strip() == "42"
    assert page.locator(".cell-updated, .cell[data-edited]").count() == 0
    after = stored(page)
    # Set aside, with the text as it was and why; the earlier builds' entries are left alone.
    aside = [json.loads(text) for name, text in after.items() if name.startswith(prefix + "set-aside:")]
    for name in current:
        assert after.get(name) != bad
        key = name[len(prefix):]
        assert any(entry["key"] == key and entry["text"] == bad and entry["reason"] for entry in aside), (key, aside)
    assert all(after[name] == bad for name in legacy)

    # The index counts from good entries only, even when progress goes bad again.
    page.evaluate("([name, bad]) => localStorage.setItem(name, bad)", [prefix + "progress:saved", bad])
    reader.open(url + "index.html")
    assert "NaN" not in page.locator("main").inner_text()
    assert page.locator('.lesson-item[data-lesson="saved"] .lesson-exercises').is_hidden()
    assert stored(page).get(prefix + "progress:saved") != bad

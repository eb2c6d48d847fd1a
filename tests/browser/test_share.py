"""Shareable links: a copied link opens the same sliders, figures and code elsewhere.

The sender and the recipient are separate browser contexts (separate
storage, as two people's browsers are); the course is served under a
sub-path without special headers, as a plain static host serves it.
"""

from __future__ import annotations

import base64
import json
import zipfile
import zlib

import pytest

LESSON = "the-line.html"
SOLVED = "w = 1.0\nb = 0.0\n\ndef y(x, w, b):\n    return w * x + b"


def open_lesson(page, url):
    page.goto(url)
    page.wait_for_selector("html[data-python=ready]", timeout=60_000)
    page.wait_for_function("() => [...document.querySelectorAll('.widget')].every(w => w.hasAttribute('data-live'))")
    wait_idle(page)
    return page


def wait_idle(page):
    page.wait_for_function("() => !document.querySelector('[data-running]')")
    page.wait_for_timeout(500)


def code_of(page, cell_id: str) -> str:
    """A cell's code as the page shows it, with or without its editor mounted."""
    return page.evaluate("""(id) => {
        const cell = document.querySelector(`.cell[data-cell="${id}"]`);
        const editor = cell.querySelector('.cm-content');
        if (!editor) return cell.querySelector('.cell-source').textContent.replace(/\\n$/, '');
        return [...editor.querySelectorAll('.cm-line')].map((line) => line.textContent).join('\\n');
    }""", cell_id)


def figure_y(page, widget: str) -> list:
    return page.evaluate(f"() => Array.from(document.querySelector('#{widget} .plot').data[0].y)")


def set_code(page, cell_id: str, code: str):
    cell = page.locator(f'.cell[data-cell="{cell_id}"]')
    cell.scroll_into_view_if_needed()
    cell.locator(".cell-source, .cm-content").first.click()
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(code)
    page.wait_for_timeout(500)  # edits are saved a moment after the last keystroke


def copy_link(page, widget: str) -> str:
    button = page.locator(f"#{widget} .copy-link")
    button.click()
    page.wait_for_function("(b) => b.dataset.shareUrl", arg=button.element_handle())
    return button.get_attribute("data-share-url")


def token(state) -> str:
    packer = zlib.compressobj(wbits=-15)  # raw deflate, as CompressionStream("deflate-raw")
    packed = packer.compress(json.dumps(state).encode()) + packer.flush()
    return base64.urlsafe_b64encode(packed).decode().rstrip("=")


def test_a_copied_link_shows_the_same_figure_and_code_in_a_fresh_browser(browser, reader, plain_url):
    sender = browser.new_context(viewport={"width": 1200, "height": 900})
    errors = []
    page = sender.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_lesson(page, plain_url + LESSON)
    number = page.locator('#widget-1 .slider[data-name="w"] .slider-value')
    number.fill("2.5")
    number.press("Enter")
    wait_idle(page)
    set_code(page, "your-line", SOLVED)
    sent_figure, sent_code = figure_y(page, "widget-1"), code_of(page, "line")
    sent_number = number.input_value()
    assert sent_code.startswith("w = 2.5")  # the slider rewrote its line
    link = copy_link(page, "widget-1")
    with page.expect_download() as download:
        page.locator(".download-edits").click()
    with zipfile.ZipFile(download.value.path()) as archive:
        names = archive.namelist()
        notebook = json.loads(archive.read("the-line/the-line.ipynb"))
    sender.close()
    assert any(name.endswith(".whl") for name in names)
    sources = {cell["id"]: "".join(cell["source"]) for cell in notebook["cells"]}
    assert sources["your-line"] == SOLVED and sources["line"] == sent_code  # the reader's edits, in the notebook
    assert errors == []
    assert link.startswith(plain_url + LESSON + "#share=")

    # The recipient has edits of their own, which the link must not destroy.
    mine = "w = 1.0\nb = 0.0\n\ndef y(x, w, b):\n    return 0  # my own try"
    page = open_lesson(reader.page, plain_url + LESSON)
    set_code(page, "your-line", mine)
    page.goto("about:blank")  # then a real load, not a jump within the page
    page = open_lesson(reader.page, link)
    assert "#share=" not in page.url  # read once, then dropped from the address
    assert page.locator(".share-opened").is_visible()
    assert page.locator('#widget-1 .slider[data-name="w"] .slider-value').input_value() == sent_number
    assert figure_y(page, "widget-1") == pytest.approx(sent_figure)
    assert code_of(page, "line") == sent_code
    assert code_of(page, "your-line") == SOLVED
    note = page.locator('.cell[data-cell="your-line"] .share-note')
    assert note.is_visible()

    # A reload shows the reader's own saved version: the shared one was never saved.
    open_lesson(page, page.url)  # the address no longer has the link's fragment
    assert code_of(page, "your-line") == mine
    assert code_of(page, "line").startswith("w = 1.0\n")

    # And from the note, one click goes back to it.
    page.goto("about:blank")
    page = open_lesson(reader.page, link)
    page.locator('.cell[data-cell="your-line"] .share-back').click()
    assert code_of(page, "your-line") == mine
    assert not page.locator('.cell[data-cell="your-line"] .share-note').count()


@pytest.mark.parametrize("fragment", [
    "#share=this-is-not-a-link",
    "#share=" + token({"v": 1, "w": {}, "c": {"no-such-cell": "print(1)"}}),
    "#share=" + token({"v": 1, "w": {"widget-1": {"w": "__import__('os')"}}, "c": {}}),
    "#share=" + token({"v": 2, "w": {}, "c": {}}),
], ids=["garbage", "unknown-cell", "not-a-number", "other-version"])
def test_a_broken_link_is_ignored_with_a_message_and_the_lesson_works(reader, plain_url, fragment):
    page = open_lesson(reader.page, plain_url + LESSON + fragment)
    message = page.locator(".share-broken")
    assert message.is_visible()
    assert "could not be read" in message.inner_text()
    assert not page.locator(".share-note").count()
    assert code_of(page, "line").startswith("w = 1.0\n")
    number = page.locator('#widget-1 .slider[data-name="w"] .slider-value')
    number.fill("3")
    number.press("Enter")
    wait_idle(page)
    assert page.locator("#widget-1 .readout output").first.inner_text() == "6.0000"  # line(2) = 3 * 2 + 0

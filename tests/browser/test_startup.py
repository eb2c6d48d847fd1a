"""Starting Python: the precompiled runtime, and every way a start can fail ending in Retry."""

from __future__ import annotations

import re

import pytest

# Each file Python's start needs; losing any one must end in the plain-words
# error with Retry, named by the file, never in a page that loads forever.
START_FILES = {
    "the WebAssembly": ("**/pyodide.asm.wasm", "pyodide.asm.wasm"),
    "the standard library": ("**/python_stdlib.zip", "python_stdlib.zip"),
    "the NumPy wheel": ("**/numpy-*.whl", "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl"),
    "the course's packages": ("**/python-*.zip", "python-"),
}


def settled(page):
    """Wait until the cells a lesson runs by itself on arrival have finished."""
    page.wait_for_function("() => ![...document.querySelectorAll('.cell')].some(c => c.hasAttribute('data-running'))")


@pytest.mark.parametrize("blocked", START_FILES, ids=lambda name: name.split()[-1].lower())
def test_a_start_file_that_cannot_download_says_so_and_retry_recovers(reader, base_url, request, blocked):
    pattern, file_name = START_FILES[blocked]
    request.node.expects_console_errors = True  # the browser logs the failed download; checked below
    page = reader.page
    page.route(pattern, lambda route: route.abort())
    page.goto(base_url + "the-line.html")
    page.wait_for_selector("html[data-python=error]", timeout=30_000)
    status = page.locator("#python-status")
    message = status.locator(".python-status-text").inner_text()
    assert message.startswith("Python could not start: "), message
    assert file_name in message and "could not be downloaded" in message, message
    assert page.locator("h1").inner_text() == "The line"  # the prose is still there
    retry = status.get_by_role("button", name="Retry")
    assert retry.is_visible()

    page.unroute(pattern)
    retry.click()
    reader.wait_for_python()
    settled(page)
    assert not retry.is_visible()
    reader.set_code(1, "import numpy as np\nint(np.arange(5).sum())")
    assert reader.run(1).locator(".output-value").inner_text() == "10"
    # The only console errors are the browser's notes on the blocked download.
    unexpected = [error for error in reader.errors if not re.search(r"net::ERR_FAILED|Failed to fetch", error)]
    assert unexpected == [], unexpected


def test_the_site_ships_the_precompiled_runtime_and_python_uses_its_bytecode(reader, base_url):
    page = reader.open(base_url + "the-line.html")
    reader.wait_for_python()
    settled(page)
    reader.set_code(1, "import asyncio, numpy, numpy.linalg\n"
                       "print(type(numpy.__spec__.loader).__name__, numpy.linalg.__file__.rsplit('.', 1)[-1])\n"
                       "print(asyncio.__file__)")
    cell = reader.run(1)
    loader, asyncio_file = cell.locator(".output-text").inner_text().splitlines()
    # Sourceless bytecode: Python neither compiles NumPy nor the standard library at start-up.
    assert loader == "SourcelessFileLoader pyc"
    assert asyncio_file == "/lib/python312.zip/asyncio/__init__.pyc"  # imported by Pyodide at start-up
    wheel = [url for url in reader.requests if url.endswith(".whl")]
    assert len(wheel) == 1 and page.evaluate("document.documentElement.dataset.python") == "ready"


def test_library_code_without_source_still_shows_the_readers_own_line(reader, base_url):
    page = reader.open(base_url + "what-learning-means.html")
    reader.wait_for_python()
    settled(page)
    # Raised inside NumPy's own Python code, which ships as bytecode only.
    reader.set_code(1, "import numpy as np\nwide = np.zeros((2, 3))\ninverse = np.linalg.inv(wide)")
    cell = reader.run(1)
    cell.locator(".output-error").wait_for(timeout=60_000)
    error = cell.locator(".output-error").inner_text()
    assert 'File "<cell 1>", line 3' in error, error
    assert "inverse = np.linalg.inv(wide)" in error, error
    assert error.rstrip().endswith("LinAlgError: Last 2 dimensions of the array must be square"), error

"""Lighthouse, a judge nobody here wrote, finds nothing to fix on the index and the lessons with widgets.

Lighthouse (npm, pinned in package.json) loads each page in Debian's Chromium
as a phone (its default: 412 px, touch) and scores accessibility, best
practices (console errors, deprecated APIs, browser issues, ...) and SEO; the
index and the 3D lesson are judged as a desktop too (its desktop preset:
1350 px). Every category must score 100 and every audit in them pass, those
that carry no weight in the score too; a failure lists each failing audit with
every item it found (element, console message, URL). The lessons cover the
widget kinds: sliders and a 3D surface (the-line), training with Step and Play
on a loss landscape (gradient-descent), steppers and a text input (softmax),
and a trained 3D classifier (classification-in-3d).

One Chromium serves every run (Lighthouse connects to it over its debugging
port), so a run costs a page load, not a browser start: about 15 s each, the
file 2 to 3 minutes on two cores. Performance is left out: its timings flake on
two shared cores (`make bench` measures speed).
"""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest

from builder.site import ROOT

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = ["index", "the-line", "gradient-descent", "softmax", "classification-in-3d"]
FORM_FACTORS = {"phone": ["--form-factor=mobile"], "desktop": ["--preset=desktop"]}
# Every page as a phone, the narrower and touch-sized view; two on a desktop
# too, for its wider layout (a run takes ~15 s, so not all of them).
RUNS = [(page, "phone") for page in PAGES] + [("index", "desktop"), ("classification-in-3d", "desktop")]
CATEGORIES = ["accessibility", "best-practices", "seo"]

# The one item an audit may flag, by the text its line contains. The vendored
# Plotly bundle is third-party code minified by esbuild at set-up; Lighthouse
# counts it as first-party because the site serves it, and asks for a source
# map only a developer's tools would read. Any other script without one fails.
ALLOWED_ITEMS = {"valid-source-maps": "/vendor/plotly-"}

# A run may wait this long for the page to go quiet (Pyodide loads behind it).
LOAD_MS = 60_000


@pytest.fixture(scope="module")
def chromium_port(request, tmp_path_factory) -> int:
    """Start one headless Chromium for the module and return its debugging port."""
    # The path and flags are defined once, in this folder's conftest.py; pytest
    # registers that module under its file name.
    conftest = request.config.pluginmanager.get_plugin(str(Path(__file__).with_name("conftest.py")))
    if not Path(conftest.CHROMIUM).exists():
        pytest.fail(f"{conftest.CHROMIUM} is missing: `make test` installs Debian's chromium package")
    profile = tmp_path_factory.mktemp("lighthouse-profile")
    chromium = subprocess.Popen([conftest.CHROMIUM, "--headless", *conftest.CHROMIUM_FLAGS,
                                 "--remote-debugging-port=0", f"--user-data-dir={profile}", "about:blank"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Port 0 lets Chromium pick a free port; it writes the one it took here.
    active_port = profile / "DevToolsActivePort"
    deadline = time.monotonic() + 30
    while not active_port.exists() or not active_port.read_text().strip():
        if chromium.poll() is not None or time.monotonic() > deadline:
            chromium.kill()
            pytest.fail(f"Chromium did not open a debugging port (exit code {chromium.poll()})")
        time.sleep(0.1)
    yield int(active_port.read_text().split()[0])
    chromium.terminate()
    chromium.wait(timeout=30)


def run_lighthouse(url: str, port: int, form_factor: str) -> dict:
    """Judge one page in the running Chromium and return Lighthouse's JSON report."""
    result = subprocess.run(
        [str(LIGHTHOUSE), url, f"--port={port}", "--hostname=127.0.0.1", *FORM_FACTORS[form_factor],
         f"--only-categories={','.join(CATEGORIES)}", f"--max-wait-for-load={LOAD_MS}",
         "--disable-full-page-screenshot", "--output=json", "--output-path=stdout", "--quiet"],
        capture_output=True, text=True, cwd=ROOT, timeout=180)
    assert result.returncode == 0, f"Lighthouse failed on {url}:\n{result.stderr}"
    return json.loads(result.stdout)


def describe(item: dict) -> str:
    """One line for an item of an audit's table: the element, message or URL it names."""
    parts = []
    for key, value in item.items():
        if isinstance(value, dict) and value.get("type") == "node":
            parts.append(f"{value.get('selector', '')} {value.get('snippet', '')} {value.get('explanation', '')}".strip())
        elif isinstance(value, dict) and value.get("type") == "source-location":
            parts.append(f"{value['url']}:{value['line'] + 1}:{value['column'] + 1}")
        elif isinstance(value, dict) and value.get("type") == "subitems":
            parts.append("; ".join(describe(sub) for sub in value["items"]))
        elif isinstance(value, (str, int, float)) and value != "":
            parts.append(f"{key}: {value}")
    return " | ".join(parts)


def problems(report: dict) -> list[str]:
    """Every failing audit of the judged categories, with its items."""
    lines = []
    seen = set()
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["id"] in seen:
                continue
            seen.add(ref["id"])
            # informative, manual and notApplicable audits have no score to fail.
            failed = audit["scoreDisplayMode"] == "error" or (audit["score"] is not None and audit["score"] < 1)
            items = [describe(item) for item in (audit.get("details") or {}).get("items", [])]
            if ref["id"] in ALLOWED_ITEMS:
                items = [item for item in items if ALLOWED_ITEMS[ref["id"]] not in item]
                failed = failed and bool(items)
            if not failed:
                continue
            lines.append(f"{category} / {ref['id']} (weight {ref['weight']}): {audit['title']}")
            for text in (audit.get("explanation"), audit.get("errorMessage")):
                if text:
                    lines.append(f"    {text}")
            lines += [f"    - {item}" for item in items]
    return lines


@pytest.mark.parametrize(("page", "form_factor"), RUNS, ids=[f"{page}-{form}" for page, form in RUNS])
def test_lighthouse_finds_nothing_to_fix(base_url, chromium_port, page, form_factor):
    url = base_url if page == "index" else f"{base_url}{page}.html"
    report = run_lighthouse(url, chromium_port, form_factor)
    assert report.get("runtimeError") is None, report["runtimeError"]
    assert report["finalDisplayedUrl"] == url, "Lighthouse judged another page than the one asked for"
    scores = {category: report["categories"][category]["score"] for category in CATEGORIES}
    found = problems(report)
    # Run warnings (a slow CPU, a slow load) do not fail the page, but they can explain a failure.
    warnings = [f"run warning: {warning}" for warning in report["runWarnings"]]
    assert scores == dict.fromkeys(CATEGORIES, 1) and not found, (
        f"Lighthouse on {page} ({form_factor}) scores {scores}:\n" + "\n".join(found + warnings))

"""Every test file in tests/ is collected: a folder pytest skips is a test that never runs.

pytest's default `norecursedirs` skips folders such as `build`, and two test
files with one base name stop collection; either would silently drop tests.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_test_file_is_collected():
    on_disk = {path.relative_to(ROOT).as_posix() for path in (ROOT / "tests").rglob("test_*.py")
               if "node_modules" not in path.parts}
    listing = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
                             cwd=ROOT, capture_output=True, text=True, timeout=300)
    collected = {line.split("::")[0] for line in listing.stdout.splitlines() if "::" in line}
    assert on_disk, "no test files found"
    assert not on_disk - collected, f"pytest does not collect {sorted(on_disk - collected)}:\n{listing.stdout[-2000:]}"

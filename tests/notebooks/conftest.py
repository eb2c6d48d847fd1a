"""Mark the Jupyter runs as `notebooks`, so `pytest -m "not notebooks"` skips the slow part."""

import pytest


def pytest_collection_modifyitems(items):
    for item in items:
        if item.fspath.basename == "test_notebooks.py":
            item.add_marker(pytest.mark.notebooks)

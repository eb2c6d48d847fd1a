"""The gradient reference as a fixture (strict floating point is in tests/conftest.py)."""

import pytest

from gradient_reference import assert_gradients_match


@pytest.fixture
def gradients_match():
    """assert_gradients_match(objective, params): analytic vs central difference, relative error < 1e-6."""
    return assert_gradients_match

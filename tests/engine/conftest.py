"""Shared test set-up: strict floating point, and the gradient reference as fixtures."""

import warnings

import numpy as np
import pytest

from gradient_reference import assert_gradients_match


@pytest.fixture(autouse=True)
def strict_floats():
    """Run every engine test with NumPy floating-point problems and warnings as errors.

    The engine promises no warnings for the reader; any overflow, underflow,
    division by zero or invalid operation it does not handle fails the test.
    """
    with np.errstate(all="raise"), warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


@pytest.fixture
def gradients_match():
    """assert_gradients_match(objective, params): analytic vs central difference, relative error < 1e-6."""
    return assert_gradients_match

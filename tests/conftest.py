"""Set-up shared by every test folder."""

import warnings

import numpy as np
import pytest

# The layers that promise the reader numbers without NumPy warnings.
STRICT_FLOAT_LAYERS = {"engine", "checks", "figures"}


@pytest.fixture(autouse=True)
def strict_floats(request):
    """Run engine, checks and figures tests with floating-point problems and warnings as errors.

    These layers promise no warnings for the reader; any overflow, underflow,
    division by zero or invalid operation they do not handle fails the test.
    """
    if request.path.parent.name not in STRICT_FLOAT_LAYERS:
        yield
        return
    with np.errstate(all="raise"), warnings.catch_warnings():
        warnings.simplefilter("error")
        yield

"""An independent gradient reference for the engine tests (shares no code with engine/)."""

import numpy as np


def central_difference(f, params, h=1e-6):
    """Return the gradient of f(params) -> float by central differences.

    Written here, separately from engine.calculus, so the engine's analytic
    gradients are compared with a reference that shares no code with them.
    """
    grads = {}
    for name, value in params.items():
        base = np.array(value, dtype=float)
        slope = np.zeros_like(base)
        for index in np.ndindex(base.shape):
            up, down = (_loss_at(f, params, name, index, base[index] + delta) for delta in (h, -h))
            slope[index] = (up - down) / (2 * h)
        grads[name] = slope
    return grads


def _loss_at(f, params, name, index, value):
    moved = {k: np.array(v, dtype=float) for k, v in params.items()}
    moved[name][index] = value
    moved = {k: (float(v) if v.ndim == 0 else v) for k, v in moved.items()}
    result = f(moved)
    return float(result[0] if isinstance(result, tuple) else result)


def relative_error(a, b):
    """Return |a - b| / max(|a|, |b|) over whole arrays (0 when both are 0)."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    scale = max(np.linalg.norm(a), np.linalg.norm(b))
    return 0.0 if scale == 0 else float(np.linalg.norm(a - b) / scale)


def assert_gradients_match(objective, params, tol=1e-6):
    """Assert every analytic gradient of objective matches the central difference."""
    _, analytic = objective(params)
    numeric = central_difference(objective, params)
    assert set(analytic) == set(params)
    for name in params:
        assert np.shape(analytic[name]) == np.shape(params[name]), name
        error = relative_error(analytic[name], numeric[name])
        assert error < tol, f"{name}: relative error {error:.2e}"

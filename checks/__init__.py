"""Feedback on the reader's code: the `check_*` helpers an exercise calls.

Each check returns a `Check(passed, message)` whose message names the actual
mistake in plain words. Checks that run the reader's code take the lesson
namespace `ns`, set the globals they need, and always put it back as it was.
Slopes are measured with the engine's one central difference
(engine.calculus.numerical_gradient) and numbers in messages are written by
engine.formatting.message_text (`fmt` in checks/reader.py).
"""

from checks.fits import misfit
from checks.gradients import check_gradient
from checks.shapes import explain_shapes, shape_error_message
from checks.training import check_train_loop, check_training
from checks.values import check_function, check_shape, check_value
from checks.verdict import Check

__all__ = [
    "Check",
    "check_function",
    "check_gradient",
    "check_shape",
    "check_train_loop",
    "check_training",
    "check_value",
    "explain_shapes",
    "misfit",
    "shape_error_message",
]

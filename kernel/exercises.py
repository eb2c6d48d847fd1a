"""Run an exercise's check against the lesson's namespace.

A check is a Python expression the lesson author wrote, usually a call of an
`checks` helper; `ns` in it is the namespace itself. It yields a Check
(passed, message) or a bool. A check that raises counts as not passed, with
the error as the message: a reader's half-written code must not crash it.
"""

from __future__ import annotations

import checks
import engine

PASSED = "Well done: that is right."
NOT_YET = "Not yet: the check does not pass."

# What a check expression may name besides the lesson's own variables.
CHECK_SCOPE = {**{name: getattr(engine, name) for name in engine.__all__},
               **{name: getattr(checks, name) for name in checks.__all__}}


def run_check(expression: str, namespace: dict) -> dict:
    """Evaluate `expression` with the engine's and the checks' names and `ns`; never raises."""
    scope = {**CHECK_SCOPE, **namespace, "ns": namespace}
    try:
        outcome = eval(compile(expression, "<exercise check>", "eval"), scope)
    except Exception as error:  # noqa: BLE001 - the reader's code may be anything
        return {"passed": False, "message": f"The check could not run your code: {type(error).__name__}: {error}"}
    passed = bool(getattr(outcome, "passed", outcome))
    message = getattr(outcome, "message", None) or (PASSED if passed else NOT_YET)
    return {"passed": passed, "message": str(message)}

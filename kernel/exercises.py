"""Run an exercise's check against the lesson's namespace.

A check is a Python expression the lesson author wrote, usually a call of an
engine.checks helper; `ns` in it is the namespace itself. It yields a Check
(passed, message) or a bool. A check that raises counts as not passed, with
the error as the message: a reader's half-written code must not crash it.
"""

from __future__ import annotations

import engine
import engine.checks

PASSED = "Well done: that is right."
NOT_YET = "Not yet: the check does not pass."


def run_check(expression: str, namespace: dict) -> dict:
    """Evaluate `expression` with the engine's names and `ns`; never raises."""
    scope = {**{name: getattr(engine, name) for name in engine.__all__}, **namespace, "ns": namespace}
    try:
        outcome = eval(compile(expression, "<exercise check>", "eval"), scope)
    except Exception as error:  # noqa: BLE001 - the reader's code may be anything
        return {"passed": False, "message": f"The check could not run your code: {type(error).__name__}: {error}"}
    passed = bool(getattr(outcome, "passed", outcome))
    message = getattr(outcome, "message", None) or (PASSED if passed else NOT_YET)
    return {"passed": passed, "message": str(message)}

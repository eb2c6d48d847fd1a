"""Plain-words explanations of NumPy's shape errors (matmul and broadcasting)."""

from __future__ import annotations

import inspect
import re

import numpy as np

from checks.verdict import Check

_MATMUL = re.compile(r"matmul: .*\(size (\d+) is different from (\d+)\)")
_DOT = re.compile(r"shapes \(([\d, ]*)\) and \(([\d, ]*)\) not aligned")
_BROADCAST = re.compile(r"could not be broadcast together with shapes ((?:\([\d,]*\) ?)+)")


def shape_text(shape) -> str:
    """Return a shape written as Python prints tuples: (10, 2), (3,), ()."""
    return "(" + ", ".join(str(s) for s in shape) + ("," if len(shape) == 1 else "") + ")"


def _parse_shape(text: str):
    return tuple(int(part) for part in text.replace(" ", "").split(",") if part)


def _name_of(shape, named: dict, taken=()):
    # The one array of this shape; None if there are several (naming one would be a guess).
    names = [name for name, array in named.items() if name not in taken and np.shape(array) == tuple(shape)]
    return names[0] if len(names) == 1 else None


def _matmul_message(left_name, left, right_name, right) -> str:
    inner_left = left[-1]
    inner_right = right[0] if len(right) == 1 else right[-2]
    left_part = f"{inner_left} columns of {left_name}" if len(left) > 1 else f"{inner_left} entries of {left_name}"
    right_part = f"{inner_right} rows of {right_name}" if len(right) > 1 else f"{inner_right} entries of {right_name}"
    return (f"{left_name} @ {right_name} met shapes {shape_text(left)} and {shape_text(right)}: "
            f"the {left_part} must equal the {right_part}.")


def _find_matmul_pair(named: dict, inner_left: int, inner_right: int):
    # The one pair (A, B) whose inner sizes are those reported; None if several
    # pairs fit, since naming the wrong arrays would mislead.
    items = [(name, np.shape(a)) for name, a in named.items() if np.ndim(a) >= 1]
    pairs = []
    for left_name, left in items:
        for right_name, right in items:
            if left_name == right_name:
                continue
            right_inner = right[0] if len(right) == 1 else right[-2]
            if left[-1] == inner_left and right_inner == inner_right:
                pairs.append((left_name, left, right_name, right))
    return pairs[0] if len(pairs) == 1 else None


def shape_error_message(error, named=None):
    """Return a plain-words explanation of a NumPy shape ValueError, or None.

    error: the ValueError; named: {name: array} of the arrays involved, used
    to say which arrays met (e.g. "X @ W met shapes (10, 2) and (3, 1): the 2
    columns of X must equal the 3 rows of W"). Returns None for other errors.
    """
    named = named or {}
    text = str(error)
    match = _MATMUL.search(text)
    if match:
        inner_right, inner_left = int(match.group(1)), int(match.group(2))
        pair = _find_matmul_pair(named, inner_left, inner_right)
        if pair:
            return _matmul_message(*pair)
        return (f"A matrix product @ met inner sizes {inner_left} and {inner_right}: the columns "
                f"of the left array must equal the rows of the right one.")
    match = _DOT.search(text)
    if match:
        left, right = _parse_shape(match.group(1)), _parse_shape(match.group(2))
        left_name = _name_of(left, named) or "the left array"
        right_name = _name_of(right, named, (left_name,)) or "the right array"
        return _matmul_message(left_name, left, right_name, right)
    match = _BROADCAST.search(text)
    if match:
        shapes = [_parse_shape(s) for s in re.findall(r"\(([\d,]*)\)", match.group(1))]
        return _broadcast_message(shapes, named)
    return None


def _broadcast_message(shapes, named) -> str:
    taken = []
    labels = []
    for shape in shapes:
        name = _name_of(shape, named, taken)
        taken.append(name)
        labels.append(f"{name} {shape_text(shape)}" if name else shape_text(shape))
    # Compare sizes from the right: each pair must be equal, or one of them 1.
    clash = None
    for position in range(1, max(len(s) for s in shapes) + 1):
        sizes = {s[-position] for s in shapes if len(s) >= position} - {1}
        if len(sizes) > 1:
            clash = sorted(sizes)
            break
    detail = ""
    if clash:
        detail = (f" Lining the shapes up from the right, sizes {' and '.join(map(str, clash))} meet "
                  f"in the same place; sizes there must be equal, or 1 (which is stretched).")
    return f"Element-wise arithmetic met shapes {' and '.join(labels)}, which do not fit together.{detail}"


def explain_shapes(fn, *arrays, names=None):
    """Run fn(*arrays) and explain a shape error in plain words.

    names: what to call the arrays; by default fn's own parameter names,
    so explain_shapes(lambda X, W: X @ W, X, W) talks about X and W.
    Returns Check(True, ..., value=result) on success, else Check(False, why).
    """
    if names is None:
        try:
            names = list(inspect.signature(fn).parameters)[: len(arrays)]
        except (TypeError, ValueError):
            names = []
        names = list(names) + [chr(ord("A") + k) for k in range(len(names), len(arrays))]
    named = dict(zip(names, arrays))
    try:
        result = fn(*arrays)
    except ValueError as error:
        message = shape_error_message(error, named)
        return Check(False, message or f"ValueError: {error}")
    return Check(True, f"The shapes fit: the result has shape {shape_text(np.shape(result))}.", value=result)

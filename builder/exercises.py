"""```exercise blocks: a task on the code cell above, checked in the page.

    ```exercise
    title: Make the line move
    check: check_function(ns, "y", lambda x, w, b: w * x + b, [(2, 3, 1), (-1, 0.5, 4)])
    hint: The sliders set w and b; use both in the return line.
    solution: |
      def y(x, w, b):
          return w * x + b
    ```

`check` is a Python expression (the `checks` helpers make it one line;
`ns` is the lesson's namespace) giving a Check or a bool; it runs after the
cell runs and after a widget on the page changes. `solution` replaces the
cell's code. `wrong` lists mistakes a learner is likely to make:

    wrong:
      - mistake: forgets the bias
        replace: {"w * x + b": "w * x"}     # edits of the solution, or
        says: leaves out `b`                # (optional) the message must say this
      - mistake: returns x
        code: |                             # the whole cell's code
          def y(x, w, b):
              return x

The build proves every exercise fair: its check must fail on the lesson's
starting code, pass once the solution replaces it, and fail on each known
wrong answer with a message that contains its `says` (case-insensitive).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from typing import TYPE_CHECKING

from builder.errors import LessonError, load_yaml
from builder.page import CELL_TIME_LIMIT, Page
from kernel.exercises import run_check

if TYPE_CHECKING:
    from builder.lessons import Lesson

KEYS = {"title", "check", "hint", "solution", "cell", "wrong"}
WRONG_KEYS = {"mistake", "code", "replace", "says"}


@dataclass
class WrongAnswer:
    """A known wrong answer: the cell's code with a mistake in it, and what the check must say."""

    mistake: str
    code: str
    says: str | None
    line: int


@dataclass
class Exercise:
    title: str
    check: str
    hint: str
    solution: str
    line: int
    cell: str | None = None
    id: str = ""
    wrong: list[WrongAnswer] = field(default_factory=list)


def parse_exercise(text: str, first_line: int, where: str) -> Exercise:
    data, nodes = load_yaml(text, first_line, where, "exercise")
    if not isinstance(data, dict):
        raise LessonError(where, first_line, "an exercise block is YAML keys: title, check, hint, solution")
    for key in data:
        if key not in KEYS:
            raise LessonError(where, first_line, f"unknown exercise key {key!r} (known: {', '.join(sorted(KEYS))})")
    for key in ("check", "hint", "solution"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise LessonError(where, first_line, f"an exercise needs {key!r}")
    try:
        ast.parse(data["check"].strip(), mode="eval")
    except SyntaxError as error:
        raise LessonError(where, first_line, f"check is not a Python expression: {error.msg}") from None
    solution = data["solution"].rstrip("\n")
    return Exercise(title=str(data.get("title") or "Your turn"), check=data["check"].strip(),
                    hint=data["hint"].strip(), solution=solution, line=first_line - 1,
                    cell=data.get("cell"), wrong=_parse_wrong(data.get("wrong"), nodes, solution, first_line, where))


def _item_lines(nodes, first_line: int) -> list[int]:
    # The lesson line of each item of the `wrong` list, from the YAML node tree.
    for key, value in getattr(nodes, "value", []):
        if key.value == "wrong" and hasattr(value, "value") and isinstance(value.value, list):
            return [first_line + item.start_mark.line for item in value.value]
    return []


def _parse_wrong(entries, nodes, solution: str, first_line: int, where: str) -> list[WrongAnswer]:
    """Read the `wrong` list: each item is the cell's code with one known mistake."""
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise LessonError(where, first_line, "wrong is a list of known wrong answers (- mistake: ..., code: or replace:)")
    lines = _item_lines(nodes, first_line) or [first_line] * len(entries)
    wrong = []
    for entry, line in zip(entries, lines):
        if not isinstance(entry, dict):
            raise LessonError(where, line, "a wrong answer is YAML keys: mistake, code or replace, and says")
        unknown = [key for key in entry if key not in WRONG_KEYS]
        if unknown:
            raise LessonError(where, line, f"unknown wrong-answer key {unknown[0]!r} (known: {', '.join(sorted(WRONG_KEYS))})")
        if not isinstance(entry.get("mistake"), str) or not entry["mistake"].strip():
            raise LessonError(where, line, "a wrong answer needs 'mistake': a few words naming it")
        if ("code" in entry) == ("replace" in entry):
            raise LessonError(where, line, "a wrong answer needs either 'code' (the whole cell) or 'replace' (edits of the solution)")
        code = entry["code"] if "code" in entry else _edited(solution, entry["replace"], line, where)
        if not isinstance(code, str):
            raise LessonError(where, line, "a wrong answer's 'code' is the cell's code as text")
        says = entry.get("says")
        wrong.append(WrongAnswer(mistake=entry["mistake"].strip(), code=code.rstrip("\n"),
                                 says=None if says is None else str(says), line=line))
    return wrong


def _edited(solution: str, replace, line: int, where: str) -> str:
    # Apply {old: new} edits to the solution; each old text must be in it.
    if not isinstance(replace, dict) or not replace:
        raise LessonError(where, line, 'replace is a mapping of solution text to its wrong version: {"-=": "+="}')
    code = solution
    for old, new in replace.items():
        old, new = str(old), "" if new is None else str(new)
        if old not in code:
            raise LessonError(where, line, f"replace: {old!r} is not in the solution")
        code = code.replace(old, new)
    return code


def verify_exercises(lesson: Lesson, time_limit: float = CELL_TIME_LIMIT) -> None:
    """Prove each exercise fails on the starting code, passes with its solution, and rejects known wrong answers."""
    for exercise in lesson.blocks("exercise"):
        start = _page_after(lesson, exercise.cell, None, time_limit)
        result = run_check(exercise.check, start)
        if result["passed"]:
            raise LessonError(lesson.display_path, exercise.line,
                              "this exercise's check already passes on the starting code, so there is nothing to do")
        solved = _page_after(lesson, exercise.cell, exercise.solution, time_limit)
        result = run_check(exercise.check, solved)
        if not result["passed"]:
            raise LessonError(lesson.display_path, exercise.line,
                              f"this exercise's check fails on its own solution: {result['message']}")
        for wrong in exercise.wrong:
            _verify_wrong(lesson, exercise, wrong, time_limit)


def _verify_wrong(lesson: Lesson, exercise: Exercise, wrong: WrongAnswer, time_limit: float) -> None:
    """Prove the check rejects a known wrong answer, with a message naming the mistake."""
    page = _page_after(lesson, exercise.cell, wrong.code, time_limit, may_raise=True)
    result = run_check(exercise.check, page)
    if result["passed"]:
        raise LessonError(lesson.display_path, wrong.line,
                          f"the known wrong answer '{wrong.mistake}' passes the check: {result['message']}")
    if wrong.says is not None and wrong.says.lower() not in result["message"].lower():
        raise LessonError(lesson.display_path, wrong.line,
                          f"the check rejects the known wrong answer '{wrong.mistake}', but its message does not "
                          f"say {wrong.says!r}: {result['message']}")


def _page_after(lesson: Lesson, cell_id: str, replacement: str | None, time_limit: float,
                may_raise: bool = False) -> dict:
    """The namespace once the page's autorun cells above the exercise's cell, then that cell, ran.

    may_raise: the replacement is a wrong answer, which may raise like a reader's code.
    """
    page = Page(lesson, time_limit)
    page.open(until=cell_id)
    cell = next(cell for cell in lesson.cells if cell.id == cell_id)
    result = page.run(cell, replacement)
    if not result.ok and replacement is not None and not may_raise:
        raise LessonError(lesson.display_path, cell.line, f"the exercise's solution raises: {result.error.splitlines()[-1]}")
    return page.namespace

"""```exercise blocks: a task on the code cell above, checked in the page.

    ```exercise
    title: Make the line move
    check: check_function(ns, "y", lambda x, w, b: w * x + b, [(2, 3, 1), (-1, 0.5, 4)])
    hint: The sliders set w and b; use both in the return line.
    solution: |
      def y(x, w, b):
          return w * x + b
    ```

`check` is a Python expression (engine.checks helpers make it one line;
`ns` is the lesson's namespace) giving a Check or a bool; it runs after the
cell runs and after a widget on the page changes. `solution` replaces the
cell's code. The build proves every exercise fair: its check must fail on
the lesson's starting code and pass once the solution replaces it.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from builder.errors import LessonError, load_yaml
from builder.lessons import Block, Lesson, attach_to_cells, register_block
from builder.render import register_renderer
from kernel.cells import fresh_namespace, run_cell
from kernel.exercises import run_check

KEYS = {"title", "check", "hint", "solution", "cell"}


@dataclass
class Exercise:
    title: str
    check: str
    hint: str
    solution: str
    line: int
    cell: str | None = None
    id: str = ""


def parse_exercise(text: str, first_line: int, where: str) -> Exercise:
    data, _ = load_yaml(text, first_line, where, "exercise")
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
    return Exercise(title=str(data.get("title") or "Your turn"), check=data["check"].strip(),
                    hint=data["hint"].strip(), solution=data["solution"].rstrip("\n"), line=first_line - 1,
                    cell=data.get("cell"))


register_block("exercise", parse_exercise)


def attach_exercises(lesson: Lesson) -> list[Exercise]:
    """Give each exercise its cell (named, or the one above) and an id."""
    return attach_to_cells(lesson, "exercise")


def verify_exercises(lesson: Lesson) -> None:
    """Prove each exercise fails on the starting code and passes with its solution."""
    for exercise in attach_exercises(lesson):
        start = _page_after(lesson, exercise.cell, None)
        result = run_check(exercise.check, start)
        if result["passed"]:
            raise LessonError(lesson.display_path, exercise.line,
                              "this exercise's check already passes on the starting code, so there is nothing to do")
        solved = _page_after(lesson, exercise.cell, exercise.solution)
        result = run_check(exercise.check, solved)
        if not result["passed"]:
            raise LessonError(lesson.display_path, exercise.line,
                              f"this exercise's check fails on its own solution: {result['message']}")


def _page_after(lesson: Lesson, cell_id: str, replacement: str | None) -> dict:
    """The namespace once the page's autorun cells and the exercise's cell ran."""
    namespace = fresh_namespace()
    for cell in lesson.cells:
        if not (cell.autorun or cell.id == cell_id):
            continue
        code = replacement if (cell.id == cell_id and replacement is not None) else cell.code
        result = run_cell(code, namespace, name=f"cell {cell.index}")
        if not result.ok and cell.id == cell_id and replacement is not None:
            raise LessonError(lesson.display_path, cell.line, f"the exercise's solution raises: {result.error.splitlines()[-1]}")
        if cell.id == cell_id:
            break
    return namespace


def render_exercise(block: Block, lesson: Lesson, env) -> str:
    return env.get_template("exercise.html").render(exercise=block.data)


register_renderer("exercise", render_exercise)

"""An exercise's known wrong answers: the build proves each is rejected, naming file:line."""

from __future__ import annotations

import pytest

from builder.errors import LessonError
from builder.exercises import verify_exercises
from builder.lessons import read_lesson

LESSON = """\
---
title: A sample
order: 1
summary: One line.
---

```python
def y(x, w, b):
    return x
```

```exercise
title: Make the line
check: 'check_function(ns, "y", lambda x, w, b: w * x + b, [(2.0, 3.0, 1.0), (-1.0, 0.5, 4.0), (0.0, -2.0, 7.0)])'
hint: Weight times x, plus the bias.
solution: |
  def y(x, w, b):
      return w * x + b
wrong:
  - mistake: forgets the bias
    replace: {"w * x + b": "w * x"}
    says: leaves out `b`
  - mistake: the whole cell, written out
    code: |
      def y(x, w, b):
          return w * x - b
WRONG_ANSWER
```
"""


def lesson_with(tmp_path, wrong_answer: str):
    path = tmp_path / "01-sample.md"
    path.write_text(LESSON.replace("WRONG_ANSWER\n", wrong_answer), encoding="utf-8")
    return read_lesson(path, display_path="lessons/01-sample.md")


def failure(tmp_path, wrong_answer: str) -> LessonError:
    with pytest.raises(LessonError) as caught:
        verify_exercises(lesson_with(tmp_path, wrong_answer))
    return caught.value


def test_rejected_wrong_answers_build(tmp_path):
    lesson = lesson_with(tmp_path, "")
    [exercise] = lesson.blocks("exercise")
    assert [w.mistake for w in exercise.wrong] == ["forgets the bias", "the whole cell, written out"]
    assert exercise.wrong[0].code == "def y(x, w, b):\n    return w * x"
    verify_exercises(lesson)  # both are rejected, the first with its phrase


def test_a_wrong_answer_that_passes_fails_the_build_at_its_line(tmp_path):
    error = failure(tmp_path, '  - mistake: adds the terms the other way round\n    replace: {"w * x + b": "b + x * w"}\n')
    assert str(error).startswith("lessons/01-sample.md:27: the known wrong answer 'adds the terms the other way round' passes")


def test_a_message_that_does_not_name_the_mistake_fails_the_build(tmp_path):
    error = failure(tmp_path, '  - mistake: subtracts b\n    replace: {"+ b": "- b"}\n    says: forgot the bias\n')
    assert error.line == 27
    assert "does not say 'forgot the bias'" in error.message
    assert "sign in front of `b`" in error.message  # what the check did say


def test_an_edit_that_is_not_in_the_solution_is_reported(tmp_path):
    with pytest.raises(LessonError) as caught:
        lesson_with(tmp_path, '  - mistake: typo\n    replace: {"w*x": "x"}\n')
    assert caught.value.line == 27
    assert "'w*x' is not in the solution" in caught.value.message


def test_a_wrong_answer_needs_code_or_replace(tmp_path):
    with pytest.raises(LessonError) as caught:
        lesson_with(tmp_path, '  - mistake: nothing to try\n')
    assert "either 'code'" in caught.value.message

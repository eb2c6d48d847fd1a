"""An exercise's known wrong answers: the build proves each is rejected, naming file:line."""

from __future__ import annotations

import pytest

from builder.errors import LessonError
from builder.exercises import verify_exercises

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


def with_wrong_answer(wrong_answer: str) -> str:
    """The sample lesson with one more known wrong answer (YAML list items) at the end of its exercise."""
    return LESSON.replace("WRONG_ANSWER\n", wrong_answer)


def failure(lesson) -> LessonError:
    with pytest.raises(LessonError) as caught:
        verify_exercises(lesson)
    return caught.value


def test_rejected_wrong_answers_build(lesson_from):
    lesson = lesson_from(with_wrong_answer(""))
    [exercise] = lesson.blocks("exercise")
    assert [w.mistake for w in exercise.wrong] == ["forgets the bias", "the whole cell, written out"]
    assert exercise.wrong[0].code == "def y(x, w, b):\n    return w * x"
    verify_exercises(lesson)  # both are rejected, the first with its phrase


def test_a_wrong_answer_that_passes_fails_the_build_at_its_line(lesson_from):
    wrong = '  - mistake: adds the terms the other way round\n    replace: {"w * x + b": "b + x * w"}\n'
    error = failure(lesson_from(with_wrong_answer(wrong)))
    assert str(error).startswith("lessons/01-sample.md:27: the known wrong answer 'adds the terms the other way round' passes")


def test_a_message_that_does_not_name_the_mistake_fails_the_build(lesson_from):
    wrong = '  - mistake: subtracts b\n    replace: {"+ b": "- b"}\n    says: forgot the bias\n'
    error = failure(lesson_from(with_wrong_answer(wrong)))
    assert error.line == 27
    assert "does not say 'forgot the bias'" in error.message
    assert "sign in front of `b`" in error.message  # what the check did say


def test_an_edit_that_is_not_in_the_solution_is_reported(lesson_error):
    error = lesson_error(with_wrong_answer('  - mistake: typo\n    replace: {"w*x": "x"}\n'))
    assert error.line == 27
    assert "'w*x' is not in the solution" in error.message


def test_a_wrong_answer_needs_code_or_replace(lesson_error):
    assert "either 'code'" in lesson_error(with_wrong_answer("  - mistake: nothing to try\n")).message

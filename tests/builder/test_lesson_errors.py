"""Each kind of lesson mistake fails the build with the file and line."""

from __future__ import annotations

import pytest

from builder.errors import LessonError
from builder.lessons import read_course

GOOD = """\
---
title: A sample
order: 1
summary: One line.
---

Some text with $x^2$.

```python
#| autorun: true
x = 1
```
"""


def test_a_good_lesson_parses(lesson_from):
    lesson = lesson_from(GOOD)
    assert (lesson.title, lesson.order, lesson.summary, lesson.slug) == ("A sample", 1, "One line.", "sample")
    [cell] = lesson.cells
    assert cell.code == "x = 1"
    assert cell.line == 11  # the first code line, after the option line
    assert cell.autorun is True


TWO_CELLS_NAMED_SAME = "\n```python\n#| id: same\na = 1\n```\n\n```python\n#| id: same\nb = 2\n```\n"


@pytest.mark.parametrize("text, says", [
    pytest.param(GOOD.replace("title: A sample\n", ""), "1: front matter needs 'title'", id="missing-title"),
    pytest.param(GOOD.replace("order: 1", "order: first"), "3: 'order' must be", id="wrong-type"),
    pytest.param(GOOD.replace("summary: One line.", "summary: One line.\nauthor: me"),
                 "5: unknown front matter key 'author'", id="unknown-front-matter-key"),
    pytest.param("---\ntitle: x\n", "1: the front matter opened here is never closed", id="unclosed-front-matter"),
    pytest.param(GOOD.replace("#| autorun: true", "#| autorun: true\n#| colour: red"),
                 "11: unknown cell option 'colour'", id="unknown-cell-option"),
    pytest.param(GOOD.replace("#| autorun: true", "#| autorun: yes please"), "10: cell option autorun",
                 id="bad-cell-option-value"),
    pytest.param(GOOD + "\nMore text.\n\n```python\nprint('never closed')\n",
                 "16: the code fence ```python opened here is never closed", id="unclosed-fence"),
    pytest.param(GOOD + TWO_CELLS_NAMED_SAME, "20: two cells are named 'same'", id="two-cells-with-one-id"),
    pytest.param(GOOD.replace("#| autorun: true", "#| id: Bad"),
                 "10: cell option id: 'Bad': use lowercase letters, digits and dashes", id="bad-cell-id"),
])
def test_a_mistake_names_the_file_and_line(lesson_error, text, says):
    assert str(lesson_error(text)).startswith(f"lessons/01-sample.md:{says}")


def test_a_file_name_must_make_a_page_name(lesson_error):
    error = lesson_error(GOOD, name="01-Bad_Name.md")
    assert str(error) == ("lessons/01-Bad_Name.md:1: the file name gives the page name 'Bad_Name': "
                          "use lowercase letters, digits and dashes")


def test_duplicate_order_names_both_files(lessons):
    (lessons / "01-one.md").write_text(GOOD, encoding="utf-8")
    (lessons / "02-two.md").write_text(GOOD.replace("title: A sample", "title: Another"), encoding="utf-8")
    with pytest.raises(LessonError) as caught:
        read_course(lessons)
    assert str(caught.value).startswith("lessons/02-two.md:3: order 1 is already used by lessons/01-one.md")


def test_other_languages_stay_static_code(lesson_from):
    lesson = lesson_from(GOOD + "\n```text\nnot run\n```\n")
    assert len(lesson.cells) == 1
    assert lesson.slots[-1].code == "not run"

"""Each kind of lesson mistake fails the build with the file and line."""

from __future__ import annotations

import textwrap

import pytest

from builder.errors import LessonError
from builder.lessons import read_course, read_lesson

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


def write(folder, name, text):
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def error_of(path) -> LessonError:
    with pytest.raises(LessonError) as caught:
        read_lesson(path, display_path=f"lessons/{path.name}")
    return caught.value


def test_a_good_lesson_parses(tmp_path):
    lesson = read_lesson(write(tmp_path, "01-sample.md", GOOD))
    assert (lesson.title, lesson.order, lesson.summary, lesson.slug) == ("A sample", 1, "One line.", "sample")
    [cell] = lesson.cells
    assert cell.code == "x = 1"
    assert cell.line == 11  # the first code line, after the option line
    assert cell.autorun is True


def test_missing_title_names_the_file(tmp_path):
    path = write(tmp_path, "a.md", GOOD.replace("title: A sample\n", ""))
    error = error_of(path)
    assert str(error).startswith("lessons/a.md:1: ")
    assert "'title'" in error.message


def test_wrong_type_names_the_line(tmp_path):
    path = write(tmp_path, "a.md", GOOD.replace("order: 1", "order: first"))
    assert str(error_of(path)).startswith("lessons/a.md:3: 'order' must be")


def test_unknown_front_matter_key(tmp_path):
    path = write(tmp_path, "a.md", GOOD.replace("summary: One line.", "summary: One line.\nauthor: me"))
    assert str(error_of(path)).startswith("lessons/a.md:5: unknown front matter key 'author'")


def test_unclosed_front_matter(tmp_path):
    path = write(tmp_path, "a.md", "---\ntitle: x\n")
    assert "never closed" in str(error_of(path))


def test_unknown_cell_option(tmp_path):
    path = write(tmp_path, "a.md", GOOD.replace("#| autorun: true", "#| autorun: true\n#| colour: red"))
    error = error_of(path)
    assert str(error).startswith("lessons/a.md:11: unknown cell option 'colour'")


def test_bad_cell_option_value(tmp_path):
    path = write(tmp_path, "a.md", GOOD.replace("#| autorun: true", "#| autorun: yes please"))
    assert str(error_of(path)).startswith("lessons/a.md:10: cell option autorun")


def test_unclosed_fence(tmp_path):
    path = write(tmp_path, "a.md", GOOD + "\nMore text.\n\n```python\nprint('never closed')\n")
    assert str(error_of(path)).startswith("lessons/a.md:16: the code fence ```python opened here is never closed")


def test_duplicate_order_names_both_files(tmp_path):
    write(tmp_path, "01-one.md", GOOD)
    write(tmp_path, "02-two.md", GOOD.replace("title: A sample", "title: Another"))
    with pytest.raises(LessonError) as caught:
        read_course(tmp_path, root=tmp_path.parent)
    text = str(caught.value)
    assert text.startswith(f"{tmp_path.name}/02-two.md:3: order 1 is already used by {tmp_path.name}/01-one.md")


def test_two_cells_with_one_id(tmp_path):
    body = GOOD + "\n```python\n#| id: same\na = 1\n```\n\n```python\n#| id: same\nb = 2\n```\n"
    assert "two cells are named 'same'" in str(error_of(write(tmp_path, "a.md", body)))


def test_other_languages_stay_static_code(tmp_path):
    lesson = read_lesson(write(tmp_path, "a.md", GOOD + "\n```text\nnot run\n```\n"))
    assert len(lesson.cells) == 1
    assert lesson.slots[-1].code == "not run"

"""Text from a lesson can never end an HTML attribute or a <script> early."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from builder.first_states import first_states
from builder.render import environment, render_body

HOSTILE = '"><script>alert(1)</script><!--'

LESSON = """\
---
title: Escaping
order: 1
summary: Hostile text in blocks.
---

```{language}
print("hello")
```

```python
t = 1
```

```widget
inputs:
  s:
    value: "'</script><!--'"
    label: "</script><script>alert(2)</script>"
readouts:
  - s
```
"""


class Parsed(HTMLParser):
    """Start tags with their attributes, and the text of every <script>."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def rendered(lesson_from) -> Parsed:
    lesson = lesson_from(LESSON.replace("{language}", HOSTILE), "01-escaping.md")
    states = first_states(lesson)
    for widget in lesson.blocks("widget"):
        widget.first = states[widget.id]
    body, _ = render_body(lesson, environment())
    parsed = Parsed()
    parsed.feed(body)
    return parsed


def test_a_hostile_fence_language_stays_inside_its_attribute(lesson_from):
    parsed = rendered(lesson_from)
    static = [attrs for tag, attrs in parsed.tags if tag == "pre" and "static-code" in (attrs.get("class") or "")]
    assert [attrs["data-language"] for attrs in static] == [HOSTILE.lower()]
    assert not any("alert(1)" in script for script in parsed.scripts)


def test_script_json_cannot_close_its_script_or_open_a_comment(lesson_from):
    parsed = rendered(lesson_from)
    assert len(parsed.scripts) == 2  # the widget's spec and first state, nothing more
    for text in parsed.scripts:
        assert not re.search(r"</script|<!--|<script", text, re.I)
    spec, first = (json.loads(text) for text in parsed.scripts)  # the page reads them back exactly
    assert "</script><!--" in first["readouts"][0]["text"]
    assert spec["inputs"]["s"] == {"value": "'</script><!--'", "label": "</script><script>alert(2)</script>"}

"""The cell runner shared by the browser worker and `build.py check`."""

from __future__ import annotations

from kernel.cells import NO_INPUT, fresh_namespace, run_cell
from kernel.output import OutputStream
from kernel.session import Session


def test_prints_and_shows_the_last_expression():
    namespace = fresh_namespace()
    result = run_cell("print('hi')\n2 + 3", namespace, "cell 1")
    assert result.ok
    assert result.output.text == "hi\n"
    assert result.value == "5"


def test_none_and_statements_show_no_value():
    namespace = fresh_namespace()
    assert run_cell("x = 1", namespace).value is None
    assert run_cell("None", namespace).value is None


def test_cells_share_one_namespace():
    namespace = fresh_namespace()
    run_cell("w = 2", namespace, "cell 1")
    assert run_cell("w * 3", namespace, "cell 2").value == "6"


def test_traceback_keeps_only_the_readers_lines():
    namespace = fresh_namespace()
    run_cell("import json\ndef parse(text):\n    return json.loads(text)", namespace, "cell 1")
    result = run_cell("x = 1\nparse('{')", namespace, "cell 2")
    assert not result.ok
    assert result.error_line == 2
    assert 'File "<cell 2>", line 2, in <module>' in result.error
    assert 'File "<cell 1>", line 3, in parse' in result.error
    assert "json/" not in result.error and "decoder.py" not in result.error
    assert result.error.endswith("json.decoder.JSONDecodeError: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)")


def test_syntax_error_names_the_line():
    result = run_cell("a = 1\nb = (", fresh_namespace(), "cell 3")
    assert result.error_line == 2
    assert "SyntaxError" in result.error and '"<cell 3>", line 2' in result.error


def test_keyboard_interrupt_is_a_stop_not_a_crash():
    result = run_cell("raise KeyboardInterrupt", fresh_namespace())
    assert result.interrupted and not result.ok


def test_long_reprs_are_cut():
    result = run_cell("'x' * 50_000", fresh_namespace())
    assert len(result.value) < 21_000 and "more characters not shown" in result.value


def test_output_is_batched_and_cut_after_the_line_limit():
    batches = []
    ticks = iter(range(1_000_000))
    stream = OutputStream(sink=batches.append, max_lines=100, interval=10, clock=lambda: next(ticks))
    result = run_cell("for i in range(250):\n    print(i)", fresh_namespace(), output=stream)
    assert result.output.text == "".join(f"{i}\n" for i in range(100))
    assert stream.cut_lines == 150
    assert stream.cut_note.startswith("… 150 more lines not shown")
    assert "".join(batches) == stream.text
    assert 1 < len(batches) < 60  # a few batches, not one message per print


def test_output_cut_by_characters():
    stream = OutputStream(max_chars=10)
    stream.write("0123456789abcdef")
    assert stream.text == "0123456789" and stream.cut_chars == 6
    assert "6 more characters" in stream.cut_note


def test_session_gives_each_lesson_its_own_namespace():
    session = Session()
    session.run("a", "cell 1", "secret = 42")
    assert session.run("a", "cell 2", "secret")["value"] == "42"
    missing = session.run("b", "cell 1", "secret")
    assert "NameError" in missing["error"]
    session.reset("a")
    assert "NameError" in session.run("a", "cell 1", "secret")["error"]


def test_input_explains_that_a_cell_cannot_ask_for_text():
    namespace = fresh_namespace()
    result = run_cell('name = input("Your name? ")', namespace, name="cell 1")
    assert result.error_line == 1
    assert result.error.rstrip().endswith(NO_INPUT)
    assert "kernel" not in result.error  # trimmed to the reader's own line
    assert run_cell("len(range(3))", namespace).value == "3"  # other builtins untouched

"""Run a reader's code cell the way a notebook does.

`run_cell(code, namespace, name)` executes the cell in the lesson's shared
namespace, streams what it prints through `OutputStream`, returns the repr of
a final expression, and on error a traceback trimmed to the reader's own lines.
The same function runs in the browser (Pyodide, inside the Web Worker) and at
build time (CPython, `build.py check`), so a lesson that fails one fails both.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import linecache
import traceback
from dataclasses import dataclass, field

from kernel.output import OutputStream

# A repr longer than this is cut: a reader who evaluates a big array wants to
# see its start, not wait for a megabyte of text.
MAX_REPR_CHARS = 20_000

# Code the reader wrote or can see is compiled under file names starting with
# this; tracebacks keep only those frames.
READER_FILE_PREFIX = "<cell"


@dataclass
class CellResult:
    """What running a cell produced; `error` is None when it succeeded."""

    value: str | None = None  # repr of the last expression, if not None
    error: str | None = None  # trimmed traceback text
    error_line: int | None = None  # 1-based line in the cell where it failed
    interrupted: bool = False
    output: OutputStream = field(default_factory=OutputStream)

    @property
    def ok(self) -> bool:
        return self.error is None


NO_INPUT = ("input() cannot ask you for text in this page: there is no keyboard prompt here. "
            "Put the value in the code instead, for example name = \"Ada\" in place of name = input().")


def _input(prompt=""):
    """Say plainly that a cell cannot read from the keyboard (the page has no prompt to show)."""
    raise RuntimeError(NO_INPUT)


# The lesson's builtins: Python's own, except input(), which would otherwise
# fail deep in the runtime with "OSError: [Errno 29] I/O error".
LESSON_BUILTINS = {**vars(builtins), "input": _input}


def fresh_namespace() -> dict:
    """Return an empty module namespace for one lesson's cells to share."""
    return {"__name__": "__main__", "__builtins__": LESSON_BUILTINS}


def cell_filename(name: str) -> str:
    """Return the file name tracebacks show for a cell, e.g. `<cell 2>`."""
    return f"<{name}>"


def run_cell(code: str, namespace: dict, name: str = "cell",
             output: OutputStream | None = None) -> CellResult:
    """Execute `code` in `namespace`; never raises for errors in the code."""
    result = CellResult(output=output or OutputStream())
    filename = cell_filename(name)
    # Register the source so tracebacks can quote the reader's lines.
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    try:
        body, last = _compile(code, filename)
    except SyntaxError as error:
        result.error = _format_syntax_error(error)
        result.error_line = error.lineno
        return result
    try:
        with _redirected(result.output):
            exec(body, namespace)
            if last is not None:
                value = eval(last, namespace)
                if value is not None:
                    result.value = _short_repr(value)
    except KeyboardInterrupt:
        result.interrupted = True
        result.error = "Stopped: the run was interrupted before it finished."
    except BaseException as error:  # noqa: BLE001 - the reader's code may raise anything
        result.error, result.error_line = format_reader_error(error, filename)
    finally:
        result.output.flush()
    return result


def _compile(code: str, filename: str):
    """Split a cell into its statements and a final expression, if any."""
    tree = ast.parse(code, filename, "exec")
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = compile(ast.Expression(tree.body.pop().value), filename, "eval")
    return compile(tree, filename, "exec"), last


@contextlib.contextmanager
def _redirected(stream: OutputStream):
    with contextlib.redirect_stdout(stream), contextlib.redirect_stderr(stream):
        yield


def format_reader_error(error: BaseException, filename: str | None = None) -> tuple[str, int | None]:
    """Format a traceback keeping only frames from the reader's cells.

    Frames inside the kernel, the engine or NumPy are noise to a newcomer;
    the exception line itself is always kept, so the message is never lost.
    Returns the text and the line where it failed in the cell `filename`
    (a function from another cell may be where it really broke).
    """
    frames = [frame for frame in traceback.extract_tb(error.__traceback__)
              if frame.filename.startswith(READER_FILE_PREFIX)]
    lines = []
    if frames:
        lines.append("Traceback (most recent call last):\n")
        lines.extend(traceback.format_list(frames))
    lines.extend(traceback.format_exception_only(type(error), error))
    own = [frame.lineno for frame in frames if frame.filename == filename]
    return "".join(lines).rstrip("\n"), (own[-1] if own else None)


def _format_syntax_error(error: SyntaxError) -> str:
    return "".join(traceback.format_exception_only(type(error), error)).rstrip("\n")


def _short_repr(value) -> str:
    text = repr(value)
    if len(text) > MAX_REPR_CHARS:
        cut = len(text) - MAX_REPR_CHARS
        text = f"{text[:MAX_REPR_CHARS]}\n… ({cut:,} more characters not shown)"
    return text

"""The worker protocol: the page calls only the Session methods kernel.session.METHODS lists, as listed."""

import inspect
import re
from pathlib import Path

from kernel.session import METHODS, SESSION, Session

ROOT = Path(__file__).resolve().parents[2]
JS = ROOT / "static/js"


def called_from_javascript() -> set:
    """Session methods the page's scripts name: python.call("m", ...), a widget's request("m"), run and reset."""
    names = set()
    for path in JS.glob("*.js"):
        text = path.read_text()
        names |= set(re.findall(r"""\bpython\.call\(\s*["']([a-z_]+)["']""", text))
        names |= set(re.findall(r"""\bthis\.request\(\s*["']([a-z_]+)["']""", text))
        names |= set(re.findall(r"\bsession\.([a-z_]+)\(", text))
        names |= {f"{kind}" for kind in re.findall(r'type:\s*"(run|reset)"', text)}
    return names


def test_the_page_calls_only_listed_methods():
    called = called_from_javascript()
    assert {"run", "reset", "check", "widget_open"} <= called  # the parsing finds the calls
    assert called <= set(METHODS), sorted(called - set(METHODS))


def test_every_listed_method_exists_with_the_listed_arguments():
    for name, arguments in METHODS.items():
        method = getattr(Session, name)
        parameters = list(inspect.signature(method).parameters)[1:]
        assert parameters == [argument for argument, _ in arguments], name


def test_no_public_method_is_left_out_of_the_list():
    public = {name for name, _ in inspect.getmembers(Session, inspect.isfunction) if not name.startswith("_")}
    assert public - set(METHODS) == {"namespace"}  # used by Python (build, notebooks), not by the worker


def test_the_worker_protocol_table_names_every_method():
    header = (JS / "worker.js").read_text().split("\n\n")[0]
    missing = [name for name in METHODS if name not in header]
    assert not missing, f"static/js/worker.js's protocol table does not name {missing}"


def test_a_lost_widget_says_how_to_recover():
    reply = SESSION.widget_redraw("no-such-lesson-" + __name__, "widget-1")
    assert reply["ok"] is False and reply["lost"] is True and "run the cell above it again" in reply["error"]

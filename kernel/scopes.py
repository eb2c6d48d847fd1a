"""Each widget's cell keeps its own values, so widgets on one page never share state.

A lesson's cells share one namespace, like a notebook. Widgets bound to
different cells would then share `w` and `b`: exploring one map would move
the next. `CellScopes` remembers what each cell left in the namespace when it
ran; a widget opened on a cell owns the names that cell assigns plus its
sliders, inputs and tracked names, starting from the values the cell gave
them. Before a widget acts, `enter` puts its values back into the namespace
(the reader's functions read and write the namespace, so they must live
there); afterwards `leave` saves them. The namespace is left holding the
values of the widget touched last, which is what a notebook reader expects.
Running a widget's cell again starts its scope afresh.

    scopes = CellScopes(namespace)
    scopes.ran("cell 3", code)            after every cell run
    scopes.open("cell 3", {"w", "b"})     when a widget on that cell opens
    with scopes.inside("cell 3"): ...     around everything the widget does
"""

from __future__ import annotations

import ast
import contextlib


def assigned_names(code: str) -> set[str]:
    """Names a cell binds at its top level: assignments, defs, classes, imports."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set()
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return names


class CellScopes:
    """The values each widget cell owns, kept apart from the other cells'."""

    def __init__(self, namespace: dict):
        self.namespace = namespace
        self.after: dict[str, dict] = {}  # cell -> the namespace just after it last ran
        self.assigned: dict[str, set] = {}  # cell -> names its code binds
        self.owned: dict[str, set] = {}  # cell -> names its widgets own
        self.values: dict[str, dict] = {}  # cell -> the owned values, as its widgets left them

    def ran(self, cell: str, code: str) -> None:
        """Remember what `cell` left behind; its widgets start from it again."""
        # A shallow copy: cheap, and the values are the cell's own objects.
        self.after[cell] = dict(self.namespace)
        self.assigned[cell] = assigned_names(code)
        if cell in self.owned:
            # What the code sets starts afresh; a slider the code leaves alone keeps its value.
            self.owned[cell] |= self.assigned[cell]
            self.values[cell].update(self._pick(self.after[cell], self.assigned[cell]))

    def open(self, cell: str, names: set) -> set:
        """A widget on `cell` opens: it owns `names` and what the cell assigns.

        Returns the names the cell's code does not set: a widget's own default
        for one of them (a slider's `value`) wins over whatever value of that
        name another widget left in the namespace.
        """
        owned = self.owned.setdefault(cell, set())
        new = (set(names) | self.assigned.get(cell, set())) - owned
        owned.update(new)
        start = self.after.get(cell, self.namespace)
        values = self.values.setdefault(cell, {})
        values.update(self._pick(start, new))
        return owned - self.assigned.get(cell, set())

    def enter(self, cell: str) -> None:
        self.namespace.update(self.values.get(cell, {}))

    def leave(self, cell: str) -> None:
        if cell in self.owned:
            self.values[cell] = self._pick(self.namespace, self.owned[cell])

    @contextlib.contextmanager
    def inside(self, cell: str | None):
        """Run the block with `cell`'s values in the namespace, and keep what it changed."""
        if cell is None:
            yield
            return
        self.enter(cell)
        try:
            yield
        finally:
            self.leave(cell)

    def drop(self, cell: str) -> None:
        for table in (self.after, self.assigned, self.owned, self.values):
            table.pop(cell, None)

    @staticmethod
    def _pick(source: dict, names: set) -> dict:
        return {name: source[name] for name in names if name in source}

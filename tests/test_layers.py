"""The Python packages import in layers, with no circle: engine <- checks, figures <- kernel <- builder."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# What each package may import of the others.
ALLOWED = {"engine": set(), "checks": {"engine"}, "figures": {"engine"}, "kernel": {"engine", "checks", "figures"},
           "builder": {"engine", "checks", "figures", "kernel"}}


def imports(deferred: bool = True) -> dict:
    """Each module ("engine.calculus") and the course modules it imports (with `deferred`, inside functions too)."""
    graph = {}
    for package in ALLOWED:
        for path in (ROOT / package).glob("*.py"):
            module = package if path.stem == "__init__" else f"{package}.{path.stem}"
            names = set()
            tree = ast.parse(path.read_text())
            # Imports for type hints only (under `if TYPE_CHECKING:`) never run; those inside a
            # function run when it is called, after every module has loaded.
            hints = {id(inner) for node in ast.walk(tree)
                     if not deferred and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                     or isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
                     for inner in ast.walk(node)}
            for node in ast.walk(tree):
                if id(node) in hints:
                    continue
                if isinstance(node, ast.ImportFrom):
                    base = node.module or ""
                    if node.level:
                        base = f"{package}.{base}".rstrip(".")
                    names.add(base)
                    names |= {f"{base}.{alias.name}" for alias in node.names if (ROOT / base / f"{alias.name}.py").exists()}
                elif isinstance(node, ast.Import):
                    names |= {alias.name for alias in node.names}
            graph[module] = {name for name in names if name.split(".")[0] in ALLOWED and name != module}
    return graph


def test_each_package_imports_only_the_layers_below_it():
    wrong = [(module, name) for module, names in imports().items() for name in names
             if name.split(".")[0] != module.split(".")[0] and name.split(".")[0] not in ALLOWED[module.split(".")[0]]]
    assert not wrong


def test_no_module_imports_itself_back():
    # Imports inside functions count too: a circle postponed to call time is still a circle.
    graph = imports()

    def reaches(start, goal, seen):
        for name in graph.get(start, ()):
            if name == goal or (name not in seen and reaches(name, goal, seen | {name})):
                return True
        return False

    circles = [module for module in graph if reaches(module, module, {module})]
    assert not circles, circles

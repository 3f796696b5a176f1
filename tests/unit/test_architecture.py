"""The architecture one can see, checked: the layers contract in pyproject.toml (import-
linter), no import cycle among chipcmp's modules (imports inside functions included), no
class name defined twice, and no reach into a dependency's private modules."""

import ast
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import REPO

SRC = REPO / "src" / "chipcmp"
MODULES = sorted(SRC.rglob("*.py"))


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_the_layers_contract_holds():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or \
        shutil.which("lint-imports")
    if lint is None:
        pytest.fail("import-linter is part of the test extra: pip install '.[test]'")
    done = subprocess.run([lint, "--config", str(REPO / "pyproject.toml")], cwd=REPO,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "BROKEN" not in done.stdout and "KEPT" in done.stdout


def test_every_layer_says_what_it_may_import():
    for package in ("model", "read", "catalog", "figures", "analyses", "output", "cli"):
        docstring = ast.get_docstring(ast.parse((SRC / package / "__init__.py").read_text()))
        assert docstring and "May import:" in docstring, package


def _imports(path: Path) -> list[tuple[str, int]]:
    """Every chipcmp module `path` imports, at any depth of its code (functions too),
    except under `if TYPE_CHECKING:`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []

    def visit(node, checking=False):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            checking = True
        if not checking:
            if isinstance(node, ast.Import):
                found.extend((alias.name, node.lineno) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.append((node.module, node.lineno))
                found.extend((f"{node.module}.{alias.name}", node.lineno)
                             for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child, checking)

    visit(tree)
    return found


def test_no_import_cycle_among_chipcmps_modules():
    names = {_module_name(p) for p in MODULES}
    edges = {_module_name(p): {m for m, _ in _imports(p) if m in names and m != "chipcmp"}
             for p in MODULES}
    # depth-first search for a back edge
    state: dict[str, int] = {}
    path: list[str] = []

    def walk(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for other in sorted(edges[module] - {module}):
            if state.get(other) == 1:
                return path[path.index(other):] + [other]
            if other not in state:
                cycle = walk(other)
                if cycle:
                    return cycle
        state[module] = 2
        path.pop()
        return None

    for module in sorted(edges):
        if module not in state:
            cycle = walk(module)
            assert cycle is None, " -> ".join(cycle)


def test_no_class_name_is_defined_twice():
    defined = defaultdict(list)
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                defined[node.name].append(_module_name(path))
    assert {name: where for name, where in defined.items() if len(where) > 1} == {}


def test_nothing_reaches_into_a_dependencys_private_modules():
    for path in MODULES:
        for module, line in _imports(path):
            parts = module.split(".")
            if parts[0] == "chipcmp":
                continue
            assert not any(p.startswith("_") and not p.startswith("__") for p in parts), \
                f"{path.relative_to(REPO)}:{line}: imports {module}"
        text = path.read_text(encoding="utf-8")
        assert "sys.modules[" not in text, path


def test_output_only_renders_no_function_there_is_complex():
    """Cyclomatic complexity (McCabe's, as flake8 measures it: one plus each branch) of
    every function in output/: rendering a result has few decisions to make; a function
    with more is doing the analyses' work."""
    import mccabe

    found = {}
    for path in sorted((SRC / "output").rglob("*.py")):
        visitor = mccabe.PathGraphingAstVisitor()
        visitor.preorder(ast.parse(path.read_text(encoding="utf-8")), visitor)
        for graph in visitor.graphs.values():
            found[f"{path.relative_to(SRC)}:{graph.entity}"] = graph.complexity()
    assert found and {name: c for name, c in found.items() if c > 15} == {}


def test_the_view_and_matching_do_not_import_each_other():
    """matching reads views (for types only); the view is built by assemble.py."""
    assert "catalog.matching" not in (SRC / "catalog" / "view.py").read_text(encoding="utf-8")
    tree = ast.parse((SRC / "catalog" / "matching.py").read_text(encoding="utf-8"))
    guarded = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
               and "TYPE_CHECKING" in ast.unparse(node.test) for n in ast.walk(node)}
    runtime = [node for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
               and node.module == "chipcmp.catalog.view" and id(node) not in guarded]
    assert runtime == []

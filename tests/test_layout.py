"""The package's layout keeps the promises of docs/ARCHITECTURE.md: few modules at the root, no
import circle (module level, inside functions or under TYPE_CHECKING) except inside ``bodies/``,
no private function with more than 8 parameters, no module over 500 lines, and no stage reaching
into another stage's private names."""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

import aseandocs

PACKAGE = Path(aseandocs.__file__).parent
MODULES = {p: p.relative_to(PACKAGE.parent).with_suffix("").as_posix().replace("/", ".")
           for p in sorted(PACKAGE.rglob("*.py"))}
NAMES = {name.removesuffix(".__init__"): p for p, name in MODULES.items()}


def _module(path: Path) -> str:
    return MODULES[path].removesuffix(".__init__")


def _resolve(path: Path, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = _module(path).split(".")
    if path.name != "__init__.py":
        base = base[:-1]
    base = base[:len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def import_edges() -> list[tuple[str, str, str]]:
    """(importer, imported module, name) for every import of an aseandocs module anywhere in a file."""
    edges = []
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.name.startswith("aseandocs"):
                        edges.append((_module(path), a.name, ""))
            elif isinstance(node, ast.ImportFrom):
                target = _resolve(path, node)
                if not target.startswith("aseandocs"):
                    continue
                for a in node.names:
                    sub = f"{target}.{a.name}"
                    if sub in NAMES:                      # from . import module
                        edges.append((_module(path), sub, ""))
                    else:
                        edges.append((_module(path), target, a.name))
    return edges


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or module + ".__init__" in MODULES.values() else "(root)"


def test_at_most_eight_modules_at_the_root() -> None:
    root = sorted(p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py")
    assert len(root) <= 8, root


def test_no_import_circle_outside_bodies() -> None:
    g = nx.DiGraph((a, b) for a, b, _ in import_edges() if a != b)
    circles = [c for c in nx.simple_cycles(g)
               if not all(m.startswith("aseandocs.bodies") for m in c)]
    assert not circles, circles[:5]


def test_no_stage_imports_another_stages_private_names() -> None:
    crossing = sorted({(a, f"{b}.{n}") for a, b, n in import_edges()
                       if n.startswith("_") and n != "__version__" and _stage(a) != _stage(b)
                       and _stage(b) != "(root)"})
    assert not crossing, crossing


@pytest.mark.parametrize("path", sorted(MODULES), ids=lambda p: MODULES[p])
def test_module_size_and_parameters(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") <= 500, f"{MODULES[path]} has {text.count(chr(10))} lines"
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("_") \
                and not node.name.startswith("__"):
            a = node.args
            n = len(a.posonlyargs) + len(a.args) + len(a.kwonlyargs) + bool(a.vararg) + bool(a.kwarg)
            n -= bool(a.args and a.args[0].arg in ("self", "cls"))
            assert n <= 8, f"{MODULES[path]}:{node.lineno} {node.name} has {n} parameters"

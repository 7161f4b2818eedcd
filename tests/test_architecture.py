"""The layout keeps its promises: imports run downwards through the pipeline's floors, no module
imports another that imports it back, and no function is too branchy to read (radon)."""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "relgraph"
MAX_COMPLEXITY = 15

# The floors, from the ground up (README, "Layout"). A module may import its own floor and the
# ones below; `relgraph` itself (the package's __init__) sits on top, beside the CLI.
FLOORS = [
    {"relgraph.errors", "relgraph.atomic", "relgraph.parallel", "relgraph.collector"},
    {"relgraph.model"},
    {"relgraph.read"},
    {"relgraph.check"},
    {"relgraph.build"},
    {"relgraph.export", "relgraph.ask"},
    {"relgraph.curate", "relgraph.pipeline"},
    {"relgraph.cli", "relgraph.console", "relgraph"},
]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, modules: set[str]) -> set[str]:
    """relgraph modules imported anywhere in the file, in functions too."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("relgraph"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in modules else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("relgraph"))
    return found


def import_graph() -> nx.DiGraph:
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = nx.DiGraph()
    graph.add_nodes_from(files)
    for name, path in files.items():
        for target in imported_modules(path, set(files)):
            if target != name:
                graph.add_edge(name, target)
    return graph


def floor(module: str) -> int:
    for number, members in enumerate(FLOORS):
        if module in members or any(module.startswith(m + ".") for m in members if m != "relgraph"):
            return number
    raise AssertionError(f"{module} is on no floor: add its package to FLOORS and to the README's Layout")


def test_no_import_cycles():
    cycles = [sorted(c) for c in nx.strongly_connected_components(import_graph()) if len(c) > 1]
    assert cycles == [], f"modules that import each other: {cycles}"


def test_imports_run_downwards():
    upwards = [f"{a} (floor {floor(a)}) imports {b} (floor {floor(b)})"
               for a, b in import_graph().edges if floor(b) > floor(a)]
    assert upwards == []


def test_the_model_imports_nothing_of_relgraph_but_errors():
    graph = import_graph()
    outside = sorted((a, b) for a, b in graph.edges
                     if a.startswith("relgraph.model") and not (b.startswith("relgraph.model") or b == "relgraph.errors"))
    assert outside == []


def test_no_function_above_the_complexity_limit():
    radon = pytest.importorskip("radon.complexity")
    too_complex = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for block in radon.cc_visit(path.read_text(encoding="utf-8")):
            if block.complexity > MAX_COMPLEXITY:
                too_complex.append(f"{path.relative_to(ROOT)}:{block.lineno} {block.fullname}: {block.complexity}")
    assert too_complex == [], f"split these (radon cyclomatic complexity > {MAX_COMPLEXITY}): {too_complex}"

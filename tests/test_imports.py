"""vew's modules depend on each other in one direction: no import cycle, lazy imports included.

A cycle through imports made inside functions does not fail at run time, but it ties modules
that should be apart (the entry the shims call back into reaching the command-line framework,
say), so the graph is read from the source, every ``import`` counted wherever it stands, except
those only a type checker runs.
"""

from __future__ import annotations

import ast
from pathlib import Path

import vew

PACKAGE = Path(vew.__file__).parent


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _type_checking_only(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imported(tree: ast.AST, modules: dict[str, Path]) -> set[str]:
    found: set[str] = set()
    for node in ast.iter_child_nodes(tree):
        if _type_checking_only(node):
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in modules else node.module)
        found |= _imported(node, modules)
    return found


def graph() -> dict[str, set[str]]:
    """Each module of vew and the modules of vew it imports (its own packages left out:
    Python imports those first in any case)."""
    modules = _modules()
    edges = {}
    for name, path in modules.items():
        imported = _imported(ast.parse(path.read_text(encoding="utf-8")), modules)
        edges[name] = {other for other in imported if other in modules and other != name
                       and not name.startswith(other + ".")}
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every cycle's modules (strongly connected components of more than one module)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(module: str) -> None:
        order[module] = low[module] = len(order)
        stack.append(module)
        for other in sorted(edges[module]):
            if other not in order:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], order[other])
        if low[module] == order[module]:
            component = []
            while True:
                other = stack.pop()
                component.append(other)
                if other == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(edges):
        if module not in order:
            visit(module)
    return found


def test_the_checker_finds_a_cycle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(edges) == [["a", "b", "c"]]


def test_the_graph_sees_imports_inside_functions() -> None:
    # vew.callback imports vew.projects only inside a function.
    assert "vew.projects" in graph()["vew.callback"]


def test_no_module_of_vew_imports_itself_back() -> None:
    edges = graph()
    found = cycles(edges)
    described = ["; ".join(f"{m} -> {', '.join(sorted(edges[m] & set(c)))}" for m in c)
                 for c in found]
    assert found == [], described

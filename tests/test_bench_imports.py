"""The benchmark imports some modules only when a figure runs: each of them must exist.

A figure that fails on an import surfaces only at the end of a ten-minute run (the test helpers
once moved under tests/support and `mkvirtualenv -r` broke that way).
"""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, at module level or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


@pytest.mark.parametrize("path", sorted(BENCH.glob("*.py")), ids=lambda path: path.name)
def test_every_module_the_benchmark_imports_exists(path: Path) -> None:
    missing = sorted(name for name in imported_modules(path)
                     if importlib.util.find_spec(name) is None)
    assert missing == [], f"{path.name} imports modules that do not exist: {missing}"

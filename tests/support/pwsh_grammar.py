"""PowerShell code read with a PowerShell grammar (tree-sitter-powershell).

Every file vew renders for PowerShell is run in a real pwsh by the tests; the grammar also reads
each one whole, templates and hostile paths included, so that a syntax error shows as one, on
its line, even where no test happens to run that code (the Windows branches, say).
"""

from __future__ import annotations

from functools import cache

import tree_sitter
import tree_sitter_powershell


@cache
def _parser() -> tree_sitter.Parser:
    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_powershell.language()))


def syntax_errors(code: str) -> list[str]:
    """Every ERROR or MISSING node, with its line, as readable text (empty when all is well)."""
    lines = code.splitlines()
    found = []

    def walk(node: tree_sitter.Node) -> None:
        if node.type == "ERROR" or node.is_missing:
            row = node.start_point[0]
            kind = f"MISSING {node.type}" if node.is_missing else "ERROR"
            found.append(f"line {row + 1}: {kind}: {lines[row] if row < len(lines) else ''}")
        for child in node.children:
            walk(child)

    walk(_parser().parse(code.encode("utf-8")).root_node)
    return found

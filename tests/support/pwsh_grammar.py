"""PowerShell code read with a real PowerShell grammar (tree-sitter-powershell).

No PowerShell runs on these machines, so what vew emits for it is checked two ways: the
grammar must accept it whole (no ERROR or MISSING node), and every verbatim string in it must
decode, by the rule of PowerShell's own tokenizer, to exactly the value that was quoted. The
second check matters because the grammar knows nothing of the curly quotes, which PowerShell
takes as string delimiters.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import tree_sitter
import tree_sitter_powershell

# System.Management.Automation's CharExtensions.IsSingleQuote.
SINGLE_QUOTES = frozenset("'\u2018\u2019\u201a\u201b")


@cache
def _parser() -> tree_sitter.Parser:
    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_powershell.language()))


def parse(code: str) -> tree_sitter.Node:
    return _parser().parse(code.encode("utf-8")).root_node


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

    walk(parse(code))
    return found


def verbatim_value(token: str) -> str:
    """The value of a single-quoted string token, as PowerShell's tokenizer reads it.

    Inside, any single-quote character followed by another one stands for the second; any
    other single-quote character ends the string, which must then be the end of ``token``.
    """
    assert token and token[0] in SINGLE_QUOTES, token
    value = []
    index = 1
    while index < len(token):
        char = token[index]
        if char in SINGLE_QUOTES:
            if index + 1 < len(token) and token[index + 1] in SINGLE_QUOTES:
                value.append(token[index + 1])
                index += 2
                continue
            assert index == len(token) - 1, f"the string ends early in {token!r}"
            return "".join(value)
        value.append(char)
        index += 1
    raise AssertionError(f"unterminated string {token!r}")


@dataclass(frozen=True)
class Word:
    """One argument of a command: a literal string's value, or a variable's name."""

    kind: str  # "string", "variable" or "other"
    text: str


@dataclass(frozen=True)
class Command:
    name: str
    words: tuple[Word, ...]


def _word(node: tree_sitter.Node) -> Word:
    # array_literal_expression > unary_expression > string_literal | variable
    inner = node
    while inner.type in ("array_literal_expression", "unary_expression", "command_name_expr") \
            and inner.child_count:
        inner = inner.children[0]
    text = (inner.text or b"").decode("utf-8")
    if inner.type == "string_literal" and inner.children[0].type == "verbatim_string_characters":
        return Word("string", verbatim_value(text))
    if inner.type == "variable":
        return Word("variable", text)
    return Word("other", text)


def commands(code: str) -> list[Command]:
    """Every command (``name arg...``, ``& 'program' arg...``) in ``code``, at any depth."""
    found = []

    def walk(node: tree_sitter.Node) -> None:
        if node.type == "command":
            for child in node.children:
                if child.type == "command_name":
                    name = (child.text or b"").decode("utf-8")
                    break
                if child.type == "command_name_expr":  # & 'C:\path\program' ...
                    name = _word(child).text
                    break
            else:
                name = ""
            elements = [c for c in node.children if c.type == "command_elements"]
            words = [] if not elements else [
                _word(c) for c in elements[0].children if c.type != "command_argument_sep"
            ]
            found.append(Command(name, tuple(words)))
        for child in node.children:
            walk(child)

    walk(parse(code))
    return found


def defined_functions(code: str) -> list[str]:
    """The names of the functions ``code`` defines (``global:`` prefix kept)."""
    found = []

    def walk(node: tree_sitter.Node) -> None:
        if node.type == "function_statement":
            for child in node.children:
                if child.type == "function_name":
                    found.append((child.text or b"").decode("utf-8"))
        for child in node.children:
            walk(child)

    walk(parse(code))
    return found

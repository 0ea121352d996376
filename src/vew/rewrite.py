"""Replacing one directory's path by another inside scripts, quoted as each script needs.

An environment's scripts hold its path in many spellings: bare in a shebang, inside single or
double quotes of sh, fish, csh or PowerShell code, inside Python string literals. Replacing the
path with another one that holds a space or a quote must keep each script valid, so every
occurrence is escaped for where it stands: the script's language, and whether the occurrence is
unquoted or inside single or double quotes at that point of its line.

The old path is matched as it appears literally (quoted, for paths with spaces): a path that
itself needed escaping in a script (a quote or a backslash in an environment's path) is matched
only where it stands unescaped.
"""

from __future__ import annotations

import itertools
import os
import re
import shlex
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

SH, FISH, CSH, POWERSHELL, PYTHON, PLAIN = "sh", "fish", "csh", "powershell", "python", "plain"
NONE, SINGLE, DOUBLE = "none", "single", "double"
# A whole sh word in virtualenv's spelling for paths with non-ASCII characters: those written
# as octal escapes that printf turns back into bytes, so that the script itself is ASCII.
PRINTF = "printf"

# The longest shebang line the kernel reads whole (Linux's limit; distlib keeps to it too).
MAX_SHEBANG = 127
_BY_SUFFIX = {".sh": SH, ".bash": SH, ".zsh": SH, ".fish": FISH, ".csh": CSH, ".ps1": POWERSHELL,
              ".py": PYTHON, ".xsh": PYTHON}
_PYTHON_NAME = re.compile(rb"(python|pypy)[\d.]*[tw]?(\.exe)?$")
_UNSAFE_BARE = re.compile(r"[^\w@%+=:,./-]", re.ASCII)


def language(name: str, data: bytes) -> str:
    """The language a script in an environment's script directory is written in."""
    if name == "activate":
        return SH
    suffix = os.path.splitext(name)[1].lower()
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    if data.startswith(b"#!"):
        words = data[2:].split(b"\n", 1)[0].split()
        if words and _PYTHON_NAME.search(os.path.basename(words[0])):
            return PYTHON
        if b"\n'''exec' " in data:  # pip's trampoline: sh on its first lines, Python below
            return PYTHON
        return SH
    return PLAIN


def _printf_word(value: str) -> str:
    """``value`` as virtualenv's bash activator writes it (its ``quote``)."""
    if value.isascii():
        return shlex.quote(value)
    parts = []
    for is_ascii, group in itertools.groupby(value, key=str.isascii):
        chunk = "".join(group)
        if is_ascii:
            parts.append(shlex.quote(chunk))
        else:
            octal = "".join(f"\\0{byte:03o}" for byte in os.fsencode(chunk))
            parts.append(f"\"$(unset -f printf 2>/dev/null || :; \\printf '%b' '{octal}')\"")
    return "".join(parts)


def escape(value: str, lang: str, context: str) -> str:
    """``value`` written so that ``lang`` reads it back unchanged in ``context``."""
    if context == PRINTF:
        return _printf_word(value)
    if lang in (SH, CSH):
        if context == SINGLE:
            single = value.replace("'", "'\\''")
            return single.replace("!", "'\\!'") if lang == CSH else single
        if context == DOUBLE:
            return re.sub(r'([\\"$`])', r"\\\1", value)
        return shlex.quote(value) if _UNSAFE_BARE.search(value) else value
    if lang == FISH:
        if context == SINGLE:
            return value.replace("\\", "\\\\").replace("'", "\\'")
        if context == DOUBLE:
            return re.sub(r'([\\"$])', r"\\\1", value)
        return f"'{escape(value, FISH, SINGLE)}'" if _UNSAFE_BARE.search(value) else value
    if lang == POWERSHELL:
        if context == SINGLE:
            return value.replace("'", "''")
        if context == DOUBLE:
            return re.sub(r'([`"$])', r"`\1", value)
        return f"'{escape(value, POWERSHELL, SINGLE)}'" if _UNSAFE_BARE.search(value) else value
    if lang == PYTHON and context in (SINGLE, DOUBLE):
        quote = "'" if context == SINGLE else '"'
        return value.replace("\\", "\\\\").replace(quote, "\\" + quote)
    return value


def context(line: bytes, end: int, lang: str) -> str:
    """Whether ``line[end]`` stands outside quotes, or inside single or double ones."""
    state = NONE
    index = 0
    escape_char = b"`"[0] if lang == POWERSHELL else b"\\"[0]
    while index < end:
        char = line[index]
        if state == NONE:
            if char == escape_char and lang != PLAIN:
                index += 1
            elif char == ord("'"):
                state = SINGLE
            elif char == ord('"'):
                state = DOUBLE
            elif char == ord("#") and lang != PLAIN and (index == 0 or line[index - 1] in b" \t"):
                return NONE  # a comment: nothing after it is parsed
        elif state == SINGLE:
            if char == ord("'"):
                state = NONE
            elif char == escape_char and lang in (FISH, PYTHON):
                index += 1
        elif char == ord('"'):
            state = NONE
        elif char == escape_char:
            index += 1
        index += 1
    return state


def _replace_line(line: bytes, spelled: _Spellings, new: str, lang: str) -> bytes:
    def replace(match: re.Match[bytes]) -> bytes:
        where = spelled.contexts.get(match[0]) or context(line, match.start(), lang)
        return os.fsencode(escape(new, lang, where))

    return spelled.pattern.sub(replace, line)


def _shebang(line: bytes, old: re.Pattern[bytes], new: str, lang: str) -> bytes:
    """The first line of a script, pointing at the new path.

    A path with a blank, or too long for the kernel, cannot be in a shebang: a Python script
    then gets pip's trampoline (``/bin/sh`` re-executing the interpreter), as pip itself
    writes for such an environment. (The old path has no blank: pip wrote no shebang for it.)
    """
    ending = line[len(line.rstrip(b"\r\n")):]
    first, _, arguments = line[2:].rstrip(b"\r\n").strip().partition(b" ")
    interpreter = old.sub(lambda _: os.fsencode(new), first)
    tail = b" " + arguments if arguments else b""
    simple = b"#!" + interpreter + tail
    if lang != PYTHON or (not re.search(rb"\s", interpreter) and len(simple) <= MAX_SHEBANG):
        return simple + ending
    quoted = os.fsencode(escape(os.fsdecode(interpreter), SH, DOUBLE))
    return (b"#!/bin/sh\n" + b"'''exec' \"" + quoted + b'"' + tail + b' "$0" "$@"\n'
            + b"' '''" + (ending or b"\n"))


_BEFORE = rb"(?<![\w.\-])"
_AFTER = rb"""(?=[/\\'"`\s:;,)\]}>#]|$)"""


def pattern(prefixes: Iterable[str]) -> re.Pattern[bytes]:
    """Any of ``prefixes`` as a whole path: not inside a longer name, before or after.

    Before it may come anything but a name character (``file:///x`` matches, ``/mnt/x`` for
    ``/x`` does not); after it, the end of the path: a separator, a quote, a blank, a list
    separator or the end of the text (``/envs/a`` does not match in ``/envs/ab``).
    """
    return _alternatives(os.fsencode(prefix) for prefix in prefixes)


def _alternatives(spellings: Iterable[bytes]) -> re.Pattern[bytes]:
    choices = b"|".join(re.escape(spelling)
                        for spelling in sorted(set(spellings), key=len, reverse=True))
    return re.compile(_BEFORE + rb"(?:" + choices + rb")" + _AFTER)


@dataclass(frozen=True)
class _Spellings:
    """How old paths may be written in one language: the raw path, and its escaped forms."""

    pattern: re.Pattern[bytes]
    # An escaped form tells by itself where it stands; the raw path needs the line parsed.
    contexts: dict[bytes, str]


# Escaped forms of a path: (context it stands in, how to write it there). Both sh spellings
# of a quote inside single quotes occur: shlex's '"'"' (virtualenv) and '\'' (vew).
_FORMS = {
    SH: ((NONE, shlex.quote), (SINGLE, lambda p: p.replace("'", "'\"'\"'")),
         (SINGLE, lambda p: escape(p, SH, SINGLE)), (DOUBLE, lambda p: escape(p, SH, DOUBLE)),
         (PRINTF, _printf_word)),
    CSH: ((NONE, shlex.quote), (SINGLE, lambda p: escape(p, CSH, SINGLE)),
          (SINGLE, lambda p: p.replace("'", "'\"'\"'"))),
    FISH: ((SINGLE, lambda p: escape(p, FISH, SINGLE)),
           (SINGLE, lambda p: re.sub(r"(['\\])", r"'\\\1'", p)),
           # uv quotes for fish as for sh: fish joins 'a'"'"'b' into one word too.
           (SINGLE, lambda p: p.replace("'", "'\"'\"'")),
           (DOUBLE, lambda p: escape(p, FISH, DOUBLE))),
    POWERSHELL: ((SINGLE, lambda p: escape(p, POWERSHELL, SINGLE)),
                 (DOUBLE, lambda p: escape(p, POWERSHELL, DOUBLE))),
    PYTHON: ((SINGLE, lambda p: escape(p, PYTHON, SINGLE)),
             (DOUBLE, lambda p: escape(p, PYTHON, DOUBLE))),
}


@cache
def _spellings(old: tuple[str, ...], lang: str) -> _Spellings:
    contexts: dict[bytes, str] = {}
    for prefix in old:
        for where, form in _FORMS.get(lang, ()):
            spelled = form(prefix)
            if spelled != prefix:
                contexts.setdefault(os.fsencode(spelled), where)
    raw = [os.fsencode(prefix) for prefix in old]
    return _Spellings(_alternatives([*raw, *contexts]), contexts)


def rewrite(data: bytes, name: str, old: Sequence[str], new: str) -> bytes:
    """The text of script ``name`` with each path in ``old`` replaced by path ``new``."""
    lang = language(name, data)
    raw = pattern(old)
    lines = data.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if index == 0 and line.startswith(b"#!"):
            if raw.search(line):
                lines[index] = _shebang(line, raw, new, lang)
            continue
        line_lang = SH if lang == PYTHON and line.startswith(b"'''exec'") else lang
        spelled = _spellings(tuple(old), line_lang)
        if spelled.pattern.search(line):
            lines[index] = _replace_line(line, spelled, new, line_lang)
    return b"".join(lines)

"""What an environment name may be: the one place that decides it.

:func:`check` is what every name must pass before vew builds a path from it: nothing that could
reach outside ``$WORKON_HOME``, be read as an option, or break a line. :func:`check_new` adds
what a name must also pass to be *created*, so that every environment vew makes can be listed,
completed and told apart on every filesystem.
"""

from __future__ import annotations

import os
import unicodedata

from vew.errors import UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

# Control characters (NUL and newline among them) and the Unicode line and paragraph separators:
# a name holding one would not survive one-name-per-line output.
_LINE_BREAKING = ("Cc", "Zl", "Zp")
# Format characters: bidirectional controls (U+202E turns the rest of a line around), zero-width
# spaces and joiners, the byte-order mark. Invisible, they let one name pass for another in a
# listing; new names may not hold them.
_INVISIBLE = ("Cf",)


class InvalidName(UsageError):
    """A name that can never be an environment; the message says why (status 2)."""


def _separators() -> tuple[str, ...]:
    return ("/", "\\") if os.name == "nt" else ("/",)


def check(name: str) -> str:
    """``name`` if it can name an entry of ``$WORKON_HOME``, else :class:`InvalidName`."""
    if not name:
        raise InvalidName("an environment name cannot be empty")
    if name in (".", ".."):
        raise InvalidName(f"{name!r} cannot be an environment name")
    if name.startswith("-"):
        raise InvalidName(f"an environment name cannot start with '-': {name!r}")
    for separator in _separators():
        if separator in name:
            raise InvalidName(f"an environment name cannot contain {separator!r}: {name!r}")
    for char in name:
        if unicodedata.category(char) in _LINE_BREAKING:
            raise InvalidName(f"an environment name cannot contain control characters: {name!r}")
    return name


def check_new(name: str) -> str:
    """:func:`check`, and a name the environment can live under.

    Not hidden (listings and completion skip names starting with '.'), without the PATH
    separator, which would split the environment's entry in ``PATH`` (virtualenv refuses it),
    and without invisible format characters, which would let it pass for another name.
    """
    check(name)
    if name.startswith("."):
        raise InvalidName(f"an environment name cannot start with '.' (it would be hidden): "
                          f"{name!r}")
    if os.pathsep in name:
        raise InvalidName(f"an environment name cannot contain {os.pathsep!r}, the PATH "
                          f"separator: {name!r}")
    for index, char in enumerate(name):
        if unicodedata.category(char) in _INVISIBLE and not _joins_emoji(name, index):
            raise InvalidName(f"an environment name cannot contain invisible format characters "
                              f"(such as U+{ord(char):04X}): {name!a}")
    return name


_ZERO_WIDTH_JOINER = "\u200d"


def _joins_emoji(name: str, index: int) -> bool:
    """True for a zero-width joiner between two emoji (👨‍👩‍👧): part of what is shown, not
    hidden. The emoji before it may carry a variation selector or a skin tone."""
    if name[index] != _ZERO_WIDTH_JOINER or index == 0 or index + 1 >= len(name):
        return False
    before = index - 1
    while before > 0 and unicodedata.category(name[before]) in ("Mn", "Sk"):
        before -= 1
    return unicodedata.category(name[before]) == "So" \
        and unicodedata.category(name[index + 1]) == "So"


def folded(name: str) -> str:
    """The form under which case-insensitive or normalising filesystems store ``name``."""
    return unicodedata.normalize("NFC", name).casefold()


def clash(name: str, existing: Iterable[str]) -> str | None:
    """An existing name that differs from ``name`` only in ways a filesystem may fold, if any."""
    key = folded(name)
    for other in existing:
        if other != name and folded(other) == key:
            return other
    return None


def describe_clash(name: str, other: str) -> str:
    """Why ``name`` cannot be created beside ``other`` (which :func:`clash` found)."""
    if unicodedata.normalize("NFC", name) == unicodedata.normalize("NFC", other):
        # They print alike: show the code points that tell them apart.
        return (f"environment name {name!a} differs from the existing {other!a} only in "
                "Unicode normalisation, which some filesystems fold")
    return (f"environment name '{name}' differs from the existing '{other}' only in case, "
            "which some filesystems fold")

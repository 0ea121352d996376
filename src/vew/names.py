"""What an environment name may be: the one place that decides it."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable


class InvalidName(ValueError):
    """A name that can never be an environment; the message says why."""


def _separators() -> tuple[str, ...]:
    return ("/", "\\") if os.name == "nt" else ("/",)


def check(name: str) -> str:
    """Return ``name`` if it can be an environment name, else raise :class:`InvalidName`."""
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
        if unicodedata.category(char) == "Cc":
            raise InvalidName(f"an environment name cannot contain control characters: {name!r}")
    return name


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

"""The optional configuration file: where it lives, reading it, and errors that name its lines.

What the keys mean is :mod:`vew.settings`' business; this module only turns the file into a
table, or into one :class:`ConfigError` that says which file and which line is wrong.
"""

from __future__ import annotations

import os

from vew.errors import CommandError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

NAME = "config.toml"


class ConfigError(CommandError):
    """The configuration file cannot be used; the message names it (and the line, if known)."""


def location() -> str:
    """The platform's place for it (``$XDG_CONFIG_HOME/vew/config.toml`` on Linux), as text."""
    from vew import dirs

    return os.path.join(dirs.config_dir(), NAME)


def path() -> Path:
    """The platform's place for it (``$XDG_CONFIG_HOME/vew/config.toml`` on Linux)."""
    from pathlib import Path

    return Path(location())


class Document:
    """The file's path, its text, and the values it sets."""

    __slots__ = ("path", "text", "values")

    def __init__(self, file: str | os.PathLike[str], text: str, values: dict[str, Any]) -> None:
        self.path = file
        self.text = text
        self.values = values

    def error(self, key: str, problem: str, status: int = 1) -> ConfigError:
        """An error about ``key``, at the line that sets it when that line can be found."""
        line = line_of(self.text, key)
        return _error(self.path, problem, line, status=status)


def _error(file: str | os.PathLike[str], problem: str, line: int | None = None,
           column: int | None = None, status: int = 1) -> ConfigError:
    where = f"configuration file {os.fspath(file)}"
    if line is not None:
        where += f", line {line}"
    if column is not None:
        where += f", column {column}"
    return ConfigError(f"{where}: {problem}", status)


def line_of(text: str, key: str) -> int | None:
    """The first line that sets ``key`` (``key =``, ``"key" =``, ``[key]``, ``key.x =``)."""
    import re

    spelled = "|".join(re.escape(form) for form in (key, f'"{key}"', f"'{key}'"))
    pattern = re.compile(rf"^[ \t]*(?:\[+[ \t]*)?(?:{spelled})[ \t]*[=.\]]", re.MULTILINE)
    match = pattern.search(text)
    return None if match is None else text.count("\n", 0, match.start()) + 1


def read(file: str | os.PathLike[str]) -> Document | None:
    """The parsed file, or None when there is none; a :class:`ConfigError` when it is unusable."""
    from vew import files

    try:
        data = files.read_regular(file)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except files.NotRegular:
        raise _error(file, "is not a regular file; not read") from None
    except OSError as error:
        raise _error(file, f"cannot be read: {error.strerror}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise _error(file, "not UTF-8 text", line) from None
    # Only a file that exists costs the TOML parser's import.
    import tomllib

    try:
        values = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        import re

        message = str(error)
        # tomllib's message ends like this (Python 3.11 to 3.13 have no attributes for it).
        match = re.match(r"^(.*) \(at line (\d+), column (\d+)\)$", message, re.DOTALL)
        if match is not None:
            raise _error(file, match[1], int(match[2]), int(match[3])) from None
        if message.endswith(" (at end of document)"):
            # Something left open: the last line that holds anything is where it shows.
            last = len(text.rstrip().split("\n"))
            raise _error(file, message.replace("(at end of document)", "at the end of the file"),
                         last) from None
        raise _error(file, message) from None
    return Document(file, text, values)

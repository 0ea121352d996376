"""The optional configuration file: where it lives, reading it, and errors that name its lines.

What the keys mean is :mod:`vew.settings`' business; this module only turns the file into a
table, or into one :class:`ConfigError` that says which file and which line is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vew.errors import CommandError

NAME = "config.toml"

# tomllib's message ends like this (Python 3.11 to 3.13 have no attributes for it).
_POSITION = re.compile(r"^(.*) \(at line (\d+), column (\d+)\)$", re.DOTALL)


class ConfigError(CommandError):
    """The configuration file cannot be used; the message names it (and the line, if known)."""


def path() -> Path:
    """The platform's place for it (``$XDG_CONFIG_HOME/vew/config.toml`` on Linux)."""
    import platformdirs

    return platformdirs.user_config_path("vew") / NAME


@dataclass(frozen=True)
class Document:
    path: Path
    text: str
    values: dict[str, Any]

    def error(self, key: str, problem: str, status: int = 1) -> ConfigError:
        """An error about ``key``, at the line that sets it when that line can be found."""
        line = line_of(self.text, key)
        return _error(self.path, problem, line, status=status)


def _error(file: Path, problem: str, line: int | None = None, column: int | None = None,
           status: int = 1) -> ConfigError:
    where = f"configuration file {file}"
    if line is not None:
        where += f", line {line}"
    if column is not None:
        where += f", column {column}"
    return ConfigError(f"{where}: {problem}", status)


def line_of(text: str, key: str) -> int | None:
    """The first line that sets ``key`` (``key =``, ``"key" =``, ``[key]``, ``key.x =``)."""
    spelled = "|".join(re.escape(form) for form in (key, f'"{key}"', f"'{key}'"))
    pattern = re.compile(rf"^[ \t]*(?:\[+[ \t]*)?(?:{spelled})[ \t]*[=.\]]", re.MULTILINE)
    match = pattern.search(text)
    return None if match is None else text.count("\n", 0, match.start()) + 1


def read(file: Path) -> Document | None:
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
        message = str(error)
        match = _POSITION.match(message)
        if match is not None:
            raise _error(file, match[1], int(match[2]), int(match[3])) from None
        if message.endswith(" (at end of document)"):
            # Something left open: the last line that holds anything is where it shows.
            last = len(text.rstrip().split("\n"))
            raise _error(file, message.replace("(at end of document)", "at the end of the file"),
                         last) from None
        raise _error(file, message) from None
    return Document(file, text, values)

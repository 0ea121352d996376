"""Errors a command reports to the user as one line on stderr."""

from __future__ import annotations

import sys

# Longer messages are cut: one error from a full disk or a failed copy can name thousands of
# files, and a line of 250,000 characters tells the user less than its first few hundred.
MESSAGE_LIMIT = 400


def cap(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """``text`` cut to about ``limit`` characters, saying how much was left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit} more characters)"


class CommandError(Exception):
    """The command cannot do what was asked; ``status`` is its exit status."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(cap(message))
        self.status = status


class UsageError(CommandError):
    """The command was called wrongly (virtualenvwrapper's status 2 for mk* commands)."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message, status)


def report_error(message: str) -> None:
    """Tell the user what went wrong: one ``ERROR: `` line on stderr."""
    print(f"ERROR: {cap(message)}", file=sys.stderr)


def describe_os_error(error: OSError) -> str:
    """An :class:`OSError` as one short line: what went wrong, and on which file."""
    if error.strerror and error.filename:
        return cap(f"{error.strerror}: {error.filename}")
    return cap(error.strerror or str(error))

"""Errors a command reports to the user as one line on stderr."""

from __future__ import annotations

import sys


class CommandError(Exception):
    """The command cannot do what was asked; ``status`` is its exit status."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


class UsageError(CommandError):
    """The command was called wrongly (virtualenvwrapper's status 2 for mk* commands)."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message, status)


def report_error(message: str) -> None:
    """Tell the user what went wrong: one ``ERROR: `` line on stderr."""
    print(f"ERROR: {message}", file=sys.stderr)

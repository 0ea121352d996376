"""The interface every shell dialect provides."""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path
    from typing import ClassVar

    from vew.catalogue import Command
    from vew.steps import Var


class Dialect:
    name: ClassVar[str]
    # Files in shell/ that make up the shim, in order.
    templates: ClassVar[tuple[str, ...]]
    # Sourced hooks in this shell are NAME + suffix (run hooks are the same file everywhere).
    hook_suffix: ClassVar[str] = ""
    # Emitted at the top of every user-facing function: a sane, local option set.
    prologue: ClassVar[str] = ""
    # The file the static set-up writes, and the rc file its source line goes into.
    static_name: ClassVar[str]
    rc_file: ClassVar[str]
    # How files this shell sources are written (the static shim, the steps of a core call).
    encoding: ClassVar[str] = "utf-8"
    # A file in shell/ that the shim sources when one of the functions it defines is first
    # called (__VEW_HELPERS__ is its path), "" for none.
    helpers: ClassVar[str] = ""
    # The message field {activate_note} (see vew.messages): which activate script workon needs.
    activate_note: ClassVar[str] = ""

    @staticmethod
    def quote(value: str) -> str:
        raise NotImplementedError

    def ref(self, variable: str) -> str:
        """An expression for the function-local variable behind :class:`vew.steps.Var`."""
        raise NotImplementedError

    def concat(self, parts: Sequence[str | Var]) -> str:
        """One string expression joining ``parts``: text, quoted by :meth:`quote`, and the
        function-local variables behind :class:`vew.steps.Var`, referenced by :meth:`ref`."""
        raise NotImplementedError

    def check(self, call: str, message: str, fatal: bool) -> str:
        """Code that runs the predicate ``call`` and, when it is true, reports ``message`` (an
        expression) as an error and returns status 1, or as a warning when not ``fatal``."""
        raise NotImplementedError

    def env_ref(self, variable: str) -> str:
        """An expression for the environment variable ``variable``."""
        return '"$' + variable + '"'

    def setting(self, variable: str, given: str, default: str) -> str:
        """Code that sets and exports ``variable`` at start-up when the environment leaves it
        empty: to ``given`` (quoted, the configuration file's value), else to ``default`` (an
        expression); either may be empty, for none."""
        raise NotImplementedError

    def flags_pattern(self, flags: Sequence[str]) -> str:
        """What matches the function's local ``_vew_arg`` against any of ``flags`` (an option's
        spellings, :data:`vew.catalogue.SHIM_OPTIONS`): a case pattern in bash, zsh and fish, a
        condition in PowerShell."""
        raise NotImplementedError

    def wrapper(self, command: str) -> str:
        """A user command's function that hands its arguments to the core (``_vew_call``)."""
        raise NotImplementedError

    def source_line(self, path: str) -> str:
        """The line that loads a rendered shim file (the static set-up)."""
        raise NotImplementedError

    def word(self, value: str) -> str:
        """``value`` as one word of a command line, as completion inserts it."""
        return self.quote(value)

    def completion(self, commands: Sequence[Command]) -> dict[str, str]:
        """The values of the shim's completion placeholders (``__VEW_COMPLETION_*__``),
        rendered from the catalogue entries of ``commands``."""
        return {}

    def rc_path(self) -> Path:
        """Where :attr:`rc_file` is on this machine (a shell may look elsewhere than ``~``)."""
        from pathlib import Path

        return Path(os.path.expanduser(self.rc_file))

"""fish: single quotes with backslash escapes, ``$argv``, and ``function ... end``."""

from __future__ import annotations

import os
from pathlib import Path

from vew.shells.dialect import Dialect

# The global hook directory is an exported variable; everything else is a function local.
_GLOBALS = {"hook_dir": "VIRTUALENVWRAPPER_HOOK_DIR"}


class Fish(Dialect):
    name = "fish"
    templates = ("vew.fish",)
    hook_suffix = ".fish"
    static_name = "vew.fish"
    # config.fish rather than conf.d/: conf.d snippets run before config.fish, so a
    # `set -gx WORKON_HOME ...` written there would come too late for vew's loading, as it
    # would after the source line in ~/.bashrc.
    rc_file = "~/.config/fish/config.fish"

    @staticmethod
    def quote(value: str) -> str:
        """One word whatever ``value`` holds: inside fish's single quotes only ``\\`` and ``'``
        are special, and both are written with a backslash."""
        if value and all(c.isascii() and (c.isalnum() or c in "@+=:,./-_") for c in value):
            return value
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"

    def ref(self, variable: str) -> str:
        return '"$' + _GLOBALS.get(variable, "_vew_" + variable) + '"'

    def wrapper(self, command: str) -> str:
        return f"function {command}\n    _vew_call {command} $argv\nend\n"

    def source_line(self, path: str) -> str:
        return f"source {self.quote(path)}"

    def rc_path(self) -> Path:
        # fish reads its configuration under $XDG_CONFIG_HOME when that is set.
        config = os.environ.get("XDG_CONFIG_HOME")
        if config and os.path.isabs(config):
            return Path(config, "fish", "config.fish")
        return super().rc_path()


DIALECT = Fish()

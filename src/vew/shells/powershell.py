"""PowerShell: verbatim single-quoted strings, ``$_vew_*`` references, global functions."""

from __future__ import annotations

import os

from vew import catalogue
from vew.shells.dialect import Dialect

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from vew.catalogue import Command
    from vew.steps import Var

# PowerShell's tokenizer takes any of these as a single-quote delimiter: the ASCII apostrophe
# and the curly quotes U+2018..U+201B. Inside a verbatim string, a quote character followed by
# another one stands for the second, so doubling each of them keeps it literal.
SINGLE_QUOTES = ("'", "\u2018", "\u2019", "\u201a", "\u201b")

# A word PowerShell reads as that very string when it is not quoted: an option, or letters,
# digits and a few harmless signs after a first letter (a leading digit reads as a number).
_BARE = r"-{0,2}[^\W\d][\w.\-/\\:+=%]*"

# The global hook directory is an environment variable; everything else is a function local.
_GLOBALS = {"hook_dir": "env:VIRTUALENVWRAPPER_HOOK_DIR", "workon_home": "env:WORKON_HOME"}


def _profile() -> str:
    """``$PROFILE`` (current user, current host) where PowerShell 7 looks for it by default."""
    if os.name == "nt":
        return "~/Documents/PowerShell/Microsoft.PowerShell_profile.ps1"
    return "~/.config/powershell/Microsoft.PowerShell_profile.ps1"


def _asked_profile() -> Path | None:
    """``$PROFILE`` as the PowerShell on PATH reports it, or None when there is none to ask.

    Only PowerShell knows for sure (Windows may move Documents, to OneDrive for one): asking
    costs a process, once, when ``vew init powershell --static --install`` runs.
    """
    import shutil
    import subprocess
    from pathlib import Path

    program = shutil.which("pwsh")
    if program is None:
        return None
    try:
        done = subprocess.run([program, "-NoLogo", "-NoProfile", "-NonInteractive", "-Command",
                               "$PROFILE"], capture_output=True, text=True, timeout=60,
                              check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    answer = done.stdout.strip()
    if done.returncode != 0 or "\n" in answer or not os.path.isabs(answer):
        return None
    return Path(answer)


class PowerShell(Dialect):
    name = "powershell"
    templates = ("powershell/core.ps1", "powershell/completion.ps1", "powershell/auto.ps1",
                 "powershell/load.ps1")
    hook_suffix = ".ps1"
    activate_note = " for PowerShell (activate.ps1)"
    # Whatever the user's profile set (strict mode, ErrorActionPreference = 'Stop', native
    # commands raising on a non-zero exit), vew's functions run with PowerShell's defaults;
    # all three are scoped to the function, so the caller's settings come back on return.
    prologue = ("Microsoft.PowerShell.Core\\Set-StrictMode -Off; "
                "$ErrorActionPreference = 'Continue'; "
                "$PSNativeCommandUseErrorActionPreference = $false")
    static_name = "vew.ps1"
    rc_file = _profile()
    # Windows PowerShell 5.1 reads a script without a byte-order mark in the ANSI code page.
    encoding = "utf-8-sig"

    @staticmethod
    def quote(value: str) -> str:
        """A verbatim string holding exactly ``value``: nothing inside it is ever expanded."""
        for quote in SINGLE_QUOTES:
            value = value.replace(quote, quote * 2)
        return f"'{value}'"

    def ref(self, variable: str) -> str:
        return "$" + _GLOBALS.get(variable, "_vew_" + variable)

    def concat(self, parts: Sequence[str | Var]) -> str:
        # A string first, so that + joins strings whatever the variables hold.
        kept = [part for part in parts if part != ""]
        words = [self.quote(part) if isinstance(part, str) else self.ref(part.name)
                 for part in kept]
        if not kept or not isinstance(kept[0], str):
            words.insert(0, "''")
        return "(" + " + ".join(words) + ")"

    def flags_pattern(self, flags: Sequence[str]) -> str:
        return " -or ".join(f"$_vew_arg -ceq {self.quote(flag)}" for flag in flags)

    def check(self, call: str, message: str, fatal: bool) -> str:
        if not fatal:
            return f"if ({call}) {{\n    _vew_warning {message}\n}}"
        return f"if ({call}) {{\n    _vew_error {message}\n    _vew_status 1\n    return\n}}"

    def env_ref(self, variable: str) -> str:
        return f"$env:{variable}"

    def setting(self, variable: str, given: str, default: str) -> str:
        # An environment variable of PowerShell's is exported as it is set.
        return "\n".join(f"if (-not $env:{variable}) {{ $env:{variable} = {value} }}"
                         for value in (given, default) if value)

    def wrapper(self, command: str) -> str:
        # A simple function (no param block) gets every argument untouched in $args: an
        # advanced one would take -i, -p, -d ... for its own common parameters.
        return f"function global:{command} {{\n    _vew_call {self.quote(command)} @args\n}}\n"

    def source_line(self, path: str) -> str:
        return f". {self.quote(path)}"

    def rc_path(self) -> Path:
        asked = _asked_profile()
        if asked is not None:
            return asked
        # PowerShell's own rule off Windows: under $XDG_CONFIG_HOME when that is set.
        config = os.environ.get("XDG_CONFIG_HOME")
        if os.name != "nt" and config and os.path.isabs(config):
            from pathlib import Path

            return Path(config, "powershell", "Microsoft.PowerShell_profile.ps1")
        return super().rc_path()

    def word(self, value: str) -> str:
        import re

        return value if re.fullmatch(_BARE, value) else self.quote(value)

    def completion(self, commands: Sequence[Command]) -> dict[str, str]:
        # The core knows the user commands; vew's own command line it is handed back, so that
        # completing it never loads the command-line framework.
        own = [command for command in commands if command.name not in catalogue.BY_NAME]
        return {
            "__VEW_COMPLETION_NAMES__": ", ".join(self.quote(c.name) for c in commands),
            "__VEW_COMPLETION_SPEC__": self.quote(catalogue.to_json(own[0])) if own else "''",
        }


DIALECT = PowerShell()

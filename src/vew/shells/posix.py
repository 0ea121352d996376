"""What bash and zsh share: POSIX single-quote quoting and ``"$var"`` references."""

from __future__ import annotations

from vew.shells.dialect import Dialect

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from vew.steps import Var

# The global hook directory is an exported variable; everything else is a function local.
_GLOBALS = {"hook_dir": "VIRTUALENVWRAPPER_HOOK_DIR", "workon_home": "WORKON_HOME"}


class PosixDialect(Dialect):
    helpers = "posix/helpers.sh"

    @staticmethod
    def quote(value: str) -> str:
        """One word whatever ``value`` holds: single quotes, each ``'`` written as ``'\\''``."""
        # A leading "=" would be zsh's =command expansion.
        if value and value[0] != "=" and all(
                c.isascii() and (c.isalnum() or c in "@%+=:,./-_") for c in value):
            return value
        return "'" + value.replace("'", "'\\''") + "'"

    def ref(self, variable: str) -> str:
        return '"$' + _GLOBALS.get(variable, "_vew_" + variable) + '"'

    def concat(self, parts: Sequence[str | Var]) -> str:
        # Adjacent quoted words make one word: 'text'"$_vew_var"'text'.
        return "".join(self.quote(part) if isinstance(part, str) else self.ref(part.name)
                       for part in parts if part != "") or "''"

    def check(self, call: str, message: str, fatal: bool) -> str:
        if not fatal:
            return f"if {call}; then\n    _vew_warning {message}\nfi"
        return f"if {call}; then\n    _vew_error {message}\n    return 1\nfi"

    def setting(self, variable: str, given: str, default: str) -> str:
        if not default:
            return f'[ -n "${{{variable}-}}" ] || export {variable}={given}' if given else ""
        lines = [f'[ -n "${{{variable}-}}" ] || {variable}={given}'] if given else []
        lines += [f'[ -n "${{{variable}-}}" ] || {variable}={default}', f"export {variable}"]
        return "\n".join(lines)

    def flags_pattern(self, flags: Sequence[str]) -> str:
        return " | ".join(map(self.quote, flags))

    def wrapper(self, command: str) -> str:
        return f'{command}() {{\n    _vew_run _vew_call {command} "$@"\n}}\n'

    def source_line(self, path: str) -> str:
        return f". {self.quote(path)}"


def case_statement(arms: str) -> str:
    """A case statement over ``$1`` with ``arms`` (the completion spec of each command)."""
    return "case $1 in\n    " + arms.replace("\n", "\n    ") + "\nesac"

"""fish: single quotes with backslash escapes, ``$argv``, and ``function ... end``."""

from __future__ import annotations

import os

from vew.shells.dialect import Dialect

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from vew.catalogue import Command, Option
    from vew.steps import Var

# The global hook directory is an exported variable; everything else is a function local.
_GLOBALS = {"hook_dir": "VIRTUALENVWRAPPER_HOOK_DIR", "workon_home": "WORKON_HOME"}


class Fish(Dialect):
    name = "fish"
    templates = ("fish/core.fish", "fish/completion.fish", "fish/auto.fish", "fish/load.fish")
    hook_suffix = ".fish"
    activate_note = " for fish (activate.fish)"
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

    def concat(self, parts: Sequence[str | Var]) -> str:
        # Adjacent quoted strings make one word: 'text'"$_vew_var"'text'.
        return "".join(self.quote(part) if isinstance(part, str) else self.ref(part.name)
                       for part in parts if part != "") or "''"

    def check(self, call: str, message: str, fatal: bool) -> str:
        if not fatal:
            return f"if {call}\n    _vew_warning {message}\nend"
        return f"if {call}\n    _vew_error {message}\n    return 1\nend"

    def flags_pattern(self, flags: Sequence[str]) -> str:
        return " ".join(map(self.quote, flags))

    def setting(self, variable: str, given: str, default: str) -> str:
        if not default:
            return f'test -n "${variable}"; or set -gx {variable} {given}' if given else ""
        lines = [f'test -n "${variable}"; or set -g {variable} {given}'] if given else []
        lines += [f'test -n "${variable}"; or set -g {variable} {default}',
                  f'set -gx {variable} "${variable}"']
        return "\n".join(lines)

    def wrapper(self, command: str) -> str:
        return f"function {command}\n    _vew_call {command} $argv\nend\n"

    def source_line(self, path: str) -> str:
        return f"source {self.quote(path)}"

    def rc_path(self) -> Path:
        # fish reads its configuration under $XDG_CONFIG_HOME when that is set.
        config = os.environ.get("XDG_CONFIG_HOME")
        if config and os.path.isabs(config):
            from pathlib import Path

            return Path(config, "fish", "config.fish")
        return super().rc_path()

    def completion(self, commands: Sequence[Command]) -> dict[str, str]:
        return {
            # The shim's _vew_spec: one case per command (and per "vew SUB").
            "__VEW_COMPLETION_SPEC__": _switch(
                "\n".join(self._cases(c, c.name) for c in commands)),
            "__VEW_COMPLETION_REGISTER__": "\n".join(self._register(c) for c in commands),
        }

    def _cases(self, command: Command, key: str) -> str:
        lines = [f"o {flag}" + (f"={option.value.spec()}" if option.value else "")
                 for option in command.options for flag in option.flags]
        lines += [f"a {value.spec()}" for value in command.args]
        lines += [f"r {command.rest.spec()}"] if command.rest is not None else []
        lines += [f"s {sub.name}\t{sub.summary}" for sub in command.subcommands]
        body = f"builtin printf '%s\\n' {' '.join(map(self.quote, lines))}" if lines else "true"
        cases = [f"case {self.quote(key)}\n    {body}"]
        cases += [self._cases(sub, f"{key} {sub.name}") for sub in command.subcommands]
        return "\n".join(cases)

    def _register(self, command: Command) -> str:
        """Its values from _vew_complete_args, no file names else; its options, described."""
        name = self.quote(command.name)
        lines = [f"complete -c {name} -e", f"complete -c {name} -f -a '(_vew_complete_args)'"]
        lines += [f"complete -c {name}{condition} {_flags(option)} -d {self.quote(option.help)}"
                  for condition, option in _options(self, command)]
        return "\n".join(lines)


def _options(dialect: Fish, command: Command) -> list[tuple[str, Option]]:
    """Each option with the condition under which it is offered: vew's own before any
    subcommand, a subcommand's after it."""
    if not command.subcommands:
        return [("", option) for option in command.options]
    found = [(" -n __fish_use_subcommand", option) for option in command.options]
    for sub in command.subcommands:
        condition = f" -n {dialect.quote('__fish_seen_subcommand_from ' + sub.name)}"
        found += [(condition, option) for option in sub.options]
    return found


def _flags(option: Option) -> str:
    """``-s c -l cd``: fish's short (-x), long (--xyz) and old-style (-xyz) spellings."""
    parts = []
    for flag in option.flags:
        if flag.startswith("--"):
            parts.append(f"-l {flag[2:]}")
        elif len(flag) == 2:
            parts.append(f"-s {flag[1]}")
        else:
            parts.append(f"-o {flag[1:]}")
    return " ".join(parts)


def _switch(cases: str) -> str:
    return 'switch "$argv[1]"\n    ' + cases.replace("\n", "\n    ") + "\nend"



DIALECT = Fish()

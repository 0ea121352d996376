from __future__ import annotations

import os

from vew import catalogue
from vew.shells.posix import PosixDialect, case_statement

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from vew.catalogue import Command, Option, Value

# How each kind of value completes: a zsh completion action for _arguments.
_ACTIONS = {
    catalogue.ENV: "_vew_complete_envs",
    catalogue.DIRECTORY: "_files -/",
    catalogue.FILE: "_files",
    catalogue.COMMAND: "_command_names -e",
    catalogue.ENV_DIR: "_vew_complete_env_dirs",
    catalogue.SITE_DIR: "_vew_complete_site_dirs",
    catalogue.TEMPLATE: "_vew_complete_templates",
    # A space: nothing to offer, but the label is shown.
    catalogue.NOTHING: " ",
}

# Without compinit: compctl's -K function for the first argument of each kind.
_COMPCTL = {
    catalogue.ENV: "-K _vew_compctl_envs",
    catalogue.ENV_DIR: "-K _vew_compctl_env_dirs -S ''",
    catalogue.SITE_DIR: "-K _vew_compctl_site_dirs -S ''",
}


class Zsh(PosixDialect):
    name = "zsh"
    templates = ("posix/core.sh", "posix/compat.sh", "posix/auto.sh", "zsh/core.zsh",
                 "zsh/completion.zsh", "zsh/auto.zsh", "posix/load.sh")
    # Whatever the user set (ksh_arrays, sh_word_split, nounset, err_exit ...), vew's
    # functions run with zsh's defaults, restored on return.
    prologue = "emulate -L zsh"
    static_name = "vew.zsh"
    rc_file = "~/.zshrc"

    def rc_path(self) -> Path:
        # zsh reads its start-up files from $ZDOTDIR when that is set.
        directory = os.environ.get("ZDOTDIR")
        if directory and os.path.isabs(directory):
            from pathlib import Path

            return Path(directory, ".zshrc")
        return super().rc_path()

    def completion(self, commands: Sequence[Command]) -> dict[str, str]:
        return {
            # The shim's _vew_complete_spec: one case arm per command (and per "vew SUB").
            "__VEW_COMPLETION_SPEC__": case_statement(
                "\n".join(self._arm(c, c.name) for c in commands)),
            "__VEW_COMPLETION_NAMES__": " ".join(self.quote(c.name) for c in commands),
            "__VEW_COMPLETION_FALLBACK__": self._compctl(commands),
        }

    def _compctl(self, commands: Sequence[Command]) -> str:
        """Old-style completion of the first argument, for a zsh without compinit."""
        lines = []
        for kind, how in _COMPCTL.items():
            names = [c.name for c in commands
                     if (first := c.positional(0)) is not None and first.kind == kind]
            if names:
                lines.append(f"compctl {how} {' '.join(map(self.quote, names))}")
        return "\n".join(lines)

    def _arm(self, command: Command, key: str) -> str:
        specs = [spec for option in command.options for spec in _option_specs(option)]
        specs += [f"{index}:{_label(value)}:{_action(value)}"
                  for index, value in enumerate(command.args, 1)]
        if command.rest is not None and command.rest.kind == catalogue.COMMAND_LINE:
            # The arguments before the command's own are passed over (its name is the last).
            before = max(len(command.args) - 1, 0)
            specs.append(f"*::{_label(command.rest)}:_vew_complete_command_line {before}")
        elif command.rest is not None:
            specs.append(f"*:{_label(command.rest)}:{_action(command.rest)}")
        words = " ".join(self.quote(spec) for spec in specs)
        if not specs:
            return f"{self.quote(key)}) _message 'no arguments' ;;"
        if not command.subcommands:
            return f"{self.quote(key)}) _arguments -s -S : {words} ;;"
        subs = " ".join(self.quote(f"{sub.name.replace(':', chr(92) + ':')}:{sub.summary}")
                        for sub in command.subcommands)
        lines = [
            f"{self.quote(key)})",
            f"    _arguments -s -S -C : {words} '1:command:->command' '*:: :->argument' "
            "&& return 0",
            "    case $state in",
            f"        command) local -a _vew_subs=({subs})",
            "            _describe -t commands command _vew_subs ;;",
            f"        argument) _vew_complete_spec {self.quote(key)}\" $words[1]\" ;;",
            "    esac",
            "    ;;",
        ]
        lines += [self._arm(sub, f"{key} {sub.name}") for sub in command.subcommands]
        return "\n".join(lines)


def _escape(text: str, special: str) -> str:
    for char in "\\" + special:
        text = text.replace(char, "\\" + char)
    return text


def _label(value: Value) -> str:
    return _escape(value.label, ":")


def _action(value: Value) -> str:
    if value.kind == catalogue.WORDS:
        return "(" + " ".join(_escape(word, " ()") for word in value.words) + ")"
    return _ACTIONS[value.kind]


def _option_specs(option: Option) -> list[str]:
    """``_arguments`` specs: ``(-c --cd)-c[description]``, ``*-t[...]:template:action``."""
    # Spellings of one option exclude each other, unless it may be repeated.
    exclude = f"({' '.join(option.flags)})" if len(option.flags) > 1 and not option.repeat else ""
    repeat = "*" if option.repeat else ""
    described = f"[{_escape(option.help, '[]')}]"
    specs = []
    for flag in option.flags:
        # A long option's value may also follow an = in the same word.
        takes = "=" if option.value is not None and flag.startswith("--") else ""
        value = f":{_label(option.value)}:{_action(option.value)}" if option.value else ""
        specs.append(f"{exclude}{repeat}{flag}{takes}{described}{value}")
    return specs


DIALECT = Zsh()

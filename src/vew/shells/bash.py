from __future__ import annotations

from vew.shells.posix import PosixDialect, case_statement

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from vew.catalogue import Command


class Bash(PosixDialect):
    name = "bash"
    templates = ("posix/core.sh", "posix/compat.sh", "posix/auto.sh", "bash/core.bash",
                 "bash/completion.bash", "bash/auto.bash", "posix/load.sh")
    # `local -` restores the caller's set options on return, so a user's `set -euo pipefail`
    # (or `set -f`) neither breaks vew's functions nor is lost by them. What a sourced hook sets
    # is set again afterwards, by _vew_run.
    prologue = "local - 2>/dev/null; set +o errexit +o nounset +o pipefail +o noglob"
    static_name = "vew.bash"
    rc_file = "~/.bashrc"

    def completion(self, commands: Sequence[Command]) -> dict[str, str]:
        return {
            # The shim's _vew_spec: one case arm per command (and per "vew SUB").
            "__VEW_COMPLETION_SPEC__": case_statement(
                "\n".join(self._arms(c, c.name) for c in commands)),
            "__VEW_COMPLETION_NAMES__": " ".join(self.quote(c.name) for c in commands),
        }

    def _arms(self, command: Command, key: str) -> str:
        quote = self.quote
        options = [flag + (f"={option.value.spec()}" if option.value else "")
                   for option in command.options for flag in option.flags]
        parts = [
            f"_vew_opts=({' '.join(map(quote, options))})" if options else "",
            f"_vew_args=({' '.join(quote(v.spec()) for v in command.args)})"
            if command.args else "",
            f"_vew_rest={quote(command.rest.spec())}" if command.rest else "",
            f"_vew_subs=({' '.join(quote(sub.name) for sub in command.subcommands)})"
            if command.subcommands else "",
        ]
        arms = [f"{quote(key)}) {' '.join(part for part in parts if part) or ':'} ;;"]
        arms += [self._arms(sub, f"{key} {sub.name}") for sub in command.subcommands]
        return "\n".join(arms)



DIALECT = Bash()

from __future__ import annotations

from vew.shells.posix import PosixDialect


class Bash(PosixDialect):
    name = "bash"
    templates = ("vew.sh", "vew.bash")
    # `local -` restores the caller's set options on return, so a user's `set -euo pipefail`
    # neither breaks vew's functions nor is lost by them.
    prologue = "local - 2>/dev/null; set +o errexit +o nounset +o pipefail"
    static_name = "vew.bash"
    rc_file = "~/.bashrc"


DIALECT = Bash()

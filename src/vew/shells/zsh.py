from __future__ import annotations

from vew.shells.posix import PosixDialect


class Zsh(PosixDialect):
    name = "zsh"
    templates = ("vew.sh", "vew.zsh")
    # Whatever the user set (ksh_arrays, sh_word_split, nounset, err_exit ...), vew's
    # functions run with zsh's defaults, restored on return.
    prologue = "emulate -L zsh"
    static_name = "vew.zsh"
    rc_file = "~/.zshrc"


DIALECT = Zsh()

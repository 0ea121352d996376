"""Which hook files vew may run or source, as sshd's StrictModes decides for its own files.

A hook runs code in the user's shell or as the user. So it is refused — not run, not sourced,
one line on stderr naming it and the fix — when someone else could have written it: the file is
writable by other users, or its directory is (world-writable without the sticky bit, which lets
anyone replace the file), or either belongs to a user other than you or root.

The core checks each hook it runs itself (:func:`problem`); what the shells check on their own
is in :mod:`vew.checked_hooks`.
"""

from __future__ import annotations

import os
import shlex
import stat
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Untrusted:
    path: Path
    reason: str
    fix: str

    def message(self, action: str) -> str:
        """The one line the user sees; ``action`` is "run" or "sourced"."""
        return f"hook {self.path} is not {action}: {self.reason} (fix: {self.fix})"


def _me() -> int | None:
    return os.geteuid() if hasattr(os, "geteuid") else None


def problem(hook: Path) -> Untrusted | None:
    """Why ``hook`` (an existing file) must not be run or sourced; None when it may be."""
    me = _me()
    if me is None:  # pragma: no cover - Windows has no such modes
        return None
    try:
        info = os.stat(hook)
        directory = os.stat(hook.parent)
    except OSError:
        return None
    quoted, quoted_dir = shlex.quote(str(hook)), shlex.quote(str(hook.parent))
    if info.st_uid not in (me, 0):
        return Untrusted(hook, f"it belongs to another user (uid {info.st_uid})",
                         f"check it, then: cp {quoted} {quoted}.mine && mv {quoted}.mine "
                         f"{quoted}")
    if info.st_mode & stat.S_IWOTH:
        return Untrusted(hook, "it is writable by other users", f"chmod o-w {quoted}")
    if directory.st_uid not in (me, 0):
        return Untrusted(hook, f"its directory belongs to another user (uid "
                         f"{directory.st_uid})", "move the hook to a directory of yours")
    if directory.st_mode & stat.S_IWOTH and not directory.st_mode & stat.S_ISVTX:
        return Untrusted(hook, f"its directory {hook.parent} is writable by other users",
                         f"chmod o-w {quoted_dir}")
    return None

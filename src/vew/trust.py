"""Which hook files vew may run or source, as sshd's StrictModes decides for its own files.

A hook runs code in the user's shell or as the user. So it is refused — not run, not sourced,
one line on stderr naming it and the fix — when someone else could have written it: the file is
writable by other users, or its directory is (world-writable without the sticky bit, which lets
anyone replace the file), or either belongs to a user other than you or root.

The core checks each hook it runs itself (:func:`problem`). The shells check the hooks they
source or run on their own (workon, deactivate: no Python there): zsh reads permissions and
owners with glob qualifiers, so it checks everything every time; bash and fish can only test
ownership without starting a program, so they also read the list this module writes after
every core command (:func:`write_checked`), ``.vew-hooks-checked`` in the global hook
directory: the hooks found untrusted then. A hook modified since that list was written (its
time is newer), listed, or not yours is checked at once with ``find``, so that nothing written
by another user is run before it has been checked.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from vew import filenames, files, hooks, layout, names, projects
from vew.settings import Settings

CHECKED_FILE = ".vew-hooks-checked"


def _files(hook_names: tuple[str, ...]) -> frozenset[str]:
    """The file names of those hooks, in every shell's flavour."""
    return frozenset(f"{hook}{suffix}" for hook in hook_names for suffix in ("", ".fish", ".ps1"))


_GLOBAL_FILES = _files(tuple(hooks.HOOKS))
# Per environment and per project: the hooks workon and deactivate use.
_LOCAL_FILES = _files(("preactivate", "postactivate", "predeactivate", "postdeactivate",
                       "get_env_details"))
_PROJECT_FILES = _files(("postactivate", "predeactivate"))


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


def _candidates(settings: Settings) -> Iterator[Path]:
    """Every hook file the shells may source or run (that exists). Plain string paths and one
    directory listing per place: this runs after every core command and at `vew init`."""
    home = str(settings.workon_home)
    directories: list[tuple[str, frozenset[str]]] = [(str(settings.hook_dir), _GLOBAL_FILES)]
    for name in _names(settings.workon_home):
        env = os.path.join(home, name)
        directories.append((os.path.join(env, layout.POSIX_BIN), _LOCAL_FILES))
        directories.append((os.path.join(env, layout.WINDOWS_BIN), _LOCAL_FILES))
        if os.path.lexists(os.path.join(env, settings.project_filename)):
            project = projects.read(Path(env), settings.project_filename)
            if project is not None:
                directories.append((os.path.join(project, filenames.PROJECT_HOOKS),
                                    _PROJECT_FILES))
    for directory, wanted in directories:
        try:
            entries = os.listdir(directory)
        except OSError:
            continue
        for entry in wanted.intersection(entries):
            path = os.path.join(directory, entry)
            if os.path.isfile(path):
                yield Path(path)


def _names(workon_home: Path) -> list[str]:
    try:
        entries = os.listdir(workon_home)
    except OSError:
        return []
    return [entry for entry in entries if not entry.startswith(".") and _valid(entry)]


def _valid(name: str) -> bool:
    try:
        names.check(name)
    except names.InvalidName:
        return False
    return True


def untrusted_hooks(settings: Settings) -> list[Untrusted]:
    return [found for path in _candidates(settings) if (found := problem(path)) is not None]


def write_checked(settings: Settings) -> None:
    """Write the list the shells read (see the module's docstring); its time says when."""
    lines = []
    for found in untrusted_hooks(settings):
        text = f"{found.path}\t{found.reason} (fix: {found.fix})"
        if "\n" not in text and text.count("\t") == 1:
            lines.append(text + "\n")
    # Without the list the shells check each hook themselves.
    with contextlib.suppress(OSError):
        files.write_text_atomic(settings.hook_dir / CHECKED_FILE, "".join(lines), 0o644)

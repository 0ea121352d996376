"""The list of untrusted hooks the shells read, written after every core command.

The shells check the hooks they source or run on their own (workon, deactivate: no Python
there), by the rule of :mod:`vew.trust`: zsh reads permissions and owners with glob qualifiers,
so it checks everything every time; bash and fish can only test ownership without starting a
program, so they also read this list, ``.vew-hooks-checked`` in the global hook directory: the
hooks found untrusted when it was written. A hook modified since then (its time is newer),
listed, or not yours is checked at once with ``find``, so that nothing written by another user
is run before it has been checked.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from vew import filenames, files, hooks, layout, names, projects, trust
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


def untrusted_hooks(settings: Settings) -> list[trust.Untrusted]:
    return [found for path in _candidates(settings) if (found := trust.problem(path)) is not None]


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

"""Projects: the ``.project`` file that ties an environment to a working directory."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from vew import filenames, files, store
from vew.settings import Settings


def project_file(env: Path, filename: str) -> Path:
    return env / filename


def read(env: Path, filename: str) -> Path | None:
    """The project directory ``env`` names, or None; the directory itself may be gone.

    A relative path in the file is taken relative to the environment's directory, once, here
    and in the shells alike (never through ``CDPATH``, never against the current directory).
    """
    try:
        text = files.read_regular_text(project_file(env, filename))
    except OSError:
        return None
    line = text.split("\n", 1)[0]
    if not line:
        return None
    return Path(line) if os.path.isabs(line) else Path(os.path.normpath(env / line))


def associate(env: Path, project: Path, filename: str) -> None:
    print(f"Setting project for {env.name} to {project}")
    files.write_text_atomic(project_file(env, filename), f"{project}\n")


INDEX_FILE = filenames.PROJECTS_INDEX


def index_kept(workon_home: Path, auto_activate: bool) -> bool:
    """Whether the core keeps the index up to date after its commands.

    While auto-activation is on, and once the index exists at all: a shell may switch
    auto-activation on at any time, and then needs an index that is not stale.
    """
    return auto_activate or (workon_home / INDEX_FILE).is_file()


def write_index(workon_home: Path, filename: str, names: list[str]) -> None:
    """``WORKON_HOME/.vew-projects``: "project<TAB>env" lines, for auto-activation.

    The shell reads this one file on a directory change instead of every ``.project``.
    """
    lines = []
    for name in names:
        project = read(workon_home / name, filename)
        if project is None or "\n" in name:
            continue
        # The shells compare paths as they spell them, without resolving links: the project
        # as written and, when it differs, as it really is, both lead to the environment.
        for text in dict.fromkeys([str(project), os.path.realpath(project)]):
            if not any(c in text for c in "\t\n"):
                lines.append(f"{text}\t{name}\n")
    # On failure auto-activation goes on with the index it has.
    with contextlib.suppress(OSError):
        files.write_text_atomic(workon_home / INDEX_FILE, "".join(lines))


def refresh_index(current: Settings) -> None:
    """Commands may have made, removed or re-pointed projects: rewrite the shell's index."""
    names = store.names_in(current.workon_home)
    write_index(current.workon_home, current.project_filename, names)

"""Projects: the ``.project`` file that ties an environment to a working directory."""

from __future__ import annotations

import os
from pathlib import Path

from vew import store
from vew.settings import Settings


def project_file(env: Path, filename: str) -> Path:
    return env / filename


def read(env: Path, filename: str) -> Path | None:
    """The project directory ``env`` names, or None; the directory itself may be gone."""
    try:
        text = project_file(env, filename).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    line = text.split("\n", 1)[0]
    return Path(line) if line else None


def associate(env: Path, project: Path, filename: str) -> None:
    print(f"Setting project for {env.name} to {project}")
    project_file(env, filename).write_text(f"{project}\n", encoding="utf-8")


INDEX_FILE = ".vew-projects"


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
        text = str(project) if project else ""
        if text and not any(c in text for c in "\t\n") and "\n" not in name:
            lines.append(f"{text}\t{name}\n")
    index = workon_home / INDEX_FILE
    temporary = index.with_name(f"{INDEX_FILE}.{os.getpid()}")
    try:
        temporary.write_text("".join(lines), encoding="utf-8")
        temporary.replace(index)
    except OSError:
        temporary.unlink(missing_ok=True)


def refresh_index(current: Settings) -> None:
    """Commands may have made, removed or re-pointed projects: rewrite the shell's index."""
    names = store.names_in(current.workon_home)
    write_index(current.workon_home, current.project_filename, names)

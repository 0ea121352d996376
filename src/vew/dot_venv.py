"""``.venv`` files: a directory names the environment it works in (for auto-activation)."""

from __future__ import annotations

from pathlib import Path

from vew import files, store
from vew.errors import CommandError

LINK_FILE = ".venv"


def link(workon_home: Path, name: str, directory: Path) -> Path:
    """Write ``directory/.venv`` naming the environment ``name``."""
    store.existing(workon_home, name)
    path = directory / LINK_FILE
    if path.is_dir() or path.is_symlink():
        raise CommandError(f"{path} is a directory or a link (an in-project environment); "
                           "not replaced")
    files.write_text_atomic(path, f"{name}\n")
    return path


"""A disposable interpreter: a copy of the running Python that a test may delete."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path


def disposable_python(target: Path) -> Path:
    """A real interpreter whose prefix is ``target``: its own binary, the standard library
    linked in, an empty site-packages. Deleting ``target`` breaks every env built on it."""
    base = Path(sys.base_prefix)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    (target / "bin").mkdir(parents=True)
    binary = target / "bin" / version
    shutil.copy2(Path(sys._base_executable).resolve(), binary)
    library = target / "lib" / version
    library.mkdir(parents=True)
    for entry in (base / "lib" / version).iterdir():
        if entry.name != "site-packages":
            (library / entry.name).symlink_to(entry)
    (library / "site-packages").mkdir()
    for shared in (base / "lib").glob("libpython*"):
        (target / "lib" / shared.name).symlink_to(shared)
    return binary

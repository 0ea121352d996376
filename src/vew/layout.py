"""Where things are inside one environment, for the POSIX and the Windows layout alike."""

from __future__ import annotations

import re
from pathlib import Path

from vew import files

POSIX_BIN = "bin"
WINDOWS_BIN = "Scripts"

def bin_dir(env: Path) -> Path:
    """The environment's script directory: ``Scripts`` for a Windows-layout one, else ``bin``."""
    if (env / WINDOWS_BIN).is_dir() and not (env / POSIX_BIN).is_dir():
        return env / WINDOWS_BIN
    return env / POSIX_BIN


def is_windows_layout(env: Path) -> bool:
    return bin_dir(env).name == WINDOWS_BIN


def python(env: Path) -> Path:
    directory = bin_dir(env)
    return directory / ("python.exe" if directory.name == WINDOWS_BIN else "python")


def read_pyvenv_cfg(env: Path) -> dict[str, str]:
    """The keys of ``pyvenv.cfg`` (lower-cased) and their values; empty if it is missing."""
    try:
        text = files.read_regular(env / "pyvenv.cfg").decode("utf-8", "replace")
    except OSError:
        return {}
    values = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            values[key.strip().lower()] = value.strip()
    return values


_LIB_PYTHON = re.compile(r"(python|pypy)\d+\.\d+t?")


def site_packages(env: Path) -> Path | None:
    """The environment's ``platlib`` directory, found without starting its interpreter."""
    if is_windows_layout(env):
        candidate = env / "Lib" / "site-packages"
        return candidate if candidate.is_dir() else None
    for lib in ("lib", "lib64"):
        try:
            entries = sorted((env / lib).iterdir())
        except OSError:
            continue
        for entry in entries:
            if _LIB_PYTHON.fullmatch(entry.name) and (entry / "site-packages").is_dir():
                return entry / "site-packages"
    return None

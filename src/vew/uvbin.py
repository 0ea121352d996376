"""uv: where vew finds its program, and how an environment uv made is told apart.

uv is one binary. vew takes the ``uv`` on ``PATH`` first (the one the user runs), else the one
the ``uv`` package installed beside vew carries (``pip install 'vew[uv]'``): that package's
``find_uv_bin`` knows where its installer put the binary, and importing it costs next to nothing.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

from vew import layout
from vew.errors import CommandError

NOT_FOUND = ("uv is not installed: put uv on PATH (https://docs.astral.sh/uv/), "
             "or install vew with its uv extra: pip install 'vew[uv]'")


def find(environ: Mapping[str, str]) -> str:
    """The uv program to run, or a :class:`CommandError` saying how to get one."""
    found = shutil.which("uv", path=environ.get("PATH", os.defpath))
    if found is not None:
        return found
    try:
        from uv import find_uv_bin
    except ImportError:
        raise CommandError(NOT_FOUND) from None
    try:
        return find_uv_bin()
    except FileNotFoundError:  # the package is there, its binary is not
        raise CommandError(NOT_FOUND) from None


def made(env: Path) -> bool:
    """Whether uv made ``env``: uv writes its own version into ``pyvenv.cfg`` (``uv = X.Y``)."""
    return "uv" in layout.read_pyvenv_cfg(env)


def is_venv_command(command: Sequence[str]) -> bool:
    """Whether a creator command line is ``uv venv`` (with any options of its own)."""
    if not command:
        return False
    program = os.path.basename(command[0]).lower()
    return program in ("uv", "uv.exe") and "venv" in command[1:]

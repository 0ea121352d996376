from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def hook_dir(environ: dict[str, str], tmp_path: Path) -> Path:
    """Global hooks outside $WORKON_HOME, so that WORKON_HOME holds nothing but environments."""
    path = tmp_path / "hooks"
    path.mkdir()
    environ["VIRTUALENVWRAPPER_HOOK_DIR"] = str(path)
    return path


@pytest.fixture
def emit_dir(environ: dict[str, str], tmp_path: Path) -> Path:
    """Where the shims put their temporary files: it must be empty after every command."""
    path = tmp_path / "tmp"
    path.mkdir()
    environ["VIRTUALENVWRAPPER_TMPDIR"] = str(path)
    return path


@pytest.fixture
def source(tmp_path: Path, make_env: Callable[..., Path]) -> Path:
    """An environment outside WORKON_HOME for cpvirtualenv to copy (it must not change)."""
    env = make_env("copy-me")
    moved = tmp_path / "sources" / "copy-me"
    moved.parent.mkdir()
    env.rename(moved)
    return moved


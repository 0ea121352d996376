"""vew pythons: by version within each source, what the creator cannot use marked, --json."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

CURRENT = f"{sys.version_info.major}.{sys.version_info.minor}.{sys.version_info.micro}"
TOO_OLD = "  (too old: virtualenv needs "


def vew(*args: str, environ: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "vew", *args], capture_output=True,
                          text=True, env=environ, check=False)


@pytest.fixture
def pyenv(tmp_path: Path, environ: dict[str, str]) -> dict[str, str]:
    """A pyenv root holding 3.10.2, 2.7.18, the running Python's version and 3.9.1 (in an
    order that sorts wrong as text), and nothing else to find."""
    root = tmp_path / "pyenv"
    for version in ("3.10.2", "2.7.18", CURRENT, "3.9.1"):
        binary = root / "versions" / version / "bin" / "python3"
        binary.parent.mkdir(parents=True)
        binary.write_text("#!/bin/sh\n")
        binary.chmod(0o755)
    return dict(environ, PYENV_ROOT=str(root), PATH=str(tmp_path / "empty"),
                UV_PYTHON_INSTALL_DIR=str(tmp_path / "no-uv"))


def _listed(stdout: str) -> list[tuple[str, bool]]:
    return [(line.split()[1], TOO_OLD in line) for line in stdout.splitlines()]


def test_sorted_by_version_and_what_virtualenv_cannot_use_marked(pyenv: dict[str, str]) -> None:
    done = vew("pythons", environ=dict(pyenv, VIRTUALENVWRAPPER_VIRTUALENV_ARGS=""))
    assert done.returncode == 0, done.stderr
    listed = _listed(done.stdout)
    versions = [version for version, _ in listed]
    assert versions == sorted(versions, key=lambda v: tuple(map(int, v.split("."))))
    marked = dict(listed)
    assert marked["2.7.18"] is True
    assert marked[CURRENT] is False
    assert all(line.split()[2] == "pyenv" for line in done.stdout.splitlines())


def test_json(pyenv: dict[str, str], tmp_path: Path) -> None:
    done = vew("pythons", "--json", environ=dict(pyenv, VIRTUALENVWRAPPER_VIRTUALENV_ARGS=""))
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    current = next(item for item in data if item["version"] == CURRENT)
    assert current == {
        "implementation": "CPython", "version": CURRENT, "source": "pyenv",
        "path": str(tmp_path / "pyenv" / "versions" / CURRENT / "bin" / "python3"),
        "usable": True}
    assert next(item for item in data if item["version"] == "2.7.18")["usable"] is False


def test_a_creator_command_of_ones_own_decides_for_itself(pyenv: dict[str, str]) -> None:
    done = vew("pythons", "--json", environ=dict(pyenv, VIRTUALENVWRAPPER_VIRTUALENV="uv venv"))
    assert {item["usable"] for item in json.loads(done.stdout)} == {None}
    text = vew("pythons", environ=dict(pyenv, VIRTUALENVWRAPPER_VIRTUALENV="uv venv"))
    assert TOO_OLD not in text.stdout

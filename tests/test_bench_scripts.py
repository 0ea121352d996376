"""The benchmark's shell scripts pass the linters the shims pass: shellcheck on what bash and
zsh source (``.sh``, ``.bash``), fish_indent on the fish scripts. zsh has no linter here."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.shells import SCRIPTS

from tests.support.linters import fish_indent_check, shellcheck

SH_FILES = sorted([*SCRIPTS.glob("*.sh"), *SCRIPTS.glob("*.bash")])
FISH_FILES = sorted(SCRIPTS.glob("*.fish"))


def test_the_scripts_bash_and_zsh_source_pass_shellcheck() -> None:
    assert SH_FILES
    done = shellcheck(*SH_FILES)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


@pytest.mark.parametrize("path", FISH_FILES, ids=lambda path: path.name)
def test_the_fish_scripts_are_as_fish_indent_writes_them(path: Path) -> None:
    done = fish_indent_check(path)
    assert done.returncode == 0, f"run `fish_indent -w {path}`"

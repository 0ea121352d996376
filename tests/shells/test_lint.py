"""The shell files pass their shells' linters: shellcheck (warning level) on everything bash
runs, the templates and the rendered set-up alike; fish_indent on the fish files.

Files are found by their folder (``shell/posix`` and ``shell/bash`` are bash's, ``shell/fish``
fish's), so that a file added there is linted without naming it here.

A deliberate exception is disabled where it stands, with the reason on the same line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.linters import fish_indent_check, shellcheck
from vew import integration, shells

TEMPLATES = shells.template_dir()
BASH_FILES = sorted(path for folder in ("posix", "bash")
                    for path in (TEMPLATES / folder).rglob("*") if path.is_file())
FISH_FILES = sorted(path for path in (TEMPLATES / "fish").rglob("*") if path.is_file())


def test_the_linters_see_a_mistake(tmp_path: Path) -> None:
    """So that their silence below means something."""
    bad = tmp_path / "bad.bash"
    bad.write_text('f() {\n    cd "$1"\n    x=$(ls *.txt)\n    echo $undefined_thing\n}\n')
    assert "SC2164" in shellcheck(bad).stdout
    fish = tmp_path / "bad.fish"
    fish.write_text("function f\necho hi\nend\n")
    assert fish_indent_check(fish).returncode


def test_the_bash_templates_pass_shellcheck() -> None:
    # Every file bash runs is here: each template of the bash shim, and the loader and helpers
    # it names.
    bash = shells.get("bash")
    assert {TEMPLATES / name for name in (*bash.templates, bash.helpers, "posix/loader.sh")
            } <= set(BASH_FILES)
    done = shellcheck(*BASH_FILES)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


@pytest.mark.parametrize("setup", ["eval", "static"])
def test_the_rendered_bash_setup_passes_shellcheck(setup: str, tmp_path: Path) -> None:
    path = tmp_path / "vew.bash"
    config = {"workon_home": "~/envs", "workon_cd": "0", "auto_activate": "1"}
    script = str(path) if setup == "static" else ""
    path.write_text(integration.shim(shells.get("bash"), script, config), encoding="utf-8")
    done = shellcheck(path)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_every_fish_template_is_linted() -> None:
    assert {TEMPLATES / name for name in shells.get("fish").templates} <= set(FISH_FILES)


@pytest.mark.parametrize("path", FISH_FILES, ids=lambda path: path.name)
def test_the_fish_files_are_as_fish_indent_writes_them(path: Path) -> None:
    done = fish_indent_check(path)
    assert done.returncode == 0, f"run `fish_indent -w {path}`"


def test_every_exception_says_why() -> None:
    directive = re.compile(r"#\s*shellcheck\s+(disable|source)=\S+(.*)")
    for path in BASH_FILES:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found = directive.search(line)
            if found:
                assert found[2].strip().startswith("#") and len(found[2].strip()) > 10, \
                    f"{path.name}:{number}: give the reason after the directive"

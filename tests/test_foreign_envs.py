"""Environments made by other tools in WORKON_HOME are listed and can be worked on."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.harness import ShellHarness, read_log

UV = Path(sys.executable).parent / "uv"


def make_with_venv(path: Path) -> None:
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(path)], check=True)


def make_with_uv(path: Path) -> None:
    subprocess.run([str(UV), "venv", "-q", "-p", sys.executable, str(path)], check=True)


@pytest.mark.parametrize("make", [make_with_venv, make_with_uv], ids=["venv", "uv"])
def test_listed_activated_and_deactivated(sh: ShellHarness, workon_home: Path, make) -> None:
    env = workon_home / "foreign"
    make(env)
    script = sh.script()
    listed = script.call("lsvirtualenv", "-b")
    worked = script.call("workon", "foreign")
    python = script.call("python", "-c", "import sys; print(sys.prefix)")
    left = script.call("deactivate")
    after = script.var("VIRTUAL_ENV")
    run = sh.run(script)

    assert run[listed].stdout == "foreign\n"
    assert run[worked].status == 0, run[worked].stderr
    assert run[python].stdout.strip() == str(env)
    assert run[left].status == 0
    assert run[after].stdout == "<unset>"


# fish leaves sh hooks out, with a note (tests/shells/test_scenarios.py).
@pytest.mark.parametrize("sh", ["bash", "zsh"], indirect=True)
def test_virtualenvwrapper_hook_files_are_honoured(sh: ShellHarness, make_env,
                                                   workon_home: Path) -> None:
    """Hooks exactly as virtualenvwrapper writes them: bash shebang, sourced without exec bit."""
    env = make_env("legacy")
    log = sh.home / "legacy.log"
    (env / "bin" / "postactivate").write_text(
        f"#!/bin/bash\n# This hook is sourced after this virtualenv is activated.\n"
        f"echo postactivate >> '{log}'\nexport LEGACY_HOOK=on\n")
    (env / "bin" / "predeactivate").write_text(
        f"#!/bin/bash\necho predeactivate >> '{log}'\n")
    script = sh.script()
    script.call("workon", "legacy")
    exported = script.var("LEGACY_HOOK")
    script.call("deactivate")
    run = sh.run(script)
    assert run[exported].stdout == "on"
    assert read_log(log) == ["postactivate", "predeactivate"]


def test_plain_directories_and_files_are_not_environments(sh: ShellHarness, make_env,
                                                          workon_home: Path) -> None:
    make_env("real")
    (workon_home / "plain-dir").mkdir()
    (workon_home / "a-file").write_text("")
    (workon_home / ".hidden").mkdir()
    script = sh.script()
    listed = script.call("lsvirtualenv", "-b")
    plain = script.call("workon", "plain-dir")
    run = sh.run(script)
    assert run[listed].stdout == "real\n"
    assert run[plain].status == 1
    assert "does not contain an activate script" in run[plain].stderr

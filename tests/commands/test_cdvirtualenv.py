from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.harness import ShellHarness


def test_changes_to_the_environment_or_below(
        sh: ShellHarness, workon_home: Path, make_env) -> None:
    env = make_env("my env")
    script = sh.script()
    script.call("workon", "-n", "my env")
    top = script.call("cdvirtualenv")
    top_cwd = script.pwd()
    below = script.call("cdvirtualenv", "bin")
    below_cwd = script.pwd()
    missing = script.call("cdvirtualenv", "nowhere")
    missing_cwd = script.pwd()
    run = sh.run(script)
    assert (run[top].status, run[top].stdout, run[top].stderr) == (0, "", "")
    assert run[top_cwd].stdout == str(env)
    assert run[below].status == 0
    assert run[below_cwd].stdout == str(env / "bin")
    assert run[missing].status == 1
    assert "nowhere" in run[missing].stderr
    assert run[missing_cwd].stdout == str(env / "bin")


@pytest.mark.parametrize("command", ["cdvirtualenv", "cdsitepackages", "lssitepackages"])
def test_nothing_active_is_an_error(sh: ShellHarness, workon_home: Path, tmp_path: Path,
                                    command: str) -> None:
    script = sh.script()
    done = script.call(command)
    cwd = script.pwd()
    run = sh.run(script, cwd=tmp_path)
    assert run[done].status == 1
    assert run[done].stdout == ""
    assert "no virtualenv active" in run[done].stderr
    assert run[cwd].stdout == str(tmp_path)


def test_active_environment_that_is_gone_is_an_error(
        sh: ShellHarness, workon_home: Path, tmp_path: Path) -> None:
    done = sh("cdvirtualenv", extra_env={"VIRTUAL_ENV": str(tmp_path / "gone")})
    assert done.status == 1
    assert "no virtualenv active, or active virtualenv is missing" in done.stderr

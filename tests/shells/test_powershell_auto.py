"""PowerShell auto-activation, in a real pwsh: what only its LocationChangedAction hook needs
(the behaviour every shell shares is in tests/test_auto_activation.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.harness import LANGUAGES, ShellHarness, require

AUTO = {"VEW_AUTO_ACTIVATE": "1"}
QUOTE = LANGUAGES["pwsh"].quote


@pytest.fixture
def ps(environ: dict[str, str]) -> ShellHarness:
    require("pwsh")
    return ShellHarness("pwsh", Path(environ["HOME"]), environ)


@pytest.fixture
def linked(make_env: Callable[..., Path], tmp_path: Path) -> Path:
    """A directory whose .venv file names the environment "linked"."""
    make_env("linked")
    directory = tmp_path / "linked dir"
    directory.mkdir()
    (directory / ".venv").write_text("linked\n")
    return directory


def count_activations(workon_home: Path) -> None:
    (workon_home / "postactivate.ps1").write_text(
        '$env:VEW_TEST_COUNT = "$env:VEW_TEST_COUNT" + "x"\n')


def test_another_tools_handler_stays_and_loading_again_adds_vews_once(
        ps: ShellHarness, linked: Path, tmp_path: Path) -> None:
    count_activations(ps.workon_home)
    prelude = ("$ExecutionContext.InvokeCommand.LocationChangedAction = "
               "[EventHandler[Management.Automation.LocationChangedEventArgs]] "
               "{ $env:VEW_TEST_OTHER = \"$env:VEW_TEST_OTHER\" + 'o' }")
    script = ps.script()
    script.raw(ps._loader())
    script.raw(LANGUAGES["pwsh"].cd(str(linked)))
    active = script.var("VIRTUAL_ENV")
    count = script.var("VEW_TEST_COUNT")
    other = script.var("VEW_TEST_OTHER")
    script.raw(LANGUAGES["pwsh"].cd(str(tmp_path)))
    left = script.var("VIRTUAL_ENV")
    other_again = script.var("VEW_TEST_OTHER")
    run = ps.run(script, prelude=prelude, extra_env=AUTO)
    assert run[active].stdout == str(ps.workon_home / "linked"), run.stderr
    assert run[count].stdout == "x"
    assert (run[other].stdout, run[other_again].stdout) == ("o", "oo")
    assert run[left].stdout == "<unset>"


def test_every_way_to_change_location_is_checked(ps: ShellHarness, linked: Path,
                                                 tmp_path: Path) -> None:
    script = ps.script()
    script.raw(f"Push-Location -LiteralPath {QUOTE(str(linked))}")
    pushed = script.var("VIRTUAL_ENV")
    script.raw("Pop-Location")
    popped = script.var("VIRTUAL_ENV")
    script.raw(f"cd {QUOTE(str(linked))}")
    by_alias = script.var("VIRTUAL_ENV")
    # Another provider's location leaves the file-system one, and the environment, as they are.
    script.raw("Set-Location Env:")
    elsewhere = script.var("VIRTUAL_ENV")
    run = ps.run(script, cwd=tmp_path, extra_env=AUTO)
    env = str(ps.workon_home / "linked")
    assert [run[i].stdout for i in (pushed, popped, by_alias, elsewhere)] == [
        env, "<unset>", env, env], run.stderr


def test_the_directory_powershell_starts_in_counts_as_entered(ps: ShellHarness,
                                                            linked: Path) -> None:
    script = ps.script()
    active = script.var("VIRTUAL_ENV")
    run = ps.run(script, cwd=linked, extra_env=AUTO)
    assert run[active].stdout == str(ps.workon_home / "linked")


def test_a_change_of_location_keeps_the_last_exit_status_and_prints_in_order(
        ps: ShellHarness, linked: Path, tmp_path: Path) -> None:
    """A cd is no command: $LASTEXITCODE stays what the user last saw; what hooks print goes
    out as they run."""
    (ps.workon_home / "postactivate.ps1").write_text("'hook says hi'\n")
    script = ps.script()
    shown = script.raw(
        "$global:LASTEXITCODE = 3; "
        f"{LANGUAGES['pwsh'].cd(str(linked))}; "
        "[Console]::Out.Write('status ' + $LASTEXITCODE)")
    run = ps.run(script, extra_env=AUTO)
    assert run[shown].stdout == "hook says hi\nstatus 3"


def test_a_failing_activation_is_reported_and_the_cd_goes_on(
        ps: ShellHarness, tmp_path: Path) -> None:
    directory = tmp_path / "names a missing env"
    directory.mkdir()
    (directory / ".venv").write_text("missing\n")
    script = ps.script()
    moved = script.raw(LANGUAGES["pwsh"].cd(str(directory)))
    where = script.pwd()
    active = script.var("VIRTUAL_ENV")
    run = ps.run(script, extra_env=AUTO)
    assert run[moved].status == 0
    assert run[moved].stderr == ("ERROR: Environment 'missing' does not exist. Create it with "
                                 "'mkvirtualenv missing'.\n")
    assert (run[where].stdout, run[active].stdout) == (str(directory), "<unset>")

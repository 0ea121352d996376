"""setvirtualenvproject: which environment, which directory, and the errors."""

from __future__ import annotations

from pathlib import Path

from tests.support.harness import ShellHarness


def test_defaults_to_the_active_environment_and_the_current_directory(
        sh: ShellHarness, make_env, tmp_path: Path) -> None:
    env = make_env("current")
    here = tmp_path / "work dir"
    here.mkdir()
    script = sh.script()
    script.call("workon", "current")
    script.call("cd", str(here))
    set_ = script.call("setvirtualenvproject")
    run = sh.run(script)

    assert run[set_].status == 0, run[set_].stderr
    assert run[set_].stdout == f"Setting project for current to {here}\n"
    assert (env / ".project").read_text() == f"{here}\n"


def test_keeps_the_directory_as_the_shell_spells_it(
        sh: ShellHarness, make_env, tmp_path: Path) -> None:
    env = make_env("linked")
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    script = sh.script()
    script.call("cd", str(tmp_path / "link"))
    set_ = script.call("setvirtualenvproject", "linked")
    run = sh.run(script)

    assert run[set_].status == 0, run[set_].stderr
    assert (env / ".project").read_text() == f"{tmp_path / 'link'}\n"


def test_a_relative_project_is_taken_from_the_directory_the_shell_shows(
        sh: ShellHarness, make_env, tmp_path: Path) -> None:
    """As add2virtualenv reads a relative directory: from $PWD, symlinks kept."""
    env = make_env("linked")
    (tmp_path / "real" / "sub").mkdir(parents=True)
    (tmp_path / "link").symlink_to(tmp_path / "real")
    script = sh.script()
    script.call("cd", str(tmp_path / "link"))
    set_ = script.call("setvirtualenvproject", "linked", "sub")
    run = sh.run(script)

    assert run[set_].status == 0, run[set_].stderr
    assert (env / ".project").read_text() == f"{tmp_path / 'link' / 'sub'}\n"


def test_environment_by_name_or_path_and_a_relative_project(
        sh: ShellHarness, make_env, tmp_path: Path) -> None:
    first = make_env("first")
    second = make_env("second")
    (tmp_path / "proj").mkdir()
    script = sh.script()
    script.call("cd", str(tmp_path))
    by_name = script.call("setvirtualenvproject", "first", "proj")
    by_path = script.call("setvirtualenvproject", str(second), str(tmp_path / "proj"))
    run = sh.run(script)

    assert run[by_name].status == 0, run[by_name].stderr
    assert run[by_name].stdout == f"Setting project for first to {tmp_path / 'proj'}\n"
    assert (first / ".project").read_text() == f"{tmp_path / 'proj'}\n"
    assert run[by_path].status == 0, run[by_path].stderr
    assert (second / ".project").read_text() == f"{tmp_path / 'proj'}\n"


def test_errors(sh: ShellHarness, make_env, workon_home: Path, tmp_path: Path) -> None:
    env = make_env("there")
    script = sh.script()
    none_active = script.call("setvirtualenvproject")
    unknown = script.call("setvirtualenvproject", "nowhere", str(tmp_path))
    not_a_dir = script.call("setvirtualenvproject", "there", "missing")
    run = sh.run(script)

    assert "no virtualenv active" in run[none_active].stderr
    assert "No virtualenv nowhere" in run[unknown].stderr
    assert str(sh.home / "missing") in run[not_a_dir].stderr
    for index in (none_active, unknown, not_a_dir):
        assert run[index].status == 1
        assert run[index].stdout == ""
        assert run[index].stderr.startswith("ERROR: ")
    assert not (workon_home / ".project").exists()
    assert not (env / ".project").exists()

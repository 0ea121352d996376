"""cdproject: to the active environment's project, or one clear error and no move."""

from __future__ import annotations

from pathlib import Path

from tests.support.harness import ShellHarness


def test_changes_to_the_project_directory(sh: ShellHarness, make_env, tmp_path: Path) -> None:
    project = tmp_path / "the project"
    project.mkdir()
    (make_env("proj") / ".project").write_text(f"{project}\n")
    script = sh.script()
    script.call("workon", "-n", "proj")
    before = script.pwd()
    moved = script.call("cdproject", "ignored", "arguments")
    after = script.pwd()
    run = sh.run(script)

    assert run[before].stdout == str(sh.home)
    assert run[moved].status == 0, run[moved].stderr
    assert (run[moved].stdout, run[moved].stderr) == ("", "")
    assert run[after].stdout == str(project)


def test_errors_leave_the_shell_where_it_is(sh: ShellHarness, make_env, tmp_path: Path) -> None:
    make_env("unset")
    (make_env("empty") / ".project").write_text("")
    (make_env("gone") / ".project").write_text(f"{tmp_path / 'gone'}\n")
    script = sh.script()
    inactive = script.call("cdproject")
    script.call("workon", "unset")
    no_file = script.call("cdproject")
    script.call("workon", "empty")
    empty = script.call("cdproject")
    script.call("workon", "-n", "gone")
    gone = script.call("cdproject")
    where = script.pwd()
    run = sh.run(script)

    assert "no virtualenv active" in run[inactive].stderr
    assert str(sh.workon_home / "unset" / ".project") in run[no_file].stderr
    assert "does not exist" in run[empty].stderr
    assert str(tmp_path / "gone") in run[gone].stderr
    for index in (inactive, no_file, empty, gone):
        assert run[index].status == 1
        assert run[index].stderr.startswith("ERROR: ")
        assert run[index].stderr.count("\n") == 1
    assert run[where].stdout == str(sh.home)

"""Making the bare environment: what the user sees when the creator cannot do it."""

from __future__ import annotations

from tests.support.harness import ShellHarness


def test_an_unknown_interpreter_is_one_line_pointing_at_vew_pythons(sh: ShellHarness) -> None:
    script = sh.script()
    by_version = script.call("mkvirtualenv", "-p", "3.99", "newx")
    by_path = script.call("mkvirtualenv", "--python", "/no/such/python", "newy")
    run = sh.run(script)
    assert (run[by_version].status, run[by_version].stderr) == (
        1, "ERROR: no Python interpreter found for '3.99'; "
           "'vew pythons' lists the ones available\n")
    assert run[by_path].stderr == ("ERROR: no Python interpreter found for '/no/such/python'; "
                                   "'vew pythons' lists the ones available\n")
    assert sorted(p.name for p in sh.workon_home.iterdir() if p.is_dir()) == []

"""lsvirtualenv: the brief listing (in the shell), options, and the long listing's shape."""

from __future__ import annotations

from pathlib import Path

from tests.harness import ShellHarness


def test_brief_listing_is_sorted_by_code_point(sh: ShellHarness, make_env) -> None:
    for name in ["beta", "Alpha", "émile", "alpha", "zeta"]:
        make_env(name)
    script = sh.script()
    brief = script.call("lsvirtualenv", "-b")
    bundled = script.call("lsvirtualenv", "-lb")
    bare = script.call("workon")
    run = sh.run(script)

    expected = "Alpha\nalpha\nbeta\nzeta\némile\n"
    assert run[brief].stdout == expected
    assert run[bundled].stdout == expected
    assert run[bare].stdout == expected
    assert run[bare].status == 1


def test_empty_home_lists_nothing_with_status_0(sh: ShellHarness, workon_home: Path) -> None:
    result = sh("lsvirtualenv", "-b")
    assert (result.stdout, result.status) == ("", 0)


def test_missing_home_is_created_with_a_note(sh: ShellHarness, tmp_path: Path) -> None:
    script = sh.script()
    script.raw("command rm -rf -- \"$WORKON_HOME\"")
    brief = script.call("lsvirtualenv", "-b")
    run = sh.run(script)
    assert run[brief].status == 0
    assert "NOTE:" in run[brief].stderr
    assert sh.workon_home.is_dir()


def test_long_listing_shape(sh: ShellHarness, make_env) -> None:
    make_env("one")
    make_env("two")
    result = sh("lsvirtualenv", "-l")
    assert result.status == 0
    assert result.stdout == "one\n===\n\n\ntwo\n===\n\n\n"


def test_help_and_bad_options(sh: ShellHarness, workon_home: Path) -> None:
    script = sh.script()
    helped = script.call("lsvirtualenv", "-h")
    bad = script.call("lsvirtualenv", "-x")
    run = sh.run(script)
    assert run[helped].status == 0
    assert "-b" in run[helped].stdout and "brief" in run[helped].stdout
    assert run[bad].status == 1
    assert "'x'" in run[bad].stderr and "usage" in run[bad].stderr

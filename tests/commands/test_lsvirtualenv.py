from __future__ import annotations

from pathlib import Path

import pytest
from tests.commands.test_showvirtualenv import details_hook
from tests.harness import ShellHarness, log_hook, read_log


@pytest.mark.parametrize("args", [(), ("-l",), ("-bl",)])
def test_long_listing_shows_each_environment_with_its_details(
        sh: ShellHarness, workon_home: Path, make_env, tmp_path: Path,
        args: tuple[str, ...]) -> None:
    one = make_env("a b")
    two = make_env("ccc")
    make_env("active")
    details_hook(workon_home, "G")
    details_hook(two / "bin", "L")
    log = tmp_path / "hooks.log"
    for name in ("preactivate", "postactivate", "predeactivate", "postdeactivate"):
        log_hook(workon_home, name, log, sourced=name != "preactivate", label=f"hook {name}")
    script = sh.script()
    script.call("workon", "active")
    script.call("sh", "-c", f": > '{log}'")
    listed = script.call("lsvirtualenv", *args)
    still = script.var("VIRTUAL_ENV")
    run = sh.run(script)
    active = workon_home / "active"
    assert run[listed].status == 0, run[listed]
    assert run[listed].stdout == (
        f"a b\n===\nG a b {one} {one}/bin/python\n\n\n"
        f"active\n======\nG active {active} {active}/bin/python\n\n\n"
        f"ccc\n===\nG ccc {two} {two}/bin/python\nL ccc {two} {two}/bin/python\n\n\n")
    assert run[still].stdout == str(active)
    assert read_log(log) == []


def test_silent_hooks_leave_the_name_its_underline_and_two_empty_lines(
        sh: ShellHarness, make_env) -> None:
    make_env("e")
    done = sh("lsvirtualenv")
    assert (done.status, done.stdout) == (0, "e\n=\n\n\n")


@pytest.mark.parametrize("args", [("-b",), ("-lb",), ("-l", "-b")])
def test_brief_listing(sh: ShellHarness, make_env, args: tuple[str, ...]) -> None:
    make_env("b")
    make_env("a")
    done = sh("lsvirtualenv", *args)
    assert (done.status, done.stdout) == (0, "a\nb\n")


def test_help_and_invalid_option(sh: ShellHarness, workon_home: Path) -> None:
    script = sh.script()
    helped = script.call("lsvirtualenv", "-h")
    bad = script.call("lsvirtualenv", "-x")
    run = sh.run(script)
    assert run[helped].status == 0
    assert "-b" in run[helped].stdout and "-l" in run[helped].stdout
    assert run[bad].status == 1
    assert run[bad].stdout == ""
    assert "x" in run[bad].stderr.splitlines()[0]
    assert "-b" in run[bad].stderr

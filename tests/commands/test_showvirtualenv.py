from __future__ import annotations

from pathlib import Path

from tests.support.harness import ShellHarness, details_hook


def test_global_then_local_details_with_the_environment_activated(
        sh: ShellHarness, workon_home: Path, make_env) -> None:
    env = make_env("my env")
    make_env("other")
    details_hook(workon_home, "global")
    script = sh.script()
    script.call("workon", "other")
    shown = script.call("showvirtualenv", "my env")
    run = sh.run(script)
    assert run[shown].status == 0, run[shown]
    assert run[shown].stdout == f"global my env {env} {env}/bin/python\n\n"
    assert run[shown].stderr == ""
    details_hook(env / "bin", "local")
    again = sh("showvirtualenv", "my env")
    assert again.stdout == (f"global my env {env} {env}/bin/python\n"
                            f"local my env {env} {env}/bin/python\n\n")


def test_defaults_to_the_active_environment(
        sh: ShellHarness, workon_home: Path, make_env) -> None:
    env = make_env("active")
    details_hook(workon_home, "global")
    script = sh.script()
    script.call("workon", "active")
    shown = script.call("showvirtualenv")
    run = sh.run(script)
    assert run[shown].status == 0
    assert run[shown].stdout == f"global active {env} {env}/bin/python\n\n"


def test_silent_hooks_print_an_empty_line(sh: ShellHarness, make_env) -> None:
    make_env("quiet")
    done = sh("showvirtualenv", "quiet")
    assert (done.status, done.stdout, done.stderr) == (0, "\n", "")


def test_no_name_and_nothing_active_is_a_usage_error(sh: ShellHarness, workon_home: Path) -> None:
    done = sh("showvirtualenv")
    assert done.status == 1
    assert done.stdout == ""
    assert "showvirtualenv [env]" in done.stderr


def test_unknown_name_is_an_error(sh: ShellHarness, workon_home: Path) -> None:
    done = sh("showvirtualenv", "nope")
    assert done.status == 1
    assert done.stdout == ""
    assert "nope" in done.stderr

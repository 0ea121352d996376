"""lsvirtualenv: the brief listing (in the shell), options, and the long listing's shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.harness import ShellHarness, details_hook, log_hook, read_log


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
    script.call("rm", "-rf", "--", str(sh.workon_home))
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
    stray = script.call("lsvirtualenv", "x")
    run = sh.run(script)
    assert run[helped].status == 0
    assert "-b" in run[helped].stdout and "brief" in run[helped].stdout
    # One line each, with virtualenvwrapper's status.
    assert (run[bad].status, run[bad].stdout) == (1, "")
    assert run[bad].stderr == ("ERROR: lsvirtualenv: unknown option '-x' "
                               "(lsvirtualenv -h lists its options)\n")
    assert (run[stray].status, run[stray].stdout) == (1, "")
    assert run[stray].stderr == "ERROR: lsvirtualenv: unexpected argument 'x'\n"


@pytest.mark.parametrize("args", [(), ("-l",), ("-bl",)])
def test_long_listing_runs_details_hooks_inside_each_environment(
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
    # Each environment's hooks see it activated (VIRTUAL_ENV, its python first on PATH), and
    # no activation hook fires; the caller's environment stays active.
    assert run[listed].stdout == (
        f"a b\n===\nG a b {one} {one}/bin/python\n\n\n"
        f"active\n======\nG active {active} {active}/bin/python\n\n\n"
        f"ccc\n===\nG ccc {two} {two}/bin/python\nL ccc {two} {two}/bin/python\n\n\n")
    assert run[still].stdout == str(active)
    assert read_log(log) == []


USER_GLOB_OPTIONS = {
    "bash": ("shopt -s dotglob failglob nocaseglob",
             "shopt -q dotglob && shopt -q failglob && shopt -q nocaseglob && "
             "! shopt -q nullglob && printf kept"),
    "zsh": ("setopt globdots nocaseglob", "[[ -o globdots && -o nocaseglob ]] && printf kept"),
    "fish": ("true", "printf kept"),  # fish has no glob options
    "pwsh": ("true", "printf kept"),  # nor has PowerShell
}


def test_brief_listing_skips_dot_names_and_unfinished_builds(sh: ShellHarness, make_env) -> None:
    """Whatever glob options the user set, which stay as they were."""
    make_env("kept")
    make_env(".hidden")
    (make_env("building") / ".vew-incomplete").touch()
    (sh.workon_home / "no-env" / "bin").mkdir(parents=True)
    set_options, check_options = USER_GLOB_OPTIONS[sh.shell]
    script = sh.script()
    script.raw(set_options)
    brief = script.call("lsvirtualenv", "-b")
    options = script.raw(check_options)
    run = sh.run(script)
    assert run[brief].stdout == "kept\n"
    assert run[options].stdout == "kept"

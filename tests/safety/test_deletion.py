"""rmvirtualenv deletes an environment directly inside WORKON_HOME, and nothing else, ever."""

from __future__ import annotations

import fcntl
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.creation_failures import assert_nothing_left, snapshot
from tests.support.harness import ShellHarness
from vew.store import INCOMPLETE_MARKER

pytestmark = pytest.mark.usefixtures("hook_dir")  # WORKON_HOME holds environments only


@pytest.fixture
def decoys(tmp_path: Path, make_env: Callable[..., Path], workon_home: Path) -> Path:
    """Things outside WORKON_HOME that a careless rm -rf could reach: a real environment, a
    directory of files, a sibling of WORKON_HOME that shares its name's prefix."""
    outside = tmp_path / "outside"
    outside.mkdir()
    make_env("decoy-env")
    (workon_home / "decoy-env").rename(outside / "decoy-env")
    (outside / "data").mkdir()
    (outside / "data" / "precious.txt").write_text("keep me")
    (outside / "data" / "bin").mkdir()
    (outside / "data" / "bin" / "activate").write_text("# looks like an environment\n")
    (outside / "plain").mkdir()
    (outside / "plain" / "precious.txt").write_text("keep me")
    sibling = workon_home.parent / f"{workon_home.name}-sibling"
    sibling.mkdir()
    (sibling / "precious.txt").write_text("keep me too")
    return outside


@pytest.fixture
def links(workon_home: Path, decoys: Path) -> None:
    """Symlinks inside WORKON_HOME that point out of it."""
    (workon_home / "link-to-env").symlink_to(decoys / "decoy-env")
    (workon_home / "link-to-data").symlink_to(decoys / "data")
    (workon_home / "link-to-plain").symlink_to(decoys / "plain")
    (workon_home / "link-to-home").symlink_to(workon_home)
    (workon_home / "link-to-parent").symlink_to(workon_home.parent)
    (workon_home / "link-to-nothing").symlink_to(decoys / "gone")


# Spellings that reach outside WORKON_HOME, or WORKON_HOME itself, or nothing at all.
def _hostile(workon_home: Path, decoys: Path) -> list[str]:
    return [
        "",
        ".",
        "..",
        "./",
        "../outside/data",
        "../outside/decoy-env",
        f"../{workon_home.name}-sibling",
        f"../{workon_home.name}/e",
        str(decoys / "data"),
        str(decoys / "decoy-env"),
        str(workon_home),
        f"{workon_home}/",
        f"{workon_home}/e",
        "e/",
        "e//",
        "./e",
        "e/.",
        "link-to-env/",
        "link-to-env/bin/..",
        "link-to-data/",
        "link-to-plain/",
        "link-to-home/e",
        "link-to-parent/outside",
        "*",
        "?",
        "[e]",
        "~",
        "$WORKON_HOME",
        "e ",
        " e",
        "-rf",
        "--",
    ]


@pytest.mark.usefixtures("links")
def test_no_spelling_reaches_outside(sh: ShellHarness, make_env: Callable[..., Path],
                                     decoys: Path) -> None:
    make_env("e")
    make_env("e2")
    sibling = sh.workon_home.parent / f"{sh.workon_home.name}-sibling"
    watched = (sh.workon_home, decoys, sibling)
    before = snapshot(*watched)
    script = sh.script()
    calls = [script.call("rmvirtualenv", spelling)
             for spelling in _hostile(sh.workon_home, decoys)]
    listing = script.call("lsvirtualenv", "-b")
    run = sh.run(script)
    for index in calls:
        assert "Traceback" not in run[index].stderr
    assert run[listing].stdout == "e\ne2\nlink-to-data\nlink-to-env\n"
    assert_nothing_left(before, *watched)


@pytest.mark.usefixtures("links")
def test_a_symlinked_environment_loses_the_link_never_the_target(sh: ShellHarness,
                                                                 decoys: Path) -> None:
    before = snapshot(decoys)
    run = sh.run(_script(sh, "link-to-env", "link-to-data"))
    assert run[0].status == 0, run[0]
    assert not (sh.workon_home / "link-to-env").is_symlink()
    assert not (sh.workon_home / "link-to-data").is_symlink()
    assert_nothing_left(before, decoys)


@pytest.mark.usefixtures("links")
def test_links_that_are_not_environments_are_refused_dangling_ones_go(sh: ShellHarness,
                                                                      decoys: Path) -> None:
    before = snapshot(decoys)
    script = sh.script()
    refused = [script.call("rmvirtualenv", name)
               for name in ("link-to-plain", "link-to-home", "link-to-parent")]
    dangling = script.call("rmvirtualenv", "link-to-nothing")
    run = sh.run(script)
    for index in refused:
        assert run[index].status == 1
        assert "is not an environment" in run[index].stderr
    assert run[dangling].status == 0
    for name in ("link-to-plain", "link-to-home", "link-to-parent"):
        assert (sh.workon_home / name).is_symlink()
    assert not (sh.workon_home / "link-to-nothing").is_symlink()
    assert_nothing_left(before, decoys)


def _script(sh: ShellHarness, *names: str):
    script = sh.script()
    script.call("rmvirtualenv", *names)
    return script


def test_the_active_environment_is_refused_by_any_name(sh: ShellHarness,
                                                       make_env: Callable[..., Path]) -> None:
    env = make_env("active")
    (sh.workon_home / "alias").symlink_to(env)
    make_env("other")
    before = snapshot(env)
    script = sh.script()
    script.call("workon", "alias")
    by_name = script.call("rmvirtualenv", "active")
    by_link = script.call("rmvirtualenv", "alias")
    # Removal stops at the active environment: names after it stay.
    stops = script.call("rmvirtualenv", "active", "other")
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script)
    for index in (by_name, by_link, stops):
        assert run[index].status == 1
        assert "cannot remove the active environment" in run[index].stderr
    # Still active: by the link's path in PowerShell, whose activate.ps1 finds its environment
    # where it was sourced from (the other shells' scripts hold the path they were made with).
    assert Path(run[active].stdout).resolve() == env
    assert (sh.workon_home / "other").is_dir()
    assert_nothing_left(before, env)


def test_an_empty_name_or_no_name_removes_nothing(sh: ShellHarness,
                                                  make_env: Callable[..., Path]) -> None:
    make_env("e")
    before = snapshot(sh.workon_home)
    script = sh.script()
    calls = [script.call("rmvirtualenv"), script.call("rmvirtualenv", ""),
             script.call("rmvirtualenv", "", "")]
    run = sh.run(script)
    for index in calls:
        assert run[index].status == 1
        assert run[index].stderr.startswith("ERROR:"), run[index]
    assert_nothing_left(before, sh.workon_home)


def test_plain_directories_and_files_in_workon_home_are_refused(
        sh: ShellHarness, make_env: Callable[..., Path]) -> None:
    """Only environments go; the others named after them still do."""
    (sh.workon_home / "plain").mkdir(parents=True)
    (sh.workon_home / "plain" / "precious.txt").write_text("keep")
    (sh.workon_home / "file").write_text("keep")
    make_env("e")
    before = {k: v for k, v in snapshot(sh.workon_home).items() if "/e" not in k}
    run = sh.run(_script(sh, "plain", "file", "e"))
    assert run[0].status == 1
    assert run[0].stderr.count("is not an environment") == 2
    assert not (sh.workon_home / "e").exists()
    after = {k: v for k, v in snapshot(sh.workon_home).items() if "/e" not in k}
    assert after == before


def test_names_with_glob_and_shell_characters_remove_exactly_one(
        sh: ShellHarness, make_env: Callable[..., Path], tmp_path: Path) -> None:
    for name in ("a", "b", "a b", "*", "a*", "$(echo a)", "[ab]"):
        make_env(name)
    # Files a glob would match where the user is (PowerShell globs a program's arguments).
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    for name in ("a", "b"):
        (cwd / name).write_text("")
    script = sh.script()
    removals = [script.call("rmvirtualenv", name) for name in ("*", "[ab]", "a b")]
    listing = script.call("lsvirtualenv", "-b")
    run = sh.run(script, cwd=cwd)
    for index in removals:
        assert run[index].status == 0, run[index]
    assert run[listing].stdout == "$(echo a)\na\na*\nb\n"


def test_read_only_files_inside_an_environment_are_removed(sh: ShellHarness,
                                                           make_env: Callable[..., Path]) -> None:
    env = make_env("ro")
    (env / "lib" / "data.txt").write_text("read only")
    (env / "lib" / "data.txt").chmod(0o444)
    (env / "lib").chmod(0o555)
    run = sh.run(_script(sh, "ro"))
    assert run[0].status == 0, run[0]
    assert not env.exists()


def test_a_live_build_is_refused_a_crashed_one_removed(sh: ShellHarness) -> None:
    live, crashed = sh.workon_home / "live", sh.workon_home / "crashed"
    for path in (live, crashed):
        path.mkdir(parents=True)
        (path / INCOMPLETE_MARKER).write_text("")
    with (live / INCOMPLETE_MARKER).open() as marker:
        fcntl.flock(marker.fileno(), fcntl.LOCK_EX)
        run = sh.run(_script(sh, "live", "crashed"))
    assert run[0].status == 1
    assert "being created by another process" in run[0].stderr
    assert live.is_dir()
    assert not crashed.exists()


@pytest.mark.parametrize("left", ["pyvenv.cfg", "interpreter"])
def test_an_environment_left_half_deleted_is_removed(sh: ShellHarness,
                                                     make_env: Callable[..., Path],
                                                     left: str) -> None:
    """An interrupted delete took the activate scripts and more; what is left of the
    environment (its pyvenv.cfg, or its interpreter link) still lets rmvirtualenv finish."""
    env = make_env("half")
    for path in (env / "bin").glob("activate*"):
        path.unlink()
    if left == "pyvenv.cfg":
        for path in (env / "bin").glob("python*"):
            path.unlink()
    else:
        (env / "pyvenv.cfg").unlink()
    removed = sh("rmvirtualenv", "half")
    assert removed.status == 0, removed.stderr
    assert removed.stderr == ""
    assert not env.exists()

"""Foreign and damaged entries in WORKON_HOME: listed or skipped, never a crash, and workon
says what is wrong with them."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.harness import UNSET, ShellHarness

pytestmark = pytest.mark.usefixtures("hook_dir")


def _no_activate(env: Path) -> None:
    for script in (env / "bin").glob("activate*"):
        script.unlink()


def _dangling_python(env: Path) -> None:
    for name in ("python", "python3"):
        (env / "bin" / name).unlink(missing_ok=True)
        (env / "bin" / name).symlink_to(env / "no-such-interpreter")


def _no_python(env: Path) -> None:
    for path in (env / "bin").glob("python*"):
        path.unlink()


def _no_pyvenv_cfg(env: Path) -> None:
    (env / "pyvenv.cfg").unlink()


def _garbage_pyvenv_cfg(env: Path) -> None:
    (env / "pyvenv.cfg").write_bytes(b"\xff\xfe\x00garbage = = =\n\x80no equals sign\n")


def _directory_pyvenv_cfg(env: Path) -> None:
    (env / "pyvenv.cfg").unlink()
    (env / "pyvenv.cfg").mkdir()


# damage, listed by lsvirtualenv, what workon says (None: it activates), removable (an
# environment left without its activate script by an interrupted delete can be removed)
DAMAGES = {
    "no activate script": (_no_activate, False, "does not contain an activate script", True),
    "dangling interpreter": (_dangling_python, True, "no longer exists", True),
    "no interpreter": (_no_python, True, "has no interpreter", True),
    "no pyvenv.cfg": (_no_pyvenv_cfg, True, None, True),
    "garbage pyvenv.cfg": (_garbage_pyvenv_cfg, True, None, True),
    "pyvenv.cfg a directory": (_directory_pyvenv_cfg, True, None, True),
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_environment(sh: ShellHarness, make_env: Callable[..., Path],
                               damage: str) -> None:
    spoil, listed, complaint, removable = DAMAGES[damage]
    env = make_env("damaged")
    make_env("fine")
    spoil(env)
    script = sh.script()
    brief = script.call("lsvirtualenv", "-b")
    long = script.call("lsvirtualenv", "-l")
    show_all = script.call("lsvirtualenv")
    workon = script.call("workon", "damaged")
    active = script.var("VIRTUAL_ENV")
    script.raw("deactivate 2>/dev/null; true")
    fine = script.call("workon", "fine")
    script.call("deactivate")
    remove = script.call("rmvirtualenv", "damaged")
    run = sh.run(script)
    expected = "damaged\nfine\n" if listed else "fine\n"
    assert run[brief].stdout == expected
    for index in (long, show_all):
        assert run[index].status == 0, run[index]
        assert "Traceback" not in run[index].stderr
        assert [line for line in run[index].stdout.splitlines() if line.isalpha()] == \
            expected.split()
    if complaint is None:
        assert run[workon].status == 0, run[workon]
        assert run[active].stdout == str(env)
    else:
        assert run[workon].status == 1
        assert run[workon].stderr.startswith("ERROR: ") and complaint in run[workon].stderr
        assert len(run[workon].stderr.splitlines()) == 1
        assert run[active].stdout == UNSET
    if damage == "no pyvenv.cfg":
        assert run[workon].stderr.startswith("WARNING: ") and "pyvenv.cfg" in run[workon].stderr
    assert run[fine].status == 0
    assert "Traceback" not in run[remove].stderr
    assert (run[remove].status == 0) == removable
    assert env.exists() != removable


# Entries of WORKON_HOME that are no environment at all: never listed, workon says what they
# are, rmvirtualenv refuses all but the dangling link, mkvirtualenv will not build over them.
def _plain_directory(home: Path) -> None:
    (home / "entry").mkdir()
    (home / "entry" / "notes.txt").write_text("mine")


def _file(home: Path) -> None:
    (home / "entry").write_text("mine")


def _dangling_link(home: Path) -> None:
    (home / "entry").symlink_to(home / "gone")


def _conda_like(home: Path) -> None:
    (home / "entry" / "bin").mkdir(parents=True)
    (home / "entry" / "bin" / "python").symlink_to("/bin/sh")
    (home / "entry" / "conda-meta").mkdir()


FOREIGN = {
    "plain directory": (_plain_directory, "does not contain an activate script", False),
    "file": (_file, "not a directory", False),
    "dangling link": (_dangling_link, "no longer exists", True),
    "conda-like environment": (_conda_like, "does not contain an activate script", False),
}


@pytest.mark.parametrize("entry", FOREIGN)
def test_a_foreign_entry(sh: ShellHarness, make_env: Callable[..., Path], entry: str) -> None:
    make_foreign, complaint, removable = FOREIGN[entry]
    make_env("fine")
    make_foreign(sh.workon_home)
    script = sh.script()
    brief = script.call("lsvirtualenv", "-b")
    long = script.call("lsvirtualenv", "-l")
    bare = script.call("workon")
    workon = script.call("workon", "entry")
    make = script.call("mkvirtualenv", "entry")
    remove = script.call("rmvirtualenv", "entry")
    run = sh.run(script)
    assert run[brief].stdout == "fine\n"
    assert run[long].status == 0 and run[long].stdout.startswith("fine\n====\n")
    assert "entry" not in run[long].stdout
    assert run[bare].stdout == "fine\n"
    assert run[workon].status == 1
    assert complaint in run[workon].stderr and len(run[workon].stderr.splitlines()) == 1
    assert run[make].status == 1
    assert len(run[make].stderr.splitlines()) == 1
    assert (run[remove].status == 0) == removable
    for index in (brief, long, bare, workon, make, remove):
        assert "Traceback" not in run[index].stderr
    assert os.path.lexists(sh.workon_home / "entry") != removable

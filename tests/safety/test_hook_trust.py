"""Hooks someone else could have written are neither sourced nor run (sshd's StrictModes).

Each case is driven in every shell: a hook file writable by other users, or in a directory
they may write (no sticky bit), or owned by another user, is refused with one line on stderr
naming it and the fix; fixing it counts at once; normal set-ups are unaffected.
"""

from __future__ import annotations

import os
import pwd
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.harness import ShellHarness, log_hook, read_log
from vew import shells

NOBODY = pwd.getpwnam("nobody").pw_uid


def hook_files(directory: Path, name: str) -> list[Path]:
    """The files of one hook in every shell's flavour (a run hook is one file)."""
    return [path for path in (directory / name, directory / f"{name}.fish",
                              directory / f"{name}.ps1") if path.exists()]


def refusals(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "is not sourced" in line
            or "is not run" in line]


@pytest.fixture
def env(make_env: Callable[..., Path], hook_dir: Path) -> Path:
    return make_env("e")


# Where the hook is, and whether it is sourced (postactivate) or run (preactivate).
PLACES = {
    "global sourced": ("global", "postactivate", True),
    "global run": ("global", "preactivate", False),
    "environment's sourced": ("env", "postactivate", True),
    "environment's run": ("env", "preactivate", False),
}


def _directory(place: str, hook_dir: Path, env: Path) -> Path:
    return hook_dir if place == "global" else env / "bin"


def _workon(sh: ShellHarness) -> tuple:
    script = sh.script()
    workon = script.call("workon", "e")
    script.call("deactivate")
    return script, workon


@pytest.mark.parametrize("place", PLACES)
def test_a_hook_others_may_write_is_refused_until_fixed(
        sh: ShellHarness, env: Path, hook_dir: Path, tmp_path: Path, place: str) -> None:
    where, name, sourced = PLACES[place]
    directory = _directory(where, hook_dir, env)
    log = tmp_path / "hooks.log"
    log_hook(directory, name, log, sourced=sourced)
    for path in hook_files(directory, name):
        path.chmod(path.stat().st_mode | 0o002)
    script, workon = _workon(sh)
    run = sh.run(script)
    assert run[workon].status == 0, run[workon].stderr
    assert read_log(log) == []
    action = "sourced" if sourced else "run"
    # A sourced hook is the shell's own flavour of it (NAME, NAME.fish, NAME.ps1).
    hook = directory / (name + (shells.get(sh.shell).hook_suffix if sourced else ""))
    assert refusals(run[workon].stderr) == [
        f"ERROR: hook {hook} is not {action}: it is writable by other users "
        f"(fix: chmod o-w {shlex.quote(str(hook))})"]
    # The fix counts at once.
    for path in hook_files(directory, name):
        path.chmod(path.stat().st_mode & ~0o002)
    script, workon = _workon(sh)
    run = sh.run(script)
    assert refusals(run[workon].stderr) == []
    assert read_log(log) == [name if sourced else f"{name} e"]


def test_a_hook_made_writable_by_others_is_refused_after_a_vew_command(
        sh: ShellHarness, env: Path, hook_dir: Path, tmp_path: Path) -> None:
    """Only the permission changes, not the file: zsh sees it at once; bash and fish, which
    cannot read another user's permission bits without a program, from the list the core
    writes after each command. (Were the file then written to, every shell would see it.)"""
    log = tmp_path / "hooks.log"
    log_hook(hook_dir, "postactivate", log, sourced=True)
    assert sh("lsvirtualenv").status == 0  # the core has seen the hooks as they are
    for path in hook_files(hook_dir, "postactivate"):
        path.chmod(0o646)
    assert sh("lsvirtualenv").status == 0  # any command that reaches the core
    script, workon = _workon(sh)
    run = sh.run(script)
    assert len(refusals(run[workon].stderr)) == 1
    assert "chmod o-w" in run[workon].stderr
    assert read_log(log) == []


@pytest.mark.parametrize("sticky", [False, True], ids=["no sticky bit", "sticky bit"])
def test_a_hook_in_a_directory_others_may_write(
        sh: ShellHarness, env: Path, tmp_path: Path, sticky: bool) -> None:
    """World-writable without the sticky bit: anyone may replace the file. With it (as /tmp),
    only the file's owner may: the hook runs."""
    log = tmp_path / "hooks.log"
    log_hook(env / "bin", "postactivate", log, sourced=True)
    (env / "bin").chmod(0o1777 if sticky else 0o777)
    assert sh("lsvirtualenv").status == 0
    script, workon = _workon(sh)
    run = sh.run(script)
    if sticky:
        assert refusals(run[workon].stderr) == []
        assert read_log(log) == ["postactivate"]
        return
    assert refusals(run[workon].stderr) == [
        line for line in run[workon].stderr.splitlines() if line.startswith("ERROR:")]
    (line,) = refusals(run[workon].stderr)
    assert f"its directory {env / 'bin'} is writable by other users" in line
    assert f"chmod o-w {env / 'bin'}" in line
    assert read_log(log) == []


def test_a_hook_owned_by_another_user_is_refused(
        sh: ShellHarness, env: Path, hook_dir: Path, tmp_path: Path) -> None:
    """Caught at once in every shell: ownership needs no program to test."""
    log = tmp_path / "hooks.log"
    log.touch(mode=0o666)
    log_hook(hook_dir, "postactivate", log, sourced=True)
    log_hook(hook_dir, "preactivate", log, sourced=False)
    for path in [*hook_files(hook_dir, "postactivate"), *hook_files(hook_dir, "preactivate")]:
        os.chown(path, NOBODY, -1)
    script, workon = _workon(sh)
    run = sh.run(script)
    lines = refusals(run[workon].stderr)
    assert len(lines) == 2, run[workon].stderr
    assert all("belongs to another user" in line for line in lines)
    assert read_log(log) == []


def test_hooks_the_core_runs_are_checked_too(
        sh: ShellHarness, hook_dir: Path, tmp_path: Path) -> None:
    log = tmp_path / "hooks.log"
    log_hook(hook_dir, "premkvirtualenv", log, sourced=False)
    (hook_dir / "premkvirtualenv").chmod(0o757)
    made = sh("mkvirtualenv", "made")
    assert made.status == 0, made.stderr
    assert refusals(made.stderr) == [
        f"ERROR: hook {hook_dir / 'premkvirtualenv'} is not run: it is writable by other users "
        f"(fix: chmod o-w {hook_dir / 'premkvirtualenv'})"]
    assert read_log(log) == []


def test_doctor_names_every_untrusted_hook_and_its_fix(
        environ: dict[str, str], env: Path, hook_dir: Path, tmp_path: Path) -> None:
    log = tmp_path / "hooks.log"
    log_hook(hook_dir, "postactivate", log, sourced=True)
    (hook_dir / "postactivate").chmod(0o666)
    done = subprocess.run([sys.executable, "-m", "vew", "doctor"], capture_output=True,
                          text=True, env=environ, check=False)
    assert done.returncode == 1
    assert f"hook {hook_dir / 'postactivate'} is refused: it is writable by other users" \
        in done.stdout
    assert f"fix: chmod o-w {hook_dir / 'postactivate'}" in done.stdout


@pytest.mark.parametrize("writable", ["itself", "its siblings"])
def test_a_hook_directory_named_like_a_pattern_is_judged_itself(
        sh: ShellHarness, env: Path, tmp_path: Path, writable: str) -> None:
    """PowerShell's provider may take a path ending in * for a sibling the name matches as a
    pattern: the owner and modes that count are the named directory's, never a sibling's."""
    log = tmp_path / "hooks.log"
    hooks = tmp_path / "hooks*"
    siblings = [tmp_path / f"hooks{n}" for n in range(8)]
    for directory in (hooks, *siblings):
        log_hook(directory, "postactivate", log, sourced=True)
    hooks.chmod(0o777 if writable == "itself" else 0o755)
    for sibling in siblings:
        sibling.chmod(0o755 if writable == "itself" else 0o777)
    script, workon = _workon(sh)
    run = sh.run(script, extra_env={"VIRTUALENVWRAPPER_HOOK_DIR": str(hooks)})
    if writable == "itself":
        (line,) = refusals(run[workon].stderr)
        assert f"its directory {hooks} is writable by other users" in line
        assert read_log(log) == []
    else:
        assert refusals(run[workon].stderr) == []
        assert read_log(log) == ["postactivate"]


def test_a_hook_below_a_directory_named_like_a_pattern_is_never_trusted_blindly(
        sh: ShellHarness, env: Path, tmp_path: Path) -> None:
    """The same with the pattern-like name further up: PowerShell's provider cannot then hand
    over the hook's own item at all; its owner and modes are learnt another way."""
    log = tmp_path / "hooks.log"
    hooks = tmp_path / "hooks*" / "global"
    siblings = [tmp_path / f"hooks{n}" / "global" for n in range(8)]
    for directory in (hooks, *siblings):
        log_hook(directory, "postactivate", log, sourced=True)
    hooks.chmod(0o777)
    script, workon = _workon(sh)
    run = sh.run(script, extra_env={"VIRTUALENVWRAPPER_HOOK_DIR": str(hooks)})
    (line,) = refusals(run[workon].stderr)
    assert line.startswith(f"ERROR: hook {hooks / 'postactivate'}")
    assert f"its directory {hooks} is writable by other users" in line
    assert read_log(log) == []


@pytest.mark.parametrize("writable", [False, True], ids=["kept", "writable by others"])
def test_a_hook_below_a_backslash_is_judged_like_any(
        sh: ShellHarness, make_env: Callable[..., Path], tmp_path: Path, writable: bool) -> None:
    """PowerShell's provider reads a backslash as a separator and cannot hand over such a
    hook's item: its owner and modes are learnt another way, and judged by the same rule."""
    env = make_env("back\\slash")
    log = tmp_path / "hooks.log"
    log_hook(env / "bin", "postactivate", log, sourced=True)
    if writable:
        (env / "bin").chmod(0o777)
    script = sh.script()
    workon = script.call("workon", "back\\slash")
    run = sh.run(script)
    if writable:
        (line,) = refusals(run[workon].stderr)
        assert f"its directory {env / 'bin'} is writable by other users" in line
        assert read_log(log) == []
    else:
        assert (run[workon].status, run[workon].stderr) == (0, "")
        assert read_log(log) == ["postactivate"]

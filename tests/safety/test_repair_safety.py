"""vew repair never deletes what it cannot rebuild, and never loses an environment.

Real environments, broken by deleting their interpreter, repaired with the real core; killed
repairs with real signals; the results checked through real shells.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import virtualenv

from tests.support.harness import ShellHarness, export_hook
from tests.support.interpreters import disposable_python
from tests.support.wheels import build_wheel
from vew import backups, health, store

EMBEDDED_WHEELS = Path(virtualenv.__file__).parent / "seed" / "wheels" / "embed"

pytestmark = pytest.mark.usefixtures("hook_dir")  # WORKON_HOME holds environments only


def vew(*args: str, environ: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "vew", *args], capture_output=True,
                          text=True, env=environ, check=False)


def tree(root: Path) -> dict[str, tuple[str, int, str]]:
    """Every entry under ``root``: its kind, its mode, and its content's hash or link target."""
    found = {}
    for directory, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(directory, name)
            info = path.lstat()
            if path.is_symlink():
                found[str(path.relative_to(root))] = ("link", info.st_mode, os.readlink(path))
            elif path.is_dir():
                found[str(path.relative_to(root))] = ("dir", info.st_mode, "")
            else:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                found[str(path.relative_to(root))] = ("file", info.st_mode, digest)
    return found


def editable_checkout(directory: Path, name: str) -> Path:
    """A project where pip keeps ``-e git+...`` checkouts: ENV/src/NAME."""
    (directory / name).mkdir(parents=True)
    (directory / name / "__init__.py").write_text("WHERE = 'committed'\n")
    (directory / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n'
        f'[project]\nname = "{name}"\nversion = "0.1"\n'
        f'[tool.setuptools]\npackages = ["{name}"]\n')
    return directory


@pytest.fixture
def offline(tmp_path: Path, sh: ShellHarness) -> dict[str, str]:
    """Seeded environments (pip inside) that install only local wheels."""
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    values = {"VIRTUALENVWRAPPER_VIRTUALENV_ARGS": "", "PIP_NO_INDEX": "1",
              "PIP_FIND_LINKS": f"{wheels} {EMBEDDED_WHEELS}"}
    sh.environ.update(values)
    return values


def seeded(sh: ShellHarness, tmp_path: Path, name: str, *packages: str) -> tuple[Path, Path]:
    """NAME made by mkvirtualenv on an interpreter of its own, which the test may delete."""
    interpreter = disposable_python(tmp_path / f"python-for-{name}")
    options = [word for package in packages for word in ("-i", package)]
    made = sh("mkvirtualenv", "-p", str(interpreter), *options, name)
    assert made.status == 0, made.stderr
    return sh.workon_home / name, tmp_path / f"python-for-{name}"


def break_interpreter(sh: ShellHarness, name: str, interpreter: Path) -> None:
    shutil.rmtree(interpreter)
    assert health.inspect(sh.workon_home, name).broken


# What the user put in the environment, which no rebuild makes again.
USERS_OWN = ["src/mine/mine/__init__.py", "src/mine/NOTES.txt", "src/mine/pyproject.toml",
             "var/db/data.sqlite", "notes.txt", "empty-dir", "bin/my-tool", "bin/postactivate",
             "outside-link"]


def test_repair_carries_checkouts_and_every_file_of_the_users(
        sh: ShellHarness, tmp_path: Path, offline: dict[str, str]) -> None:
    build_wheel(tmp_path / "wheels", "steady", "1.0", modules={"steady.py": "OK = 1\n"})
    env, interpreter = seeded(sh, tmp_path, "work", "steady==1.0")
    # A checkout where pip puts `-e git+...` ones, installed editable.
    checkout = editable_checkout(env / "src" / "mine", "mine")
    installed = vew("run", "work", "--", "python", "-m", "pip", "install", "-q", "-e",
                    str(checkout), environ=sh.environ)
    assert installed.returncode == 0, installed.stderr
    break_interpreter(sh, "work", interpreter)
    # Uncommitted work, and files of the user's everywhere.
    (checkout / "mine" / "__init__.py").write_text("WHERE = 'uncommitted work'\n")
    (checkout / "NOTES.txt").write_text("not in git either\n")
    (env / "notes.txt").write_text("mine\n")
    (env / "var" / "db").mkdir(parents=True)
    (env / "var" / "db" / "data.sqlite").write_bytes(b"\0\1\2")
    (env / "empty-dir").mkdir()
    (env / "bin" / "my-tool").write_text("#!/bin/sh\necho my tool\n")
    (env / "bin" / "my-tool").chmod(0o750)
    export_hook(env / "bin", "postactivate", "WORK_HOOK", "yes")
    site = next((env / "lib").glob("python*/site-packages"))
    (site / "extra.pth").write_text(str(tmp_path) + "\n")
    (env / "outside-link").symlink_to(tmp_path / "wheels")
    before = tree(env)

    dry = vew("repair", "work", "-p", sys.executable, "--dry-run", environ=sh.environ)
    assert dry.returncode == 0, dry.stderr
    for shown in ("keep src/", "keep var/", "keep notes.txt", "keep bin/my-tool",
                  "keep bin/postactivate", "keep empty-dir", "keep outside-link",
                  "reinstall steady==1.0", f"reinstall editable {checkout}"):
        assert shown in dry.stdout.splitlines() or f"    {shown}" in dry.stdout, dry.stdout
    assert tree(env) == before

    repaired = vew("repair", "work", "-p", sys.executable, environ=sh.environ)
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    assert "Repaired work." in repaired.stdout
    after = tree(env)
    for path in (*USERS_OWN, "bin/postactivate.fish", "bin/postactivate.ps1"):
        assert after[path] == before[path], path
    assert (site / "extra.pth").read_text() == str(tmp_path) + "\n"
    assert not list(sh.workon_home.glob(".work*"))

    script = sh.script()
    script.call("workon", "work")
    hook = script.var("WORK_HOOK")
    imported = script.call("python", "-c", "import mine, steady; print(mine.WHERE, steady.OK)")
    tool = script.call("my-tool")
    run = sh.run(script)
    assert run[hook].stdout == "yes"
    assert run[imported].stdout.strip() == "uncommitted work 1", run[imported].stderr
    assert run[tool].stdout.strip() == "my tool"


def test_a_package_that_cannot_be_reinstalled_puts_the_environment_back(
        sh: ShellHarness, tmp_path: Path, offline: dict[str, str]) -> None:
    wheels = tmp_path / "wheels"
    build_wheel(wheels, "stays", "1.0")
    gone = build_wheel(tmp_path / "once", "vanished", "3.1")
    sh.environ["PIP_FIND_LINKS"] += f" {gone.parent}"
    env, interpreter = seeded(sh, tmp_path, "fragile", "stays==1.0", "vanished==3.1")
    break_interpreter(sh, "fragile", interpreter)
    shutil.rmtree(gone.parent)  # the wheel no longer exists anywhere
    (env / "keep.txt").write_text("precious\n")
    before = tree(env)
    inode = env.stat().st_ino

    failed = vew("repair", "fragile", "-p", sys.executable, environ=sh.environ)
    assert failed.returncode == 1
    # pip says what it could not find; vew says, once, what it did about it.
    errors = [line for line in failed.stderr.splitlines() if line.startswith("ERROR: fragile")]
    assert len(errors) == 1, failed.stderr
    assert "vanished==3.1" in errors[0] and "stays" not in errors[0]
    assert "back as it was" in errors[0]
    assert "Traceback" not in failed.stderr
    assert tree(env) == before
    assert env.stat().st_ino == inode
    assert not list(sh.workon_home.glob(".fragile*"))

    forced = vew("repair", "fragile", "--force", "-p", sys.executable, environ=sh.environ)
    assert forced.returncode == 0, forced.stderr
    warnings = [line for line in forced.stderr.splitlines()
                if line.startswith("WARNING: fragile")]
    assert len(warnings) == 1 and "without vanished==3.1" in warnings[0], forced.stderr
    assert not health.inspect(sh.workon_home, "fragile").broken
    assert (env / "keep.txt").read_text() == "precious\n"
    imported = vew("run", "fragile", "--", "python", "-c", "import stays", environ=sh.environ)
    assert imported.returncode == 0, imported.stderr


def test_a_healthy_environment_is_not_rebuilt_without_force(
        sh: ShellHarness, make_env: Callable[..., Path]) -> None:
    env = make_env("fine")
    before = tree(env)
    inode = env.stat().st_ino
    asked = vew("repair", "fine", environ=sh.environ)
    assert asked.returncode == 0, asked.stderr
    assert "fine is healthy; not rebuilt (--force rebuilds it anyway)." in asked.stdout
    assert tree(env) == before and env.stat().st_ino == inode
    forced = vew("repair", "fine", "--force", "-p", sys.executable, environ=sh.environ)
    assert forced.returncode == 0, forced.stderr
    assert env.stat().st_ino != inode
    assert not health.inspect(sh.workon_home, "fine").broken


# --- killed repairs --------------------------------------------------------------------------


def slow_creator(tmp_path: Path) -> tuple[Path, Path]:
    """A creator that makes the environment with virtualenv, then sleeps: a repair using it
    is killed with its new environment half made (the old one aside)."""
    started = tmp_path / "creator-started"
    creator = tmp_path / "slow-creator"
    creator.write_text(f"#!/bin/sh\n{sys.executable} -m virtualenv --no-seed \"$@\" >/dev/null "
                       f"&& touch '{started}' && exec sleep 60\n")
    creator.chmod(0o755)
    return creator, started


def start_repair(sh: ShellHarness, name: str, creator: Path) -> subprocess.Popen[str]:
    environ = dict(sh.environ, VIRTUALENVWRAPPER_VIRTUALENV=str(creator))
    return subprocess.Popen([sys.executable, "-m", "vew", "repair", "--force", "-p",
                             sys.executable, name], env=environ, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)


def wait_for(path: Path, process: subprocess.Popen[str], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)


Tree = dict[str, tuple[str, int, str]]


@contextmanager
def repairing_held(sh: ShellHarness, tmp_path: Path, make_env: Callable[..., Path]
                   ) -> Iterator[tuple[Path, Tree, subprocess.Popen[str]]]:
    """An environment "held" with a file of the user's, under a repair that has started
    rebuilding it: (the environment, its tree before, the repair). Killed on the way out if the
    test left it running."""
    env = make_env("held")
    (env / "mine.txt").write_text("as it was\n")
    before = tree(env)
    creator, started = slow_creator(tmp_path)
    process = start_repair(sh, "held", creator)
    try:
        wait_for(started, process)
        yield env, before, process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)


def assert_listed_and_usable(sh: ShellHarness, name: str, marker: str) -> None:
    script = sh.script()
    listed = script.call("lsvirtualenv", "-b")
    workon = script.call("workon", name)
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script)
    assert name in run[listed].stdout.splitlines()
    assert run[workon].status == 0, run[workon].stderr
    assert run[active].stdout == str(sh.workon_home / name)
    assert (sh.workon_home / name / "mine.txt").read_text() == marker
    assert not list(sh.workon_home.glob(f".{name}.vew-*"))


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGHUP"])
def test_a_repair_killed_by_a_signal_puts_the_environment_back_at_once(
        sh: ShellHarness, tmp_path: Path, make_env: Callable[..., Path],
        signal_name: str) -> None:
    with repairing_held(sh, tmp_path, make_env) as (env, before, process):
        # Meanwhile nothing else may be made under that name.
        refused = sh("mkvirtualenv", "held")
        assert refused.status != 0
        assert "being repaired" in refused.stderr
        process.send_signal(getattr(signal, signal_name))
        _, stderr = process.communicate(timeout=60)
    assert process.returncode == 128 + getattr(signal, signal_name)
    assert "repair interrupted; the environment is as it was" in stderr
    assert "Traceback" not in stderr
    assert tree(env) == before
    assert_listed_and_usable(sh, "held", "as it was\n")


def test_a_repair_killed_outright_is_undone_by_the_next_vew_command(
        sh: ShellHarness, tmp_path: Path, make_env: Callable[..., Path]) -> None:
    with repairing_held(sh, tmp_path, make_env) as (env, before, process):
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate(timeout=60)
    # Killed outright: the old environment waits aside, the new one is half made.
    assert backups.pending(sh.workon_home, "held").is_dir()
    assert (sh.workon_home / "held" / store.INCOMPLETE_MARKER).exists()
    # workon itself (no other command first) finds it and has the core put it back.
    script = sh.script()
    workon = script.call("workon", "held")
    run = sh.run(script)
    assert run[workon].status == 0, run[workon].stderr
    assert "is back as it was before an interrupted repair" in run[workon].stderr
    assert tree(env) == before
    assert_listed_and_usable(sh, "held", "as it was\n")


# Every state a repair killed outright can leave, as (entries to make) -> what must be there
# after the next vew command. "old" is the environment before the repair, "new" the rebuild.
KILL_POINTS = {
    "moved aside, nothing built": (["pending"], "old"),
    "directory made, not yet marked": (["pending", "empty"], "old"),
    "marker being placed": (["pending", "marker.new"], "old"),
    "half built": (["pending", "partial"], "old"),
    "built, not committed": (["pending", "new-marked"], "old"),
    "committed, marker still there": (["done", "new-marked"], "new"),
    "committed, old being deleted": (["done-partial", "new"], "new"),
    "committed": (["done", "new"], "new"),
}


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_every_state_a_killed_repair_leaves_is_recovered(
        sh: ShellHarness, make_env: Callable[..., Path], point: str) -> None:
    entries, survivor = KILL_POINTS[point]
    home = sh.workon_home
    target = home / "held"
    # Both made as "held" (activate scripts name their environment's path), then set aside.
    old, new = home / "old-copy", home / "new-copy"
    for copy, text in ((new, "new\n"), (old, "old\n")):
        make_env("held")
        (target / "mine.txt").write_text(text)
        target.rename(copy)
    for entry in entries:
        if entry == "pending":
            old.rename(backups.pending(home, "held"))
        elif entry in ("done", "done-partial"):
            old.rename(backups.done(home, "held"))
            if entry == "done-partial":
                shutil.rmtree(backups.done(home, "held") / "lib")
        elif entry == "empty":
            target.mkdir()
        elif entry == "marker.new":
            target.mkdir()
            (target / (store.INCOMPLETE_MARKER + ".new")).write_text("")
        elif entry == "partial":
            target.mkdir()
            (target / store.INCOMPLETE_MARKER).write_text("")
            (target / "bin").mkdir()
        elif entry in ("new", "new-marked"):
            new.rename(target)
            if entry == "new-marked":
                (target / store.INCOMPLETE_MARKER).write_text("")
    for leftover in ("old-copy", "new-copy"):
        if (home / leftover).exists():
            shutil.rmtree(home / leftover)
    # The next vew command (any that reaches the core) finishes the job.
    listed = sh("lsvirtualenv", "-l")
    assert listed.status == 0, listed.stderr
    assert "Traceback" not in listed.stderr
    assert sorted(os.listdir(home)) == ["held"]
    assert_listed_and_usable(sh, "held", f"{survivor}\n")


def test_a_backup_beside_a_newer_environment_is_left_alone(
        sh: ShellHarness, make_env: Callable[..., Path]) -> None:
    """An older vew left `.NAME.vew-repair` and NAME was made again since: neither is lost."""
    old = make_env("old")
    old.rename(backups.pending(sh.workon_home, "again"))
    make_env("again")
    (sh.workon_home / "again" / "mine.txt").write_text("newer\n")
    listed = sh("lsvirtualenv", "-b")
    recovered = sh("showvirtualenv", "again")
    assert recovered.status == 0, recovered.stderr
    assert "WARNING:" in recovered.stderr and ".again.vew-repair" in recovered.stderr
    assert backups.pending(sh.workon_home, "again").is_dir()
    assert (sh.workon_home / "again" / "mine.txt").read_text() == "newer\n"
    assert "again" in listed.stdout.splitlines()


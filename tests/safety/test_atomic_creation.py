"""Creating an environment gives a complete environment or nothing, whatever goes wrong."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.creation_failures import (
    CREATORS,
    Creator,
    Failure,
    TinyFilesystem,
    assert_nothing_left,
    assert_one_error,
    failing_creator,
    failing_premkvirtualenv,
    missing_interpreter,
    snapshot,
    start_shell,
    uninstallable_requirement,
)
from tests.support.harness import LANGUAGES, UNSET, ShellHarness, rendered_shim
from vew.store import INCOMPLETE_MARKER

FAILURES: dict[str, Callable[[Path, Path], Failure]] = {
    "missing interpreter": lambda tmp, hooks: missing_interpreter(tmp),
    "failing creator": lambda tmp, hooks: failing_creator(tmp),
    "failing premkvirtualenv": lambda tmp, hooks: failing_premkvirtualenv(hooks),
    "uninstallable requirement": lambda tmp, hooks: uninstallable_requirement(tmp),
}


@pytest.fixture
def keep(make_env: Callable[..., Path]) -> Path:
    """An environment that is there before, and must be exactly the same after."""
    return make_env("keep")




# Failures a creator is exposed to: cpvirtualenv runs no creator and takes no creation options.
CASES = [
    (creator, failure)
    for creator in CREATORS.values()
    for failure in FAILURES
    if creator.takes_options or failure == "failing premkvirtualenv"
]


@pytest.mark.usefixtures("keep")
@pytest.mark.parametrize(("creator", "failure_name"), CASES,
                         ids=[f"{c.command}-{f}" for c, f in CASES])
def test_a_failed_creation_leaves_nothing(sh: ShellHarness, tmp_path: Path, *, hook_dir: Path,
                                          emit_dir: Path, source: Path, project_home: Path,
                                          creator: Creator, failure_name: str) -> None:
    failure = FAILURES[failure_name](tmp_path, hook_dir)
    watched = (sh.workon_home, emit_dir, source, project_home)
    before = snapshot(*watched)
    script = sh.script()
    mk = script.call(*creator.argv(failure.options, "doomed", source))
    active = script.var("VIRTUAL_ENV")
    deactivate = script.function_exists("deactivate")
    listing = script.call("lsvirtualenv", "-b")
    run = sh.run(script, extra_env=failure.environ)
    assert run[mk].status != 0, run[mk]
    if failure.status is not None:
        assert run[mk].status == failure.status, run[mk]
    assert_one_error(run[mk], failure.says, others_first=failure.others_first)
    assert run[active].stdout == UNSET
    assert run[deactivate].stdout == "no"
    assert run[listing].stdout == "keep\n"
    assert_nothing_left(before, *watched)


def test_a_failed_creation_leaves_the_active_environment_active(
        sh: ShellHarness, tmp_path: Path, hook_dir: Path, keep: Path) -> None:
    failure = failing_premkvirtualenv(hook_dir)
    script = sh.script()
    script.call("workon", "keep")
    mk = script.call("mkvirtualenv", "doomed")
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script)
    assert run[mk].status == 1
    assert_one_error(run[mk], failure.says, others_first=True)
    assert f"hook {hook_dir / 'premkvirtualenv'} exited with status 5" in run[mk].stderr
    assert run[active].stdout == str(keep)


@pytest.mark.usefixtures("keep")
def test_an_existing_environment_is_never_touched(sh: ShellHarness, tmp_path: Path, *,
                                                  hook_dir: Path, emit_dir: Path,
                                                  source: Path, project_home: Path) -> None:
    log = tmp_path / "hooks.log"
    for hook in ("premkvirtualenv", "preactivate"):
        (hook_dir / hook).write_text(f'#!/bin/sh\necho {hook} "$@" >> {log}\n')
        (hook_dir / hook).chmod(0o755)
    (hook_dir / "postmkvirtualenv").write_text(f"echo postmkvirtualenv >> {log}\n")
    project = tmp_path / "project"
    project.mkdir()
    watched = (sh.workon_home, emit_dir, source, project_home)
    before = snapshot(*watched)
    attempts = [
        ("mkvirtualenv", "keep"),
        ("mkvirtualenv", "-p", str(tmp_path / "no-such-python"), "keep"),
        ("mkvirtualenv", "-a", str(project), "keep"),
        ("mkvirtualenv", "-i", "some-package", "keep"),
        ("mkvirtualenv", "--clear", "keep"),
        ("mkproject", "keep"),
        ("mkproject", "-f", "keep"),
        ("cpvirtualenv", str(source), "keep"),
        ("mkvirtualenv", "KEEP"),  # folds onto keep on a case-insensitive filesystem
    ]
    script = sh.script()
    calls = [script.call(*argv) for argv in attempts]
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script)
    for index in calls:
        assert run[index].status == 1, run[index]
        assert_one_error(run[index])
    assert "already exists" in run[calls[0]].stderr
    assert "only in case" in run[calls[-1]].stderr
    assert run[active].stdout == UNSET
    assert not log.exists()
    assert_nothing_left(before, *watched)


def test_something_else_in_the_way_is_named_and_kept(sh: ShellHarness, hook_dir: Path,
                                                     emit_dir: Path) -> None:
    (sh.workon_home / "plain").mkdir(parents=True)
    (sh.workon_home / "plain" / "data.txt").write_text("precious")
    (sh.workon_home / "file").write_text("precious")
    before = snapshot(sh.workon_home, emit_dir)
    script = sh.script()
    calls = [script.call("mkvirtualenv", name) for name in ("plain", "file")]
    run = sh.run(script)
    for index in calls:
        assert run[index].status == 1
        assert_one_error(run[index], "is not an environment")
    assert_nothing_left(before, sh.workon_home, emit_dir)


# --- a full disk ---


@pytest.fixture
def tiny_fs(tmp_path: Path) -> Iterator[TinyFilesystem]:
    filesystem = TinyFilesystem(tmp_path / "tiny")
    yield filesystem
    filesystem.unmount()


# What runs out: the pages or the inodes of WORKON_HOME's filesystem (for mkproject, the one
# PROJECT_HOME is on too). cpvirtualenv copies rather than creates; mktmpenv writes its notice
# after the environment is complete.
FULL_DISK = [
    ("mkvirtualenv", "pages"),
    ("mkvirtualenv", "inodes"),
    ("cpvirtualenv", "pages"),
    ("mktmpenv", "pages"),
    ("mkproject", "inodes"),
]


@pytest.mark.usefixtures("hook_dir")
@pytest.mark.parametrize(("command", "resource"), FULL_DISK)
def test_a_full_disk_at_any_point_leaves_nothing(sh: ShellHarness, tmp_path: Path, *,
                                                 emit_dir: Path, tiny_fs: TinyFilesystem,
                                                 source: Path, command: str,
                                                 resource: str) -> None:
    """Sweep the free space from none up to enough: each run fails cleanly or succeeds whole."""
    creator = CREATORS[command]
    workon_home = tiny_fs.mountpoint / "wh"
    projects = tiny_fs.mountpoint / "projects"
    for path in (workon_home, projects):
        path.mkdir()
    sh.environ.update({"WORKON_HOME": str(workon_home), "PROJECT_HOME": str(projects)})
    project = tmp_path / "project"
    project.mkdir()
    options = ("-a", str(project)) if command == "mkvirtualenv" else ()
    failures = 0
    # Every level near empty (mkdir, the marker), then a stride through the creator's writes.
    for free in [*range(4), *range(4, 400, 4)]:
        tiny_fs.leave_free(**{resource: free})
        before = snapshot(workon_home, projects, emit_dir)
        script = sh.script()
        mk = script.call(*creator.argv(options, "e", source))
        active = script.var("VIRTUAL_ENV")
        run = sh.run(script)
        if run[mk].status != 0:
            failures += 1
            assert_one_error(run[mk])
            assert run[active].stdout == UNSET
            assert_nothing_left(before, workon_home, projects, emit_dir)
            continue
        # Enough room at last: the environment is whole and works.
        tiny_fs.release()
        env = Path(run[active].stdout)
        assert env.parent == workon_home
        script = sh.script()
        script.call("deactivate")
        work = script.call("workon", env.name)
        python = script.call("python", "-c", "import sys; print(sys.prefix)")
        run = sh.run(script)
        assert run[work].status == 0, run[work]
        assert run[python].stdout.strip() == str(env)
        break
    else:
        pytest.fail(f"{command} never succeeded with up to {free} {resource} free")
    assert failures > 3


# --- two at once ---


# Per shell: read one line from stdin and do nothing with it (PowerShell: from the file named
# after it, as it has no < redirection).
WAIT_FOR_LINE = {"bash": "read -r _ <", "zsh": "read -r _ <", "fish": "read -l vew_line <",
                 "pwsh": "$null = Get-Content -TotalCount 1 -LiteralPath"}
# Per shell: end the script with the status of the command before (a script's own status in
# the others).
EXIT_WITH_STATUS = {"pwsh": "exit $LASTEXITCODE"}


def test_two_creations_of_one_name_at_once_one_wins(sh: ShellHarness, tmp_path: Path,
                                                     hook_dir: Path, emit_dir: Path) -> None:
    """Both shells load vew, say they are ready and wait on a fifo each; both gates open at
    once (a fifo each: fish may read past the end of its line)."""
    shim = rendered_shim(sh.shell, str(sh.home.parent))
    language = LANGUAGES[sh.shell]
    for round_ in range(3):
        name = f"race-{round_}"
        racers, gates = [], []
        for index in range(2):
            ready, gate = (tmp_path / f"{what}-{round_}-{index}" for what in ("ready", "gate"))
            os.mkfifo(gate)
            # Held open for reading and writing: what is written waits there for the shell.
            gates.append(os.open(gate, os.O_RDWR))
            body = (f"{language.source(str(shim))}\n"
                    f"echo > {language.quote(str(ready))}\n"
                    f"{WAIT_FOR_LINE[sh.shell]} {language.quote(str(gate))}\n"
                    f"mkvirtualenv {language.quote(name)} >/dev/null\n"
                    f"{EXIT_WITH_STATUS.get(sh.shell, '')}\n")
            racer = tmp_path / f"racer-{round_}-{index}{language.suffix}"
            racer.write_text(body)
            racers.append((ready, start_shell(language.script_argv(racer), sh.environ,
                                              sh.home)))
        while not all(ready.exists() for ready, _ in racers):
            time.sleep(0.01)
        for gate_fd in gates:
            os.write(gate_fd, b"go\n")
        results = [(racer.wait(timeout=120), racer.communicate()[1]) for _, racer in racers]
        for gate_fd in gates:
            os.close(gate_fd)
        statuses = sorted(status for status, _ in results)
        assert statuses == [0, 1], results
        loser_stderr = next(err for status, err in results if status == 1)
        errors = [line for line in loser_stderr.splitlines() if line.startswith("ERROR:")]
        assert len(errors) == 1, loser_stderr
        assert "Traceback" not in loser_stderr
        # The winner's environment is complete and works.
        script = sh.script()
        work = script.call("workon", name)
        python = script.call("python", "-c", "import sys; print(sys.prefix)")
        run = sh.run(script)
        assert run[work].status == 0, run[work]
        assert run[python].stdout.strip() == str(sh.workon_home / name)
        assert not (sh.workon_home / name / INCOMPLETE_MARKER).exists()
    assert os.listdir(emit_dir) == []


def test_a_build_in_progress_is_neither_listed_nor_taken(sh: ShellHarness, hook_dir: Path,
                                                         emit_dir: Path) -> None:
    """Another live builder (holding the lock) keeps its directory: it is not stale."""
    building = sh.workon_home / "busy"
    building.mkdir(parents=True)
    with (building / INCOMPLETE_MARKER).open("w") as marker:
        fcntl.flock(marker.fileno(), fcntl.LOCK_EX)
        before = snapshot(sh.workon_home, emit_dir)
        script = sh.script()
        mk = script.call("mkvirtualenv", "busy")
        rm = script.call("rmvirtualenv", "busy")
        work = script.call("workon", "busy")
        listing = script.call("lsvirtualenv", "-b")
        run = sh.run(script)
        assert run[mk].status == 1
        assert_one_error(run[mk], "being created by another process")
        assert run[rm].status == 1
        assert_one_error(run[rm], "being created by another process")
        assert run[work].status == 1
        assert_one_error(run[work], "still being created")
        assert run[listing].stdout == ""
        assert_nothing_left(before, sh.workon_home, emit_dir)


def test_a_crashed_build_is_replaced(sh: ShellHarness, hook_dir: Path) -> None:
    """A builder killed outright leaves its marker unlocked; the next mkvirtualenv takes over."""
    crashed = sh.workon_home / "crashed"
    (crashed / "bin").mkdir(parents=True)
    (crashed / "bin" / "activate").write_text("# half made\n")
    (crashed / INCOMPLETE_MARKER).write_text("")
    script = sh.script()
    listing = script.call("lsvirtualenv", "-b")
    mk = script.call("mkvirtualenv", "crashed")
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script)
    assert run[listing].stdout == ""
    assert run[mk].status == 0, run[mk]
    assert run[active].stdout == str(crashed)
    assert not (crashed / INCOMPLETE_MARKER).exists()

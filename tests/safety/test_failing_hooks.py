"""A failing hook is reported with its file and status, and never aborts the command.

A sourced hook that calls ``exit`` ends the hook, not the user's shell: bash and zsh read its
``exit`` as ``return`` while it is sourced (see _vew_source in shell/bash/core.bash and
shell/zsh/core.zsh).
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.harness import UNSET, Script, ShellHarness
from vew import shells

pytestmark = pytest.mark.usefixtures("hook_dir")

# How a sourced hook goes wrong, and the status vew must report for it.
SOURCED_FAILURES = {
    "fails": ("echo hook-ran\nfalse\n", 1),
    "exits": ("echo hook-ran\nexit 3\necho hook-went-on\n", 3),
}


def _write_sourced(path: Path, body: str) -> None:
    """The same failure in the sh, fish and PowerShell flavours of the hook (the bodies are
    all three)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body)
    for suffix in (".fish", ".ps1"):
        path.with_name(path.name + suffix).write_text(body)


def _sourced_by(sh: ShellHarness, path: Path) -> Path:
    """The file of sourced hook ``path`` that ``sh`` sources (fish: NAME.fish)."""
    return path.with_name(path.name + shells.get(sh.shell).hook_suffix)



class State:
    """The checks that tell an environment fully active from fully inactive."""

    def __init__(self, script: Script) -> None:
        self.active = script.var("VIRTUAL_ENV")
        self.deactivate = script.function_exists("deactivate")
        self.path = script.var("PATH")

    def of(self, run) -> tuple[str, str, str]:
        return run[self.active].stdout, run[self.deactivate].stdout, run[self.path].stdout


def assert_active(state: tuple[str, str, str], env: Path, path_before: str) -> None:
    assert state == (str(env), "yes", f"{env / 'bin'}:{path_before}")


def assert_inactive(state: tuple[str, str, str], path_before: str) -> None:
    assert state == (UNSET, "no", path_before)


# hook, where it lives (G global, L the environment's bin), what fires it, the state after.
SOURCED_HOOKS = [
    ("postactivate", "G", "workon", "active"),
    ("postactivate", "L", "workon", "active"),
    ("predeactivate", "G", "deactivate", "inactive"),
    ("predeactivate", "L", "deactivate", "inactive"),
    ("postdeactivate", "G", "deactivate", "inactive"),
    ("postmkvirtualenv", "G", "mkvirtualenv", "active"),
]


@pytest.mark.parametrize("failure", SOURCED_FAILURES)
@pytest.mark.parametrize(("hook", "where", "trigger", "after"), SOURCED_HOOKS)
def test_a_failing_sourced_hook_is_reported_and_the_command_completes(
        sh: ShellHarness, hook_dir: Path, *, make_env: Callable[..., Path], failure: str,
        hook: str, where: str, trigger: str, after: str) -> None:
    env = make_env("e") if trigger != "mkvirtualenv" else sh.workon_home / "e"
    body, status = SOURCED_FAILURES[failure]
    hook_file = (hook_dir if where == "G" else env / "bin") / hook
    script = sh.script()
    path_before = script.var("PATH")
    if trigger == "deactivate":
        script.call("workon", "e")
    _write_sourced(hook_file, body)
    command = script.call(*{"workon": ("workon", "e"), "deactivate": ("deactivate",),
                            "mkvirtualenv": ("mkvirtualenv", "e")}[trigger])
    state = State(script)
    going_on = script.call("lsvirtualenv", "-b")
    run = sh.run(script)
    assert run[command].status == 0, run[command]
    assert "hook-ran" in run[command].stdout
    assert "hook-went-on" not in run[command].stdout
    assert run[command].stderr.splitlines()[-1] == (
        f"ERROR: hook {_sourced_by(sh, hook_file)} exited with status {status}")
    if after == "active":
        assert_active(state.of(run), env, run[path_before].stdout)
    else:
        assert_inactive(state.of(run), run[path_before].stdout)
    assert run[going_on].stdout == "e\n"
    assert run.status == 0, run.stderr


@pytest.mark.parametrize("failure", SOURCED_FAILURES)
def test_a_failing_initialize_hook_does_not_stop_loading(sh: ShellHarness, hook_dir: Path,
                                                         make_env: Callable[..., Path],
                                                         failure: str) -> None:
    make_env("e")
    body, status = SOURCED_FAILURES[failure]
    _write_sourced(hook_dir / "initialize", body)
    script = sh.script()
    workon = script.call("workon", "e")
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script)
    # What loading printed comes before the first command's own output.
    initialize = _sourced_by(sh, hook_dir / "initialize")
    assert f"ERROR: hook {initialize} exited with status {status}" in run[0].stderr
    assert run[workon].status == 0
    assert run[active].stdout == str(sh.workon_home / "e")


# The alias that turns exit into return is how bash and zsh keep the shell open (fish stops a
# sourced file at exit by itself).
@pytest.mark.parametrize("sh", ["bash", "zsh"], indirect=True)
def test_exit_in_a_hook_spares_the_users_exit_alias(sh: ShellHarness, hook_dir: Path,
                                                    make_env: Callable[..., Path]) -> None:
    """The user's own alias named exit, and (bash) expand_aliases being off, come back."""
    make_env("e")
    _write_sourced(hook_dir / "postactivate", "exit 3\n")
    script = sh.script()
    script.raw("alias exit='echo user-exit-alias'")
    script.call("workon", "e")
    alias = script.raw("alias exit")
    script.call("deactivate")
    script.raw("unalias exit")
    script.call("workon", "e")
    gone = script.raw("alias exit >/dev/null 2>&1 && echo still-aliased || echo no-alias")
    # A function a hook defines keeps the real exit once the hook is done.
    _write_sourced(hook_dir / "postdeactivate", "vew_test_leave() { exit 9; }\n")
    script.call("deactivate")
    leave = script.raw("(vew_test_leave; echo not-left)")
    run = sh.run(script)
    assert "user-exit-alias" in run[alias].stdout
    assert run[gone].stdout == "no-alias\n"
    assert run[leave].status == 9 and "not-left" not in run[leave].stdout
    if sh.shell == "bash":
        # A script (non-interactive bash) does not expand aliases, before or after a hook.
        script = sh.script()
        script.call("workon", "e")
        expand = script.raw("shopt -q expand_aliases && echo on || echo off")
        run = sh.run(script)
        assert run[expand].stdout == "off\n"


# --- run hooks ---


def _run_hook(path: Path, status: int, log: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'#!/bin/sh\necho "${{0##*/}} $1" >> {shlex.quote(str(log))}\nexit {status}\n')
    path.chmod(0o755)


def test_failing_run_hooks_are_reported_and_never_abort(sh: ShellHarness, hook_dir: Path,
                                                        tmp_path: Path,
                                                        make_env: Callable[..., Path]) -> None:
    env = make_env("e")
    make_env("f")
    log = tmp_path / "log"
    failing = {
        hook_dir / "preactivate": 4,
        env / "bin" / "preactivate": 5,
        hook_dir / "get_env_details": 6,
        hook_dir / "prermvirtualenv": 7,
        hook_dir / "postrmvirtualenv": 8,
    }
    for path, status in failing.items():
        _run_hook(path, status, log)
    script = sh.script()
    path_before = script.var("PATH")
    workon = script.call("workon", "e")
    state = State(script)
    script.call("deactivate")
    details = script.call("lsvirtualenv", "-l")
    remove = script.call("rmvirtualenv", "f")
    listing = script.call("lsvirtualenv", "-b")
    run = sh.run(script)
    assert run[workon].status == 0
    assert run[workon].stderr.splitlines() == [
        f"ERROR: hook {hook_dir / 'preactivate'} exited with status 4",
        f"ERROR: hook {env / 'bin' / 'preactivate'} exited with status 5",
    ]
    assert_active(state.of(run), env, run[path_before].stdout)
    assert run[details].status == 0
    assert run[details].stdout.startswith("e\n=\n") and "\nf\n=\n" in run[details].stdout
    assert run[details].stderr.count(f"hook {hook_dir / 'get_env_details'} exited with "
                                     "status 6") == 2
    assert run[remove].status == 0
    assert run[remove].stderr.splitlines() == [
        f"ERROR: hook {hook_dir / 'prermvirtualenv'} exited with status 7",
        f"ERROR: hook {hook_dir / 'postrmvirtualenv'} exited with status 8",
    ]
    assert run[listing].stdout == "e\n"


def test_a_run_hook_that_cannot_run_is_reported(sh: ShellHarness, hook_dir: Path,
                                                make_env: Callable[..., Path]) -> None:
    env = make_env("e")
    (hook_dir / "preactivate").write_text("#!/bin/sh\necho should-not-run\n")
    (hook_dir / "preactivate").chmod(0o644)
    (hook_dir / "prermvirtualenv").write_text("#!/no/such/interpreter\n")
    (hook_dir / "prermvirtualenv").chmod(0o755)
    script = sh.script()
    workon = script.call("workon", "e")
    script.call("deactivate")
    remove = script.call("rmvirtualenv", "e")
    run = sh.run(script)
    assert run[workon].status == 0
    assert "should-not-run" not in run[workon].stdout
    assert run[workon].stderr == (f"ERROR: hook {hook_dir / 'preactivate'} is not executable; "
                                  "not run\n")
    assert run[remove].status == 0
    assert f"hook {hook_dir / 'prermvirtualenv'} could not run" in run[remove].stderr
    assert not env.exists()

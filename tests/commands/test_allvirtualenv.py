from __future__ import annotations

import os
import sys
from pathlib import Path

from tests.support.harness import ShellHarness, log_hook, read_log

SHOW = "import os, sys; print(sys.prefix, os.getcwd(), os.environ['VIRTUAL_ENV'])"


def test_runs_the_command_in_every_environment(
        sh: ShellHarness, workon_home: Path, make_env, tmp_path: Path) -> None:
    one = make_env("a b")
    two = make_env("c")
    done = sh("allvirtualenv", "python", "-c", SHOW, cwd=tmp_path)
    assert done.status == 0, done
    assert done.stdout == (f"a b\n===\n{one} {one} {one}\n\n"
                           f"c\n=\n{two} {two} {two}\n\n")


def test_arguments_are_never_split_or_expanded(sh: ShellHarness, make_env) -> None:
    # PowerShell, left to itself, globs *, expands ~ and takes --% for its own token.
    make_env("e")
    words = ["two words", "*", "$HOME", "~", "~/x", "--%", "", "'\u2019\"", "%PATH%"]
    done = sh("allvirtualenv", "printf", "<%s>", *words)
    assert done.stdout == "e\n=\n" + "".join(f"<{word}>" for word in words) + "\n"


GREET = {
    "bash": 'greet() { echo "hello $* from $VIRTUAL_ENV_PROMPT"; }',
    "zsh": 'greet() { echo "hello $* from $VIRTUAL_ENV_PROMPT"; }',
    "fish": 'function greet; echo "hello $argv from $VIRTUAL_ENV_PROMPT"; end',
    "pwsh": 'function global:greet { "hello $args from $env:VIRTUAL_ENV_PROMPT" }',
}


def test_a_shell_function_runs_too(sh: ShellHarness, make_env) -> None:
    make_env("e")
    script = sh.script()
    script.raw(GREET[sh.shell])
    done = script.call("allvirtualenv", "greet", "you")
    run = sh.run(script)
    assert run[done].stdout == "e\n=\nhello you from e\n\n"


def test_caller_state_and_hooks_are_untouched(
        sh: ShellHarness, workon_home: Path, make_env, tmp_path: Path) -> None:
    active = make_env("active")
    make_env("other")
    log = tmp_path / "hooks.log"
    for name in ("preactivate", "postactivate", "predeactivate", "postdeactivate"):
        log_hook(workon_home, name, log, sourced=name != "preactivate")
    log_hook(active / "bin", "predeactivate", log, sourced=True, label="local predeactivate")
    script = sh.script()
    script.call("workon", "active")
    script.call("cd", str(tmp_path))
    script.call("sh", "-c", f": > '{log}'")
    ran = script.call("allvirtualenv", sys.executable, "-c",
                      "import os; print(os.environ['PATH'].split(os.pathsep)[:2])")
    changed = script.call("allvirtualenv", "cd", "/")
    exited = script.call("allvirtualenv", "false")
    env = script.var("VIRTUAL_ENV")
    cwd = script.pwd()
    run = sh.run(script)
    # Each environment sees only its own bin directory first, not the caller's.
    other = workon_home / "other"
    for name, path in (("active", active), ("other", other)):
        assert f"{name}\n{'=' * len(name)}\n['{path}/bin', " in run[ran].stdout
    assert f"'{active}/bin'" not in run[ran].stdout.split("other\n=====\n")[1]
    assert run[changed].status == 0
    assert run[exited].status == 0
    assert run[env].stdout == str(active)
    assert run[cwd].stdout == str(tmp_path)
    assert read_log(log) == []


def test_no_command_is_an_error(sh: ShellHarness, workon_home: Path) -> None:
    done = sh("allvirtualenv")
    assert done.status == 1
    assert done.stdout == ""
    assert "allvirtualenv" in done.stderr


def test_missing_workon_home_is_created(sh: ShellHarness, workon_home: Path) -> None:
    os.rmdir(workon_home)
    done = sh("allvirtualenv", "true")
    assert done.status == 0
    assert workon_home.is_dir()

"""bash's PROMPT_COMMAND: untouched while auto-activation is off; with it on, the user's own
prompt code still sees its status, and a child bash that inherits an exported PROMPT_COMMAND
without loading vew runs it without complaint.

Interactive bash (`bash -i`) reading its commands from a pipe runs PROMPT_COMMAND before
each prompt, as at a terminal.
"""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

import pytest

from tests.support.harness import ShellHarness, rendered_shim, require

USER_PROMPT = 'echo "user-prompt last=$?"'


@pytest.fixture
def bash(environ: dict[str, str]) -> ShellHarness:
    require("bash")
    return ShellHarness("bash", Path(environ["HOME"]), environ)


def interactive(bash: ShellHarness, before: list[str],
                after: list[str]) -> subprocess.CompletedProcess[str]:
    """Lines run before vew loads, then after it."""
    shim = rendered_shim("bash", str(bash.home.parent))
    code = "\n".join([*before, f". {shlex.quote(str(shim))}", *after, "exit"]) + "\n"
    return subprocess.run(["bash", "--norc", "--noprofile", "-i"], input=code,
                          capture_output=True, text=True, env=bash.environ, cwd=bash.home,
                          timeout=60, check=False)


@pytest.mark.parametrize("before", ["unset PROMPT_COMMAND",
                                    f"PROMPT_COMMAND={shlex.quote(USER_PROMPT)}",
                                    f"export PROMPT_COMMAND={shlex.quote(USER_PROMPT)}",
                                    "PROMPT_COMMAND=(first second)"])
def test_left_as_the_user_set_it_while_auto_activation_is_off(bash: ShellHarness,
                                                              before: str) -> None:
    script = bash.script()
    script.call("mkvirtualenv", "e")
    script.call("deactivate")
    show = "declare -p PROMPT_COMMAND 2>/dev/null || echo unset"
    shown = script.raw(show)
    run = bash.run(script, prelude=before)
    expected = subprocess.run(["bash", "--norc", "-c", f"{before}; {show}"],
                              capture_output=True, text=True, check=False)
    assert run[shown].stdout == expected.stdout


def test_the_users_prompt_code_sees_its_status(bash: ShellHarness) -> None:
    done = interactive(bash, ["export VEW_AUTO_ACTIVATE=1",
                              f"PROMPT_COMMAND={shlex.quote(USER_PROMPT)}"],
                       ["false", "(exit 7)"])
    seen = [line for line in done.stdout.splitlines() if line.startswith("user-prompt")]
    assert "user-prompt last=1" in seen and "user-prompt last=7" in seen, done.stdout
    assert "not found" not in done.stderr


def test_a_child_bash_without_vew_inherits_the_prompt_command_unharmed(
        bash: ShellHarness) -> None:
    done = interactive(bash, ["export VEW_AUTO_ACTIVATE=1",
                              f"export PROMPT_COMMAND={shlex.quote(USER_PROMPT)}"],
                       ["printf 'false\\n' | bash --norc --noprofile -i"])
    assert "_vew_auto" not in done.stderr, done.stderr
    assert "not found" not in done.stderr, done.stderr
    # The child ran the user's prompt code, and saw the status of its own `false`.
    assert done.stdout.count("user-prompt last=1") >= 1, done.stdout


def test_turning_auto_activation_off_gives_the_prompt_command_back(bash: ShellHarness) -> None:
    done = interactive(bash, ["export VEW_AUTO_ACTIVATE=1",
                              f"export PROMPT_COMMAND={shlex.quote(USER_PROMPT)}"],
                       ["declare -p PROMPT_COMMAND", "unset VEW_AUTO_ACTIVATE", "true",
                        "declare -p PROMPT_COMMAND"])
    shown = [line for line in done.stdout.splitlines() if line.startswith("declare")]
    assert len(shown) == 2, done.stdout
    assert "_vew_auto" in shown[0]
    assert shown[1] == 'declare -x PROMPT_COMMAND="echo \\"user-prompt last=\\$?\\""'

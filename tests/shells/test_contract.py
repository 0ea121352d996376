"""The contract between the core and the shims, checked in the real shells.

Every step the core can emit is a call of ``_vew_<verb>`` (:data:`vew.steps.VERBS`) and every
check of workon a call of its predicate (:data:`vew.steps.WORKON_CHECKS`): each must be a
function of every shim once it is loaded. What the shims print is rendered from one table
(:data:`vew.messages.MESSAGES`), so each message reads the same in every shell: each is
provoked here in every shell and compared, word for word, with the table.
"""

from __future__ import annotations

import os
import pwd
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.harness import Outcome, ShellHarness
from vew import filenames, shells, steps
from vew.messages import MESSAGES

NOBODY = pwd.getpwnam("nobody").pw_uid

# What the rendered checks call besides their predicates: the one way each shim reports.
REPORTERS = ("error", "warning")


def contract() -> list[str]:
    verbs = [*steps.VERBS, *(check.verb for check in steps.WORKON_CHECKS), *REPORTERS]
    return [f"_vew_{verb}" for verb in verbs]


def test_every_check_has_a_message_and_every_message_a_use() -> None:
    used = ({check.message for check in steps.WORKON_CHECKS} | {"workon_unknown_option"}
            | set(PROVOKED))
    assert used == set(MESSAGES)
    assert len({check.verb for check in steps.WORKON_CHECKS}) == len(steps.WORKON_CHECKS)


def test_every_verb_and_check_is_a_function_of_the_loaded_shim(sh: ShellHarness) -> None:
    script = sh.script()
    names = contract()
    shown = {name: script.function_exists(name) for name in names}
    run = sh.run(script)
    assert run.status == 0, run.stderr
    missing = [name for name in names if run[shown[name]].stdout != "yes"]
    assert not missing, f"{sh.shell} lacks {missing}"


# --- workon's complaints, the same text in every shell ----------------------------------------


def _dangling(env: Path) -> None:
    env.symlink_to(env.parent / "gone")


def _a_file(env: Path) -> None:
    env.write_text("not an environment\n")


def _no_activate(env: Path) -> None:
    for script in (env / "bin").glob("activate*"):
        script.unlink()


def _incomplete(env: Path) -> None:
    (env / filenames.INCOMPLETE).write_text("")


def _dangling_python(env: Path) -> None:
    for name in ("python", "python3"):
        (env / "bin" / name).unlink(missing_ok=True)
    (env / "bin" / "python").symlink_to(env / "no-such-interpreter")


def _no_python(env: Path) -> None:
    for path in (env / "bin").glob("python*"):
        path.unlink()


def _no_pyvenv_cfg(env: Path) -> None:
    (env / "pyvenv.cfg").unlink()


def _fifo_pyvenv_cfg(env: Path) -> None:
    (env / "pyvenv.cfg").unlink()
    os.mkfifo(env / "pyvenv.cfg")


# How each complaint comes about: a damage to an environment "e" (None: there is none), and
# whether workon builds it first.
DAMAGES: dict[str, tuple[Callable[[Path], None] | None, bool]] = {
    "env_missing": (None, False),
    "env_dangling": (_dangling, False),
    "env_not_directory": (_a_file, False),
    "env_incomplete": (_incomplete, True),
    "env_no_activate": (_no_activate, True),
    "interpreter_dangling": (_dangling_python, True),
    "interpreter_missing": (_no_python, True),
    "pyvenv_cfg_not_regular": (_fifo_pyvenv_cfg, True),
    "no_pyvenv_cfg": (_no_pyvenv_cfg, True),
}


def expected(key: str, shell: str, home: Path, arg: str = "", **fields: object) -> str:
    env = home / "e"
    return MESSAGES[key].format(name="e", env=env, python=env / "bin" / "python", arg=arg,
                                activate_note=shells.get(shell).activate_note, **fields)


def test_every_check_is_shown() -> None:
    assert set(DAMAGES) == {check.message for check in steps.WORKON_CHECKS}


@pytest.mark.parametrize("key", list(DAMAGES))
def test_workon_says_the_same_in_every_shell(sh: ShellHarness, make_env: Callable[..., Path],
                                             workon_home: Path, key: str) -> None:
    damage, build = DAMAGES[key]
    env = make_env("e") if build else workon_home / "e"
    if damage is not None:
        damage(env)
    fatal = next(check.fatal for check in steps.WORKON_CHECKS if check.message == key)
    outcome = sh("workon", "e")
    level = "ERROR" if fatal else "WARNING"
    assert outcome.stderr.splitlines()[0] == f"{level}: {expected(key, sh.shell, workon_home)}"
    assert (outcome.status != 0) == fatal


def test_workon_names_an_unknown_option_the_same_in_every_shell(
        sh: ShellHarness, make_env: Callable[..., Path], workon_home: Path) -> None:
    make_env("e")
    outcome = sh("workon", "--it's-unknown", "e")
    message = expected("workon_unknown_option", sh.shell, workon_home, "--it's-unknown")
    assert (outcome.status, outcome.stderr) == (1, f"ERROR: {message}\n")


# --- the shims' other messages, the same text in every shell ----------------------------------
# Each: what a user does to see it, and the message's fields for the table. What the shims
# print besides (hooks, virtualenv's activate) is no concern here: only the message's line.


def _hooks_that_fail(sh: ShellHarness, make_env: Callable[..., Path],
                     workon_home: Path) -> tuple[Outcome, dict[str, object]]:
    env = make_env("e")
    (workon_home / "preactivate").write_text("#!/bin/sh\nexit 3\n")
    (workon_home / "preactivate").chmod(0o755)
    (env / "bin" / "preactivate").write_text("#!/bin/sh\necho should not run\n")
    return sh("workon", "e"), {}


def _hook_failed(sh: ShellHarness, make_env: Callable[..., Path],
                 workon_home: Path) -> tuple[Outcome, dict[str, object]]:
    outcome, _ = _hooks_that_fail(sh, make_env, workon_home)
    return outcome, {"hook": workon_home / "preactivate", "hook_status": 3}


def _hook_not_executable(sh: ShellHarness, make_env: Callable[..., Path],
                         workon_home: Path) -> tuple[Outcome, dict[str, object]]:
    outcome, _ = _hooks_that_fail(sh, make_env, workon_home)
    return outcome, {"hook": workon_home / "e" / "bin" / "preactivate"}


def _project_missing(sh: ShellHarness, make_env: Callable[..., Path],
                     workon_home: Path) -> tuple[Outcome, dict[str, object]]:
    env = make_env("e")
    gone = sh.home / "gone project"
    (env / filenames.PROJECT_FILE).write_text(f"{gone}\n")
    return sh("workon", "e"), {"project": gone}


def _no_workon_home(sh: ShellHarness, make_env: Callable[..., Path],
                    workon_home: Path) -> tuple[Outcome, dict[str, object]]:
    script = sh.script()
    script.call("rm", "-rf", "--", str(workon_home))
    bare = script.call("workon")
    return sh.run(script)[bare], {"workon_home": workon_home}


def _load_with(sh: ShellHarness, variables: dict[str, str]) -> Outcome:
    script = sh.script()
    loaded = script.raw(sh._loader())
    return sh.run(script, extra_env=variables)[loaded]


def _cannot_create_workon_home(sh: ShellHarness, make_env: Callable[..., Path],
                               workon_home: Path) -> tuple[Outcome, dict[str, object]]:
    blocker = sh.home / "a file"
    blocker.write_text("")
    return (_load_with(sh, {"WORKON_HOME": str(blocker / "envs")}),
            {"workon_home": blocker / "envs"})


def _cannot_create_hook_dir(sh: ShellHarness, make_env: Callable[..., Path],
                            workon_home: Path) -> tuple[Outcome, dict[str, object]]:
    blocker = sh.home / "a file"
    blocker.write_text("")
    return (_load_with(sh, {"VIRTUALENVWRAPPER_HOOK_DIR": str(blocker / "hooks")}),
            {"hook_dir": blocker / "hooks"})


def _dot_venv_names_no_env(sh: ShellHarness, make_env: Callable[..., Path],
                           workon_home: Path) -> tuple[Outcome, dict[str, object]]:
    # Beside the home directory, as a checked-out repository would be anywhere.
    repository = sh.home.parent / "repo\x1b[2J"
    repository.mkdir()
    (repository / ".venv").write_text("e\x07\n")
    script = sh.script()
    entered = script.raw(sh.language.cd(str(repository)))
    if sh.shell == "bash":  # what an interactive bash runs before its next prompt
        entered = script.raw('eval "$PROMPT_COMMAND"')
    outcome = sh.run(script, extra_env={"VEW_AUTO_ACTIVATE": "1"})[entered]
    return outcome, {"shown_dir": repository.parent / "repo?[2J", "shown_target": "e?"}


def _refused_hook(sh: ShellHarness, make_env: Callable[..., Path],
                  damage: Callable[[Path], None]) -> tuple[Outcome, dict[str, object]]:
    """workon runs the environment's preactivate, after ``damage`` to it (or its folder)."""
    env = make_env("e")
    hook = env / "bin" / "preactivate"
    hook.write_text("#!/bin/sh\nexit 0\n")
    hook.chmod(0o755)
    damage(hook)
    # Plain paths: each shell writes them as they are for the fix's command line.
    return sh("workon", "e"), {"hook": hook, "action": "run", "dir": hook.parent,
                               "hook_word": hook, "dir_word": hook.parent}


def _hook_not_yours(sh: ShellHarness, make_env: Callable[..., Path],
                    workon_home: Path) -> tuple[Outcome, dict[str, object]]:
    return _refused_hook(sh, make_env, lambda hook: os.chown(hook, NOBODY, -1))


def _hook_writable(sh: ShellHarness, make_env: Callable[..., Path],
                   workon_home: Path) -> tuple[Outcome, dict[str, object]]:
    return _refused_hook(sh, make_env, lambda hook: hook.chmod(0o757))


def _hook_dir_not_yours(sh: ShellHarness, make_env: Callable[..., Path],
                        workon_home: Path) -> tuple[Outcome, dict[str, object]]:
    return _refused_hook(sh, make_env, lambda hook: os.chown(hook.parent, NOBODY, -1))


def _hook_dir_writable(sh: ShellHarness, make_env: Callable[..., Path],
                       workon_home: Path) -> tuple[Outcome, dict[str, object]]:
    return _refused_hook(sh, make_env, lambda hook: hook.parent.chmod(0o777))


def _removing_tmpenv(sh: ShellHarness, make_env: Callable[..., Path],
                     workon_home: Path) -> tuple[Outcome, dict[str, object]]:
    env = make_env("e")
    (env / filenames.TMPENV).write_text("made by mktmpenv\n")
    script = sh.script()
    script.call("workon", "e")
    left = script.call("deactivate")
    return sh.run(script)[left], {}


PROVOKED: dict[str, Callable[[ShellHarness, Callable[..., Path], Path],
                             tuple[Outcome, dict[str, object]]]] = {
    "hook_failed": _hook_failed,
    "hook_not_executable": _hook_not_executable,
    "hook_not_yours": _hook_not_yours,
    "hook_writable": _hook_writable,
    "hook_dir_not_yours": _hook_dir_not_yours,
    "hook_dir_writable": _hook_dir_writable,
    "project_missing": _project_missing,
    "removing_tmpenv": _removing_tmpenv,
    "no_workon_home": _no_workon_home,
    "cannot_create_workon_home": _cannot_create_workon_home,
    "cannot_create_hook_dir": _cannot_create_hook_dir,
    "dot_venv_names_no_env": _dot_venv_names_no_env,
}


# Said on stdout, with what the user asked for; every other message is a line on stderr.
ON_STDOUT = {"removing_tmpenv"}


@pytest.mark.parametrize("key", list(PROVOKED))
def test_the_shims_say_the_same_in_every_shell(sh: ShellHarness, make_env: Callable[..., Path],
                                              workon_home: Path, key: str) -> None:
    outcome, fields = PROVOKED[key](sh, make_env, workon_home)
    message = expected(key, sh.shell, workon_home, **fields)
    if key in ON_STDOUT:
        assert message in outcome.stdout.splitlines(), (outcome.stdout, outcome.stderr)
        return
    line = message if message.startswith("NOTE: ") else f"ERROR: {message}"
    assert line in outcome.stderr.splitlines(), outcome.stderr

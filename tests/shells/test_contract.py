"""The contract between the core and the shims, checked in the real shells.

Every step the core can emit is a call of ``_vew_<verb>`` (:data:`vew.steps.VERBS`) and every
check of workon a call of its predicate (:data:`vew.steps.WORKON_CHECKS`): each must be a
function of every shim once it is loaded. What the shims print is rendered from one table
(:data:`vew.messages.MESSAGES`), so each of workon's complaints reads the same in every shell.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.harness import ShellHarness
from vew import filenames, shells, steps
from vew.messages import MESSAGES

# What the rendered checks call besides their predicates: the one way each shim reports.
REPORTERS = ("error", "warning")


def contract() -> list[str]:
    verbs = [*steps.VERBS, *(check.verb for check in steps.WORKON_CHECKS), *REPORTERS]
    return [f"_vew_{verb}" for verb in verbs]


def test_every_check_has_a_message_and_every_message_a_use() -> None:
    used = {check.message for check in steps.WORKON_CHECKS} | {"workon_unknown_option"}
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
    "no_pyvenv_cfg": (_no_pyvenv_cfg, True),
}


def expected(key: str, shell: str, workon_home: Path, arg: str = "") -> str:
    env = workon_home / "e"
    return MESSAGES[key].format(name="e", env=env, python=env / "bin" / "python", arg=arg,
                                activate_note=shells.get(shell).activate_note)


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

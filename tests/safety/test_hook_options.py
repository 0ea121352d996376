"""Shell options: what a sourced hook sets stays set, as in virtualenvwrapper; vew's own code
runs under its own options whatever the user's (or a hook's) are.

bash and zsh only: fish has no shell options, PowerShell none a hook could leave behind.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.harness import ShellHarness, require

pytestmark = pytest.mark.usefixtures("hook_dir")

# Per shell: a hook line that sets an option, and how to print whether it is on.
SETS = {
    "bash": ("set -o noclobber", "[[ -o noclobber ]] && printf on || printf off"),
    "zsh": ("setopt autocd", "[[ -o autocd ]] && printf on || printf off"),
}
# A hook that turns on options which would break careless shell code: nounset, noglob.
STRICT = {
    "bash": "set -o nounset -o noglob",
    "zsh": "setopt nounset noglob ksh_arrays sh_word_split",
}
SHOW_STRICT = {
    "bash": "[[ -o nounset && -o noglob ]] && printf on || printf off",
    "zsh": "[[ -o nounset && -o noglob && -o ksh_arrays ]] && printf on || printf off",
}


@pytest.fixture(params=["bash", "zsh"])
def posix(request: pytest.FixtureRequest, environ: dict[str, str]) -> ShellHarness:
    require(request.param)
    return ShellHarness(request.param, Path(environ["HOME"]), environ)


def test_an_option_a_hook_sets_stays_set(posix: ShellHarness, make_env,
                                         hook_dir: Path) -> None:
    sets, show = SETS[posix.shell]
    env = make_env("e")
    (env / "bin" / "postactivate").write_text(f"{sets}\n")
    script = posix.script()
    before = script.raw(show)
    workon = script.call("workon", "e")
    after_workon = script.raw(show)
    script.call("deactivate")
    after_deactivate = script.raw(show)
    run = posix.run(script)
    assert run[workon].status == 0, run[workon].stderr
    assert run[before].stdout == "off"
    assert run[after_workon].stdout == "on"
    assert run[after_deactivate].stdout == "on"


def test_an_option_a_hook_unsets_stays_unset(posix: ShellHarness, make_env,
                                             hook_dir: Path) -> None:
    sets, show = SETS[posix.shell]
    make_env("e")
    unset = sets.replace("set -o", "set +o").replace("setopt", "unsetopt")
    (hook_dir / "postdeactivate").write_text(f"{unset}\n")
    script = posix.script()
    script.raw(sets)
    script.call("workon", "e")
    script.call("deactivate")
    after = script.raw(show)
    run = posix.run(script)
    assert run[after].stdout == "off", run.stderr


def test_vew_keeps_its_own_options_after_a_strict_hook(posix: ShellHarness, make_env,
                                                       hook_dir: Path) -> None:
    """The global postactivate turns on nounset and noglob (and more, in zsh): the next hook,
    deactivate, listings and completion of names all still work, and the options stay."""
    make_env("e")
    make_env("other")
    (hook_dir / "postactivate").write_text(f"{STRICT[posix.shell]}\n")
    (hook_dir / "postdeactivate").write_text("VEW_TEST_AFTER=ran\n")
    script = posix.script()
    workon = script.call("workon", "e")
    strict = script.raw(SHOW_STRICT[posix.shell])
    listed = script.call("lsvirtualenv", "-b")
    switched = script.call("workon", "other")
    left = script.call("deactivate")
    ran = script.var("VEW_TEST_AFTER")
    still = script.raw(SHOW_STRICT[posix.shell])
    run = posix.run(script)
    for index in (workon, listed, switched, left):
        assert run[index].status == 0, run[index].stderr
        assert run[index].stderr == ""
    assert run[strict].stdout == "on"
    assert run[listed].stdout == "e\nother\n"
    assert run[ran].stdout == "ran"
    assert run[still].stdout == "on"


def test_listings_and_completion_work_with_globbing_off(posix: ShellHarness,
                                                         make_env) -> None:
    make_env("alpha")
    make_env("beta")
    noglob = "set -f" if posix.shell == "bash" else "setopt noglob"
    complete = {"bash": 'COMP_LINE="workon "; COMP_POINT=7; _vew_complete workon "" workon; '
                        'printf "%s\\n" "${COMPREPLY[@]}"',
                "zsh": '_vew_compctl_envs; printf "%s\\n" "${reply[@]}"'}[posix.shell]
    script = posix.script()
    script.raw(noglob)
    brief = script.call("lsvirtualenv", "-b")
    bare = script.call("workon")
    completed = script.raw(complete)
    still = script.raw("[[ -o noglob ]] && printf on || printf off")
    run = posix.run(script)
    assert run[brief].stdout == "alpha\nbeta\n", run[brief].stderr
    assert run[bare].stdout == "alpha\nbeta\n"
    assert run[completed].stdout == "alpha\nbeta\n"
    assert run[still].stdout == "on"


def test_an_option_the_initialize_hook_sets_stays_set(posix: ShellHarness,
                                                      hook_dir: Path) -> None:
    sets, show = SETS[posix.shell]
    (hook_dir / "initialize").write_text(f"{sets}\n")
    script = posix.script()
    after_load = script.raw(show)
    run = posix.run(script)
    assert run[after_load].stdout == "on", run.stderr

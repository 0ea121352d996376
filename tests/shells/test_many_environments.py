"""20,000 environments: every shell lists them all, in order, and completes every name.

Listing and completion run in the shell (no Python): what grows with the number of
environments is shell code, which may stop working at some size (fish once gave up with
"Expansion produced too many results") or take quadratic time. The benchmark measures the
time; this checks that nothing is lost or refused at twice the size it measures. The
environments are only what the listing looks at (a directory with an activate script), made
once for the module.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.shells.test_completion_fish import offered
from tests.support.completing import Terminal, bash_completions
from tests.support.harness import ShellHarness, require

COUNT = 20_000


def _name(index: int) -> str:
    # Upper and lower case, digits of different lengths and punctuation, so that code-point
    # order differs from a locale's (or fish's natural) order all through the list.
    forms = (f"env-{index:05d}", f"Env_{index}", f"e{index}", f"a.{index % 97}-{index}",
             f"Z{index:x}")
    return forms[index % len(forms)]


NAMES = sorted(_name(index) for index in range(COUNT))


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("many") / "workon-home"
    for name in NAMES:
        os.makedirs(home / name / "bin")
        with open(home / name / "bin" / "activate", "w"):
            pass
    # What must stay out, at any size: a dot name, an unfinished build, a plain directory.
    for name in (".hidden", "building"):
        os.makedirs(home / name / "bin")
        (home / name / "bin" / "activate").write_text("")
    (home / "building" / ".vew-incomplete").write_text("")
    (home / "not-an-env").mkdir()
    assert len(NAMES) == len(set(NAMES)) == COUNT
    return home


@pytest.fixture
def big(environ: dict[str, str], many: Path) -> dict[str, str]:
    return {**environ, "WORKON_HOME": str(many)}


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_every_environment_is_listed_in_code_point_order(shell: str, big: dict[str, str]) -> None:
    require(shell)
    sh = ShellHarness(shell, Path(big["HOME"]), big)
    script = sh.script()
    brief = script.call("lsvirtualenv", "-b")
    bare = script.call("workon")
    run = sh.run(script, timeout=300)
    assert (run[brief].status, run[brief].stderr) == (0, "")
    assert run[brief].stdout == "".join(f"{name}\n" for name in NAMES)
    assert (run[bare].status, run[bare].stdout) == (1, run[brief].stdout)


def test_bash_completes_every_name(big: dict[str, str]) -> None:
    require("bash")
    sh = ShellHarness("bash", Path(big["HOME"]), big)
    replies = bash_completions(sh, ["workon ", "workon Env_1999"])
    assert sorted(replies[0]) == NAMES
    assert sorted(replies[1]) == sorted(name for name in NAMES if name.startswith("Env_1999"))


def test_fish_completes_every_name(big: dict[str, str]) -> None:
    require("fish")
    sh = ShellHarness("fish", Path(big["HOME"]), big)
    candidates = offered(sh, ["workon ", "rmvirtualenv Env_1999"])
    assert sorted(candidates[0]) == NAMES
    assert sorted(candidates[1]) == sorted(name for name in NAMES if name.startswith("Env_1999"))


@pytest.fixture
def zsh_terminal(big: dict[str, str]) -> Iterator[Terminal]:
    require("zsh")
    # No list drawn under the prompt (and no question whether to draw 20,000 names): the
    # matches are what counts, and a compadd wrapper records every one.
    setup = "autoload -Uz compinit && compinit -u -D\n{vew}\nunsetopt autolist listambiguous"
    terminal = Terminal("zsh", big, Path(big["HOME"]), setup)
    yield terminal
    terminal.close()


def test_zsh_completes_every_name(zsh_terminal: Terminal) -> None:
    assert sorted(zsh_terminal.tab("workon ").offered) == NAMES
    assert sorted(zsh_terminal.tab("workon Env_1999").offered) == \
        sorted(name for name in NAMES if name.startswith("Env_1999"))

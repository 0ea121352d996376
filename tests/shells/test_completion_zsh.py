"""zsh: Tab pressed in a real interactive zsh on a pseudo-terminal.

What the completion system offers is recorded by a ``compadd`` wrapper; the edited line is
printed by a key bound for the test. compinit runs before vew is loaded, after it, or never.
"""

from __future__ import annotations

import shlex
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.completing import Terminal, fake_env
from tests.support.harness import require

COMPINIT = "autoload -Uz compinit && compinit -u -D"

ORDERS = {
    "compinit-first": f"{COMPINIT}\n{{vew}}",
    "compinit-after": f"{{vew}}\n{COMPINIT}",
}


def _shell_words(line: str) -> list[str]:
    """How zsh itself splits ``line`` into words."""
    done = subprocess.run(["zsh", "-f", "-c", 'eval "set -- $1"; printf "%s\\0" "$@"', "zsh",
                           line], capture_output=True, text=True, check=True)
    return done.stdout.split("\0")[:-1]


@pytest.fixture
def terminal(request: pytest.FixtureRequest, environ: dict[str, str],
             workon_home: Path) -> Iterator[Terminal]:
    require("zsh")
    setup = getattr(request, "param", ORDERS["compinit-first"])
    terminal = Terminal("zsh", environ, Path(environ["HOME"]), setup)
    yield terminal
    terminal.close()


@pytest.mark.parametrize("terminal", list(ORDERS.values()), ids=list(ORDERS), indirect=True)
def test_environment_names_whenever_compinit_runs(terminal: Terminal, workon_home: Path) -> None:
    for name in ["one", "other", "two", ".hidden", "building"]:
        fake_env(workon_home, name)
    (workon_home / "building" / ".vew-incomplete").write_text("")
    offered = terminal.tab("workon ").offered
    assert sorted(offered) == ["one", "other", "two"]
    assert terminal.tab("workon tw").line == "workon two "
    assert terminal.tab("rmvirtualenv one tw").line == "rmvirtualenv one two "
    assert sorted(terminal.tab("showvirtualenv o").offered) == ["one", "other"]
    assert sorted(terminal.tab("cpvirtualenv o").offered) == ["one", "other"]
    assert sorted(terminal.tab("mvvirtualenv o").offered) == ["one", "other"]
    assert terminal.tab("setvirtualenvproject tw").line == "setvirtualenvproject two "


def test_without_compinit_names_and_directories_still_complete(environ: dict[str, str],
                                                               workon_home: Path) -> None:
    require("zsh")
    fake_env(workon_home, "my env")
    env = fake_env(workon_home, "two")
    (env / "lib").mkdir()
    terminal = Terminal("zsh", environ, Path(environ["HOME"]),
                        f"{{vew}}\nexport VIRTUAL_ENV={shlex.quote(str(env))}")
    try:
        assert terminal.tab("workon tw").line == "workon two "
        assert _shell_words(terminal.tab("workon my").line) == ["workon", "my env"]
        assert terminal.tab("cdvirtualenv l").line == "cdvirtualenv lib/"
    finally:
        terminal.close()


HOSTILE = ["my env", "it's", 'say "hi"', "a$b", "back`tick`", "semi;colon", "amp&er", "star*",
           "what?", "[x]", "~tilde", "hash#", "bang!", "(paren)", "café", "🐍snake", "c:d"]


def test_hostile_names_complete_to_one_correctly_quoted_word(terminal: Terminal,
                                                             workon_home: Path) -> None:
    for name in HOSTILE:
        fake_env(workon_home, name)
    assert sorted(terminal.tab("workon ").offered) == sorted(HOSTILE)
    for name in HOSTILE:
        start = _unique_prefix(name, HOSTILE)
        typed = "".join(c if c.isalnum() else "\\" + c for c in start)
        edited = terminal.tab(f"workon {typed}").line
        assert _shell_words(edited) == ["workon", name], (typed, edited)
        if "'" not in start:
            quoted = terminal.tab(f"workon '{start}").line
            assert _shell_words(quoted) == ["workon", name], (start, quoted)


def _unique_prefix(name: str, names: list[str]) -> str:
    return next(name[:end] for end in range(1, len(name) + 1)
                if [other for other in names if other.startswith(name[:end])] == [name])


def test_options_are_described(terminal: Terminal) -> None:
    tab = terminal.tab("workon -")
    assert {"-c", "--cd", "-n", "--no-cd", "-h", "--help"} <= set(tab.offered)
    assert "change to the project directory" in tab.screen
    assert "stay in the current directory" in tab.screen
    mk = terminal.tab("mkvirtualenv -")
    assert {"-a", "-i", "-r", "-p", "--python"} <= set(mk.offered)
    assert "install a requirements file" in mk.screen


def test_option_values(terminal: Terminal) -> None:
    (Path(terminal.child.cwd) / "project").mkdir()
    (Path(terminal.child.cwd) / "requirements.txt").write_text("")
    assert terminal.tab("mkvirtualenv -a proj").line == "mkvirtualenv -a project/"
    assert terminal.tab("mkvirtualenv -r req").line == "mkvirtualenv -r requirements.txt "
    assert terminal.tab("deactivate ").line == "deactivate nondestructive "


def test_vew_subcommands_and_options(terminal: Terminal) -> None:
    tab = terminal.tab("vew ")
    assert "Print the shell integration" in tab.offered["init"]
    assert terminal.tab("vew init z").line == "vew init zsh "
    assert terminal.tab("vew init --st").line == "vew init --static "
    assert "--version" in terminal.tab("vew --").offered


def test_directories_of_the_active_environment(environ: dict[str, str],
                                               workon_home: Path) -> None:
    require("zsh")
    env = fake_env(workon_home, "env")
    (env / "lib" / "python3.11" / "site-packages" / "pkg").mkdir(parents=True)
    terminal = Terminal("zsh", environ, Path(environ["HOME"]),
                        f"{COMPINIT}\n{{vew}}\nexport VIRTUAL_ENV={shlex.quote(str(env))}")
    try:
        assert terminal.tab("cdvirtualenv l").line == "cdvirtualenv lib/"
        assert terminal.tab("cdvirtualenv lib/").line == "cdvirtualenv lib/python3.11/"
        assert terminal.tab("cdsitepackages p").line == "cdsitepackages pkg/"
    finally:
        terminal.close()


def test_templates_for_mkproject(terminal: Terminal, workon_home: Path) -> None:
    templates = workon_home / "templates"
    templates.mkdir()
    for name, description in [("django", "a Django site"), ("flask", "a Flask app")]:
        (templates / name).write_text(f"#!/bin/sh\n# {description}\n")
        (templates / name).chmod(0o755)
    tab = terminal.tab("mkproject -t ")
    assert sorted(tab.offered) == ["django", "flask"]
    assert "a Django site" in tab.screen
    assert terminal.tab("mkproject -t fl").line == "mkproject -t flask "


def test_commands_then_their_own_arguments(terminal: Terminal, workon_home: Path) -> None:
    fake_env(workon_home, "one")
    assert "zsh" in terminal.tab("allvirtualenv zs").offered
    assert "--all" in terminal.tab("allvirtualenv ls --al").offered
    assert terminal.tab("vew run o").line == "vew run one "
    assert "--all" in terminal.tab("vew run one -- ls --al").offered

"""fish: what `complete -C` offers, and Tab pressed in a real interactive fish."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

import pytest

from tests.support.completing import Terminal, fake_env
from tests.support.harness import ShellHarness, fish_quote, require
from vew import completion

UNIT = "\x1f"


@pytest.fixture
def fish(environ: dict[str, str]) -> ShellHarness:
    require("fish")
    return ShellHarness("fish", Path(environ["HOME"]), environ)


def offered(sh: ShellHarness, lines: list[str], *, prelude: str = "",
            cwd: Path | None = None) -> list[dict[str, str]]:
    """What ``complete -C LINE`` offers for each line: candidate -> description."""
    script = sh.script()
    indexes = [script.raw(f"complete -C {fish_quote(line)} | string join {UNIT}")
               for line in lines]
    run = sh.run(script, prelude=prelude, cwd=cwd)
    assert len(run) == len(lines), (run.stdout, run.stderr)
    found = []
    for index in indexes:
        text = run[index].stdout.rstrip("\n")
        pairs = [entry.partition("\t") for entry in text.split(UNIT)] if text else []
        found.append({value: description for value, _, description in pairs})
    return found


def test_environment_names_for_every_command_that_takes_one(fish: ShellHarness,
                                                            workon_home: Path) -> None:
    for name in ["one", "other", "two", ".hidden", "building"]:
        fake_env(workon_home, name)
    (workon_home / "building" / ".vew-incomplete").write_text("")
    (workon_home / "not-an-env").mkdir()
    found = offered(fish, ["workon ", "workon o", "workon -n t", "rmvirtualenv one o",
                           "cpvirtualenv ", "cpvirtualenv one ", "showvirtualenv t",
                           "setvirtualenvproject o", "vew run o", "vew link ",
                           "mvvirtualenv o", "mvvirtualenv one "])
    assert [sorted(f) for f in found] == [
        ["one", "other", "two"], ["one", "other"], ["two"], ["one", "other"],
        ["one", "other", "two"], [], ["two"], ["one", "other"], ["one", "other"],
        ["one", "other", "two"], ["one", "other"], [],
    ]


def test_options_are_described(fish: ShellHarness, workon_home: Path) -> None:
    workon, lsvirtualenv, mk = offered(fish, ["workon -", "lsvirtualenv -", "mkvirtualenv --"])
    assert workon == {"-c": "change to the project directory (the default)",
                      "--cd": "change to the project directory (the default)",
                      "-n": "stay in the current directory",
                      "--no-cd": "stay in the current directory",
                      "-h": "show this help", "--help": "show this help"}
    assert set(lsvirtualenv) == {"-b", "-l", "-h", "--help", "--json"}
    assert set(mk) == {"--python", "--help"}


def test_option_values(fish: ShellHarness, workon_home: Path, tmp_path: Path) -> None:
    here = tmp_path / "here"
    (here / "project").mkdir(parents=True)
    (here / "requirements.txt").write_text("")
    bin_dir = tmp_path / "pythons"
    bin_dir.mkdir()
    (bin_dir / "vewpy3.99").write_text("#!/bin/sh\n")
    (bin_dir / "vewpy3.99").chmod(0o755)
    found = offered(fish, ["mkvirtualenv -a ", "mkvirtualenv -r req", "mkvirtualenv -i ",
                           "mkvirtualenv -p vewpy", "mkvirtualenv --python=vewpy",
                           "deactivate ", "mktmpenv -c -"],
                    prelude=f"set -gx PATH {fish_quote(str(bin_dir))} $PATH", cwd=here)
    assert list(found[0]) == ["project/"]
    assert list(found[1]) == ["requirements.txt"]
    assert found[2] == {}
    assert list(found[3]) == ["vewpy3.99"]
    assert list(found[4]) == ["--python=vewpy3.99"]
    assert list(found[5]) == ["nondestructive"]
    assert "--no-cd" in found[6]


def test_vew_subcommands_and_options(fish: ShellHarness, workon_home: Path) -> None:
    top, shells, init_options, own = offered(fish, ["vew ", "vew init ", "vew init --",
                                                    "vew --"])
    assert top["init"].startswith("Print the shell integration")
    assert sorted(shells) == ["bash", "fish", "powershell", "zsh"]
    assert {"--static", "--install"} <= set(init_options)
    assert "--version" not in init_options
    assert {"--version", "--help"} <= set(own)


def test_directories_of_the_active_environment(fish: ShellHarness, workon_home: Path) -> None:
    env = fake_env(workon_home, "env")
    (env / "lib" / "python3.11" / "site-packages" / "pkg").mkdir(parents=True)
    (env / ".hidden").mkdir()
    found = offered(fish, ["cdvirtualenv ", "cdvirtualenv lib/", "cdvirtualenv .",
                           "cdsitepackages "],
                    prelude=f"set -gx VIRTUAL_ENV {fish_quote(str(env))}")
    assert sorted(found[0]) == ["bin/", "lib/"]
    assert list(found[1]) == ["lib/python3.11/"]
    assert list(found[2]) == [".hidden/"]
    assert list(found[3]) == ["pkg/"]
    assert offered(fish, ["cdvirtualenv ", "cdsitepackages "], prelude="set -e VIRTUAL_ENV") \
        == [{}, {}]


def test_templates_for_mkproject(fish: ShellHarness, workon_home: Path) -> None:
    templates = workon_home / "templates"
    templates.mkdir()
    (templates / "django").write_text("#!/bin/sh\n# a Django site\n")
    (templates / "django").chmod(0o755)
    [found] = offered(fish, ["mkproject -t "])
    assert found == {"django": "a Django site"}


def test_commands_then_their_own_arguments(environ: dict[str, str],
                                          workon_home: Path) -> None:
    """With fish's own completions loaded (a normal start), `ls --al` completes as ls's."""
    require("fish")
    fake_env(workon_home, "one")
    shim = Path(environ["HOME"]) / "vew.fish"
    shim.write_text(completion_shim())
    code = (f"source {fish_quote(str(shim))}\n"
            "complete -C 'allvirtualenv ls --al'\ncomplete -C 'vew run one -- ls --al'\n"
            "complete -C 'allvirtualenv vew'\n")
    done = subprocess.run(["fish", "-c", code], capture_output=True, text=True, env=environ,
                          check=False)
    values = [line.partition("\t")[0] for line in done.stdout.splitlines()]
    assert values.count("--all") == 2, done
    assert "vewpy-not-there" not in values


def completion_shim() -> str:
    from vew import integration, shells

    return integration.shim(shells.get("fish"))


def test_the_core_answers_what_fish_offers(fish: ShellHarness, environ: dict[str, str],
                                           workon_home: Path) -> None:
    """fish offers what the core's reference completer returns: both read one catalogue."""
    for name in ["one", "other", "two"]:
        fake_env(workon_home, name)
    lines = ["workon ", "workon -", "mkproject --", "mktmpenv -", "vew ", "vew init ",
             "lsvirtualenv -", "add2virtualenv -", "deactivate ", "rmvirtualenv one "]
    found = offered(fish, lines)
    for line, candidates in zip(lines, found, strict=True):
        expected = {c.value for c in completion.complete(line.split(" "), environ)}
        assert set(candidates) == expected, line


HOSTILE = ["my env", "it's", 'say "hi"', "a$b", "back`tick`", "semi;colon", "star*",
           "(paren)", "~tilde", "café", "🐍snake", "c:d", "back\\slash"]


def test_hostile_names_are_offered_whole(fish: ShellHarness, workon_home: Path) -> None:
    for name in HOSTILE:
        fake_env(workon_home, name)
    [found] = offered(fish, ["workon "])
    assert sorted(found) == sorted(HOSTILE)


def _fish_words(line: str) -> list[str]:
    done = subprocess.run(["fish", "--no-config", "-c", 'eval "set -l w $argv[1]"; '
                           "printf '%s\\0' $w", line], capture_output=True, text=True,
                          check=True)
    return done.stdout.split("\0")[:-1]


def test_tab_in_a_real_fish_inserts_a_quoted_word(environ: dict[str, str],
                                                  workon_home: Path) -> None:
    require("fish")
    names = ["my env", "it's", 'say "hi"', "a$b", "back`tick`", "café"]
    for name in names:
        fake_env(workon_home, name)
    terminal = Terminal("fish", environ, Path(environ["HOME"]))
    try:
        for name in names:
            typed = shlex.quote(name[:2]) if "'" not in name[:2] else name[:2].replace("'", "\\'")
            edited = terminal.tab(f"workon {typed}").line
            assert _fish_words(edited) == ["workon", name], (typed, edited)
    finally:
        terminal.close()

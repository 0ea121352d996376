"""bash: the registered completion function, called as bash calls it, and real Tab presses."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

import pytest

from tests.support.completing import Terminal, bash_completions, fake_env
from tests.support.harness import ShellHarness, require
from vew import completion

# Names that only a shell which quotes every candidate gets right.
HOSTILE = ["my env", "it's", 'say "hi"', "a$b", "back`tick`", "semi;colon", "amp&er", "pipe|d",
           "star*", "what?", "[x]", "~tilde", "hash#", "bang!", "per%cent", "(paren)",
           "café", "🐍snake", "colon:ized", "equal=s"]


@pytest.fixture
def bash(environ: dict[str, str]) -> ShellHarness:
    require("bash")
    return ShellHarness("bash", Path(environ["HOME"]), environ)


def test_environment_names_for_every_command_that_takes_one(bash: ShellHarness,
                                                            workon_home: Path) -> None:
    for name in ["one", "two", "other", ".hidden", "building"]:
        fake_env(workon_home, name)
    (workon_home / "building" / ".vew-incomplete").write_text("")
    (workon_home / "not-an-env").mkdir()
    replies = bash_completions(bash, [
        "workon ", "workon o", "workon -n t", "rmvirtualenv ", "rmvirtualenv one o",
        "cpvirtualenv ", "cpvirtualenv one ", "showvirtualenv t", "setvirtualenvproject o",
        "mvvirtualenv ", "mvvirtualenv one ",
    ])
    assert replies == [
        ["one", "other", "two"], ["one", "other"], ["two"], ["one", "other", "two"],
        ["one", "other"], ["one", "other", "two"], [], ["two"], ["one", "other"],
        ["one", "other", "two"], [],
    ]


def test_options_and_their_values(bash: ShellHarness, workon_home: Path, tmp_path: Path) -> None:
    fake_env(workon_home, "env")
    (tmp_path / "project").mkdir()
    (tmp_path / "requirements.txt").write_text("")
    replies = bash_completions(bash, [
        "workon -", "workon --", "lsvirtualenv -", "mkvirtualenv -a ", "mkvirtualenv -r req",
        "mkvirtualenv -i ", "mkvirtualenv --python=", "mktmpenv --", "deactivate ",
        "toggleglobalsitepackages -", "workon -- ",
    ], cwd=tmp_path)
    assert replies[0] == ["-h", "--help", "-c", "--cd", "-n", "--no-cd"]
    assert replies[1] == ["--help", "--cd", "--no-cd"]
    assert replies[2] == ["-b", "-l", "--json", "-h", "--help"]
    assert "project/" in replies[3] and "requirements.txt" not in " ".join(replies[3])
    assert replies[4] == ["requirements.txt"]
    assert replies[5] == []  # a package name: nothing to offer
    assert replies[6] and all(not reply.startswith("--") for reply in replies[6])
    assert replies[7] == ["--cd", "--no-cd", "--python", "--help"]
    assert replies[8] == ["nondestructive"]
    assert replies[9] == ["-q", "-h", "--help"]
    assert replies[10] == ["env"]


def test_python_values_are_commands(bash: ShellHarness, workon_home: Path,
                                    tmp_path: Path) -> None:
    bin_dir = tmp_path / "pythons"
    bin_dir.mkdir()
    for name in ["vewpy3.99", "vewpy3.98", "vewflakes"]:
        (bin_dir / name).write_text("#!/bin/sh\n")
        (bin_dir / name).chmod(0o755)
    replies = bash_completions(bash, ["mkvirtualenv -p vewpy", "mkvirtualenv --python=vewpy",
                                      "allvirtualenv vewpy"],
                               prelude=f"PATH={shlex.quote(str(bin_dir))}:$PATH")
    assert replies[0] == ["vewpy3.98", "vewpy3.99"]
    # Readline replaces only what follows the '=' (a word break for bash).
    assert replies[1] == ["vewpy3.98", "vewpy3.99"]
    assert replies[2] == ["vewpy3.98", "vewpy3.99"]


def test_vew_subcommands_and_options(bash: ShellHarness, workon_home: Path) -> None:
    replies = bash_completions(bash, ["vew ", "vew -", "vew init ", "vew init z", "vew init --s"])
    assert "init" in replies[0]
    assert "--version" in replies[1] and "--help" in replies[1]
    assert replies[2] == ["bash", "zsh", "fish", "powershell"]
    assert replies[3] == ["zsh"]
    assert replies[4] == ["--static"]


def test_directories_of_the_active_environment(bash: ShellHarness, workon_home: Path) -> None:
    env = fake_env(workon_home, "env")
    site = env / "lib" / "python3.11" / "site-packages"
    (site / "pkg" / "sub").mkdir(parents=True)
    (site / "module.py").write_text("")
    (env / ".hidden").mkdir()
    (env / "pyvenv.cfg").write_text("home = /usr/bin\n")
    replies = bash_completions(bash, [
        "cdvirtualenv ", "cdvirtualenv l", "cdvirtualenv lib/", "cdvirtualenv .",
        "cdsitepackages ", "cdsitepackages pkg/",
    ], prelude=f"VIRTUAL_ENV={shlex.quote(str(env))}")
    assert replies[0] == ["bin/", "lib/"]
    assert replies[1] == ["lib/"]
    assert replies[2] == ["lib/python3.11/"]
    assert replies[3] == [".hidden/"]
    assert replies[4] == ["pkg/"]
    assert replies[5] == ["pkg/sub/"]


def test_nothing_for_directories_when_no_environment_is_active(bash: ShellHarness,
                                                               workon_home: Path) -> None:
    replies = bash_completions(bash, ["cdvirtualenv ", "cdsitepackages "],
                               prelude="unset VIRTUAL_ENV")
    assert replies == [[], []]


def test_templates_for_mkproject(bash: ShellHarness, workon_home: Path) -> None:
    templates = workon_home / "templates"
    templates.mkdir()
    for name in ["django", "flask", "dull"]:
        (templates / name).write_text("#!/bin/sh\n# a template\n")
        (templates / name).chmod(0o755)
    (templates / "dull").chmod(0o644)  # not executable: not a template
    replies = bash_completions(bash, ["mkproject -t ", "mkproject -t f", "mkproject -f -t d"])
    assert replies == [["django", "flask"], ["flask"], ["django"]]


def test_allvirtualenv_completes_a_command_then_its_arguments(bash: ShellHarness,
                                                              workon_home: Path,
                                                              tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("")
    replies = bash_completions(bash, ["allvirtualenv pytho", "allvirtualenv ls no"],
                               cwd=tmp_path)
    assert "python3" in replies[0] or "python" in replies[0]
    assert replies[1] == ["notes.txt"]


def _shell_words(line: str) -> list[str]:
    """How bash itself splits ``line`` into words."""
    done = subprocess.run(["bash", "--norc", "-c", 'eval "set -- $1"; printf "%s\\0" "$@"',
                           "bash", line], capture_output=True, text=True, check=True)
    return done.stdout.split("\0")[:-1]


def _typed(name: str, style: str) -> str:
    """The start of ``name`` up to its first special character, typed in a quoting style."""
    end = next((i + 1 for i, char in enumerate(name) if not char.isalnum()), 2)
    prefix = name[:end]
    if style == "single":
        return "'" + prefix.replace("'", "'\\''")
    if style == "double":
        return '"' + "".join("\\" + c if c in '\\"$`' else c for c in prefix)
    return "".join(c if c.isalnum() else "\\" + c for c in prefix)


@pytest.mark.parametrize("style", ["plain", "single", "double"])
@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_complete_to_one_correctly_quoted_word(bash: ShellHarness,
                                                             workon_home: Path,
                                                             name: str, style: str) -> None:
    fake_env(workon_home, name)
    fake_env(workon_home, "zzz")
    typed = _typed(name, style)
    [reply] = bash_completions(bash, [f"workon {typed}"])
    assert len(reply) == 1, reply
    # Readline puts the candidate in place of the text after an open quote or a word break,
    # and closes an open quote unless the candidate ends with that quote character.
    start = _readline_start(typed)
    quote = typed[start - 1] if style != "plain" else ""
    closing = quote if quote and not reply[0].endswith(quote) else ""
    assert _shell_words(f"workon {typed[:start]}{reply[0]}{closing}") == ["workon", name]


def _readline_start(typed: str) -> int:
    """Where readline's text starts in ``typed``: after an open quote, else after a break."""
    quote, start, index = "", 0, 0
    while index < len(typed):
        char = typed[index]
        if quote == "'":
            quote = "" if char == "'" else quote
        elif quote == '"':
            if char == "\\":
                index += 1
            elif char == '"':
                quote = ""
        elif char == "\\":
            index += 1
        elif char in "'\"":
            quote, start = char, index + 1
        elif char in "=:><;|&(":
            start = index + 1
        index += 1
    return start


def test_tab_in_a_real_bash_inserts_a_quoted_word(environ: dict[str, str],
                                                  workon_home: Path) -> None:
    """Readline's own insertion: unquoted, in single and in double quotes, after a word break."""
    require("bash")
    names = ["my env", "it's", 'say "hi"', "a$b", "back`tick`", "amp&er", "café", "colon:ized"]
    for name in names:
        fake_env(workon_home, name)
    terminal = Terminal("bash", environ, Path(environ["HOME"]))
    try:
        for name in names:
            for style in ["plain", "single", "double"]:
                typed = "workon " + _typed(name, style)
                edited = terminal.tab(typed).line
                assert _shell_words(edited) == ["workon", name], (typed, edited)
                assert edited.endswith(" ")
    finally:
        terminal.close()


def test_tab_in_a_real_bash_leaves_no_space_after_a_directory(environ: dict[str, str],
                                                              workon_home: Path) -> None:
    require("bash")
    env = fake_env(workon_home, "env")
    (env / "lib" / "python3.11").mkdir(parents=True)
    terminal = Terminal("bash", environ, Path(environ["HOME"]),
                        setup=f"{{vew}}\nexport VIRTUAL_ENV={shlex.quote(str(env))}")
    try:
        assert terminal.tab("cdvirtualenv li").line == "cdvirtualenv lib/"
        assert terminal.tab("cdvirtualenv lib/").line == "cdvirtualenv lib/python3.11/"
    finally:
        terminal.close()


def test_works_under_the_users_strict_options(bash: ShellHarness, workon_home: Path) -> None:
    fake_env(workon_home, "one")
    fake_env(workon_home, "two")
    replies = bash_completions(bash, ["workon ", "cdvirtualenv ", "workon x"],
                               prelude="set -euf -o pipefail; shopt -s failglob nullglob dotglob"
                                       "; IFS=:")
    assert replies == [["one", "two"], [], []]


# Lines whose candidates need no quoting: bash must offer exactly what the core's reference
# completer (the one PowerShell uses) returns, both being rendered from the one catalogue.
SAME_AS_CORE = ["workon ", "workon -", "workon -c o", "rmvirtualenv one ", "cpvirtualenv o",
                "showvirtualenv ", "setvirtualenvproject one ", "mkvirtualenv -", "mkproject -",
                "mkproject --", "mktmpenv -", "mkvirtualenv -a ", "mkvirtualenv -i ",
                "lsvirtualenv -", "toggleglobalsitepackages -", "add2virtualenv -",
                "add2virtualenv -d ", "deactivate ", "cdproject ", "wipeenv ", "vew ", "vew -",
                "vew init ", "vew init -", "lssitepackages ", "mkproject -t ", "workon -- "]


def test_bash_offers_what_the_core_would(bash: ShellHarness, environ: dict[str, str],
                                         workon_home: Path, tmp_path: Path) -> None:
    for name in ["one", "other", "two"]:
        fake_env(workon_home, name)
    here = tmp_path / "here"
    (here / "src").mkdir(parents=True)
    (here / "setup.cfg").write_text("")
    (workon_home / "templates").mkdir()
    (workon_home / "templates" / "basic").write_text("#!/bin/sh\n")
    (workon_home / "templates" / "basic").chmod(0o755)
    replies = bash_completions(bash, SAME_AS_CORE, cwd=here)
    for line, reply in zip(SAME_AS_CORE, replies, strict=True):
        expected = [c.value for c in completion.complete(line.split(" "), environ, here)]
        assert sorted(reply) == sorted(expected), line


def test_command_arguments_are_handed_to_bash_completion(bash: ShellHarness,
                                                        workon_home: Path) -> None:
    """With bash-completion loaded, the arguments of the command run complete as its own."""
    fake_env(workon_home, "one")
    replies = bash_completions(bash, ["allvirtualenv ls --al", "vew run one -- ls -"],
                               prelude='_comp_command_offset() { COMPREPLY=("offset:$1"); }')
    assert replies == [["offset:1"], ["offset:4"]]

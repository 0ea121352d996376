"""PowerShell: the registration, read with the PowerShell grammar, and what the core answers it.

No PowerShell runs here (see tests/support/pwsh_grammar.py); the completer is thin, so what
matters is that it is registered for every command, hands the core the right words, and that
every word the core tells it to insert reads, in PowerShell, as exactly the value offered.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import tree_sitter

from tests.support import pwsh_grammar as pwsh
from tests.support.completing import fake_env
from vew import catalogue, integration, shells

DIALECT = shells.get("powershell")

HOSTILE = ["my env", "it's", "it\u2019s", 'say "hi"', "a$b", "back`tick`", "semi;colon",
           "amp&er", "pipe|d", "(paren)", "{brace}", "@at", "#hash", "comma,s", "café",
           "🐍snake", "1kb", "0x10", "plain", "dotted.name-1"]


def _shim() -> str:
    return integration.shim(DIALECT)


def _strings(node: tree_sitter.Node) -> list[str]:
    """The values of every verbatim string under ``node``, in order."""
    if node.type == "string_literal" and node.children[0].type == "verbatim_string_characters":
        return [pwsh.verbatim_value((node.text or b"").decode("utf-8"))]
    return [value for child in node.children for value in _strings(child)]


def _command_nodes(node: tree_sitter.Node, name: str) -> list[tree_sitter.Node]:
    found = []
    names = [child.text for child in node.children if child.type == "command_name"]
    if node.type == "command" and names == [name.encode()]:
        found.append(node)
    for child in node.children:
        found += _command_nodes(child, name)
    return found


def test_every_command_has_a_native_completer() -> None:
    code = _shim()
    assert pwsh.syntax_errors(code) == []
    register_name = "Microsoft.PowerShell.Core\\Register-ArgumentCompleter"
    [register] = _command_nodes(pwsh.parse(code), register_name)
    text = (register.text or b"").decode("utf-8")
    assert " -Native " in text
    assert _strings(register) == [command.name for command in catalogue.every_command()]
    # The script block hands PowerShell's three arguments to _vew_complete.
    assert pwsh.commands(text)[-1] == pwsh.Command("_vew_complete",
                                                   (pwsh.Word("variable", "@args"),))


def test_the_completer_hands_the_words_to_the_lean_core() -> None:
    code = _shim()
    start = code.index("function global:_vew_complete {")
    body = code[start:code.index("\n}\n", start)]
    assert DIALECT.prologue in body
    calls = [c for c in pwsh.commands(body) if c.name == "_vew_core"]
    assert calls == [pwsh.Command("_vew_core", (
        pwsh.Word("other", "__complete"), pwsh.Word("other", "words"),
        pwsh.Word("other", "powershell"), pwsh.Word("variable", "@_vew_spec"),
        pwsh.Word("variable", "@_vew_words"), pwsh.Word("variable", "$_vew_current")))]


def test_vews_own_spec_is_rendered_into_the_shim() -> None:
    code = _shim()
    start = code.index("$_vew_spec = @('--spec'; ")
    line = code[start:code.index("\n", start)]
    [flag, spec] = _strings(pwsh.parse(line))
    assert flag == "--spec"
    assert catalogue.from_json(spec) == catalogue.vew_command()


def _core(*args: str, environ: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-E", "-m", "vew", "__complete", "words", "powershell",
                           *args], capture_output=True, env=environ, check=False)


def _answers(*args: str, environ: dict[str, str]) -> list[tuple[str, str, str]]:
    done = _core(*args, environ=environ)
    assert done.returncode == 0, done.stderr
    return [tuple(line.split("\t")) for line in done.stdout.decode("utf-8").splitlines()]  # type: ignore[misc]


def _argument(word: str) -> str:
    """What PowerShell passes for ``word`` when it follows a command name."""
    code = f"workon {word}\n"
    assert pwsh.syntax_errors(code) == [], word
    [command] = pwsh.commands(code)
    [argument] = command.words
    return argument.text


def test_names_are_inserted_as_one_word_holding_the_name(environ: dict[str, str],
                                                        workon_home: Path) -> None:
    for name in HOSTILE:
        fake_env(workon_home, name)
    answers = _answers("workon", "", environ=environ)
    assert sorted(value for _, value, _ in answers) == sorted(HOSTILE)
    for insert, value, _ in answers:
        assert _argument(insert) == value, insert
        bare = insert == value
        # Bare only where PowerShell reads a bare word as that very string.
        assert bare == (value in {"plain", "dotted.name-1", "café"}), insert


def test_options_come_with_their_description(environ: dict[str, str]) -> None:
    answers = _answers("workon", "--", environ=environ)
    assert answers == [("--help", "--help", "show this help"),
                       ("--cd", "--cd", "change to the project directory (the default)"),
                       ("--no-cd", "--no-cd", "stay in the current directory")]
    mk = dict((value, description) for _, value, description in
              _answers("mkvirtualenv", "-", environ=environ))
    assert mk["-r"] == "install a requirements file once created"


def test_values_of_options_and_later_arguments(environ: dict[str, str], workon_home: Path,
                                              tmp_path: Path) -> None:
    fake_env(workon_home, "one")
    fake_env(workon_home, "two")
    assert [v for _, v, _ in _answers("rmvirtualenv", "one", "", environ=environ)] == ["one", "two"]
    assert [v for _, v, _ in _answers("workon", "-c", "t", environ=environ)] == ["two"]
    assert [v for _, v, _ in _answers("deactivate", "", environ=environ)] == ["nondestructive"]
    env = fake_env(workon_home, "with lib")
    (env / "lib" / "python3.12" / "site-packages" / "my pkg").mkdir(parents=True)
    active = dict(environ, VIRTUAL_ENV=str(env))
    assert _answers("cdsitepackages", "", environ=active) == [("'my pkg/'", "my pkg/", "")]


def test_vew_completes_from_the_spec_without_its_framework(environ: dict[str, str],
                                                           workon_home: Path) -> None:
    fake_env(workon_home, "one")
    spec = catalogue.to_json(catalogue.vew_command())
    assert [v for _, v, _ in _answers("--spec", spec, "vew", "init", "", environ=environ)] == \
        list(shells.NAMES)
    subcommands = {v: d for _, v, d in _answers("--spec", spec, "vew", "", environ=environ)}
    assert subcommands["init"].startswith("Print the shell integration")
    assert [v for _, v, _ in _answers("--spec", spec, "vew", "run", "", environ=environ)] == ["one"]
    code = ("import sys; from vew.__main__ import main; main(sys.argv[1:]); "
            "print(sorted(m for m in ('typer', 'click', 'rich') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-E", "-c", code, "__complete", "words", "powershell",
                           "--spec", spec, "vew", ""], capture_output=True, text=True,
                          env=environ, check=False)
    assert done.stdout.splitlines()[-1] == "[]"


def test_unknown_shell_or_missing_words_is_a_usage_error(environ: dict[str, str]) -> None:
    assert _core("workon", environ=environ).returncode == 2
    done = subprocess.run([sys.executable, "-E", "-m", "vew", "__complete", "words", "tcsh",
                           "workon", ""], capture_output=True, env=environ, check=False)
    assert done.returncode == 2


@pytest.mark.parametrize("value", ["-c", "--no-cd", "python3.11", "lib/", "C:\\x", "a=b"])
def test_safe_words_stay_bare(value: str) -> None:
    assert DIALECT.word(value) == value

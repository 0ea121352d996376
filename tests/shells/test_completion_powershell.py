"""PowerShell: what TabExpansion2 (what Tab calls) offers in a real pwsh, and what the text it
inserts means once the line runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.completing import fake_env
from tests.support.harness import LANGUAGES, ShellHarness, require
from vew import completion, shells

DIALECT = shells.get("powershell")
UNIT = "\x1f"
QUOTE = LANGUAGES["pwsh"].quote

HOSTILE = ["my env", "it's", "it\u2019s", 'say "hi"', "a$b", "back`tick`", "semi;colon",
           "amp&er", "pipe|d", "(paren)", "{brace}", "@at", "#hash", "comma,s", "caf\u00e9",
           "\U0001f40dsnake", "1kb", "0x10", "plain", "dotted.name-1", "star*", "~tilde",
           "--%"]


@pytest.fixture
def pwsh(environ: dict[str, str]) -> ShellHarness:
    require("pwsh")
    return ShellHarness("pwsh", Path(environ["HOME"]), environ)


def completions(sh: ShellHarness, lines: list[str], *, prelude: str = "",
                cwd: Path | None = None) -> list[list[tuple[str, str, str]]]:
    """For each line, with the cursor at its end: every match TabExpansion2 returns, as
    (text inserted, text listed, tooltip)."""
    script = sh.script()
    indexes = [script.raw(
        f"$__line = {QUOTE(line)}\n"
        "$__found = TabExpansion2 -inputScript $__line -cursorColumn $__line.Length\n"
        "foreach ($__match in $__found.CompletionMatches) {\n"
        "    [Console]::Out.Write($__match.CompletionText + \"`t\" + $__match.ListItemText +"
        " \"`t\" + $__match.ToolTip + \"`u{1f}\")\n"
        "}") for line in lines]
    run = sh.run(script, prelude=prelude, cwd=cwd)
    assert len(run) == len(lines), (run.stdout, run.stderr)
    found = []
    for index in indexes:
        assert run[index].status == 0, run[index]
        found.append([tuple(entry.split("\t", 2))  # type: ignore[misc]
                      for entry in run[index].stdout.split(UNIT)[:-1]])
    return found


def listed(sh: ShellHarness, lines: list[str], **kwargs: object) -> list[list[str]]:
    return [[item for _, item, _ in found]
            for found in completions(sh, lines, **kwargs)]  # type: ignore[arg-type]


def test_environment_names_for_every_command_that_takes_one(pwsh: ShellHarness,
                                                            workon_home: Path,
                                                            tmp_path: Path) -> None:
    for name in ["one", "other", "two", ".hidden", "building"]:
        fake_env(workon_home, name)
    (workon_home / "building" / ".vew-incomplete").write_text("")
    (workon_home / "not-an-env").mkdir()
    empty = tmp_path / "empty"
    empty.mkdir()
    found = listed(pwsh, ["workon ", "workon o", "workon -n t", "rmvirtualenv one o",
                          "cpvirtualenv ", "cpvirtualenv one ", "showvirtualenv t",
                          "setvirtualenvproject o", "vew run o", "vew link "], cwd=empty)
    assert [sorted(f) for f in found] == [
        ["one", "other", "two"], ["one", "other"], ["two"], ["one", "other"],
        ["one", "other", "two"], [], ["two"], ["one", "other"], ["one", "other"],
        ["one", "other", "two"],
    ]


def test_options_with_their_description_as_tooltip(pwsh: ShellHarness,
                                                   workon_home: Path) -> None:
    workon, lsvirtualenv = completions(pwsh, ["workon -", "lsvirtualenv -"])
    assert {item: tip for _, item, tip in workon} == {
        "-c": "change to the project directory (the default)",
        "--cd": "change to the project directory (the default)",
        "-n": "stay in the current directory",
        "--no-cd": "stay in the current directory",
        "-h": "show this help", "--help": "show this help"}
    assert {item for _, item, _ in lsvirtualenv} == {"-b", "-l", "-h", "--help", "--json"}


def test_option_values(pwsh: ShellHarness, workon_home: Path, tmp_path: Path) -> None:
    here = tmp_path / "here"
    (here / "my project").mkdir(parents=True)
    (here / "requirements.txt").write_text("")
    bin_dir = tmp_path / "pythons"
    bin_dir.mkdir()
    (bin_dir / "vewpy3.99").write_text("#!/bin/sh\n")
    (bin_dir / "vewpy3.99").chmod(0o755)
    found = completions(pwsh, ["mkvirtualenv -a ", "mkvirtualenv -r req",
                               "mkvirtualenv -p vewpy", "mkvirtualenv --python=vewpy",
                               "deactivate ", "mktmpenv -c -"],
                        prelude=f"$env:PATH = {QUOTE(str(bin_dir))} + ':' + $env:PATH",
                        cwd=here)
    assert found[0] == [("'my project/'", "my project/", "my project/")]
    assert [item for _, item, _ in found[1]] == ["requirements.txt"]
    assert [item for _, item, _ in found[2]] == ["vewpy3.99"]
    assert [item for _, item, _ in found[3]] == ["--python=vewpy3.99"]
    assert [item for _, item, _ in found[4]] == ["nondestructive"]
    assert "--no-cd" in [item for _, item, _ in found[5]]


def test_vew_subcommands_and_options(pwsh: ShellHarness, workon_home: Path) -> None:
    top, shell_names, own = completions(pwsh, ["vew ", "vew init ", "vew --"])
    assert {item: tip for _, item, tip in top}["init"].startswith("Print the shell integration")
    assert sorted(item for _, item, _ in shell_names) == ["bash", "fish", "powershell", "zsh"]
    assert {"--version", "--help"} <= {item for _, item, _ in own}


def test_directories_of_the_active_environment(pwsh: ShellHarness, workon_home: Path) -> None:
    env = fake_env(workon_home, "env")
    (env / "lib" / "python3.11" / "site-packages" / "my pkg").mkdir(parents=True)
    found = listed(pwsh, ["cdvirtualenv ", "cdvirtualenv lib/", "cdsitepackages "],
                   prelude=f"$env:VIRTUAL_ENV = {QUOTE(str(env))}")
    assert found == [["bin/", "lib/"], ["lib/python3.11/"], ["my pkg/"]]


def test_where_vew_has_nothing_powershell_offers_files(pwsh: ShellHarness, workon_home: Path,
                                                       tmp_path: Path) -> None:
    """As for any program whose completer answers nothing (here: no environment active)."""
    here = tmp_path / "here"
    here.mkdir()
    (here / "a file").write_text("")
    found = listed(pwsh, ["cdvirtualenv ", "cdsitepackages "], cwd=here)
    assert found == [["a file"]] * 2


def test_templates_for_mkproject(pwsh: ShellHarness, workon_home: Path) -> None:
    templates = workon_home / "templates"
    templates.mkdir()
    (templates / "django").write_text("#!/bin/sh\n# a Django site\n")
    (templates / "django").chmod(0o755)
    assert completions(pwsh, ["mkproject -t "]) == [[("django", "django", "a Django site")]]


def test_powershell_offers_what_the_core_answers(pwsh: ShellHarness, environ: dict[str, str],
                                                 workon_home: Path) -> None:
    """Both read one catalogue: PowerShell lists what the core's reference completer returns."""
    for name in ["one", "other", "two"]:
        fake_env(workon_home, name)
    lines = ["workon ", "workon -", "mkproject --", "mktmpenv -", "vew ", "vew init ",
             "lsvirtualenv -", "add2virtualenv -", "deactivate ", "rmvirtualenv one "]
    for line, found in zip(lines, listed(pwsh, lines), strict=True):
        expected = {c.value for c in completion.complete(line.split(" "), environ)}
        assert set(found) == expected, line


def test_a_hostile_name_is_inserted_as_one_word_holding_it(pwsh: ShellHarness,
                                                           workon_home: Path) -> None:
    """Each inserted text, run as the rest of the line, reaches the command as the name."""
    for name in HOSTILE:
        fake_env(workon_home, name)
    [found] = completions(pwsh, ["workon "])
    assert sorted(item for _, item, _ in found) == sorted(HOSTILE)
    script = pwsh.script()
    script.raw("function global:vew_test_args { foreach ($__a in $args) { "
               "[Console]::Out.Write('<' + $__a + '>') } }")
    shown = [(item, script.raw(f"vew_test_args {inserted}")) for inserted, item, _ in found]
    run = pwsh.run(script)
    for item, index in shown:
        assert run[index].stdout == f"<{item}>", (item, run[index])
    # Bare only where PowerShell reads the bare word as that very string.
    bare = {item for inserted, item, _ in found if inserted == item}
    assert bare == {"plain", "dotted.name-1", "caf\u00e9"}


def test_a_started_quote_is_completed(pwsh: ShellHarness, workon_home: Path) -> None:
    for name in ["it's here", "my env"]:
        fake_env(workon_home, name)
    found = completions(pwsh, ["workon 'it''", "workon \"my", "workon \u2018my"])
    assert found[0] == [("'it''s here'", "it's here", "it's here")]
    assert [item for _, item, _ in found[1]] == ["my env"]
    assert [item for _, item, _ in found[2]] == ["my env"]


def test_completion_keeps_the_status_and_survives_strict_mode(pwsh: ShellHarness,
                                                              workon_home: Path) -> None:
    fake_env(workon_home, "one")
    script = pwsh.script()
    script.raw("Set-StrictMode -Version Latest; $ErrorActionPreference = 'Stop'; "
               "$PSNativeCommandUseErrorActionPreference = $true")
    script.raw("$global:LASTEXITCODE = 7; "
               "$__found = TabExpansion2 -inputScript 'workon o' -cursorColumn 8; "
               "[Console]::Out.Write($__found.CompletionMatches[0].CompletionText + ' ' + "
               "$global:LASTEXITCODE)")
    run = pwsh.run(script)
    assert run[1].stdout == "one 7"
    assert run[1].stderr == ""


def test_unknown_shell_or_missing_words_is_a_usage_error(environ: dict[str, str]) -> None:
    base = [sys.executable, "-E", "-m", "vew", "__complete", "words"]
    assert subprocess.run([*base, "powershell", "workon"], capture_output=True, env=environ,
                          check=False).returncode == 2
    assert subprocess.run([*base, "tcsh", "workon", ""], capture_output=True, env=environ,
                          check=False).returncode == 2


@pytest.mark.parametrize("value", ["-c", "--no-cd", "python3.11", "lib/", "C:\\x", "a=b"])
def test_safe_words_stay_bare(value: str) -> None:
    assert DIALECT.word(value) == value

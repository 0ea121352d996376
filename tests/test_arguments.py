"""Reading a command's line (vew.arguments): the catalogue's options, virtualenv's options handed
on, -h before anything is done, one line per mistake; in-process, then in every real shell."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.support.harness import ShellHarness
from vew import (
    arguments,
    callback,
    catalogue,
    commands,
    creator,
    hooks,
    integration,
    settings,
    shells,
)
from vew.arguments import Given
from vew.errors import UsageError

if TYPE_CHECKING:
    from vew.arguments import CreatorOptions

MKVIRTUALENV = catalogue.BY_NAME["mkvirtualenv"]
# Every command whose shell function hands its line to the core.
CORE_COMMANDS = sorted(commands.COMMANDS)


@pytest.fixture(scope="module")
def virtualenvs_options() -> CreatorOptions:
    """The table read from this virtualenv's own parser."""
    table = creator.option_table(settings.load({"HOME": "/nonexistent", "PATH": ""}))
    assert table is not None
    return table


def parse(name: str, *args: str, creator_options: CreatorOptions = None) -> Given:
    return arguments.parse(catalogue.BY_NAME[name], args, lambda: creator_options)


def mistake(name: str, *args: str, creator_options: CreatorOptions = None) -> UsageError:
    with pytest.raises(UsageError) as raised:
        parse(name, *args, creator_options=creator_options)
    assert "\n" not in str(raised.value)
    return raised.value


def test_virtualenvs_options_are_read_from_its_parser(virtualenvs_options: CreatorOptions
                                                      ) -> None:
    assert virtualenvs_options is not None
    assert virtualenvs_options["--system-site-packages"] == 0
    assert virtualenvs_options["--prompt"] == 1
    assert virtualenvs_options["-v"] == 0


def test_a_configured_creator_has_options_vew_cannot_know() -> None:
    current = settings.load({"HOME": "/nonexistent", "PATH": "",
                             "VIRTUALENVWRAPPER_VIRTUALENV": "uv venv"})
    assert creator.option_table(current) is None


def test_wrapper_options_anywhere_and_virtualenvs_handed_on(
        virtualenvs_options: CreatorOptions) -> None:
    given = parse("mkvirtualenv", "-i", "one", "--prompt", "shown", "newx",
                  "--system-site-packages", "-a", "/p", "-i", "two", "-vv", "--python=3.12",
                  creator_options=virtualenvs_options)
    assert given.args == ["newx"]
    assert given.values("-i") == ["one", "two"]
    assert given.value("-a") == "/p"
    assert given.value("--python") == given.value("-p") == "3.12"
    assert given.creator == ["--prompt", "shown", "--system-site-packages", "-vv"]


@pytest.mark.parametrize("word", ["--pyton", "--python-version", "--pythonx", "--pyth", "-x"])
def test_an_option_that_only_looks_like_one_is_refused(
        word: str, virtualenvs_options: CreatorOptions) -> None:
    error = mistake("mkvirtualenv", word, "3.12", "newx", creator_options=virtualenvs_options)
    assert error.status == 2
    assert str(error) == (f"mkvirtualenv: unknown option '{word}': neither mkvirtualenv's nor "
                          "virtualenv's (mkvirtualenv -h lists both)")


def test_virtualenvs_options_are_only_looked_up_when_one_is_given() -> None:
    def never() -> CreatorOptions:
        raise AssertionError("virtualenv's parser was built for nothing")

    given = arguments.parse(MKVIRTUALENV, ["-p", "3.12", "-a", "/p", "newx"], never)
    assert (given.args, given.creator) == (["newx"], [])


def test_a_creator_vew_cannot_read_takes_the_name_last() -> None:
    given = parse("mkvirtualenv", "--seed", "pip", "-a", "/p", "newx")
    assert (given.args, given.creator, given.value("-a")) == (["newx"], ["--seed", "pip"], "/p")
    error = mistake("mkvirtualenv", "newx", "--seed")
    assert "'--seed' cannot come last" in str(error)
    assert "must come last" in str(error)
    given = parse("mktmpenv", "--seed", "pip")
    assert (given.args, given.creator) == ([], ["--seed", "pip"])


def test_mistakes_name_what_is_wrong(virtualenvs_options: CreatorOptions) -> None:
    assert str(mistake("mkvirtualenv")) == \
        "mkvirtualenv: no new environment name given (mkvirtualenv -h shows the usage)"
    assert str(mistake("mkvirtualenv", "newx", "-a")) == \
        "mkvirtualenv: option -a needs a value (project directory)"
    assert str(mistake("mkvirtualenv", "a", "b", creator_options=virtualenvs_options)) == \
        "mkvirtualenv: unexpected argument 'b'"
    assert str(mistake("mkvirtualenv", "newx", "--prompt", creator_options=virtualenvs_options)
               ) == "mkvirtualenv: option --prompt needs a value"
    assert str(mistake("mkproject", "--force=yes", "p")) == \
        "mkproject: option --force takes no value"
    assert str(mistake("rmvirtualenv", "--all")) == \
        "rmvirtualenv: unknown option '--all' (rmvirtualenv -h lists its options)"
    assert mistake("lsvirtualenv", "-x").status == 1  # virtualenvwrapper's status
    assert str(mistake("mktmpenv", "myname")) == "mktmpenv: unexpected argument 'myname'"


def test_a_hostile_word_cannot_break_the_line_or_reach_the_terminal(
        virtualenvs_options: CreatorOptions) -> None:
    hostile = "-\x1b]52;c;ZXZpbA==\x07\x85x"
    for error in (mistake("rmvirtualenv", hostile),
                  mistake("mkvirtualenv", hostile, "newx", creator_options=virtualenvs_options),
                  mistake("lsvirtualenv", "\u2028x")):
        assert str(error).isprintable(), str(error)


def test_help_and_listing_end_the_line_before_anything_is_checked(
        virtualenvs_options: CreatorOptions) -> None:
    assert parse("mkvirtualenv", "--pyton", "-h", creator_options=virtualenvs_options).help
    assert parse("mkvirtualenv", "-h", "--pyton").help
    assert parse("mkvirtualenv", "newx", "--help").help
    listing = parse("mkproject", "-l", "-t")
    assert listing.flag("-l") and not listing.help


@pytest.mark.parametrize("name", [c.name for c in catalogue.COMMANDS if c.name != "deactivate"])
def test_h_as_the_first_option_is_help_for_every_command(name: str) -> None:
    assert parse(name, "-h").help
    assert parse(name, "--help", "more").help


def test_options_stop_at_the_first_argument_unless_the_command_takes_them_anywhere() -> None:
    assert parse("rmvirtualenv", "a", "-h").args == ["a", "-h"]
    assert parse("allvirtualenv", "pip", "-h").args == ["pip", "-h"]
    assert parse("add2virtualenv", "dir", "-d").args == ["dir", "-d"]
    assert parse("add2virtualenv", "-d", "dir").flag("-d")
    assert parse("add2virtualenv", "--", "-h").args == ["-h"]
    assert parse("showvirtualenv", "env", "--json").flag("--json")
    assert parse("lssitepackages", "-l", "-h").args == ["-l", "-h"]


def test_joined_short_flags_and_the_last_of_two() -> None:
    given = parse("lsvirtualenv", "-lb")
    assert given.last("-b", "-l") == "-b"
    assert parse("mktmpenv", "-c", "-n").last("-c", "-n") == "-n"
    assert parse("mktmpenv", "-n", "--cd").last("-c", "-n") == "-c"


def test_the_help_is_the_catalogues() -> None:
    for command in catalogue.COMMANDS:
        text = arguments.help_text(command)
        assert text.startswith(f"Usage: {command.name}")
        for option in command.options:
            for flag in option.flags:
                assert flag in text, (command.name, flag)
        assert all(len(line) <= 95 for line in text.splitlines()), command.name


@pytest.mark.parametrize("name", CORE_COMMANDS)
def test_every_core_command_shows_its_help_and_does_nothing_else(
        name: str, environ: dict[str, str], workon_home: Path,
        monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> None:
    for key, value in environ.items():
        monkeypatch.setenv(key, value)
    emit = workon_home.parent / "emit"
    hooks.ensure_global_stubs(workon_home, environ)
    before = snapshot(workon_home)
    status = callback.main(["bash", str(emit), name, "-h"])
    out, err = capfd.readouterr()
    assert (status, err) == (0, "")
    assert out.startswith(f"Usage: {name} ")
    for option in catalogue.BY_NAME[name].options:
        for flag in option.flags:
            assert flag in out, flag
    assert not emit.exists() or emit.read_text() == ""
    assert snapshot(workon_home) == before


def snapshot(directory: Path) -> dict[str, bytes | None]:
    """Every entry below ``directory`` and the content of each file."""
    return {str(path.relative_to(directory)): path.read_bytes() if path.is_file() else None
            for path in sorted(directory.rglob("*")) if "__pycache__" not in path.parts}


# --- in the shells ------------------------------------------------------------------------------


def test_h_first_shows_help_and_acts_on_nothing_in_every_shell(
        sh: ShellHarness, make_env: Callable[..., Path], workon_home: Path,
        tmp_path: Path) -> None:
    env = make_env("active")
    (env / ".project").write_text(f"{tmp_path}\n")
    hooks.ensure_global_stubs(workon_home, sh.environ)
    hooks.create_local_stubs(env / "bin", sh.environ)
    script = sh.script()
    script.call("workon", "-n", "active")
    script.call("cd", str(tmp_path))
    before = snapshot(workon_home)
    shown = {name: script.call(name, "-h") for name in CORE_COMMANDS}
    shown["workon --help"] = script.call("workon", "--help")
    shown["lsvirtualenv --help"] = script.call("lsvirtualenv", "--help")
    active = script.var("VIRTUAL_ENV")
    where = script.pwd()
    run = sh.run(script)

    for name, index in shown.items():
        command = name.split()[0]
        assert run[index].status == 0, (name, run[index])
        assert run[index].stdout.startswith(f"Usage: {command} "), (name, run[index])
        assert run[index].stderr == "", (name, run[index])
    assert run[active].stdout == str(env)
    assert run[where].stdout == str(tmp_path)
    assert snapshot(workon_home) == before
    assert sorted(p.name for p in workon_home.iterdir() if p.is_dir()) == ["active"]


def test_h_after_a_command_to_run_is_that_commands(sh: ShellHarness,
                                                   make_env: Callable[..., Path]) -> None:
    make_env("one")
    result = sh("allvirtualenv", "printf", "[%s]\\n", "-h")
    assert result.status == 0, result
    assert result.stdout == "one\n===\n[-h]\n\n"


def test_an_unknown_option_is_one_line_and_creates_nothing(
        sh: ShellHarness, workon_home: Path) -> None:
    script = sh.script()
    typo = script.call("mkvirtualenv", "--pyton", "3.12", "newx")
    prefix = script.call("mkvirtualenv", "--python-version", "3.12", "newx")
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script)
    for index, word in ((typo, "--pyton"), (prefix, "--python-version")):
        assert run[index].status == 2
        assert run[index].stdout == ""
        assert run[index].stderr == (
            f"ERROR: mkvirtualenv: unknown option '{word}': neither mkvirtualenv's nor "
            "virtualenv's (mkvirtualenv -h lists both)\n")
    assert run[active].stdout == "<unset>"
    assert not [p for p in workon_home.iterdir() if p.is_dir()]


def test_virtualenv_options_after_the_name_are_virtualenvs(
        sh: ShellHarness, workon_home: Path) -> None:
    script = sh.script()
    made = script.call("mkvirtualenv", "newx", "--system-site-packages", "--prompt", "shown")
    prompt = script.var("VIRTUAL_ENV_PROMPT")
    run = sh.run(script)
    assert run[made].status == 0, run[made]
    cfg = (workon_home / "newx" / "pyvenv.cfg").read_text()
    assert "include-system-site-packages = true" in cfg
    assert run[prompt].stdout == "shown"


def test_help_read_in_part_ends_quietly(environ: dict[str, str], tmp_path: Path) -> None:
    """`mkvirtualenv -h | head -1`: the reader goes away, the core says nothing more."""
    shim = tmp_path / "vew.bash"
    shim.write_text(integration.shim(shells.get("bash"), str(shim)), encoding="utf-8")
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c",
         f'. {shim}; mkvirtualenv -h | head -1; mkvirtualenv -h | true; echo "${{PIPESTATUS[0]}}"'],
        capture_output=True, text=True, env=environ, check=False)
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Usage: mkvirtualenv")
    assert lines[1:] == ["0"]


def test_h_first_in_powershell(environ: dict[str, str], workon_home: Path,
                               tmp_path: Path) -> None:
    pwsh = shutil.which("pwsh", path=os.pathsep.join(
        [os.path.expanduser("~/.dotnet/tools"), environ["PATH"]]))
    if pwsh is None:
        pytest.fail("pwsh is not installed; .ci/run installs it")
    shim = tmp_path / "vew.ps1"
    shim.write_text(integration.shim(shells.get("powershell"), str(shim)), encoding="utf-8")
    lines = [f". '{shim}'"]
    for name in ("workon", *CORE_COMMANDS):
        lines.append(f"$out = ({name} -h | Out-String); "
                     f"'{name}:' + $LASTEXITCODE + ':' + $out.StartsWith('Usage: {name} ')")
    done = subprocess.run([pwsh, "-NoProfile", "-NonInteractive", "-Command", "\n".join(lines)],
                          capture_output=True, text=True, env=environ, check=False,
                          timeout=120)
    assert done.stderr == ""
    assert done.stdout.splitlines() == [f"{name}:0:True" for name in ("workon", *CORE_COMMANDS)]
    assert sorted(p.name for p in workon_home.iterdir() if p.is_dir()) == []

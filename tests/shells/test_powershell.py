"""What only PowerShell needs checking, in a real pwsh: its quoting, its set-up, its exit
status, cmdlets reached whatever the session defines, the Windows branches of the shim (made to
run on Linux), and a grammar parse of every file vew renders for it.

The behaviour every shell shares (the scenarios, hooks, safety, completion, auto-activation)
is tested in PowerShell with the others, through the harness's `sh` fixture.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from virtualenv import cli_run

from tests.support import pwsh_grammar as pwsh
from tests.support.harness import (
    LANGUAGES,
    UNSET,
    ShellHarness,
    log_hook,
    pwsh_program,
    read_log,
    require,
)
from vew import callback, integration, shells, steps
from vew.shells.powershell import DIALECT

CORE = ["/usr/bin/python3", "-E", "-P", "-m", "vew"]
QUOTE = LANGUAGES["pwsh"].quote

# Values that break naive quoting in one shell or another, PowerShell's curly quotes included.
HOSTILE = [
    "plain", "with space", "it's", "''", "\u2018curly\u2019 \u201alow\u201b", "\u2019",
    "end\u2019", "\u2018'\u2019'", '"double" \u201cquotes\u201d \u201e',
    "$env:HOME $(Get-Date) ${x} $_", "`back`tick`", "semi;colon & amp | pipe",
    "@(splat) @args {brace} (paren) [bracket] <angle>", "#comment <#block#>", "-Parameter",
    "--", "--%", "", "new\nline", "tab\there",
    "caf\u00e9 \u65e5\u672c \u0645\u0631\u062d\u0628\u0627",
    "emoji \U0001f40d\U0001f680", "C:\\Users\\me\\envs", "/path/with/trailing/", "*", "~",
    "__VEW_ACTIVATE_STEPS__ __VEW_SCRIPT__",
]


@pytest.fixture
def ps(environ: dict[str, str]) -> ShellHarness:
    require("pwsh")
    return ShellHarness("pwsh", Path(environ["HOME"]), environ)


def rendered_shim(core: list[str] | None = None, script: str = "/opt/vew/vew.ps1") -> str:
    return shells.render_shim(DIALECT, core or CORE, script)


def assert_parses(code: str) -> None:
    errors = pwsh.syntax_errors(code)
    assert not errors, "\n".join(errors)


def pwsh_run(code: str, environ: dict[str, str] | None = None,
             **kwargs: object) -> subprocess.CompletedProcess[str]:
    require("pwsh")
    return subprocess.run(LANGUAGES["pwsh"].inline_argv(code), capture_output=True, text=True,
                          env=environ, check=False, **kwargs)  # type: ignore[call-overload]


def utf8_hex(value: str) -> str:
    return value.encode("utf-8").hex()


# --- the dialect ------------------------------------------------------------------------------


def test_quote_doubles_every_single_quote_character() -> None:
    assert DIALECT.quote("a'b") == "'a''b'"
    assert DIALECT.quote("\u2018x\u2019") == "'\u2018\u2018x\u2019\u2019'"
    assert DIALECT.quote("\u201a\u201b") == "'\u201a\u201a\u201b\u201b'"
    assert DIALECT.quote("") == "''"
    assert DIALECT.quote("$x `n \"y\"") == "'$x `n \"y\"'"


def _round_trip(values: list[str]) -> list[str]:
    """What PowerShell makes of each value as ``DIALECT.quote`` writes it (as UTF-8 in hex,
    away from any console encoding)."""
    code = "\n".join(
        f"[Console]::Out.Write([Convert]::ToHexString([Text.Encoding]::UTF8.GetBytes("
        f"{DIALECT.quote(value)})).ToLower() + ' ')" for value in values)
    done = pwsh_run(code)
    assert done.returncode == 0, done.stderr
    return [bytes.fromhex(word).decode("utf-8") for word in done.stdout.split(" ")[:-1]]


def test_every_quoted_value_reaches_powershell_unchanged() -> None:
    assert _round_trip(HOSTILE) == HOSTILE


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00")),
                min_size=20, max_size=40))
def test_any_text_quoted_reaches_powershell_unchanged(values: list[str]) -> None:
    assert _round_trip(values) == values


def test_references() -> None:
    assert DIALECT.ref("name") == "$_vew_name"
    assert DIALECT.ref("env_bin") == "$_vew_env_bin"
    assert DIALECT.ref("hook_dir") == "$env:VIRTUALENVWRAPPER_HOOK_DIR"


def test_set_up_names() -> None:
    assert DIALECT.name == "powershell"
    assert DIALECT.templates == ("powershell/core.ps1", "powershell/completion.ps1",
                                "powershell/auto.ps1", "powershell/load.ps1")
    assert DIALECT.hook_suffix == ".ps1"
    assert DIALECT.static_name == "vew.ps1"
    assert DIALECT.rc_file == "~/.config/powershell/Microsoft.PowerShell_profile.ps1"


@pytest.mark.parametrize("name", ["powershell", "pwsh", "pwsh.exe", "powershell.exe"])
def test_every_spelling_finds_the_dialect(name: str) -> None:
    assert shells.get(name) is DIALECT


@pytest.mark.parametrize("process", ["pwsh", "powershell"])
def test_init_detects_powershell(process: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import shellingham

    monkeypatch.setattr(shellingham, "detect_shell", lambda: (process, f"/usr/bin/{process}"))
    assert integration.detect_shell() == "powershell"


# --- the grammar parse of every file vew renders for PowerShell -----------------------------


@pytest.mark.parametrize("name", DIALECT.templates)
def test_the_template_files_parse(name: str) -> None:
    assert_parses((shells.template_dir() / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("value", HOSTILE)
def test_the_rendered_shim_parses_whatever_the_paths(value: str) -> None:
    code = rendered_shim([f"/opt/{value}/bin/python", "-E", "-P", "-m", "vew"],
                         f"/data/{value}/vew.ps1")
    assert_parses(code)
    if "__VEW_" not in value:
        assert re.search(r"__VEW_[A-Z_]+__", code) is None


def test_the_steps_of_workon_and_deactivate_parse() -> None:
    for sequence in (steps.ACTIVATE, steps.DEACTIVATE):
        assert_parses(shells.render_steps(DIALECT, sequence))


def test_vew_init_powershell_prints_a_shim_that_parses(environ: dict[str, str]) -> None:
    done = subprocess.run([sys.executable, "-m", "vew", "init", "powershell"],
                          capture_output=True, text=True, env=environ, check=False)
    assert done.returncode == 0, done.stderr
    assert_parses(done.stdout)


def _emitted(argv: list[str], environ: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> str:
    """The file of steps the core writes for the PowerShell shim (`__call powershell FILE`)."""
    for key in list(os.environ):
        monkeypatch.delenv(key)
    for key, value in environ.items():
        monkeypatch.setenv(key, value)
    emit = Path(environ["HOME"]) / "vew.emit.ps1"
    emit.write_text("")
    callback.main(["powershell", str(emit), *argv])
    data = emit.read_bytes()
    # Windows PowerShell 5.1 reads a file without a byte-order mark in the ANSI code page.
    assert data.startswith(b"\xef\xbb\xbf") or not data
    return data.decode("utf-8-sig")


def test_every_kind_of_emitted_file_parses(make_env: Callable[..., Path], environ: dict[str, str],
                                           tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    name = "it's \u2018mine\u2019 $HOME `x`; \U0001f40d"
    projects = tmp_path / "projects"
    projects.mkdir()
    environ = dict(environ, PROJECT_HOME=str(projects))
    gone = make_env("gone 'here'")
    calls = [["mkvirtualenv", name], ["mkproject", "p \u2018q\u2019"],
             ["allvirtualenv", "Write-Output", "$HOME; `x`", "--%"]]
    codes = [_emitted(argv, environ, monkeypatch) for argv in calls]
    codes.append(_emitted(["rmvirtualenv", "gone 'here'"],
                          dict(environ, PWD=str(gone / "bin")), monkeypatch))
    for code in codes:
        assert code
        assert_parses(code)


# --- loading it -------------------------------------------------------------------------------


def test_the_static_set_up_through_the_profile(environ: dict[str, str],
                                               make_env: Callable[..., Path]) -> None:
    """`vew init pwsh --static --install`, then a PowerShell that reads its profile."""
    make_env("e")
    done = subprocess.run([sys.executable, "-m", "vew", "init", "pwsh", "--static", "--install"],
                          capture_output=True, text=True, env=environ, check=False)
    assert done.returncode == 0, done.stderr
    shim = Path(environ["XDG_DATA_HOME"]) / "vew" / "vew.ps1"
    assert shim.read_bytes().startswith(b"\xef\xbb\xbf")
    profile = Path(environ["HOME"]) / ".config" / "powershell" / "Microsoft.PowerShell_profile.ps1"
    assert profile.read_text(encoding="utf-8").count(DIALECT.source_line(str(shim))) == 1
    assert_parses(shim.read_text(encoding="utf-8-sig"))
    # Once only.
    subprocess.run([sys.executable, "-m", "vew", "init", "pwsh", "--static", "--install"],
                   capture_output=True, env=environ, check=True)
    assert profile.read_text(encoding="utf-8").count(DIALECT.source_line(str(shim))) == 1
    started = subprocess.run(
        [*pwsh_program(), "-NoLogo", "-NonInteractive", "-Command",
         "workon e; [Console]::Out.Write($env:VIRTUAL_ENV + ' ' + $LASTEXITCODE)"],
        capture_output=True, text=True, env=environ, check=False)
    assert started.stdout == f"{Path(environ['WORKON_HOME']) / 'e'} 0", started.stderr


def test_every_command_is_a_function_and_deactivate_only_while_active(
        ps: ShellHarness, make_env: Callable[..., Path]) -> None:
    from vew import commands

    make_env("e")
    script = ps.script()
    defined = [script.function_exists(name) for name in commands.COMMANDS]
    before = script.function_exists("deactivate")
    script.call("workon", "e")
    during = script.function_exists("deactivate")
    run = ps.run(script)
    assert [run[index].stdout for index in defined] == ["yes"] * len(defined)
    assert (run[before].stdout, run[during].stdout) == ("no", "yes")


# No $NAME: vew expands it in WORKON_HOME, as a ~ at the start. One inside stays (and makes the
# shim ask the core, which must be given the file's value).
@pytest.mark.parametrize("value", ["plain", "it's \u2018mine\u2019", "$ `n ;x", "~"])
def test_the_configuration_files_values_are_the_defaults(ps: ShellHarness, value: str) -> None:
    config = Path(ps.environ["XDG_CONFIG_HOME"]) / "vew" / "config.toml"
    config.parent.mkdir(parents=True)
    home = ps.home / f"envs {value}"
    config.write_text(f'workon_home = """{home}"""\nhook_dir = """{ps.home / value}"""\n'
                      f'project_filename = """.{value}"""\nworkon_cd = false\n',
                      encoding="utf-8")
    del ps.environ["WORKON_HOME"]
    ps.setup = "eval"
    script = ps.script()
    shown = [script.var(name) for name in ("WORKON_HOME", "VIRTUALENVWRAPPER_HOOK_DIR",
                                           "VIRTUALENVWRAPPER_PROJECT_FILENAME",
                                           "VIRTUALENVWRAPPER_WORKON_CD")]
    run = ps.run(script)
    assert [run[index].stdout for index in shown] == [
        str(home), str(ps.home / value), f".{value}", "0"], run.stderr
    # The environment wins over the file.
    run = ps.run(script, extra_env={"VIRTUALENVWRAPPER_PROJECT_FILENAME": ".mine",
                                    "VIRTUALENVWRAPPER_WORKON_CD": "1"})
    assert [run[index].stdout for index in shown[2:]] == [".mine", "1"]


# --- exit status ------------------------------------------------------------------------------


def test_every_failure_sets_lastexitcode_and_leaves_dollar_question_true(
        ps: ShellHarness, make_env: Callable[..., Path]) -> None:
    """README: each command sets $LASTEXITCODE, as a program would; $? stays $true."""
    make_env("e")
    failures = [("workon", "nope"), ("workon",), ("workon", "-x"), ("mkvirtualenv", "e"),
                ("mkvirtualenv", ""), ("rmvirtualenv", "../x"), ("lsvirtualenv", "-z"),
                ("cdproject",), ("cdvirtualenv",), ("showvirtualenv", "nope"),
                ("allvirtualenv",), ("cpvirtualenv", "nope", "x"), ("wipeenv",),
                ("toggleglobalsitepackages",), ("mkproject", "x")]
    script = ps.script()
    shown = []
    for argv in failures:
        shown.append(script.raw(
            f"$global:LASTEXITCODE = 0; {LANGUAGES['pwsh'].command(argv)}; "
            "[Console]::Out.Write('<' + $? + ' ' + $LASTEXITCODE + '>')"))
    run = ps.run(script)
    for argv, index in zip(failures, shown, strict=True):
        found = re.search(r"<(\w+) (\d+)>$", run[index].stdout)
        assert found, (argv, run[index])
        assert found.group(1) == "True", argv
        assert found.group(2) != "0", (argv, run[index])


# --- cmdlets by module-qualified names --------------------------------------------------------

# An activate script that calls nothing by a plain name: virtualenv's own calls Test-Path,
# Remove-Item ... as any script does, which a session redefining them breaks, vew or not.
_PLAIN_ACTIVATE = """\
$env:VIRTUAL_ENV = {env}
function global:deactivate([switch] $NonDestructive) {{
    [Environment]::SetEnvironmentVariable('VIRTUAL_ENV', $null)
    if (-not $NonDestructive) {{
        Microsoft.PowerShell.Management\\Remove-Item -Path Function:\\deactivate
    }}
}}
"""


def test_no_alias_or_function_named_like_a_cmdlet_is_called(
        ps: ShellHarness, make_env: Callable[..., Path], tmp_path: Path) -> None:
    """Every cmdlet the shim calls, and cd, rm, ls, cat, is an alias or function that records
    its call; vew's whole hot path and its core commands go on without calling any."""
    cmdlets = set(re.findall(r"Microsoft\.PowerShell\.\w+\\([A-Z]\w*-\w+)",
                             rendered_shim() + DIALECT.prologue))
    assert {"Set-Location", "Test-Path", "Remove-Item", "Set-StrictMode"} <= cmdlets
    traps = tmp_path / "traps.log"
    for name in ("e", "other"):
        env = make_env(name)
        (env / "bin" / "activate.ps1").write_text(_PLAIN_ACTIVATE.format(env=QUOTE(str(env))))
    project = tmp_path / "project"
    project.mkdir()
    (ps.workon_home / "e" / ".project").write_text(f"{project}\n")
    (tmp_path / "linked").mkdir()
    (tmp_path / "linked" / ".venv").write_text("other\n")
    prelude = "".join(
        f"function global:{name} {{ [IO.File]::AppendAllText({QUOTE(str(traps))}, "
        f"'{name}`n') }}\n" for name in sorted(cmdlets | {"vew_test_alias"}))
    prelude += "".join(f"Set-Alias -Name {name} -Value vew_test_alias -Scope Global "
                       "-Option AllScope -Force\n" for name in ("cd", "rm", "ls", "cat"))
    script = ps.script()
    calls = [script.call("workon", "e"), script.call("cdvirtualenv", "bin"),
             script.call("cdproject"), script.call("lsvirtualenv", "-b"),
             script.call("lsvirtualenv"), script.call("workon", "-n", "other"),
             script.call("deactivate"), script.call("rmvirtualenv", "no-such-env")]
    where = script.pwd()
    # Auto-activation, on a change of location (the test's own, by the .NET API).
    script.export("VEW_AUTO_ACTIVATE", "1")
    script.raw(f"$ExecutionContext.SessionState.Path.SetLocation({QUOTE(str(tmp_path / 'linked'))})"
               " | Out-Null")
    active = script.var("VIRTUAL_ENV")
    run = ps.run(script, prelude=prelude)
    assert [run[index].status for index in calls] == [0] * len(calls), run.stderr
    assert run[where].stdout == str(project)
    assert run[active].stdout == str(ps.workon_home / "other")
    assert read_log(traps) == []


# --- what only PowerShell cannot do -----------------------------------------------------------


# PowerShell reads a backslash as a directory separator in every path it is given, on Linux
# and macOS too: it cannot enter such a directory. And it starts programs in its location with
# the wildcard escapes taken out: from inside tick`[x] no program would start at all.
PROJECTS_POWERSHELL_CANNOT_USE = {
    "back\\slash": "PowerShell cannot change to {project}: it reads the backslash in it as a "
                    "directory separator.",
    "tick`[x]": "cannot change to {project}: PowerShell would start programs in {parent}/tick[x], "
                "reading the backquotes in it as wildcard escapes.",
}


@pytest.mark.parametrize("name", PROJECTS_POWERSHELL_CANNOT_USE)
def test_a_project_powershell_cannot_use_is_refused_in_one_line(
        ps: ShellHarness, make_env: Callable[..., Path], tmp_path: Path, name: str) -> None:
    """vew stays where it was, says so in one line, and activates all the same."""
    env = make_env("e")
    project = tmp_path / name
    project.mkdir()
    (env / ".project").write_text(f"{project}\n")
    script = ps.script()
    worked = script.call("workon", "e")
    active = script.var("VIRTUAL_ENV")
    where = script.pwd()
    entered = script.call("cdproject")
    program = script.call("/bin/pwd")
    run = ps.run(script)
    refusal = "ERROR: " + PROJECTS_POWERSHELL_CANNOT_USE[name].format(
        project=project, parent=tmp_path) + "\n"
    assert run[worked].stderr == refusal
    assert run[active].stdout == str(env)
    assert run[where].stdout == str(ps.home)
    assert (run[entered].status, run[entered].stderr) == (1, refusal)
    assert (run[program].status, run[program].stdout) == (0, f"{ps.home}\n")


def test_an_environment_whose_path_holds_a_backslash_works_but_for_entering_it(
        ps: ShellHarness, make_env: Callable[..., Path]) -> None:
    env = make_env("back\\slash")
    script = ps.script()
    listed = script.call("lsvirtualenv", "-b")
    worked = script.call("workon", "back\\slash")
    entered = script.call("cdvirtualenv")
    everywhere = script.call("allvirtualenv", "pwd")
    run = ps.run(script)
    refusal = (f"ERROR: PowerShell cannot change to {env}: it reads the backslash in it as a "
               "directory separator.\n")
    assert run[listed].stdout == "back\\slash\n"
    assert (run[worked].status, run[worked].stderr) == (0, "")
    assert (run[entered].status, run[entered].stderr) == (1, refusal)
    assert run[everywhere].stderr == refusal
    assert run[everywhere].stdout == "back\\slash\n" + "=" * 10 + "\n\n"



def test_an_environment_below_a_bracket_and_a_backslash_activates_with_its_hooks(
        ps: ShellHarness, environ: dict[str, str], tmp_path: Path) -> None:
    """PowerShell runs no script by a path holding a backslash and a [ (it misses the file,
    then fails on the path as a pattern): the activate script and hooks there still run."""
    home = tmp_path / "w["
    env = home / "back\\slash"
    cli_run(["--no-seed", "--activators", "powershell", str(env)], setup_logging=False,
            env=environ)
    log = tmp_path / "hooks.log"
    log_hook(env / "bin", "postactivate", log, sourced=True)
    log_hook(env / "bin", "predeactivate", log, sourced=True)
    script = ps.script()
    worked = script.call("workon", "back\\slash")
    active = script.var("VIRTUAL_ENV")
    left = script.call("deactivate")
    after = script.var("VIRTUAL_ENV")
    run = ps.run(script, extra_env={"WORKON_HOME": str(home)})
    assert (run[worked].status, run[worked].stderr) == (0, "")
    assert run[active].stdout == str(env)
    assert (run[left].status, run[left].stderr, run[after].stdout) == (0, "", UNSET)
    assert read_log(log) == ["postactivate", "predeactivate"]


def test_cdvirtualenv_never_lands_in_a_sibling_a_trailing_star_matches(
        ps: ShellHarness, make_env: Callable[..., Path]) -> None:
    """Given a literal path holding * or ?, PowerShell may go to a sibling that a name in it
    matches as a wildcard (PowerShell issue 12299; which sibling, and whether at all, hangs on
    the order the directory lists them in).
    vew enters the environment itself or stays put with one line saying where PowerShell went."""
    env = make_env("k*")
    siblings = [make_env(f"k{n}") for n in range(8)]
    script = ps.script()
    script.call("workon", "k*")
    entered = script.call("cdvirtualenv")
    where = script.pwd()
    run = ps.run(script)
    if run[entered].status == 0:
        assert (run[entered].stderr, run[where].stdout) == ("", str(env))
    else:
        went = run[entered].stderr.removeprefix(
            f"ERROR: cannot change to {env}: PowerShell went to ").removesuffix(" instead.\n")
        assert went in map(str, siblings), run[entered].stderr
        assert run[where].stdout == str(ps.home)


# --- the Windows branches, run on Linux with _vew_is_windows answering yes ---------------------

_WINDOWS = "function global:_vew_is_windows { $true }"


def test_windows_run_hooks_are_found_by_their_extension_and_run(
        ps: ShellHarness, make_env: Callable[..., Path], tmp_path: Path) -> None:
    """NAME.exe, .cmd, .bat, .ps1, first found first; an extensionless NAME is not run there.
    A shell script named .exe stands for a program, and ComSpec for cmd.exe."""
    make_env("e")
    log = tmp_path / "hooks.log"
    home = ps.workon_home
    comspec = tmp_path / "cmd.exe"
    comspec.write_text(f'#!/bin/sh\necho "cmd $*" >> "{log}"\n')
    comspec.chmod(0o755)
    (home / "preactivate").write_text("#!/bin/sh\necho should-not-run\n")
    (home / "preactivate").chmod(0o755)
    (home / "preactivate.ps1").write_text(
        f"Add-Content -LiteralPath {QUOTE(str(log))} -Value \"ps1 $args $PWD\"\n")
    (home / "get_env_details.bat").write_text("")
    (home / "get_env_details.exe").write_text(f'#!/bin/sh\necho "exe $* $PWD" >> "{log}"\n')
    (home / "get_env_details.exe").chmod(0o755)
    (home / "prermvirtualenv.cmd").write_text("")
    (home / "prermvirtualenv.bat").write_text("")
    script = ps.script()
    script.raw(_WINDOWS)
    script.export("ComSpec", str(comspec))
    worked = script.call("workon", "e")
    script.call("deactivate")
    listed = script.call("lsvirtualenv", "-l")
    # Run hooks the core starts follow its own (Python) lookup; the shim's is called here.
    details = script.raw(f"_vew_run_hook {QUOTE(str(home))} 'get_env_details' 'e'")
    removal = script.raw(f"_vew_run_hook {QUOTE(str(home))} 'prermvirtualenv' 'e'")
    run = ps.run(script)
    assert run[worked].status == 0, run[worked]
    assert "should-not-run" not in run[worked].stdout + run[worked].stderr
    assert run[listed].status == 0
    assert read_log(log) == [f"ps1 e {home}", f"exe e {home}",
                             f"cmd /d /c {home / 'prermvirtualenv.cmd'} e"]
    assert (run[details].status, run[removal].status) == (0, 0)


def test_an_extensionless_windows_hook_is_reported_unless_a_stub(ps: ShellHarness,
                                                               make_env: Callable[..., Path]
                                                               ) -> None:
    make_env("e")
    hook = ps.workon_home / "preactivate"
    hook.write_text("#!/bin/sh\necho should-not-run\n")
    hook.chmod(0o755)
    script = ps.script()
    script.raw(_WINDOWS)
    worked = script.call("workon", "e")
    run = ps.run(script)
    assert run[worked].status == 0
    assert run[worked].stderr == (f"ERROR: hook {hook} cannot run on Windows; not run (give it "
                                  "a .exe, .cmd, .bat or .ps1 twin)\n")


def test_a_windows_layout_environment(ps: ShellHarness, workon_home: Path) -> None:
    """Scripts instead of bin, python.exe, Activate.ps1 as the standard library's venv names it."""
    env = workon_home / "win"
    scripts = env / "Scripts"
    scripts.mkdir(parents=True)
    (env / "pyvenv.cfg").write_text("home = C:\\Python312\n")
    (scripts / "python.exe").symlink_to(Path(sys.executable).resolve())
    (scripts / "Activate.ps1").write_text(_PLAIN_ACTIVATE.format(env=QUOTE(str(env))))
    (scripts / "activate").write_text("")
    log = ps.home / "hooks.log"
    (scripts / "postactivate.ps1").write_text(
        f"Add-Content -LiteralPath {QUOTE(str(log))} -Value 'from Scripts'\n")
    script = ps.script()
    script.raw(_WINDOWS)
    listed = script.call("lsvirtualenv", "-b")
    worked = script.call("workon", "win")
    active = script.var("VIRTUAL_ENV")
    run = ps.run(script)
    assert run[listed].stdout == "win\n"
    assert run[worked].status == 0, run[worked]
    assert run[active].stdout == str(env)
    assert read_log(log) == ["from Scripts"]


def test_windows_path_rules(ps: ShellHarness, workon_home: Path) -> None:
    """Case does not count in a comparison of paths, and a backslash makes a name no name."""
    (workon_home / "a\\b" / "bin").mkdir(parents=True)
    script = ps.script()
    script.raw(_WINDOWS)
    same = script.raw("[Console]::Out.Write(\"$(_vew_same_path '/x/Env' '/x/env') "
                      "$(_vew_same_path '/x/a' '/x/b')\")")
    refused = script.call("workon", "a\\b")
    run = ps.run(script)
    assert run[same].stdout == "True False"
    assert run[refused].status == 1
    assert "Environment 'a\\b' does not exist" in run[refused].stderr

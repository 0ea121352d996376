"""PowerShell: the shim and every snippet the core emits, read with a real PowerShell grammar.

PowerShell itself cannot be installed on these machines, so nothing here runs it: the text is
parsed (tests/support/pwsh_grammar.py) and checked word by word. See the README for what that leaves
untested.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.support import pwsh_grammar as pwsh
from vew import callback, commands, integration, shells, steps
from vew.running import activated_environ
from vew.shells.powershell import DIALECT

TEMPLATE = shells.template_dir() / "vew.ps1"

# Values that break naive quoting in one shell or another, PowerShell's curly quotes included.
HOSTILE = [
    "plain",
    "with space",
    "it's",
    "''",
    "\u2018curly\u2019 \u201alow\u201b",
    "\u2019",
    "end\u2019",
    "\u2018'\u2019'",
    '"double" \u201cquotes\u201d \u201e',
    "$env:HOME $(Get-Date) ${x} $_",
    "`back`tick`",
    "semi;colon & amp | pipe",
    "@(splat) @args {brace} (paren) [bracket] <angle>",
    "#comment <#block#>",
    "-Parameter",
    "--",
    "",
    "new\nline",
    "tab\there",
    "caf\u00e9 \u65e5\u672c \u0645\u0631\u062d\u0628\u0627",
    "emoji \U0001f40d\U0001f680",
    "C:\\Users\\me\\envs",
    "/path/with/trailing/",
    "__VEW_ACTIVATE_STEPS__ __VEW_SCRIPT__",
]

# The primitives every shim provides for the steps commands return (see BRIEF: a step is a
# call `_vew_<action> arg...`), with as many literal arguments as each takes.
LITERAL_PRIMITIVES = {
    "workon": 2,
    "cd": 1,
    "source_hook": 2,
    "run_hook": 4,
    "error": 1,
    "call": 4,  # a later stage of a command: `_vew_call 'mkproject:finish' NAME DIR TEMPLATE`
    "deactivate": 0,
    "echo": 1,  # a line of output in order with the hooks' (allvirtualenv, mktmpenv)
    "run_in": 6,  # allvirtualenv: `_vew_run_in ENV PATH PROMPT COMMAND ARG...`
    # A virtualenvwrapper plugin's shell code: `_vew_source_code CODE ORIGIN SUBSHELL`.
    "source_code": 3,
}


def rendered_shim(core: list[str] | None = None, script: str = "/opt/vew/vew.ps1") -> str:
    return shells.render_shim(DIALECT, core or ["/usr/bin/python3", "-E", "-P", "-m", "vew"],
                              script)


def assert_parses(code: str) -> None:
    errors = pwsh.syntax_errors(code)
    assert not errors, "\n".join(errors)


# --- the dialect ------------------------------------------------------------------------------


def test_quote_doubles_every_single_quote_character() -> None:
    assert DIALECT.quote("a'b") == "'a''b'"
    assert DIALECT.quote("\u2018x\u2019") == "'\u2018\u2018x\u2019\u2019'"
    assert DIALECT.quote("\u201a\u201b") == "'\u201a\u201a\u201b\u201b'"
    assert DIALECT.quote("") == "''"
    # Nothing else is special inside a verbatim string.
    assert DIALECT.quote("$x `n \"y\"") == "'$x `n \"y\"'"


@pytest.mark.parametrize("value", HOSTILE)
def test_quote_gives_one_argument_holding_the_value(value: str) -> None:
    code = f"_vew_cd {DIALECT.quote(value)}\n"
    assert_parses(code)
    assert pwsh.commands(code) == [pwsh.Command("_vew_cd", (pwsh.Word("string", value),))]


@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")))
def test_quote_round_trips_any_text(value: str) -> None:
    code = f"_vew_error {DIALECT.quote(value)}\n"
    assert pwsh.syntax_errors(code) == []
    assert pwsh.commands(code) == [pwsh.Command("_vew_error", (pwsh.Word("string", value),))]


def test_references() -> None:
    assert DIALECT.ref("name") == "$_vew_name"
    assert DIALECT.ref("env_bin") == "$_vew_env_bin"
    assert DIALECT.ref("hook_dir") == "$env:VIRTUALENVWRAPPER_HOOK_DIR"


def test_wrapper_hands_every_argument_to_the_core() -> None:
    code = DIALECT.wrapper("mkvirtualenv")
    assert_parses(code)
    assert pwsh.defined_functions(code) == ["global:mkvirtualenv"]
    assert pwsh.commands(code) == [pwsh.Command("_vew_call", (
        pwsh.Word("string", "mkvirtualenv"), pwsh.Word("variable", "@args")))]
    # No param block: an advanced function would swallow -i, -p, -d as common parameters.
    assert "param" not in code.lower()
    assert "CmdletBinding" not in code


def test_source_line() -> None:
    line = DIALECT.source_line("/home/o'neil/vew.ps1")
    assert line == ". '/home/o''neil/vew.ps1'"
    assert_parses(line)


def test_set_up_names() -> None:
    assert DIALECT.name == "powershell"
    assert DIALECT.templates == ("vew.ps1",)
    assert DIALECT.hook_suffix == ".ps1"
    assert DIALECT.static_name == "vew.ps1"
    assert DIALECT.rc_file == "~/.config/powershell/Microsoft.PowerShell_profile.ps1"
    assert_parses(DIALECT.prologue)


@pytest.mark.parametrize("name", ["powershell", "pwsh", "pwsh.exe", "powershell.exe"])
def test_every_spelling_finds_the_dialect(name: str) -> None:
    assert shells.get(name) is DIALECT


@pytest.mark.parametrize("process", ["pwsh", "powershell"])
def test_init_detects_powershell(process: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import shellingham

    monkeypatch.setattr(shellingham, "detect_shell", lambda: (process, f"/usr/bin/{process}"))
    assert integration.detect_shell() == "powershell"


# --- the shim ---------------------------------------------------------------------------------


def test_the_template_file_parses() -> None:
    assert_parses(TEMPLATE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("value", HOSTILE)
def test_the_rendered_shim_parses_whatever_the_paths(value: str) -> None:
    python = f"/opt/{value}/bin/python"
    script = f"/data/{value}/vew.ps1"
    code = rendered_shim([python, "-E", "-P", "-m", "vew"], script)
    assert_parses(code)
    if "__VEW_" not in value:
        assert re.search(r"__VEW_[A-Z_]+__", code) is None
    # The core is called by its absolute path, with & since the path is a quoted string.
    assert f"& {DIALECT.quote(python)} '-E' '-P' '-m' 'vew' @args" in code
    assert pwsh.Command(python, (*(pwsh.Word("string", w) for w in ("-E", "-P", "-m", "vew")),
                                 pwsh.Word("variable", "@args"))) in pwsh.commands(code)
    assert f"$env:VIRTUALENVWRAPPER_SCRIPT = {DIALECT.quote(script)}\n" in code


def test_the_shim_defines_only_global_functions() -> None:
    defined = pwsh.defined_functions(rendered_shim())
    assert defined
    assert [name for name in defined if not name.startswith("global:")] == []


def test_every_function_the_shim_calls_is_defined_in_it() -> None:
    code = rendered_shim()
    defined = {name.removeprefix("global:") for name in pwsh.defined_functions(code)}
    called = {c.name for c in pwsh.commands(code) if c.name.startswith("_vew_")}
    # _vew_env_own_deactivate is the environment's own deactivate, kept under that name.
    assert called - defined == {"_vew_env_own_deactivate"}


def test_every_step_has_a_primitive() -> None:
    defined = {name.removeprefix("global:") for name in pwsh.defined_functions(rendered_shim())}
    actions = {item.action for item in (*steps.ACTIVATE, *steps.DEACTIVATE)}
    actions |= set(LITERAL_PRIMITIVES)
    assert {f"_vew_{action}" for action in actions} <= defined


def test_every_command_has_a_function() -> None:
    defined = {name.removeprefix("global:") for name in pwsh.defined_functions(rendered_shim())}
    assert set(commands.COMMANDS) <= defined
    assert "deactivate" not in defined  # only while an environment is active


def test_user_commands_reset_the_callers_settings_first() -> None:
    """Strict mode or ErrorActionPreference = 'Stop' in a profile must not break vew."""
    code = rendered_shim()
    for name in ("workon", "lsvirtualenv", "_vew_call", "_vew_deactivate", "_vew_load"):
        start = code.index(f"function global:{name} {{")
        body = code[start:code.index("\n}\n", start)]
        assert DIALECT.prologue in body, name


def test_cmdlets_are_called_by_module_qualified_names() -> None:
    """A user's alias or function named Set-Location or Test-Path must change nothing."""
    cmdlets = {c.name for c in pwsh.commands(rendered_shim()) if "-" in c.name}
    assert cmdlets
    assert {name for name in cmdlets if not name.startswith("Microsoft.PowerShell.")} == set()


def test_steps_of_workon_and_deactivate_parse() -> None:
    for sequence in (steps.ACTIVATE, steps.DEACTIVATE):
        code = shells.render_steps(DIALECT, sequence)
        assert_parses(code)
        calls = pwsh.commands(code)
        assert [c.name for c in calls] == [f"_vew_{item.action}" for item in sequence]
        for call, item in zip(calls, sequence, strict=True):
            expected = tuple(
                pwsh.Word("variable", DIALECT.ref(arg.name)) if isinstance(arg, steps.Var)
                else pwsh.Word("string", arg)
                for arg in item.args
            )
            assert call.words == expected


def test_activate_steps_in_the_shim() -> None:
    code = rendered_shim()
    assert shells.render_steps(DIALECT, steps.ACTIVATE).replace("\n", "\n    ") in code
    assert "_vew_run_hook $env:VIRTUALENVWRAPPER_HOOK_DIR 'preactivate' $_vew_name" in code
    assert "_vew_source_hook $_vew_project_hooks 'postactivate'" in code


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize(("action", "arity"),
                         sorted(item for item in LITERAL_PRIMITIVES.items() if item[1]))
def test_literal_steps_keep_every_value_whole(action: str, arity: int, value: str) -> None:
    args = tuple(f"{value}{index}" if index else value for index in range(arity))
    code = shells.render_steps(DIALECT, [steps.Step(action, args)])
    assert_parses(code)
    assert pwsh.commands(code) == [
        pwsh.Command(f"_vew_{action}", tuple(pwsh.Word("string", a) for a in args))
    ]


def test_a_step_without_arguments() -> None:
    code = shells.render_steps(DIALECT, [steps.Step("deactivate")])
    assert code == "_vew_deactivate"
    assert_parses(code)


# --- what each command emits for PowerShell ---------------------------------------------------


def call(argv: list[str], environ: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> int:
    """Run one command in the core the way the PowerShell shim does: `__call powershell FILE`."""
    for key in list(os.environ):
        monkeypatch.delenv(key)
    for key, value in environ.items():
        monkeypatch.setenv(key, value)
    emit_file(environ).touch()
    return callback.main(["powershell", str(emit_file(environ)), *argv])


def emit_file(environ: dict[str, str]) -> Path:
    return Path(environ["HOME"]) / "vew.emit.ps1"


def emitted(environ: dict[str, str]) -> str:
    data = emit_file(environ).read_bytes()
    # Windows PowerShell 5.1 reads a file without a byte-order mark in the ANSI code page.
    assert data.startswith(b"\xef\xbb\xbf") or not data
    return data.decode("utf-8-sig")


@pytest.mark.parametrize("name", ["env", "it's \u2018mine\u2019 $HOME `x`; \U0001f40d"])
def test_mkvirtualenv_emits_workon_and_the_postmkvirtualenv_hook(
        name: str, environ: dict[str, str], workon_home: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert call(["mkvirtualenv", name], environ, monkeypatch) == 0
    code = emitted(environ)
    assert_parses(code)
    assert pwsh.commands(code) == [
        pwsh.Command("_vew_workon", (pwsh.Word("string", name), pwsh.Word("string", "1"))),
        pwsh.Command("_vew_source_hook", (pwsh.Word("string", str(workon_home)),
                                          pwsh.Word("string", "postmkvirtualenv"))),
    ]
    assert (workon_home / name / "bin" / "activate.ps1").is_file()


def test_mkvirtualenv_without_project_cd(environ: dict[str, str], workon_home: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    environ = dict(environ, VIRTUALENVWRAPPER_WORKON_CD="0")
    assert call(["mkvirtualenv", "e"], environ, monkeypatch) == 0
    assert emitted(environ).splitlines()[0] == "_vew_workon 'e' '0'"


def test_mkvirtualenv_usage_error_emits_nothing(environ: dict[str, str], workon_home: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    assert call(["mkvirtualenv", "-bad-name"], environ, monkeypatch) == 2
    assert emitted(environ) == ""


def test_rmvirtualenv_from_inside_the_environment_emits_a_cd_to_workon_home(
        make_env, environ: dict[str, str], workon_home: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    env = make_env("gone 'here'")
    # The shim sets PWD to the current location for the call: PowerShell does not keep it.
    environ = dict(environ, PWD=str(env / "bin"))
    assert call(["rmvirtualenv", "gone 'here'"], environ, monkeypatch) == 0
    code = emitted(environ)
    assert_parses(code)
    assert pwsh.commands(code) == [
        pwsh.Command("_vew_cd", (pwsh.Word("string", str(workon_home)),))]


def test_rmvirtualenv_elsewhere_emits_nothing(make_env, environ: dict[str, str], tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    make_env("e")
    environ = dict(environ, PWD=str(tmp_path))
    assert call(["rmvirtualenv", "e"], environ, monkeypatch) == 0
    assert emitted(environ) == ""


@pytest.mark.parametrize("argv", [["lsvirtualenv"], ["lsvirtualenv", "-l"], ["lsvirtualenv", "-b"],
                                  ["workon", "--help"]])
def test_listing_and_help_emit_nothing(argv: list[str], make_env, environ: dict[str, str],
                                       monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    make_env("e")
    assert call(argv, environ, monkeypatch) == 0
    assert emitted(environ) == ""
    assert capsys.readouterr().out


# --- vew init powershell ----------------------------------------------------------------------


def vew_init(*args: str, environ: dict[str, str]) -> tuple[int, str, str]:
    import subprocess

    done = subprocess.run([sys.executable, "-m", "vew", "init", *args], capture_output=True,
                          text=True, env=environ, check=False)
    return done.returncode, done.stdout, done.stderr


def test_init_prints_a_shim_that_parses(environ: dict[str, str]) -> None:
    status, out, err = vew_init("powershell", environ=environ)
    assert status == 0, err
    assert_parses(out)
    assert "function global:workon {" in out
    core = " ".join(DIALECT.quote(word) for word in integration.core_command())
    assert f"& {core} @args" in out
    assert out.rstrip().endswith("_vew_load")


def test_init_static_writes_the_shim_and_prints_the_line_for_the_profile(
        environ: dict[str, str], tmp_path: Path) -> None:
    status, out, err = vew_init("pwsh", "--static", "--install", environ=environ)
    assert status == 0, err
    shim = Path(environ["XDG_DATA_HOME"]) / "vew" / "vew.ps1"
    line = DIALECT.source_line(str(shim))
    assert out.startswith(line)
    assert shim.read_bytes().startswith(b"\xef\xbb\xbf")
    assert_parses(shim.read_text(encoding="utf-8-sig"))
    profile = Path(environ["HOME"]) / ".config" / "powershell" / "Microsoft.PowerShell_profile.ps1"
    assert line in profile.read_text(encoding="utf-8").splitlines()
    assert_parses(profile.read_text(encoding="utf-8"))
    # Once only.
    vew_init("powershell", "--static", "--install", environ=environ)
    assert profile.read_text(encoding="utf-8").count(line) == 1


def test_cdproject_emits_a_cd(make_env, environ: dict[str, str], tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    env = make_env("e")
    project = tmp_path / "it's \u2019here\u2019 $HOME"
    project.mkdir()
    (env / ".project").write_text(f"{project}\n")
    assert call(["cdproject"], dict(environ, VIRTUAL_ENV=str(env)), monkeypatch) == 0
    code = emitted(environ)
    assert_parses(code)
    assert pwsh.commands(code) == [pwsh.Command("_vew_cd", (pwsh.Word("string", str(project)),))]


def test_mkproject_emits_activation_then_its_second_stage(
        environ: dict[str, str], workon_home: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    projects = tmp_path / "projects"
    projects.mkdir()
    environ = dict(environ, PROJECT_HOME=str(projects))
    assert call(["mkproject", "p \u2018q\u2019"], environ, monkeypatch) == 0
    code = emitted(environ)
    assert_parses(code)
    words = [[w.text for w in c.words] for c in pwsh.commands(code)]
    assert [c.name for c in pwsh.commands(code)] == [
        "_vew_workon", "_vew_source_hook", "_vew_call"]
    assert words == [
        ["p \u2018q\u2019", "1"],
        [str(workon_home), "postmkvirtualenv"],
        ["mkproject:finish", "p \u2018q\u2019", str(projects / "p \u2018q\u2019")],
    ]


def test_allvirtualenv_emits_headings_and_the_command_per_environment(
        make_env, environ: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    env = make_env("it's \u2018x\u2019")
    argv = ["Write-Output", "$HOME; `x`", "-Path"]
    assert call(["allvirtualenv", *argv], environ, monkeypatch) == 0
    code = emitted(environ)
    assert_parses(code)
    inside = activated_environ(env, environ)
    assert [(c.name, [w.text for w in c.words]) for c in pwsh.commands(code)] == [
        ("_vew_echo", [env.name]),
        ("_vew_echo", ["=" * len(env.name)]),
        ("_vew_run_in", [str(env), inside["PATH"], env.name, *argv]),
        ("_vew_echo", [""]),
    ]

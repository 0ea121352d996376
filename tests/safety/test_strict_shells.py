"""The shims in the strictest shells users run, among commands named like the ones they use.

The user's shell has its strictest options, aliases *and* functions named cd, rm, ls, grep and
cat (each records any call), CDPATH set, and in zsh a chpwd hook; in PowerShell, functions
named like the cmdlets vew calls, strict mode, errors that stop, and programs failing as
cmdlets do. vew must work there, never call those, never trip the options, and leave no
variable, function or option behind beyond the documented ones (listed once, below).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.harness import LANGUAGES, UNSET, ShellHarness
from tests.support.interactive import InteractiveShell
from vew import commands

pytestmark = pytest.mark.usefixtures("hook_dir")

# --- what vew may leave in the user's shell: the one list ---

# Functions: every user command, virtualenvwrapper's helper functions (bash, zsh; README:
# Coming from virtualenvwrapper), and vew's own namespace, _vew_*.
HELPER_FUNCTIONS = frozenset({
    "virtualenvwrapper_cd", "virtualenvwrapper_expandpath", "virtualenvwrapper_derive_workon_home",
    "virtualenvwrapper_verify_workon_home", "virtualenvwrapper_verify_project_home",
    "virtualenvwrapper_verify_active_environment", "virtualenvwrapper_show_workon_options",
    "virtualenvwrapper_get_site_packages_dir", "virtualenvwrapper_get_python_version",
    "virtualenvwrapper_initialize", "virtualenvwrapper_run_hook", "_virtualenvwrapper_version",
})
# vew itself is a function too (README: Set up your shell).
DOCUMENTED_FUNCTIONS = frozenset({*commands.COMMANDS, "vew"}) | HELPER_FUNCTIONS
# deactivate is vew's while an environment is active; pydoc (bash, zsh), _old_fish_prompt
# (fish) and _old_virtual_prompt (PowerShell) are the activate script's own.
ACTIVE_FUNCTIONS = frozenset({"deactivate", "pydoc", "_old_fish_prompt", "_old_virtual_prompt"})
INTERNAL_PREFIX = "_vew_"

# Variables the shim sets (README: Environment variables, Auto-activation).
DOCUMENTED_VARIABLES = frozenset({
    "WORKON_HOME",
    "VIRTUALENVWRAPPER_HOOK_DIR",
    "VIRTUALENVWRAPPER_PROJECT_FILENAME",
    "VIRTUALENVWRAPPER_WORKON_CD",
    "VIRTUALENVWRAPPER_ENV_BIN_DIR",
    "VIRTUALENVWRAPPER_SCRIPT",
    "VIRTUALENVWRAPPER_PYTHON",
    "_VEW_AUTO_PWD",
    "_VEW_AUTO_ENV",
    "_VEW_AUTO_HANDLER",  # PowerShell: vew's LocationChangedAction, to replace on a reload
})
# The user's variables vew extends when it loads: the auto-activation check joins the prompt
# command (bash) or the directory-change hooks (zsh) (README: Auto-activation; with
# VEW_AUTO_ACTIVATE=1 it also keeps _VEW_AUTO_PWD and _VEW_AUTO_ENV); zsh's completion waits
# for compinit in the prompt hooks (README: Tab completion).
DOCUMENTED_CHANGES = frozenset({"PROMPT_COMMAND", "chpwd_functions", "precmd_functions"})

# Variables the environment's own activate script (virtualenv's) sets or changes while it is
# active; its deactivate takes them back.
ACTIVE_VARIABLES = frozenset({
    "VIRTUAL_ENV", "VIRTUAL_ENV_PROMPT", "_OLD_VIRTUAL_PATH", "PS1", "_OLD_VIRTUAL_PS1",
    "PKG_CONFIG_PATH", "_OLD_PKG_CONFIG_PATH", "_OLD_VIRTUAL_PSVAR", "psvar",
    "_OLD_FISH_PROMPT_OVERRIDE",
    # PowerShell's activate.ps1.
    "_OLD_VIRTUAL_PYDOC", "_OLD_VIRTUAL_PYTHONHOME", "_PYTHON_VENV_PROMPT_PREFIX",
})
ACTIVE_CHANGES = frozenset({"PATH", "PS1", "PKG_CONFIG_PATH", "psvar"})

# Variables the shell itself changes as it runs (not vew's doing), and the tests' own.
_DYNAMIC = frozenset({
    "_", "PWD", "OLDPWD", "LINENO", "RANDOM", "SRANDOM", "SECONDS", "EPOCHREALTIME",
    "EPOCHSECONDS", "PIPESTATUS", "BASHPID", "BASH_ARGC", "BASH_ARGV", "BASH_LINENO",
    "BASH_SOURCE", "BASH_COMMAND", "BASH_SUBSHELL", "BASH_CMDS", "DIRSTACK", "FUNCNAME",
    "COLUMNS", "LINES",
    "status", "pipestatus", "status_generation", "CMD_DURATION", "history", "last_pid",
    "__vew_test_status",
    # PowerShell's automatic variables, and the harness's.
    "?", "^", "$", "args", "input", "Error", "StackTrace", "MyInvocation", "PSItem",
    "LASTEXITCODE", "Matches", "PSBoundParameters", "PSCmdlet", "PSScriptRoot",
    "PSCommandPath", "__vew_test_ok",
})

# --- the hostile user shell, per shell (each shell the sh fixture runs needs its entry) ---

# Defined before vew loads. bash and zsh: a function and an alias of each name; the functions
# use the `function` keyword so that the aliases (defined after them) do not turn their
# definitions into something else. fish: its aliases are functions.
_NAMES = ("cd", "rm", "ls", "grep", "cat")
_POSIX_TRAPS = "\n".join(
    f"function {name} {{ echo \"function-{name}\" >> \"$VEW_TEST_TRAPS\"; return 97; }}\n"
    f"alias {name}='echo alias-{name} >> \"$VEW_TEST_TRAPS\"; false'"
    for name in _NAMES
)
# PowerShell: the names as aliases, and functions named like cmdlets the shim calls (a function
# comes before a cmdlet of the same name; the shim calls them by module-qualified names, which
# reach the cmdlet whatever the session holds). Not those that virtualenv's activate.ps1 calls
# by their plain names (Test-Path, Remove-Item, Remove-Variable, Get-Location): such a session
# breaks that script, vew or not.
_PWSH_CMDLETS = ("Set-Location", "Get-Content", "Get-ChildItem", "Set-Item", "Out-Host",
                 "Set-StrictMode", "Register-ArgumentCompleter")
_PWSH_TRAPS = (
    "foreach ($__name in @(" + ", ".join(f"'{n}'" for n in (*_NAMES, *_PWSH_CMDLETS)) + ")) {\n"
    "    $__trap = [scriptblock]::Create(\"[IO.File]::AppendAllText(`$env:VEW_TEST_TRAPS, "
    "'function-$__name`n'); `$global:LASTEXITCODE = 97\")\n"
    "    Microsoft.PowerShell.Management\\Set-Item -Path \"Function:global:vew_test_$__name\" "
    "-Value $__trap\n"
    "    if ($__name -notlike '*-*') {\n"
    "        Microsoft.PowerShell.Utility\\Set-Alias -Name $__name -Value \"vew_test_$__name\" "
    "-Scope Global -Option AllScope -Force\n"
    "    } else {\n"
    "        Microsoft.PowerShell.Management\\Set-Item -Path \"Function:global:$__name\" "
    "-Value $__trap\n"
    "    }\n"
    "}\n"
    "Microsoft.PowerShell.Utility\\Remove-Variable -Name __name, __trap\n"
)
TRAPS = {
    "bash": _POSIX_TRAPS,
    "zsh": _POSIX_TRAPS,
    "fish": "\n".join(
        f'function {name}; echo "function-{name}" >> "$VEW_TEST_TRAPS"; return 97; end'
        for name in _NAMES
    ),
    "pwsh": _PWSH_TRAPS,
}
# How a script reports the status of a failing command, as the line after it.
REPORT_FAILURE = {
    "bash": " || echo status=$?",
    "zsh": " || echo status=$?",
    "fish": " || echo status=$status",
    # vew's commands fail through $LASTEXITCODE, as programs do: || reads only $?.
    "pwsh": "\nif ($LASTEXITCODE) { 'status=' + $LASTEXITCODE }",
}

# fish has no strict options to set, and no cd that leaves PWD watchers out: nothing to add.
STRICT = {
    "bash": "set -euo pipefail\nshopt -s expand_aliases\n",
    "fish": "",
    "pwsh": "Set-StrictMode -Version Latest\n$ErrorActionPreference = 'Stop'\n"
            "$PSNativeCommandUseErrorActionPreference = $true\n",
    "zsh": "setopt nounset err_exit pipe_fail ksh_arrays sh_word_split\n"
           'function vew_test_chpwd { echo "chpwd $PWD" >> "$VEW_TEST_TRAPS"; }\n'
           "chpwd_functions=(vew_test_chpwd)\n",
}

# Writes the names of all functions, then every variable with its value, then the options, to
# the file named by $1 (NUL-separated).
DUMP = {
    "bash": r"""
vew_test_dump() {
    local __name
    {
        compgen -A function | while IFS= read -r __name; do printf 'function %s\0' "$__name"; done
        for __name in $(compgen -v); do
            printf 'variable %s %s\0' "$__name" "$(declare -p "$__name" 2>/dev/null)"
        done
        printf 'options %s\0' "$-" "$(set -o)" "$(shopt -p)"
    } > "$1"
}
""",
    "zsh": r"""
vew_test_dump() {
    emulate -L zsh
    local __name
    {
        for __name in ${(ko)functions}; do printf 'function %s\0' $__name; done
        for __name in ${(ko)parameters}; do
            [[ ${parameters[$__name]} == *special* || $__name == __name ]] && continue
            printf 'variable %s %s\0' $__name "$(typeset -p -- $__name)"
        done
        printf 'options %s\0' "$(setopt)"
    } > "$1"
}
# Listing loads the modules behind autoloaded parameters (zsh/watch, zsh/zle): once, here.
vew_test_dump /dev/null
""",
    "fish": r"""
function vew_test_dump
    begin
        for __name in (functions -a -n)
            printf 'function %s\0' $__name
        end
        for __name in (set -n)
            contains -- $__name __name argv; and continue
            printf 'variable %s %s\0' $__name (string join \x1f -- $$__name | string collect)
        end
        printf 'options %s\0' ''
    end > $argv[1]
end
""",
    # Global variables and the environment's (PowerShell keeps them apart, the names do not
    # clash); no options beyond
    # its preference variables, which are variables.
    "pwsh": r"""
function global:vew_test_dump {
    $__dump = [Text.StringBuilder]::new()
    foreach ($__item in Microsoft.PowerShell.Management\Get-ChildItem -Path Function:) {
        $null = $__dump.Append("function $($__item.Name)`0")
    }
    foreach ($__item in Microsoft.PowerShell.Utility\Get-Variable -Scope Global) {
        if ($__item.Name -in '__item', '__dump') { continue }
        $null = $__dump.Append("variable $($__item.Name) $([string] $__item.Value)`0")
    }
    foreach ($__item in [Environment]::GetEnvironmentVariables().GetEnumerator()) {
        $null = $__dump.Append("variable $($__item.Key) $($__item.Value)`0")
    }
    $null = $__dump.Append("options `0")
    [IO.File]::WriteAllText($args[0], $__dump.ToString())
}
""",
}


def _prelude(shell: str) -> str:
    return STRICT[shell] + TRAPS[shell] + "\n" + DUMP[shell]


def _read_dump(path: Path) -> tuple[set[str], dict[str, str], list[str]]:
    functions, variables, options = set(), {}, []
    for entry in path.read_text().split("\0")[:-1]:
        kind, _, rest = entry.partition(" ")
        if kind == "function":
            functions.add(rest)
        elif kind == "variable":
            name, _, value = rest.partition(" ")
            variables[name] = value
        else:
            options.append(rest)
    functions.discard("vew_test_dump")
    functions.discard("vew_test_chpwd")
    return functions, variables, options


def _vew_functions(names: set[str]) -> set[str]:
    return {name for name in names if not name.startswith(INTERNAL_PREFIX)}


@pytest.fixture
def strict(sh: ShellHarness, tmp_path: Path) -> dict[str, Path]:
    traps = tmp_path / "traps.log"
    cdpath = tmp_path / "cdpath"
    project = tmp_path / "project"
    for directory in (cdpath / "project", cdpath / "e1", project):
        directory.mkdir(parents=True)
    sh.environ.update({"VEW_TEST_TRAPS": str(traps), "CDPATH": f"{cdpath}:"})
    return {"traps": traps, "project": project, "cdpath": cdpath}


@pytest.mark.parametrize("setup", ["static", "eval"])
def test_a_session_in_a_strict_shell(sh: ShellHarness, tmp_path: Path, strict: dict[str, Path],
                                     setup: str) -> None:
    sh.setup = setup
    project = strict["project"]
    before, active, after = (tmp_path / f"dump-{when}" for when in ("before", "active", "after"))
    script = sh.script()
    # Plain statements, so that errexit would end the script at the first slip (PowerShell:
    # an error that stops, which the harness turns into a status of 1).
    mk = script.call("mkvirtualenv", "-a", str(project), "e1")
    mk_cwd = script.pwd()
    plain = [mk, script.call("mkvirtualenv", "e2"), script.call("workon", "e1")]
    workon_cwd = script.pwd()
    script.raw(f"vew_test_dump {before.parent / 'dump-active'}")
    listing = script.call("lsvirtualenv", "-b")
    plain += [listing, script.call("lsvirtualenv", "-l"), script.call("lsvirtualenv"),
              script.call("workon", "-n", "e2"), script.call("deactivate"),
              script.call("rmvirtualenv", "e2"),
              script.call("rmvirtualenv", "no-such-env"),  # status 0, as virtualenvwrapper
              script.call("workon", "-h")]
    # Failures report their status to the test without ending the script.
    failing = [
        script.raw(line + REPORT_FAILURE[sh.shell])
        for line in ("workon no-such-env", "mkvirtualenv e1", "mkvirtualenv ''",
                     "rmvirtualenv '../x'", "workon")
    ]
    script.raw(f"vew_test_dump {after}")
    end = script.call("echo", "reached the end")
    run = sh.run(script, prelude=_prelude(sh.shell) + f"vew_test_dump {before}\n",
                 cwd=tmp_path)
    assert run.status == 0, run.stderr
    assert run[end].stdout == "reached the end\n"
    assert [run[index].status for index in plain] == [0] * len(plain), run.stderr
    assert run[mk_cwd].stdout == str(project)
    assert run[workon_cwd].stdout == str(project)
    assert run[listing].stdout == "e1\ne2\n"
    for index, status in zip(failing, ("1", "1", "2", "1", "1"), strict=True):
        assert run[index].stdout.endswith(f"status={status}\n"), run[index]
        assert "Traceback" not in run[index].stderr
    # Nothing of the user's was called: no cd, rm, ls, grep, cat, no chpwd hook.
    assert not strict["traps"].exists(), strict["traps"].read_text()
    # Nothing left behind.
    functions0, variables0, options0 = _read_dump(before)
    functions1, variables1, options1 = _read_dump(active)
    functions2, variables2, options2 = _read_dump(after)
    assert options2 == options0
    assert options1 == options0
    assert _vew_functions(functions2 - functions0) <= DOCUMENTED_FUNCTIONS
    assert _vew_functions(functions1 - functions0) <= DOCUMENTED_FUNCTIONS | ACTIVE_FUNCTIONS
    assert "deactivate" in functions1 and "deactivate" not in functions2
    for variables, allowed_new, allowed_changes in (
        (variables2, DOCUMENTED_VARIABLES, frozenset()),
        (variables1, DOCUMENTED_VARIABLES | ACTIVE_VARIABLES, ACTIVE_CHANGES),
    ):
        new = set(variables) - set(variables0) - _DYNAMIC
        assert new <= allowed_new | DOCUMENTED_CHANGES, new - allowed_new
        changed = {name for name in set(variables) & set(variables0) - _DYNAMIC
                   if variables[name] != variables0[name]}
        assert changed <= allowed_changes | DOCUMENTED_VARIABLES | DOCUMENTED_CHANGES, changed
        assert not any(name.startswith(INTERNAL_PREFIX) for name in variables)
        assert not set(variables0) - set(variables) - _DYNAMIC  # nothing of the user's unset


def test_errexit_never_fires_inside_vew(sh: ShellHarness, tmp_path: Path,
                                        strict: dict[str, Path],
                                        make_env: Callable[..., Path]) -> None:
    """Commands that succeed despite failures inside them (failing hooks, nothing to list,
    nothing to remove) return 0 in a strict shell: the script goes on."""
    make_env("e")
    hook_dir = Path(sh.environ["VIRTUALENVWRAPPER_HOOK_DIR"])
    (hook_dir / "postactivate").write_text("false\n")
    (hook_dir / "preactivate").write_text("#!/bin/sh\nexit 3\n")
    (hook_dir / "preactivate").chmod(0o755)
    script = sh.script()
    calls = [script.call("workon", "e"), script.call("deactivate"),
             script.call("rmvirtualenv", "nothing"), script.call("lsvirtualenv", "-b")]
    end = script.call("echo", "reached the end")
    run = sh.run(script, prelude=_prelude(sh.shell), cwd=tmp_path)
    assert [run[index].status for index in calls] == [0, 0, 0, 0]
    assert run[end].stdout == "reached the end\n"


# --- interactive: aliases expand as they do for a user at the prompt ---

# Interactive strict options without errexit: with it, any failing command ends the shell, the
# user's own choice, as `false` would.
INTERACTIVE_STRICT = {
    "bash": "set -uo pipefail\n",
    "fish": "",
    # An error that stops ends only the line typed, not the session.
    "pwsh": STRICT["pwsh"],
    "zsh": "setopt nounset pipe_fail ksh_arrays sh_word_split\n"
           'function vew_test_chpwd { echo "chpwd $PWD" >> "$VEW_TEST_TRAPS"; }\n'
           "chpwd_functions=(vew_test_chpwd)\n",
}


def test_an_interactive_strict_shell_survives_everything(sh: ShellHarness, tmp_path: Path,
                                                         strict: dict[str, Path],
                                                         environ: dict[str, str]) -> None:
    rc = INTERACTIVE_STRICT[sh.shell] + TRAPS[sh.shell]
    shell = InteractiveShell(sh.shell, sh.home, {**environ, "TERM": "dumb"}, rc=rc)
    try:
        lines = [
            (f"mkvirtualenv -a '{strict['project']}' e1", 0),
            ("workon no-such-env", 1),
            ("mkvirtualenv ''", 2),
            ("mkvirtualenv e1", 1),
            ("rmvirtualenv e1", 1),  # active
            ("deactivate", 0),
            ("workon", 1),
            ("lsvirtualenv -b", 0),
            ("rmvirtualenv e1 ../x", 1),
            ("lsvirtualenv -z", 1),
        ]
        for line, expected in lines:
            output, status = shell.run(line)
            assert status == expected, (line, output)
            assert "Traceback" not in output
        assert shell.alive()
        output, _ = shell.run(LANGUAGES[sh.shell].show_var("VIRTUAL_ENV"))
        assert UNSET in output
    finally:
        shell.close()
    assert not strict["traps"].exists(), strict["traps"].read_text()

"""PowerShell auto-activation, read with a real PowerShell grammar (no PowerShell runs here).

The behaviour itself is tested in real shells in tests/test_auto_activation.py; these tests
check that the PowerShell shim holds the same algorithm, hooked where PowerShell calls it, at
the cost the README promises: see tests/support/pwsh_grammar.py for what parsing can and
cannot prove.
"""

from __future__ import annotations

import re

import tree_sitter

from tests.support import pwsh_grammar as pwsh
from vew import shells
from vew.shells.powershell import DIALECT

CORE = ["/usr/bin/python3", "-E", "-P", "-m", "vew"]
AUTO_FUNCTIONS = ("_vew_auto", "_vew_auto_target", "_vew_same_path", "_vew_auto_setup")


def shim() -> str:
    return shells.render_shim(DIALECT, CORE, "/opt/vew/vew.ps1")


def function(code: str, name: str) -> tree_sitter.Node:
    found = []

    def walk(node: tree_sitter.Node) -> None:
        if node.type == "function_statement" and any(
                c.type == "function_name" and c.text == f"global:{name}".encode()
                for c in node.children):
            found.append(node)
        for child in node.children:
            walk(child)

    walk(pwsh.parse(code))
    assert len(found) == 1, name
    return found[0]


def body(code: str, name: str) -> str:
    return (function(code, name).text or b"").decode("utf-8")


def statements(code: str, name: str) -> list[str]:
    """The top-level statements of a function's body, as text (comments left out)."""
    block = next(c for c in function(code, name).children if c.type == "script_block")
    listing = block.children[0].children[0]
    assert listing.type == "statement_list"
    return [(s.text or b"").decode("utf-8") for s in listing.children
            if s.type not in ("empty_statement", "comment")]


def called(code: str, name: str) -> set[str]:
    return {c.name for c in pwsh.commands(body(code, name))}


def test_the_auto_functions_are_defined_and_parse() -> None:
    code = shim()
    assert pwsh.syntax_errors(code) == []
    defined = set(pwsh.defined_functions(code))
    assert {f"global:{name}" for name in AUTO_FUNCTIONS} <= defined


def test_loading_the_shim_sets_auto_activation_up_last() -> None:
    code = shim()
    assert statements(code, "_vew_load")[-3:] == [
        "_vew_complete_setup", "_vew_auto_setup", "_vew_status 0"]


def test_the_check_is_hung_on_every_change_of_location_once() -> None:
    setup = statements(shim(), "_vew_auto_setup")
    assert setup[0] == "$_vew_commands = $ExecutionContext.InvokeCommand"
    assert re.fullmatch(
        r"\$_vew_handler = \[EventHandler\[System\.Management\.Automation\."
        r"LocationChangedEventArgs\]\] \{\s*_vew_auto\s*\}", setup[1])
    # A handler another tool set stays; the one an earlier load of the shim added goes.
    assert setup[2:] == [
        "$_vew_others = [Delegate]::Remove($_vew_commands.LocationChangedAction, "
        "$global:_vew_auto_handler)",
        "$_vew_commands.LocationChangedAction = [Delegate]::Combine($_vew_others, $_vew_handler)",
        "$global:_vew_auto_handler = $_vew_handler",
        # The directory PowerShell starts in counts as entered.
        "_vew_auto",
    ]


def test_an_unchanged_directory_costs_only_comparisons() -> None:
    steps = statements(shim(), "_vew_auto")
    first = steps[:steps.index("$global:_VEW_AUTO_PWD = $_vew_dir")]
    # PowerShell's defaults first (a profile's strict mode would fail on an unset variable).
    assert first == [*DIALECT.prologue.split("; "),
                     "if ($env:VEW_AUTO_ACTIVATE -cne '1' -or $global:_vew_auto_busy) { return }",
                     "$_vew_dir = $ExecutionContext.SessionState.Path."
                     "CurrentFileSystemLocation.ProviderPath",
                     "if ($_vew_dir -ceq $global:_VEW_AUTO_PWD) { return }"]


def test_a_change_starts_no_process() -> None:
    code = shim()
    allowed = {
        "_vew_auto_target", "_vew_same_path", "_vew_is_windows", "_vew_error", "_vew_auto",
        "Microsoft.PowerShell.Core\\Set-StrictMode", "Microsoft.PowerShell.Core\\Out-Host",
        "Microsoft.PowerShell.Utility\\Remove-Variable",
        # Reads a directory's inode (UnixStat) to tell a symlinked one: no process either.
        "Microsoft.PowerShell.Management\\Get-Item",
        # Activation itself, the same as workon's: it runs hooks only if there are any.
        "_vew_workon", "_vew_deactivate",
        # Once, when there is no project index yet: the core writes it.
        "_vew_core",
    }
    for name in AUTO_FUNCTIONS:
        assert called(code, name) <= allowed, name
        text = body(code, name)
        assert "Diagnostics.Process" not in text
        assert not re.search(r"(^|\s)&\s", text), name


def test_activation_and_deactivation_follow_the_bash_rules() -> None:
    code = shim()
    text = body(code, "_vew_auto")
    # Activated with its hooks, without the project cd; remembered only when it worked.
    assert "_vew_workon $_vew_target '0' | Microsoft.PowerShell.Core\\Out-Host" in text
    assert "if ($global:LASTEXITCODE -eq 0) { $global:_VEW_AUTO_ENV = [string] $env:VIRTUAL_ENV }" \
        in text
    # Nothing to do when the environment is already active; a chosen one is never replaced.
    assert "if (_vew_same_path $_vew_active $_vew_env) { return }" in text
    assert ("if (-not $_vew_active -or (_vew_same_path $_vew_active $global:_VEW_AUTO_ENV))"
            in text)
    # Leaving deactivates only what auto-activation activated.
    assert ("} elseif ($global:_VEW_AUTO_ENV -and "
            "(_vew_same_path $_vew_active $global:_VEW_AUTO_ENV)) {" in text)
    assert "Remove-Variable -Name _VEW_AUTO_ENV -Scope Global" in text


def test_a_cd_keeps_the_last_exit_status_and_never_fails() -> None:
    text = body(shim(), "_vew_auto")
    assert "$_vew_last_status = $global:LASTEXITCODE" in text
    finally_block = text[text.index("} finally {"):]
    assert "$global:LASTEXITCODE = $_vew_last_status" in finally_block
    assert "$global:_vew_auto_busy = $false" in finally_block
    assert "} catch {" in text


def test_the_lookup_reads_a_venv_file_or_the_index() -> None:
    text = body(shim(), "_vew_auto_target")
    assert "[IO.Path]::Combine([string] $env:WORKON_HOME, '.vew-projects')" in text
    # A .venv file, not a directory (an in-project environment) nor a link.
    assert "$_vew_link = [IO.FileInfo]::new([IO.Path]::Combine($_vew_dir, '.venv'))" in text
    assert "if ($_vew_link.Exists -and $null -eq $_vew_link.LinkTarget) {" in text
    # "project<TAB>name" lines, the whole directory matched.
    assert "$_vew_key = \"`n\" + $_vew_dir + \"`t\"" in text
    assert "$_vew_dir = [IO.Path]::GetDirectoryName($_vew_dir)" in text
    # One index read per change, before walking up.
    assert text.count("ReadAllText") == 1
    assert text.index("ReadAllText") < text.index("while ($_vew_dir)")


def test_workon_makes_the_environment_the_users() -> None:
    steps = statements(shim(), "_vew_workon")
    forget = steps.index("Microsoft.PowerShell.Utility\\Remove-Variable -Name _VEW_AUTO_ENV "
                         "-Scope Global -ErrorAction SilentlyContinue")
    # After the checks that may refuse, before anything is deactivated or activated.
    assert steps[forget - 1].startswith("if ($_vew_project)")
    assert steps[forget + 1].startswith("if (Microsoft.PowerShell.Management\\Test-Path -Path "
                                        "Function:\\_vew_env_own_deactivate)")


def test_vews_own_changes_of_location_are_not_checked() -> None:
    code = shim()
    cd = statements(code, "_vew_cd")
    assert cd[:2] == ["$_vew_busy = $global:_vew_auto_busy", "$global:_vew_auto_busy = $true"]
    assert "Set-Location -LiteralPath" in cd[2]
    assert cd[2].endswith("} finally {\n        $global:_vew_auto_busy = $_vew_busy\n    }")
    # allvirtualenv: into each environment and back, and whatever COMMAND does meanwhile.
    run_in = statements(code, "_vew_run_in")
    hold = run_in.index("$global:_vew_auto_busy = $true")
    guarded = run_in[hold + 1]
    assert guarded.startswith("try {")
    assert guarded.index("Set-Location -LiteralPath $_vew_env") < guarded.index("} finally {")
    assert guarded.rstrip("} \n").endswith("$global:_vew_auto_busy = $_vew_busy")

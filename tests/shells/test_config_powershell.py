"""The configuration file's values in the PowerShell shim (parsed, not run: see
tests/support/pwsh_grammar.py)."""

from __future__ import annotations

import pytest

from tests.support import pwsh_grammar as pwsh
from vew import shells
from vew.shells.powershell import DIALECT

HOSTILE = ["plain", "with space", "it's", "''", "\u2018curly\u2019", "$HOME", "`n", "a;b"]
CORE = ["/usr/bin/python3", "-E", "-P", "-m", "vew"]


@pytest.mark.parametrize("value", HOSTILE)
def test_file_values_become_verbatim_defaults(value: str) -> None:
    config = {"workon_home": f"/home/{value}/envs", "hook_dir": f"/hooks/{value}",
              "project_filename": f".{value}", "workon_cd": "0"}
    code = shells.render_shim(DIALECT, CORE, "/opt/vew/vew.ps1", config)
    errors = pwsh.syntax_errors(code)
    assert not errors, "\n".join(errors)
    for variable, key in [("_vew_file_home", "workon_home"), ("_vew_file_hook_dir", "hook_dir"),
                          ("_vew_file_project_filename", "project_filename"),
                          ("_vew_file_workon_cd", "workon_cd")]:
        line = f"${variable} = {DIALECT.quote(config[key])}\n"
        assert line in code
        assert pwsh.verbatim_value(DIALECT.quote(config[key])) == config[key]


def test_without_a_file_the_defaults_are_empty_strings() -> None:
    code = shells.render_shim(DIALECT, CORE, "/opt/vew/vew.ps1")
    assert "$_vew_file_home = ''\n" in code
    assert "$_vew_file_workon_cd = ''\n" in code
    # The environment is read first; the file's values only fill what it leaves unset.
    assert "if (-not $_vew_home) { $_vew_home = $_vew_file_home }" in code

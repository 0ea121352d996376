"""virtualenvwrapper: version, settings in force and every user command with its line."""

from __future__ import annotations

from pathlib import Path

from tests.support.harness import ShellHarness
from vew import __version__, catalogue


def test_shows_version_settings_and_every_command(
        sh: ShellHarness, environ: dict[str, str], tmp_path: Path) -> None:
    environ["PROJECT_HOME"] = str(tmp_path)
    result = sh("virtualenvwrapper")

    assert result.status == 0
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert f"Version: {__version__}" in lines
    assert f"WORKON_HOME: {sh.workon_home}" in lines
    assert f"PROJECT_HOME: {tmp_path}" in lines
    assert f"VIRTUALENVWRAPPER_HOOK_DIR: {sh.workon_home}" in lines
    assert "VIRTUALENVWRAPPER_VIRTUALENV_ARGS: --no-seed" in lines
    script = next(line for line in lines if line.startswith("Script: "))
    assert Path(script.removeprefix("Script: ")).is_file()

    listing = result.stdout.split("Commands available:\n\n", 1)[1]
    expected = sorted(command.name for command in catalogue.COMMANDS
                      if command.name != "deactivate")
    assert listing == "".join(f"  {name}: {catalogue.BY_NAME[name].summary}\n\n"
                              for name in expected)
    assert "mkproject" in expected and "toggleglobalsitepackages" in expected

"""Run hooks on Windows, where no shebang script runs: NAME.exe, .cmd, .bat or .ps1.

The lookup is plain path logic, so it is checked here on Linux with ``windows=True``; a
"NAME.exe" that is really a shell script stands in for a program.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from vew import hooks


def write(path: Path, text: str = "", mode: int = 0o644) -> Path:
    path.write_text(text)
    path.chmod(mode)
    return path


def test_the_first_program_found_wins(tmp_path: Path) -> None:
    hook = tmp_path / "preactivate"
    environ = {"ComSpec": r"C:\Windows\system32\cmd.exe"}
    write(tmp_path / "preactivate.ps1")
    command = hooks.windows_command(hook, environ)
    assert command is not None
    assert command[1:] == ["-NoProfile", "-NonInteractive", "-File",
                           str(tmp_path / "preactivate.ps1")]
    write(tmp_path / "preactivate.bat")
    assert hooks.windows_command(hook, environ) == [
        r"C:\Windows\system32\cmd.exe", "/d", "/c", str(tmp_path / "preactivate.bat")]
    write(tmp_path / "preactivate.cmd")
    assert hooks.windows_command(hook, environ) == [
        r"C:\Windows\system32\cmd.exe", "/d", "/c", str(tmp_path / "preactivate.cmd")]
    write(tmp_path / "preactivate.exe")
    assert hooks.windows_command(hook, environ) == [str(tmp_path / "preactivate.exe")]


def test_an_extensionless_hook_is_no_program_there(tmp_path: Path) -> None:
    write(tmp_path / "preactivate", "#!/bin/sh\necho hi\n", 0o755)
    assert hooks.windows_command(tmp_path / "preactivate", {}) is None


def test_run_starts_the_program_in_workon_home(tmp_path: Path,
                                               capfd: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "wh"
    home.mkdir()
    write(home / "get_env_details", "#!/bin/sh\necho not me\n", 0o755)
    write(home / "get_env_details.exe", '#!/bin/sh\necho "$PWD" "$@"\nexit 3\n', 0o755)
    status = hooks.run(home / "get_env_details", ["a b", "c"], home, dict(os.environ),
                       windows=True)
    assert status == 3
    out, err = capfd.readouterr()
    assert out == f"{home} a b c\n"
    assert "exited with status 3" in err


def test_vews_own_stub_is_left_alone_silently(tmp_path: Path,
                                              capfd: pytest.CaptureFixture[str]) -> None:
    hook = write(tmp_path / "preactivate",
                 hooks.stub_text(hooks.HOOKS["preactivate"], hooks.GLOBAL, {}), 0o755)
    assert hooks.run(hook, ["e"], tmp_path, dict(os.environ), windows=True) == 0
    assert capfd.readouterr() == ("", "")


def test_a_sh_hook_with_no_program_twin_is_reported(tmp_path: Path,
                                                    capfd: pytest.CaptureFixture[str]) -> None:
    hook = write(tmp_path / "preactivate", "#!/bin/sh\necho hi\n", 0o755)
    assert hooks.run(hook, ["e"], tmp_path, dict(os.environ), windows=True) == 0
    out, err = capfd.readouterr()
    assert out == ""
    assert f"hook {hook} cannot run on Windows" in err


def test_elsewhere_the_hook_itself_runs(tmp_path: Path,
                                       capfd: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "preactivate.exe", "#!/bin/sh\necho wrong\n", 0o755)
    hook = write(tmp_path / "preactivate", "#!/bin/sh\necho right \"$1\"\n", 0o755)
    assert hooks.run(hook, ["e"], tmp_path, dict(os.environ), windows=False) == 0
    assert capfd.readouterr().out == "right e\n"


@pytest.mark.parametrize(("text", "stub"), [
    ("", True),
    ("#!/bin/sh\n# comment\n\n", True),
    ("#!/bin/sh\n echo\n", False),
    ("   \n", False),
])
def test_is_stub(tmp_path: Path, text: str, stub: bool) -> None:
    assert hooks.is_stub(write(tmp_path / "h", text)) is stub

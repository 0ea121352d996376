from __future__ import annotations

import subprocess
from pathlib import Path

from tests.support.harness import ShellHarness

SEES_GLOBAL = ("import sys, sysconfig; "
               "print(sysconfig.get_path('purelib', vars={'base': sys.base_prefix}) in sys.path)")


def _sees_global(env: Path) -> str:
    return subprocess.run([env / "bin" / "python", "-c", SEES_GLOBAL], capture_output=True,
                          text=True, check=True).stdout.strip()


def test_toggles_include_system_site_packages(sh: ShellHarness, make_env) -> None:
    env = make_env("e")
    config = env / "pyvenv.cfg"
    assert "include-system-site-packages = false" in config.read_text()
    others = [line for line in config.read_text().splitlines() if "include-system" not in line]
    assert _sees_global(env) == "False"

    script = sh.script()
    script.call("workon", "e")
    enabled = script.call("toggleglobalsitepackages")
    run = sh.run(script)
    assert (run[enabled].status, run[enabled].stdout) == (0, "Enabled global site-packages\n")
    assert "include-system-site-packages = true" in config.read_text()
    assert _sees_global(env) == "True"

    script = sh.script()
    script.call("workon", "e")
    disabled = script.call("toggleglobalsitepackages")
    quiet = script.call("toggleglobalsitepackages", "-q")
    run = sh.run(script)
    assert (run[disabled].status, run[disabled].stdout) == (0, "Disabled global site-packages\n")
    assert (run[quiet].status, run[quiet].stdout, run[quiet].stderr) == (0, "", "")
    assert "include-system-site-packages = true" in config.read_text()
    assert [line for line in config.read_text().splitlines()
            if "include-system" not in line] == others


def test_a_missing_key_is_added_and_case_is_ignored(sh: ShellHarness, make_env) -> None:
    env = make_env("e")
    config = env / "pyvenv.cfg"
    config.write_text("home = /usr\nInclude-System-Site-Packages=TRUE\n")
    script = sh.script()
    script.call("workon", "e")
    first = script.call("toggleglobalsitepackages")
    run = sh.run(script)
    assert run[first].stdout == "Disabled global site-packages\n"
    assert config.read_text() == "home = /usr\nInclude-System-Site-Packages=false\n"
    config.write_text("home = /usr\n")
    assert sh("toggleglobalsitepackages", extra_env={"VIRTUAL_ENV": str(env)}).stdout == \
        "Enabled global site-packages\n"
    assert config.read_text() == "home = /usr\ninclude-system-site-packages = true\n"


def test_errors(sh: ShellHarness, workon_home: Path, tmp_path: Path) -> None:
    nothing = sh("toggleglobalsitepackages")
    assert nothing.status == 1
    assert "no virtualenv active" in nothing.stderr
    no_config = sh("toggleglobalsitepackages", extra_env={"VIRTUAL_ENV": str(tmp_path)})
    assert no_config.status == 1
    assert no_config.stdout == ""
    assert "pyvenv.cfg" in no_config.stderr

"""vew doctor: every problem, with a fix that can be pasted into a shell; --json."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from virtualenv import cli_run

from tests.support.harness import ShellHarness
from tests.support.interpreters import disposable_python


def vew(*args: str, environ: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "vew", *args], capture_output=True,
                          text=True, env=environ, check=False)


def broken_env(workon_home: Path, name: str, tmp_path: Path, environ: dict[str, str]) -> Path:
    """A real environment whose interpreter has been deleted since."""
    python = disposable_python(tmp_path / "doomed")
    env = workon_home / name
    cli_run(["--no-seed", "-p", str(python), str(env)], setup_logging=False, env=environ)
    shutil.rmtree(tmp_path / "doomed")
    return env


def test_a_healthy_home(make_env, environ: dict[str, str], workon_home: Path) -> None:
    make_env("fine")
    done = vew("doctor", environ=environ)
    assert (done.returncode, done.stdout) == (
        0, f"No problems found in {workon_home} (1 environment).\n")
    data = json.loads(vew("doctor", "--json", environ=environ).stdout)
    assert data == {"workon_home": str(workon_home), "environments": 1, "problems": []}


def test_a_broken_environment_and_the_fix_that_works(
        sh: ShellHarness, environ: dict[str, str], workon_home: Path, tmp_path: Path) -> None:
    name = "it's fragile"
    env = broken_env(workon_home, name, tmp_path, environ)
    home = tmp_path / "doomed" / "bin"
    done = vew("doctor", environ=environ)
    quoted = shlex.quote(name)
    rebuild = (f"vew repair {quoted}   (rebuilds it on an available Python, keeping its "
               f"packages; or rmvirtualenv {quoted})")
    assert done.returncode == 1
    assert done.stdout == (
        f"{name}: pyvenv.cfg points at a missing home {home}\n    fix: {rebuild}\n"
        f"{name}: the interpreter is gone: {env}/bin/python -> {home}/python3."
        f"{sys.version_info.minor}\n    fix: {rebuild}\n"
        f"\n2 problem(s) found in {workon_home}.\n")
    as_json = vew("doctor", "--json", environ=environ)
    assert as_json.returncode == 1
    data = json.loads(as_json.stdout)
    assert (data["workon_home"], data["environments"]) == (str(workon_home), 1)
    assert [(p["name"], p["fix"]) for p in data["problems"]] == [(name, rebuild)] * 2
    # workon says what is wrong, and the same fix.
    result = sh("workon", name)
    assert result.status == 1
    assert result.stderr.endswith(f"Rebuild it with 'vew repair {name}'.\n")

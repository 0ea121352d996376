from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.support import wheels
from tests.support.harness import ShellHarness


def _pip(env: Path, *args: str, environ: dict[str, str]) -> str:
    return subprocess.run([env / "bin" / "python", "-m", "pip", *args], capture_output=True,
                          text=True, check=True, env=environ).stdout


def _installed(env: Path, environ: dict[str, str]) -> list[str]:
    listed = json.loads(_pip(env, "list", "--format=json", environ=environ))
    return sorted(item["name"] for item in listed)


def _editable_project(root: Path) -> Path:
    (root / "src" / "edit_me").mkdir(parents=True)
    (root / "src" / "edit_me" / "__init__.py").write_text("")
    (root / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools>=64"]\n'
        'build-backend = "setuptools.build_meta"\n\n'
        '[project]\nname = "edit-me"\nversion = "0.1"\n')
    return root


def test_uninstalls_everything_but_pip_itself_editable_installs_included(
        sh: ShellHarness, workon_home: Path, environ: dict[str, str], tmp_path: Path) -> None:
    env = wheels.seeded_env(workon_home / "full", environ, "--setuptools", "bundle")
    dist = tmp_path / "dist"
    tool = wheels.build_wheel(dist, "prefix_tool", **wheels.PREFIX_TOOL)
    # Names that contain a kept name: kept by substring upstream, removed by exact name here.
    sixer = wheels.build_wheel(dist, "sixer")
    pyparsing_tools = wheels.build_wheel(dist, "pyparsing_tools")
    _pip(env, "install", "-q", "--no-index", "--no-build-isolation", str(tool), str(sixer),
         str(pyparsing_tools), "-e", str(_editable_project(tmp_path / "edit me")),
         environ=environ)
    before = _installed(env, environ)
    assert {"edit-me", "prefix_tool", "sixer", "pyparsing_tools", "pip"} <= set(before)

    script = sh.script()
    script.call("workon", "full")
    wiped = script.call("wipeenv")
    pip = script.call("pip", "--version")
    again = script.call("wipeenv")
    run = sh.run(script)

    assert run[wiped].status == 0, run[wiped]
    assert run[wiped].stdout.startswith("Uninstalling packages:\n\n")
    removed = [line for line in run[wiped].stdout.splitlines()[2:]
               if line in {"edit-me", "prefix_tool", "sixer", "pyparsing_tools"}]
    assert sorted(removed) == ["edit-me", "prefix_tool", "pyparsing_tools", "sixer"]
    assert "Successfully uninstalled edit-me" in run[wiped].stdout
    assert set(_installed(env, environ)) <= {"pip", "setuptools", "wheel"}
    assert not (env / "bin" / "prefix-tool").exists()
    assert run[pip].status == 0
    assert f"from {env}/lib/" in run[pip].stdout
    assert (run[again].status, run[again].stdout) == (0, "Nothing to remove.\n")


def test_an_environment_without_pip_has_nothing_to_remove(sh: ShellHarness, make_env) -> None:
    make_env("bare")
    script = sh.script()
    script.call("workon", "bare")
    wiped = script.call("wipeenv")
    run = sh.run(script)
    assert (run[wiped].status, run[wiped].stdout, run[wiped].stderr) == \
        (0, "Nothing to remove.\n", "")


def test_nothing_active_is_an_error(sh: ShellHarness, workon_home: Path) -> None:
    done = sh("wipeenv")
    assert done.status == 1
    assert "no virtualenv active" in done.stderr

"""vew run, vew link, vew pythons and the JSON listing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.support.harness import ShellHarness
from vew.creation import resolve_python


def vew(*args: str, environ: dict[str, str], cwd: Path | None = None
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "vew", *args], capture_output=True,
                          text=True, env=environ, cwd=cwd, check=False)


def test_run_inside_an_environment_returns_its_status(make_env, environ) -> None:
    env = make_env("runner")
    done = vew("run", "runner", "--", "python", "-c",
               "import os, sys; print(sys.prefix); print(os.environ['VIRTUAL_ENV'])",
               environ=environ)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [str(env), str(env)]
    assert vew("run", "runner", "--", "sh", "-c", "exit 7", environ=environ).returncode == 7
    missing = vew("run", "absent", "--", "true", environ=environ)
    assert missing.returncode == 1
    assert "does not exist" in missing.stderr
    unknown = vew("run", "runner", "--", "no-such-command-here", environ=environ)
    assert unknown.returncode == 127
    assert "command not found" in unknown.stderr


def test_link_writes_a_venv_file(make_env, environ, tmp_path: Path) -> None:
    make_env("linked")
    project = tmp_path / "proj"
    project.mkdir()
    done = vew("link", "linked", environ=environ, cwd=project)
    assert done.returncode == 0, done.stderr
    assert (project / ".venv").read_text() == "linked\n"
    (tmp_path / "inproject" / ".venv").mkdir(parents=True)
    refused = vew("link", "linked", environ=environ, cwd=tmp_path / "inproject")
    assert refused.returncode == 1
    assert (tmp_path / "inproject" / ".venv").is_dir()


def test_json_listing_schema(sh: ShellHarness, make_env, workon_home: Path) -> None:
    env = make_env("healthy")
    (env / ".project").write_text("/some/project\n")
    (workon_home / "halfway").mkdir()
    (workon_home / "halfway" / "pyvenv.cfg").write_text("home = /nowhere/bin\nversion = 3.9.1\n")
    result = sh("lsvirtualenv", "--json")
    assert result.status == 0, result.stderr
    listing = json.loads(result.stdout)
    by_name = {item["name"]: item for item in listing}
    assert set(by_name) == {"healthy", "halfway"}
    healthy = by_name["healthy"]
    assert healthy == {
        "name": "healthy", "path": str(env),
        "python": {"version": ".".join(map(str, sys.version_info[:3])),
                   "implementation": "CPython"},
        "project": "/some/project", "broken": False, "problems": [],
    }
    halfway = by_name["halfway"]
    assert halfway["broken"] is True
    assert "no activate script" in halfway["problems"]
    assert any("missing home /nowhere/bin" in p for p in halfway["problems"])


def test_pythons_lists_managed_interpreters(environ, tmp_path: Path) -> None:
    binary = tmp_path / "pyenv" / "versions" / "3.12.4" / "bin" / "python3"
    binary.parent.mkdir(parents=True)
    binary.write_text("#!/bin/sh\n")
    binary.chmod(0o755)
    done = vew("pythons", environ=dict(environ, PYENV_ROOT=str(tmp_path / "pyenv")))
    assert done.returncode == 0, done.stderr
    assert any(line.split()[1:3] == ["3.12.4", "pyenv"] and line.endswith(str(binary))
               for line in done.stdout.splitlines())


VERSION = f"{sys.version_info.major}.{sys.version_info.minor}"


def _pyenv_holding_this_python(tmp_path: Path) -> tuple[Path, Path]:
    """A pyenv root whose only version, VERSION.99, is the running (usual) build, linked in:
    the root, and that version's python3."""
    root = tmp_path / "pyenv"
    bin_dir = root / "versions" / f"{VERSION}.99" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python3").symlink_to(Path(sys.executable).resolve())
    return root, bin_dir / "python3"


def test_mkvirtualenv_finds_a_version_kept_off_path(sh: ShellHarness, tmp_path: Path) -> None:
    """`-p X.Y` reaches an interpreter only pyenv knows about (a real one, linked in)."""
    root, python = _pyenv_holding_this_python(tmp_path)
    environ = {"PYENV_ROOT": str(root), "PATH": str(tmp_path / "empty-path")}
    assert resolve_python(VERSION, environ) == str(python)
    result = sh("mkvirtualenv", "-p", VERSION, "offpath", extra_env=environ)
    assert result.status == 0, result.stderr
    assert (sh.workon_home / "offpath" / "bin" / "activate").is_file()


def test_a_free_threaded_request_is_never_met_with_the_usual_build(
        sh: ShellHarness, tmp_path: Path) -> None:
    """`-p X.Yt` asks for a free-threaded build: an X.Y found by its folder's name (this one is
    the usual build) does not answer it, and with nothing else there nothing is created."""
    root, _ = _pyenv_holding_this_python(tmp_path)
    result = sh("mkvirtualenv", "-p", f"{VERSION}t", "free", extra_env={"PYENV_ROOT": str(root)})
    assert result.status == 1
    assert result.stderr == (f"ERROR: no Python interpreter found for '{VERSION}t'; "
                             "'vew pythons' lists the ones available\n")
    assert not (sh.workon_home / "free").exists()


def test_showvirtualenv_json(sh: ShellHarness, make_env) -> None:
    env = make_env("shown")
    script = sh.script()
    named = script.call("showvirtualenv", "shown", "--json")
    script.call("workon", "shown")
    active = script.call("showvirtualenv", "--json")
    run = sh.run(script)
    for index in (named, active):
        assert run[index].status == 0, run[index].stderr
        data = json.loads(run[index].stdout)
        assert (data["name"], data["path"], data["broken"]) == ("shown", str(env), False)

"""vew repair: a real environment broken by deleting its interpreter, rebuilt in place."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import virtualenv

from tests.support.harness import ShellHarness, export_hook
from tests.support.interpreters import disposable_python
from tests.support.wheels import build_wheel
from vew import health, pythons

EMBEDDED_WHEELS = Path(virtualenv.__file__).parent / "seed" / "wheels" / "embed"


def vew(*args: str, environ: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "vew", *args], capture_output=True,
                          text=True, env=environ, check=False)


def editable_project(directory: Path) -> Path:
    (directory / "editpkg").mkdir(parents=True)
    (directory / "editpkg" / "__init__.py").write_text("WHERE = 'original'\n")
    (directory / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n'
        '[project]\nname = "editpkg"\nversion = "0.1"\n'
        '[tool.setuptools]\npackages = ["editpkg"]\n')
    return directory


def test_repair_rebuilds_an_env_whose_interpreter_is_gone(
        sh: ShellHarness, tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    build_wheel(wheels, "reppkg", "2.0", modules={"reppkg.py": "VALUE = 'kept'\n"})
    offline = {"VIRTUALENVWRAPPER_VIRTUALENV_ARGS": "", "PIP_NO_INDEX": "1",
               "PIP_FIND_LINKS": f"{wheels} {EMBEDDED_WHEELS}"}
    environ = dict(sh.environ, **offline)
    interpreter = disposable_python(tmp_path / "doomed-python")
    project = editable_project(tmp_path / "src project")
    workdir = tmp_path / "work dir"
    workdir.mkdir()

    script = sh.script()
    made = script.call("mkvirtualenv", "-p", str(interpreter), "-a", str(workdir),
                       "-i", "reppkg==2.0", "fragile")
    editable = script.call("python", "-m", "pip", "install", "-q", "-e", str(project))
    run = sh.run(script, extra_env=offline)
    assert run[made].status == 0, run[made].stderr
    assert run[editable].status == 0, run[editable].stderr
    env = sh.workon_home / "fragile"
    export_hook(env / "bin", "postactivate", "FRAGILE_HOOK", "still here")

    shutil.rmtree(tmp_path / "doomed-python")
    broken = health.inspect(sh.workon_home, "fragile")
    assert broken.broken
    assert any("interpreter is gone" in problem for problem in broken.problems)
    doctor = vew("doctor", environ=environ)
    assert doctor.returncode == 1
    assert "fix: vew repair fragile " in doctor.stdout

    dry = vew("repair", "fragile", "-p", sys.executable, "--dry-run", environ=environ)
    assert dry.returncode == 0, dry.stderr
    assert "reinstall reppkg==2.0" in dry.stdout and f"editable {project}" in dry.stdout
    assert health.inspect(sh.workon_home, "fragile").broken

    repaired = vew("repair", "fragile", "-p", sys.executable, environ=environ)
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    assert not health.inspect(sh.workon_home, "fragile").broken
    assert (env / ".project").read_text() == f"{workdir}\n"

    (project / "editpkg" / "__init__.py").write_text("WHERE = 'edited in place'\n")
    script = sh.script()
    script.call("workon", "fragile")
    hook = script.var("FRAGILE_HOOK")
    where = script.pwd()
    imported = script.call("python", "-c",
                           "import reppkg, editpkg; print(reppkg.VALUE, editpkg.WHERE)")
    run = sh.run(script)
    assert run[hook].stdout == "still here"
    assert run[where].stdout == str(workdir)
    assert run[imported].stdout.strip() == "kept edited in place"
    urls = list((env / "lib").glob("python*/site-packages/editpkg-*.dist-info/direct_url.json"))
    assert json.loads(urls[0].read_text())["dir_info"]["editable"] is True
    assert vew("doctor", environ=environ).returncode == 0


def test_failed_repair_puts_the_environment_back(sh: ShellHarness, make_env,
                                                 tmp_path: Path) -> None:
    env = make_env("keepme")
    (env / "bin" / "postactivate").write_text("# mine\n")
    before = sorted(str(p.relative_to(env)) for p in env.rglob("*"))
    failed = vew("repair", "keepme", "--force", "-p", str(tmp_path / "no-python"),
                 environ=sh.environ)
    assert failed.returncode == 1
    assert failed.stderr.startswith("ERROR:")
    assert "Traceback" not in failed.stderr
    assert sorted(str(p.relative_to(env)) for p in env.rglob("*")) == before
    assert not list(sh.workon_home.glob(".keepme*"))


def test_closest_interpreter_prefers_the_same_minor_version(tmp_path: Path) -> None:
    root = tmp_path / "pyenv"
    for version in ["3.10.4", "3.11.2", "3.11.9", "3.12.1", "3.13.0"]:
        binary = root / "versions" / version / "bin" / "python3"
        binary.parent.mkdir(parents=True)
        binary.write_text("#!/bin/sh\n")
        binary.chmod(0o755)
    environ = {"PATH": "", "PYENV_ROOT": str(root), "HOME": str(tmp_path)}
    assert pythons.closest("3.11.7", environ).version == "3.11.9"
    assert pythons.closest("3.14.0", environ).version == "3.13.0"
    assert pythons.closest("3.9.1", environ).version == "3.10.4"
    assert pythons.find("3.12", environ).source == "pyenv"
    assert pythons.find("python3.10", environ).version == "3.10.4"
    assert pythons.find("/usr/bin/python3", environ) is None
    assert os.path.basename(pythons.find("3", environ).path) == "python3"

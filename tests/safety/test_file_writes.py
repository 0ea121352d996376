"""Every file vew owns is replaced whole: a full disk leaves the old one intact, and a symlink
in its place is replaced, never written through (vew.files.write_atomic)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from virtualenv import cli_run

from tests.support.creation_failures import TinyFilesystem, assert_one_error
from tests.support.harness import ShellHarness

pytestmark = pytest.mark.usefixtures("hook_dir")


@pytest.fixture
def tiny_fs(tmp_path: Path) -> Iterator[TinyFilesystem]:
    filesystem = TinyFilesystem(tmp_path / "tiny")
    yield filesystem
    filesystem.unmount()


def _site(env: Path) -> Path:
    return next((env / "lib").glob("python*/site-packages"))


# Each command that rewrites a file of an active environment "e": the file, and the command.
WRITES = {
    "toggleglobalsitepackages": (lambda env: env / "pyvenv.cfg",
                                 lambda target: ["toggleglobalsitepackages"]),
    "setvirtualenvproject": (lambda env: env / ".project",
                             lambda target: ["setvirtualenvproject", "e", str(target)]),
    "add2virtualenv": (lambda env: _site(env) / "_virtualenv_path_extensions.pth",
                       lambda target: ["add2virtualenv", str(target)]),
}


def _prepare(env: Path, file: Path, elsewhere: Path) -> None:
    """Give the file an old content (the .project and .pth files do not exist yet)."""
    if file.name == ".project":
        file.write_text(f"{elsewhere}\n")
    elif file.suffix == ".pth":
        file.write_text(f"import sys; sys.__plen = len(sys.path)\n{elsewhere}\nimport sys; "
                        "new=sys.path[sys.__plen:]; del sys.path[sys.__plen:]; "
                        "p=getattr(sys,'__egginsert',0); sys.path[p:p]=new; "
                        "sys.__egginsert = p+len(new)\n")


@pytest.mark.parametrize("resource", ["pages", "inodes"])
@pytest.mark.parametrize("command", WRITES)
def test_a_full_disk_leaves_the_file_whole(sh: ShellHarness, tmp_path: Path,
                                           tiny_fs: TinyFilesystem, command: str,
                                           resource: str) -> None:
    workon_home = tiny_fs.mountpoint / "wh"
    workon_home.mkdir()
    sh.environ["WORKON_HOME"] = str(workon_home)
    env = workon_home / "e"
    cli_run(["--no-seed", "--activators", "bash,fish,powershell", str(env)],
            setup_logging=False, env=sh.environ)
    file_of, argv = WRITES[command]
    file = file_of(env)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    _prepare(env, file, elsewhere)
    # Big enough that a truncated rewrite would show: pad the file with comment lines.
    padding = "".join(f"# line {index}\n" for index in range(2000))
    if file.name == "pyvenv.cfg":
        file.write_text(file.read_text() + padding)
    before = file.read_bytes()
    target = tmp_path / "new target"
    target.mkdir()
    tiny_fs.leave_free(**{resource: 0})
    script = sh.script()
    script.call("workon", "e")
    done = script.call(*argv(target))
    run = sh.run(script)
    tiny_fs.release()
    assert run[done].status == 1, run[done]
    assert_one_error(run[done])
    assert file.read_bytes() == before
    assert not [entry for entry in os.listdir(file.parent) if entry.endswith(".tmp")]


@pytest.mark.parametrize("command", WRITES)
def test_a_symlinked_file_is_replaced_not_written_through(
        sh: ShellHarness, make_env, tmp_path: Path, command: str) -> None:
    env = make_env("e")
    file_of, argv = WRITES[command]
    file = file_of(env)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    _prepare(env, file, elsewhere)
    outside = tmp_path / "outside-file"
    outside.write_bytes(file.read_bytes() if file.exists() else b"outside\n")
    outside.chmod(0o644)
    before = outside.read_bytes()
    file.unlink(missing_ok=True)
    file.symlink_to(outside)
    target = tmp_path / "new target"
    target.mkdir()
    script = sh.script()
    script.call("workon", "e")
    done = script.call(*argv(target))
    run = sh.run(script)
    assert run[done].status == 0, run[done].stderr
    assert outside.read_bytes() == before
    assert not file.is_symlink() and file.is_file()
    assert file.read_bytes() != before


def test_the_project_index_and_a_link_file_are_never_written_through(
        sh: ShellHarness, make_env, tmp_path: Path) -> None:
    make_env("e")
    outside = tmp_path / "outside-file"
    outside.write_text("outside\n")
    index = sh.workon_home / ".vew-projects"
    index.symlink_to(outside)
    project = tmp_path / "project"
    project.mkdir()
    (project / ".venv").symlink_to(outside)
    made = sh("setvirtualenvproject", "e", str(project), extra_env={"VEW_AUTO_ACTIVATE": "1"})
    assert made.status == 0, made.stderr
    assert outside.read_text() == "outside\n"
    assert not index.is_symlink()
    assert index.read_text() == f"{project}\te\n"
    # `vew link` refuses to replace a .venv link (an in-project environment may be one).
    linked = subprocess.run([sys.executable, "-m", "vew", "link", "e"], cwd=project,
                            capture_output=True, text=True, env=sh.environ, check=False)
    assert linked.returncode == 1
    assert outside.read_text() == "outside\n"

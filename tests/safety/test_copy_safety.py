"""cpvirtualenv makes a permanent copy, writes nothing outside WORKON_HOME, and never modifies
its source."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from tests.support.harness import UNSET, ShellHarness, export_hook

pytestmark = pytest.mark.usefixtures("hook_dir")


def state(root: Path) -> dict[str, tuple]:
    """Every entry under ``root`` as it is on disk: kind, mode, mtime, content or target."""
    found: dict[str, tuple] = {}
    for directory, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(directory, name)
            info = path.lstat()
            if path.is_symlink():
                what = ("link", os.readlink(path))
            elif path.is_dir():
                what = ("dir",)
            else:
                what = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
            found[str(path.relative_to(root))] = (*what, info.st_mode, info.st_mtime_ns)
    return found


def test_a_copy_of_a_temporary_environment_is_permanent(sh: ShellHarness) -> None:
    made = sh("mktmpenv", "-n")
    assert made.status == 0, made.stderr
    temporary = next(entry for entry in os.listdir(sh.workon_home) if entry.startswith("tmp-"))

    script = sh.script()
    copied = script.call("cpvirtualenv", temporary, "keeper")
    active = script.var("VIRTUAL_ENV")
    left = script.call("deactivate")
    after = script.var("VIRTUAL_ENV")
    run = sh.run(script)
    assert run[copied].status == 0, run[copied].stderr
    assert run[active].stdout == str(sh.workon_home / "keeper")
    assert run[left].status == 0, run[left].stderr
    assert "Removing temporary environment" not in run[left].stdout
    assert run[after].stdout == UNSET
    keeper = sh.workon_home / "keeper"
    assert keeper.is_dir() and not (keeper / "README.tmpenv").exists()
    # The source is still a temporary environment, as it was.
    assert (sh.workon_home / temporary / "README.tmpenv").is_file()

    script = sh.script()
    script.call("workon", "keeper")
    script.call("deactivate")
    listed = script.call("lsvirtualenv", "-b")
    run = sh.run(script)
    assert "keeper" in run[listed].stdout.splitlines()
    assert keeper.is_dir()


def test_symlinks_in_the_source_are_never_written_through(
        sh: ShellHarness, source: Path, tmp_path: Path) -> None:
    """Its script directory, its pyvenv.cfg, a metadata directory and a script are symlinks to
    places outside WORKON_HOME: the copy gets copies, and nothing outside changes."""
    outside = tmp_path / "shared"
    outside.mkdir()
    for entry in ("bin", "pyvenv.cfg"):
        shutil.move(source / entry, outside / entry)
        (source / entry).symlink_to(outside / entry)
    # A console script (the source's path in its shebang) whose distribution's metadata
    # directory is a link too: the copy rewrites the script and the RECORD listing it.
    (outside / "tool").write_text(f"#!{source / 'bin' / 'python'}\nprint('tool')\n")
    (outside / "tool").chmod(0o755)
    (outside / "bin" / "tool").symlink_to(outside / "tool")
    site = next((source / "lib").glob("python*/site-packages"))
    (outside / "tool-1.0.dist-info").mkdir()
    (outside / "tool-1.0.dist-info" / "RECORD").write_text(
        "../../../bin/tool,sha256=old,1\ntool-1.0.dist-info/RECORD,,\n")
    (outside / "tool-1.0.dist-info" / "METADATA").write_text("Name: tool\nVersion: 1.0\n")
    (site / "tool-1.0.dist-info").symlink_to(outside / "tool-1.0.dist-info")
    export_hook(outside / "bin", "postactivate", "FROM_SOURCE", "1")
    # Read-only files are no reason to write through either.
    (outside / "bin" / "activate").chmod(0o444)
    (outside / "tool").chmod(0o555)
    before = {"outside": state(outside), "source": state(source)}

    script = sh.script()
    copied = script.call("cpvirtualenv", str(source), "copied")
    prefix = script.call("python", "-c", "import sys; print(sys.prefix)")
    tool = script.call("tool")
    hook = script.var("FROM_SOURCE")
    run = sh.run(script)
    assert run[copied].status == 0, run[copied].stderr
    copy = sh.workon_home / "copied"
    assert run[prefix].stdout.strip() == str(copy)
    assert run[tool].stdout.strip() == "tool"
    assert run[hook].stdout == "1"
    assert {"outside": state(outside), "source": state(source)} == before
    assert not (copy / "bin").is_symlink()
    assert str(copy) in (copy / "bin" / "activate").read_text()
    assert str(source) not in (copy / "bin" / "activate").read_text()
    assert (copy / "bin" / "tool").read_text().startswith(f"#!{copy / 'bin' / 'python'}\n")
    record = next((copy / "lib").glob("python*/site-packages/tool-1.0.dist-info/RECORD"))
    assert "sha256=old" not in record.read_text()
    # Whatever the copy points at outside WORKON_HOME is the base interpreter's, read only.
    for directory, dirnames, filenames in os.walk(copy):
        for name in dirnames + filenames:
            path = Path(directory, name)
            if path.is_symlink():
                assert not os.path.realpath(path).startswith(str(outside) + os.sep) or \
                    path.name == "pyvenv.cfg", path

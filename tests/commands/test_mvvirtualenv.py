from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import wheels
from tests.support.creation_failures import TinyFilesystem, snapshot
from tests.support.harness import ShellHarness, export_hook
from vew import checked_hooks, store

# A name that needs quoting in every language an activate script is written in.
NEW_NAME = "it's renamed"


def _mentions(env: Path, needle: str) -> list[str]:
    """Files in the environment whose bytes hold ``needle`` (compiled files left aside)."""
    return sorted(str(path.relative_to(env)) for path in env.rglob("*")
                  if path.is_file() and not path.is_symlink() and "__pycache__" not in path.parts
                  and needle.encode() in path.read_bytes())


def test_a_renamed_environment_keeps_everything_and_names_only_its_new_path(
        sh: ShellHarness, workon_home: Path, environ: dict[str, str], tmp_path: Path) -> None:
    old = wheels.seeded_env(workon_home / "old", environ)
    tool = wheels.build_wheel(tmp_path / "dist", "prefix_tool", **wheels.PREFIX_TOOL)
    subprocess.run([old / "bin" / "python", "-m", "pip", "install", "-q", "--no-index",
                    str(tool)], check=True, env=environ)
    project = tmp_path / "the project"
    project.mkdir()
    extra = tmp_path / "extra path"
    extra.mkdir()
    (old / "inside").mkdir()
    export_hook(old / "bin", "postactivate", "RENAMED_HOOK", "ran")
    new = workon_home / NEW_NAME

    script = sh.script()
    script.call("workon", "old")
    script.call("setvirtualenvproject", str(old), str(project))
    script.call("add2virtualenv", str(extra), str(old / "inside"))
    script.call("deactivate")
    script.raw(f"cd {sh.language.quote(str(tmp_path))}")
    moved = script.call("mvvirtualenv", "old", NEW_NAME)
    listed = script.call("lsvirtualenv", "-b")
    worked = script.call("workon", NEW_NAME)
    where = script.pwd()
    hook = script.var("RENAMED_HOOK")
    prompt = script.var("VIRTUAL_ENV_PROMPT")
    ran = script.call("prefix-tool")
    paths = script.call("python", "-c", "import sys; print('\\n'.join(sys.path))")
    pip = script.call("pip", "--version")
    run = sh.run(script)

    assert (run[moved].status, run[moved].stdout) == (0, f"Renaming old to {NEW_NAME}...\n")
    assert run[moved].stderr == ""
    assert run[listed].stdout == f"{NEW_NAME}\n"
    assert not old.exists()
    # Nothing hidden is left behind but vew's list of checked hooks (WORKON_HOME is the hook
    # directory here).
    hidden = [p.name for p in workon_home.iterdir() if p.name.startswith(".")]
    assert hidden in ([], [checked_hooks.CHECKED_FILE])
    assert run[worked].status == 0, run[worked].stderr
    assert run[where].stdout == str(project)
    assert run[hook].stdout == "ran"
    # virtualenv's default prompt is the directory's name: the new one.
    assert run[prompt].stdout == NEW_NAME
    assert run[ran].stdout == f"prefix {new}\n"
    sys_path = run[paths].stdout.splitlines()
    assert str(extra) in sys_path and str(new / "inside") in sys_path
    assert f"from {new}/lib/" in run[pip].stdout
    assert _mentions(new, str(old)) == []


def test_a_prompt_of_ones_own_is_kept(sh: ShellHarness, make_env) -> None:
    make_env("plain", "--prompt", "my prompt")
    script = sh.script()
    moved = script.call("mvvirtualenv", "plain", "fancy")
    script.call("workon", "fancy")
    prompt = script.var("VIRTUAL_ENV_PROMPT")
    run = sh.run(script)
    assert run[moved].status == 0, run[moved].stderr
    assert run[prompt].stdout == "my prompt"


def test_a_shell_standing_inside_follows_it(sh: ShellHarness, make_env,
                                            workon_home: Path) -> None:
    make_env("here")
    script = sh.script()
    script.raw(f"cd {sh.language.quote(str(workon_home / 'here' / 'bin'))}")
    moved = script.call("mvvirtualenv", "here", "there")
    where = script.pwd()
    run = sh.run(script)
    assert run[moved].status == 0, run[moved].stderr
    assert run[where].stdout == str(workon_home / "there" / "bin")


def test_refusals_change_nothing(sh: ShellHarness, make_env, workon_home: Path) -> None:
    make_env("one")
    make_env("two")
    before = snapshot(workon_home / "one", workon_home / "two")
    script = sh.script()
    taken = script.call("mvvirtualenv", "one", "two")
    missing = script.call("mvvirtualenv", "none", "three")
    script.call("workon", "one")
    active = script.call("mvvirtualenv", "one", "three")
    still = script.var("VIRTUAL_ENV")
    run = sh.run(script)
    assert (run[taken].status, run[taken].stderr) == (
        1, "ERROR: Environment 'two' already exists. Activate it with 'workon two'.\n")
    assert (run[missing].status, run[missing].stderr) == (
        1, "ERROR: Environment 'none' does not exist.\n")
    assert (run[active].status, run[active].stderr) == (
        1, "ERROR: You cannot rename the active environment ('one'). "
           "Either switch to another environment, or run 'deactivate'.\n")
    assert run[still].stdout == str(workon_home / "one")
    assert snapshot(workon_home / "one", workon_home / "two") == before
    assert store.names_in(workon_home) == ["one", "two"]


# The messages every command reading its line through the catalogue gives (vew.arguments,
# vew.names).
@pytest.mark.parametrize(("args", "message"), [
    ((), "mvvirtualenv: no environment given (mvvirtualenv -h shows the usage)"),
    (("one",), "mvvirtualenv: no new environment name given (mvvirtualenv -h shows the usage)"),
    (("one", "a/b"), "an environment name cannot contain '/': 'a/b'"),
    (("one", "-b"), "an environment name cannot start with '-': '-b'"),
    (("one", ".hidden"), "an environment name cannot start with '.' (it would be hidden): "
                         "'.hidden'"),
    (("one", ""), "an environment name cannot be empty"),
    (("../one", "two"), "an environment name cannot contain '/': '../one'"),
])
def test_bad_names_are_usage_errors(sh: ShellHarness, make_env, workon_home: Path,
                                    args: tuple[str, ...], message: str) -> None:
    make_env("one")
    done = sh("mvvirtualenv", *args)
    assert (done.status, done.stdout, done.stderr) == (2, "", f"ERROR: {message}\n")
    assert store.names_in(workon_home) == ["one"]


@pytest.fixture
def tiny_fs(tmp_path: Path) -> Iterator[TinyFilesystem]:
    filesystem = TinyFilesystem(tmp_path / "tiny")
    yield filesystem
    filesystem.unmount()


def test_a_full_disk_at_any_point_leaves_the_old_environment_whole(
        sh: ShellHarness, tiny_fs: TinyFilesystem) -> None:
    """Out of inodes (hard links need none; directories and rewritten files do) at every
    point: each run either fails leaving OLD as it was and no NEW, or renames it whole."""
    workon_home = tiny_fs.mountpoint / "wh"
    workon_home.mkdir()
    sh.environ["WORKON_HOME"] = str(workon_home)
    sh.environ["VIRTUALENVWRAPPER_HOOK_DIR"] = str(tiny_fs.mountpoint.parent / "hooks")
    subprocess.run([sys.executable, "-m", "virtualenv", "-q", "--no-seed",
                    str(workon_home / "old")], check=True, env=sh.environ)
    before = snapshot(workon_home)
    failures = 0
    for free in range(200):
        tiny_fs.leave_free(inodes=free)
        script = sh.script()
        moved = script.call("mvvirtualenv", "old", "new")
        run = sh.run(script)
        if run[moved].status != 0:
            failures += 1
            lines = run[moved].stderr.splitlines()
            assert len(lines) == 1 and lines[0].startswith("ERROR: "), run[moved].stderr
            assert snapshot(workon_home) == before
            continue
        tiny_fs.release()
        assert store.names_in(workon_home) == ["new"]
        script = sh.script()
        script.call("workon", "new")
        prefix = script.call("python", "-c", "import sys; print(sys.prefix)")
        assert sh.run(script)[prefix].stdout == f"{workon_home / 'new'}\n"
        break
    else:
        pytest.fail("mvvirtualenv never succeeded")
    assert failures > 3

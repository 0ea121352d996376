"""rmvirtualenv as an ordinary user: trees it cannot read are removed, trees it could only half
delete are refused whole, and WORKON_HOME's own permissions are never changed.

The tests run as root, for whom every permission check passes; so each shell here runs as the
user nobody, with `setpriv --reuid=nobody --regid=nogroup --clear-groups` (util-linux), in a
directory of its own under /tmp that nobody owns. The shim calls the core with an interpreter
nobody may run (the test's own, or the system's of the same version) and this checkout's
packages.
"""

from __future__ import annotations

import os
import pwd
import shutil
import site
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from virtualenv import cli_run

from tests.support.creation_failures import snapshot
from tests.support.harness import Outcome, ShellHarness, rendered_shim, require
from vew import shells

NOBODY = pwd.getpwnam("nobody")
AS_NOBODY = ("setpriv", f"--reuid={NOBODY.pw_uid}", f"--regid={NOBODY.pw_gid}",
             "--clear-groups")


@pytest.fixture
def user_home(environ: dict[str, str]) -> Iterator[Path]:
    """A directory nobody owns, holding its HOME and WORKON_HOME."""
    if shutil.which("setpriv") is None:
        pytest.fail("setpriv (util-linux) is needed to run a shell as another user")
    root = Path(tempfile.mkdtemp(prefix="vew-as-user-"))
    os.chmod(root, 0o755)
    home = root / "home"
    workon_home = root / "wh"
    for path in (home, workon_home):
        path.mkdir()
    environ.update({"HOME": str(home), "WORKON_HOME": str(workon_home),
                    "XDG_CONFIG_HOME": str(home / ".config"),
                    "XDG_DATA_HOME": str(home / ".local" / "share"),
                    "XDG_CACHE_HOME": str(home / ".cache"),
                    "VIRTUALENVWRAPPER_HOOK_DIR": str(root / "hooks")})
    yield root
    for directory, dirnames, _ in os.walk(root):
        for name in dirnames:
            os.chmod(os.path.join(directory, name), 0o755)
    shutil.rmtree(root, ignore_errors=True)


def _core_for_nobody() -> list[str]:
    """A command line that runs this checkout's core as nobody."""
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for python in (sys.executable, shutil.which(version), f"/usr/bin/{version}"):
        if python is None:
            continue
        # Through a shell, as the shim starts it: a path nobody may not search fails there.
        probe = subprocess.run([*AS_NOBODY, "/bin/sh", "-c", '"$0" -c ""', python],
                               capture_output=True, check=False)
        if probe.returncode == 0:
            break
    else:
        pytest.fail(f"no {version} that the user nobody may run")
    paths = [str(Path(__file__).resolve().parents[2] / "src"), *site.getsitepackages()]
    code = (f"import site, sys; [site.addsitedir(p) for p in {paths!r}]; "
            "from vew.__main__ import main; sys.exit(main())")
    return [python, "-E", "-P", "-c", code]


@pytest.fixture(params=["bash", "zsh", "fish"])
def user_sh(request: pytest.FixtureRequest, environ: dict[str, str],
            user_home: Path) -> ShellHarness:
    require(request.param)
    shim = rendered_shim(request.param, str(user_home))
    dialect = shells.get(request.param)
    shim.write_text(shells.render_shim(dialect, _core_for_nobody(), str(shim)),
                    encoding="utf-8")
    return ShellHarness(request.param, user_home / "home", environ)


def as_nobody(sh: ShellHarness, *argv: str) -> Outcome:
    script = sh.script()
    script.call(*argv)
    run = sh.run(script, as_user=AS_NOBODY)
    assert len(run) == 1, (run.stdout, run.stderr)
    return run[0]


@pytest.fixture
def nobodys_env(user_home: Path, environ: dict[str, str]) -> Callable[[str], Path]:
    """An environment that nobody owns, whole."""

    def make(name: str) -> Path:
        env = Path(environ["WORKON_HOME"]) / name
        cli_run(["--no-seed", "--activators", "bash,fish", str(env)], setup_logging=False,
                env=environ)
        for path in (user_home, *user_home.rglob("*")):
            os.lchown(path, NOBODY.pw_uid, NOBODY.pw_gid)
        return env

    return make


def test_unreadable_and_read_only_directories_are_removed(
        user_sh: ShellHarness, nobodys_env: Callable[[str], Path]) -> None:
    env = nobodys_env("locked")
    site = next((env / "lib").glob("python*/site-packages"))
    for name, mode in (("unreadable", 0o000), ("no-search", 0o600), ("read-only", 0o500)):
        (site / name / "inner").mkdir(parents=True)
        (site / name / "inner" / "file.py").write_text("x = 1\n")
        os.chown(site / name, NOBODY.pw_uid, NOBODY.pw_gid)
        for path in (site / name).rglob("*"):
            os.chown(path, NOBODY.pw_uid, NOBODY.pw_gid)
        (site / name / "inner").chmod(0o500)
        (site / name).chmod(mode)
    home_mode = stat.S_IMODE(user_sh.workon_home.stat().st_mode)
    removed = as_nobody(user_sh, "rmvirtualenv", "locked")
    assert removed.status == 0, removed.stderr
    assert removed.stdout == "Removing locked...\n"
    assert removed.stderr == ""
    assert not env.exists()
    assert stat.S_IMODE(user_sh.workon_home.stat().st_mode) == home_mode


def test_a_tree_it_could_only_half_delete_is_refused_whole(
        user_sh: ShellHarness, nobodys_env: Callable[[str], Path]) -> None:
    env = nobodys_env("shared")
    # Something root installed into the environment (sudo pip install): nobody cannot delete
    # what is in there.
    foreign = env / "lib" / "root-owned"
    foreign.mkdir()
    (foreign / "file").write_text("root's\n")
    before = snapshot(env)
    refused = as_nobody(user_sh, "rmvirtualenv", "shared")
    assert refused.status == 1
    errors = refused.stderr.splitlines()
    assert len(errors) == 1 and errors[0].startswith("ERROR: "), refused.stderr
    assert f"{foreign} belongs to another user" in errors[0]
    assert "nothing was removed" in errors[0]
    assert snapshot(env) == before


def test_a_read_only_workon_home_is_refused_and_left_as_it_is(
        user_sh: ShellHarness, nobodys_env: Callable[[str], Path]) -> None:
    env = nobodys_env("kept")
    user_sh.workon_home.chmod(0o555)
    before = snapshot(env)
    refused = as_nobody(user_sh, "rmvirtualenv", "kept")
    assert refused.status == 1
    assert refused.stderr.splitlines() == [
        f"ERROR: cannot remove {env}: {user_sh.workon_home} is not writable; nothing was "
        "removed"]
    assert stat.S_IMODE(user_sh.workon_home.stat().st_mode) == 0o555
    assert snapshot(env) == before


def test_repair_refuses_what_it_cannot_read_before_anything_moves(
        user_sh: ShellHarness, nobodys_env: Callable[[str], Path],
        environ: dict[str, str]) -> None:
    """A directory in the environment its owner cannot list: copying it into the rebuild is
    impossible, so the repair stops with one line and the environment stays as it was."""
    env = nobodys_env("sealed")
    (env / "src" / "secret").mkdir(parents=True)
    (env / "src" / "secret" / "work.py").write_text("x = 1\n")
    for path in (env / "src", env / "src" / "secret", env / "src" / "secret" / "work.py"):
        os.chown(path, NOBODY.pw_uid, NOBODY.pw_gid)
    (env / "src" / "secret").chmod(0o000)
    before = snapshot(env)
    core = _core_for_nobody()
    done = subprocess.run([*AS_NOBODY, *core, "repair", "--force", "-p", core[0], "sealed"],
                          capture_output=True, text=True, env=environ, timeout=120,
                          check=False)
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stderr.splitlines() == [
        f"ERROR: sealed: cannot read {env / 'src' / 'secret'}: Permission denied; a rebuild "
        "would lose what it holds"]
    assert snapshot(env) == before
    assert sorted(os.listdir(user_sh.workon_home)) == ["sealed"]

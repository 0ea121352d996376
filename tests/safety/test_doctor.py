"""vew doctor suggests only commands that work: each fix it prints, run as printed (from the
project's directory, for a project that moved), makes its problem go away."""

from __future__ import annotations

import itertools
import os
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.harness import ShellHarness
from vew.store import INCOMPLETE_MARKER

pytestmark = pytest.mark.usefixtures("hook_dir")


def doctor(environ: dict[str, str]) -> list[tuple[str, str]]:
    """Each finding: (problem, the command its fix line starts with)."""
    done = subprocess.run([sys.executable, "-m", "vew", "doctor"], capture_output=True,
                          text=True, env=environ, check=False)
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stdout.splitlines()
    return [(problem, fix.strip().removeprefix("fix: ").split("   (")[0])
            for problem, fix in itertools.pairwise(lines) if fix.startswith("    fix: ")]


def _no_activate(env: Path, tmp_path: Path) -> None:
    for script in (env / "bin").glob("activate*"):
        script.unlink()


def _dangling_interpreter(env: Path, tmp_path: Path) -> None:
    for name in ("python", "python3"):
        (env / "bin" / name).unlink(missing_ok=True)
        (env / "bin" / name).symlink_to(tmp_path / "gone" / "python3")


def _no_pyvenv_cfg(env: Path, tmp_path: Path) -> None:
    (env / "pyvenv.cfg").unlink()
    _dangling_interpreter(env, tmp_path)


def _interrupted_build(env: Path, tmp_path: Path) -> None:
    (env / INCOMPLETE_MARKER).write_text("")


def _project_moved(env: Path, tmp_path: Path) -> None:
    (env / ".project").write_text(f"{tmp_path / 'old place'}\n")


def _hook_others_may_write(env: Path, tmp_path: Path) -> None:
    hook = env / "bin" / "postactivate"
    hook.write_text("# mine\n")
    hook.chmod(0o666)


DAMAGES = {
    "no activate script": _no_activate,
    "interpreter gone": _dangling_interpreter,
    "no pyvenv.cfg": _no_pyvenv_cfg,
    "interrupted build": _interrupted_build,
    "project moved": _project_moved,
    "hook others may write": _hook_others_may_write,
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_every_fix_doctor_suggests_works_as_printed(
        sh: ShellHarness, make_env: Callable[..., Path], tmp_path: Path, damage: str) -> None:
    env = make_env("it's damaged")
    DAMAGES[damage](env, tmp_path)
    found = doctor(sh.environ)
    assert found, f"doctor found nothing wrong after: {damage}"
    moved = tmp_path / "new place"
    moved.mkdir()
    for problem, fix in found:
        words = shlex.split(fix)
        if words[0] == "vew":
            done = subprocess.run([sys.executable, "-m", "vew", *words[1:]],
                                  capture_output=True, text=True, env=sh.environ, check=False)
            status, stderr = done.returncode, done.stderr
        elif words[0] in ("chmod", "mv"):
            done = subprocess.run(words, capture_output=True, text=True, check=False)
            status, stderr = done.returncode, done.stderr
        else:
            outcome = sh(*words, cwd=moved)
            status, stderr = outcome.status, outcome.stderr
        assert status == 0, (problem, fix, stderr)
    assert doctor(sh.environ) == [], damage
    assert [entry for entry in os.listdir(sh.workon_home) if not entry.startswith(".")] == \
        (["it's damaged"] if env.exists() else [])

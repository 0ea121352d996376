"""Running programs inside an environment without activating it in the user's shell."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from vew import layout


def activated_environ(env: Path, environ: Mapping[str, str]) -> dict[str, str]:
    """The variables a program sees inside ``env`` once it is activated (hooks aside)."""
    result = dict(environ)
    result.pop("PYTHONHOME", None)
    result["VIRTUAL_ENV"] = str(env)
    result["PATH"] = os.pathsep.join([str(layout.bin_dir(env)), environ.get("PATH", "")])
    return result


def run_in(env: Path, argv: Sequence[str], environ: Mapping[str, str],
           cwd: Path | None = None) -> int:
    """Run ``argv`` as if ``env`` were active; its exit status (127: command not found)."""
    sys.stdout.flush()
    child = activated_environ(env, environ)
    # Look the command up on the environment's PATH, as an activated shell would.
    import shutil

    program = shutil.which(argv[0], path=child["PATH"]) or argv[0]
    try:
        return subprocess.call([program, *argv[1:]], env=child, cwd=cwd)
    except FileNotFoundError:
        print(f"ERROR: command not found: {argv[0]}", file=sys.stderr)
        return 127
    except PermissionError:
        print(f"ERROR: permission denied: {argv[0]}", file=sys.stderr)
        return 126


def run_named(workon_home: Path, name: str, argv: Sequence[str],
              environ: Mapping[str, str]) -> int:
    """``vew run NAME -- COMMAND...``: one command inside a named environment, no hooks."""
    from vew import store

    env = store.existing(workon_home, name)
    if not store.is_environment(env):
        from vew.errors import CommandError

        raise CommandError(f"Environment '{env}' does not contain an activate script.")
    return run_in(env, argv, environ)

"""Running something inside an environment as if it were activated, without its hooks.

One mechanism: :func:`activated_environ` decides what "inside an environment" means (the
variables an activate script exports). A program the core starts gets them directly
(:func:`run_in`: ``vew run``, the ``get_env_details`` hooks); a command that may be one of the
user's shell functions (``allvirtualenv``) gets the same values from :func:`shell_step`, which
the shim applies in a subshell (the ``_vew_run_in`` primitive).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from vew import layout
from vew.errors import CommandError, report_error
from vew.steps import step

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from vew.steps import Step


def activated_environ(env: Path, environ: Mapping[str, str]) -> dict[str, str]:
    """The variables a program sees inside ``env`` once it is activated (hooks aside).

    What the activate scripts export: ``VIRTUAL_ENV``, ``VIRTUAL_ENV_PROMPT`` and ``PATH`` with
    the environment's script directory first; ``PYTHONHOME`` is dropped. An environment active
    in ``environ`` is left first, so its script directory no longer shadows this one's.
    """
    result = dict(environ)
    result.pop("PYTHONHOME", None)
    entries = [entry for entry in environ.get("PATH", "").split(os.pathsep) if entry]
    previous = environ.get("VIRTUAL_ENV")
    if previous:
        entries = [entry for entry in entries if entry != str(layout.bin_dir(Path(previous)))]
    result["PATH"] = os.pathsep.join([str(layout.bin_dir(env)), *entries])
    result["VIRTUAL_ENV"] = str(env)
    result["VIRTUAL_ENV_PROMPT"] = _prompt(env)
    return result


def _prompt(env: Path) -> str:
    prompt = layout.read_pyvenv_cfg(env).get("prompt", "")
    if len(prompt) >= 2 and prompt[0] == prompt[-1] and prompt[0] in "'\"":
        prompt = prompt[1:-1]  # the standard library's venv writes it as a Python literal
    return prompt or env.name


def shell_step(env: Path, argv: Sequence[str], environ: Mapping[str, str]) -> Step:
    """The step that runs ``argv`` in a subshell of the user's shell, inside ``env``:
    ``_vew_run_in ENV PATH VIRTUAL_ENV_PROMPT COMMAND ARGS...``."""
    inside = activated_environ(env, environ)
    return step("run_in", str(env), inside["PATH"], inside["VIRTUAL_ENV_PROMPT"], *argv)


def run_in(env: Path, argv: Sequence[str], environ: Mapping[str, str],
           cwd: Path | None = None) -> int:
    """Run ``argv`` as if ``env`` were active; its exit status (127: command not found)."""
    sys.stdout.flush()
    child = activated_environ(env, environ)
    # Look the command up on the environment's PATH, as an activated shell would.
    import shutil

    program = shutil.which(argv[0], path=child["PATH"]) or argv[0]
    try:
        import subprocess

        return subprocess.call([program, *argv[1:]], env=child, cwd=cwd)
    except FileNotFoundError:
        report_error(f"command not found: {argv[0]}")
        return 127
    except PermissionError:
        report_error(f"permission denied: {argv[0]}")
        return 126


def run_named(workon_home: Path, name: str, argv: Sequence[str],
              environ: Mapping[str, str]) -> int:
    """``vew run NAME -- COMMAND...``: one command inside a named environment, no hooks."""
    from vew import store

    env = store.existing(workon_home, name)
    if not store.is_environment(env):
        raise CommandError(f"Environment '{env}' does not contain an activate script.")
    return run_in(env, argv, environ)

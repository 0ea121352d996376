"""virtualenvwrapper's hook files: where each lives, how it runs, and the stubs vew creates.

"Sourced" hooks run inside the user's shell, so the core only tells the shell to source them
(see :mod:`vew.steps`). "Run" hooks are programs, started here or by the shim, always with
``$WORKON_HOME`` as their working directory.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from vew.errors import CommandError

GLOBAL = "global"
LOCAL = "local"
PROJECT = "project"


@dataclass(frozen=True)
class Hook:
    name: str
    sourced: bool
    fires: str
    # Where vew creates an empty stub for users to find; the others are only read.
    stub_in: tuple[str, ...]


HOOKS = {
    hook.name: hook
    for hook in (
        Hook("initialize", True, "at the end of initialization when loading vew", (GLOBAL,)),
        Hook("premkvirtualenv", False, "after an environment is created, before it is activated",
             (GLOBAL,)),
        Hook("postmkvirtualenv", True, "after a new environment is created and activated",
             (GLOBAL,)),
        Hook("precpvirtualenv", False, "before an environment is copied", ()),
        Hook("postcpvirtualenv", True, "after an environment is copied and activated", ()),
        Hook("prermvirtualenv", False, "before an environment is deleted", (GLOBAL,)),
        Hook("postrmvirtualenv", False, "after an environment is deleted", (GLOBAL,)),
        Hook("preactivate", False, "before an environment is activated", (GLOBAL, LOCAL)),
        Hook("postactivate", True, "after an environment is activated", (GLOBAL, LOCAL)),
        Hook("predeactivate", True, "before an environment is deactivated", (GLOBAL, LOCAL)),
        Hook("postdeactivate", True, "after an environment is deactivated", (GLOBAL, LOCAL)),
        Hook("get_env_details", False, "when details about an environment are shown",
             (GLOBAL, LOCAL)),
        Hook("premkproject", False, "after a project's environment is created, before the "
             "project directory", (GLOBAL,)),
        Hook("postmkproject", True, "after a new project is created and activated", (GLOBAL,)),
    )
}


def _shebang(environ: Mapping[str, str]) -> str:
    shell = environ.get("SHELL", "")
    # A fish or PowerShell stub would not run the sh-family code users write into it.
    if not shell or os.path.basename(shell).startswith(("fish", "pwsh", "powershell")):
        shell = "/bin/sh"
    return f"#!{shell}"


def stub_text(hook: Hook, where: str, environ: Mapping[str, str]) -> str:
    scope = "for every environment" if where == GLOBAL else "for this environment"
    kind = "sourced" if hook.sourced else "run"
    return f"{_shebang(environ)}\n# This hook is {kind} {hook.fires} ({scope}).\n\n"


def _write_stubs(directory: Path, where: str, environ: Mapping[str, str]) -> None:
    for hook in HOOKS.values():
        if where not in hook.stub_in:
            continue
        path = directory / hook.name
        # Exclusive creation: an existing hook, even an empty one, is never overwritten.
        mode = 0o755 if (not hook.sourced or hook.name == "postmkproject") else 0o644
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        except FileExistsError:
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(stub_text(hook, where, environ))


def ensure_global_stubs(hook_dir: Path, environ: Mapping[str, str]) -> None:
    """Create the global hook stubs that are missing (never at shell start-up: the core does it)."""
    try:
        hook_dir.mkdir(parents=True, exist_ok=True)
        _write_stubs(hook_dir, GLOBAL, environ)
    except OSError as error:
        print(f"WARNING: cannot create hook files in {hook_dir}: {error.strerror}",
              file=sys.stderr)


def create_local_stubs(bin_dir: Path, environ: Mapping[str, str]) -> None:
    _write_stubs(bin_dir, LOCAL, environ)


def _run(hook: Path, args: Sequence[str], workon_home: Path,
         environ: Mapping[str, str] | None) -> tuple[int, str]:
    """Run a "run" hook as a program: its status, and what went wrong if anything did."""
    if not hook.is_file():
        return 0, ""
    if not os.access(hook, os.X_OK):
        return 0, f"hook {hook} is not executable; not run"
    sys.stdout.flush()
    try:
        status = subprocess.call([str(hook), *args], cwd=workon_home,
                                 env=None if environ is None else dict(environ))
    except OSError as error:
        return 1, f"hook {hook} could not run: {error.strerror}"
    if status != 0:
        return status, f"hook {hook} exited with status {status}"
    return 0, ""


def run(hook: Path, args: Sequence[str], workon_home: Path,
        environ: Mapping[str, str] | None = None) -> int:
    """Run a "run" hook as a program; report a failure on stderr and return its status."""
    status, problem = _run(hook, args, workon_home, environ)
    if problem:
        print(f"ERROR: {problem}", file=sys.stderr)
    return status


def run_or_stop(hook: Path, args: Sequence[str], workon_home: Path,
                environ: Mapping[str, str] | None, consequence: str) -> None:
    """Run a hook whose failure stops the command (premkvirtualenv): raise one error that
    names the hook, its status and ``consequence``."""
    status, problem = _run(hook, args, workon_home, environ)
    if status != 0:
        raise CommandError(f"{problem}; {consequence}")
    if problem:
        print(f"ERROR: {problem}", file=sys.stderr)

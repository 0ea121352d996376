"""virtualenvwrapper's hook files: where each lives, how it runs, and the stubs vew creates.

"Sourced" hooks run inside the user's shell, so the core only tells the shell to source them
(see :mod:`vew.steps`). "Run" hooks are programs, started here or by the shim, always with
``$WORKON_HOME`` as their working directory.
"""

from __future__ import annotations

import os
import sys

from vew import files, log
from vew.errors import report_error

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from pathlib import Path

    from vew.settings import Settings
    from vew.steps import Step

GLOBAL = "global"
LOCAL = "local"
PROJECT = "project"


class Hook:
    __slots__ = ("fires", "name", "sourced", "stub_in")

    def __init__(self, name: str, sourced: bool, fires: str, stub_in: tuple[str, ...]) -> None:
        self.name = name
        self.sourced = sourced
        self.fires = fires
        # Where vew creates an empty stub for users to find; the others are only read.
        self.stub_in = stub_in

    def __repr__(self) -> str:
        return f"Hook({self.name!r}, {self.sourced!r}, {self.fires!r}, {self.stub_in!r})"


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


def _write_stubs(directory: str | os.PathLike[str], where: str,
                 environ: Mapping[str, str]) -> None:
    for hook in HOOKS.values():
        if where not in hook.stub_in:
            continue
        path = os.path.join(directory, hook.name)
        # Exclusive creation: an existing hook, even an empty one, is never overwritten.
        mode = 0o755 if (not hook.sourced or hook.name == "postmkproject") else 0o644
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        except FileExistsError:
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(stub_text(hook, where, environ))
        log.event("created hook file %s", path)


def ensure_global_stubs(hook_dir: str | os.PathLike[str], environ: Mapping[str, str]) -> None:
    """Create the global hook stubs that are missing (never at shell start-up: the core does it).

    Every core call does this first: paths as text, no pathlib.
    """
    try:
        os.makedirs(hook_dir, exist_ok=True)
        _write_stubs(hook_dir, GLOBAL, environ)
    except OSError as error:
        print(f"WARNING: cannot create hook files in {hook_dir}: {error.strerror}",
              file=sys.stderr)


def create_local_stubs(bin_dir: Path, environ: Mapping[str, str]) -> None:
    _write_stubs(bin_dir, LOCAL, environ)


# Windows runs no shebang script: there a run hook NAME is the first of these programs found
# beside it, and an extensionless NAME (vew's own stubs among them) is not run.
WINDOWS_PROGRAM_SUFFIXES = (".exe", ".cmd", ".bat", ".ps1")


def is_stub(hook: Path) -> bool:
    """True when the file holds only comments and blank lines, as vew's own stubs do."""
    try:
        text = files.read_regular(hook).decode("utf-8", "replace")
    except OSError:
        return False
    return all(not line or line.startswith("#") for line in text.splitlines())


def windows_command(hook: Path, environ: Mapping[str, str]) -> list[str] | None:
    """The command line that runs the run hook ``hook`` (``DIR/NAME``) on Windows, if any."""
    for suffix in WINDOWS_PROGRAM_SUFFIXES:
        program = hook.with_name(hook.name + suffix)
        if not program.is_file():
            continue
        if suffix in (".cmd", ".bat"):
            return [environ.get("ComSpec") or "cmd.exe", "/d", "/c", str(program)]
        if suffix == ".ps1":
            import shutil

            shell = shutil.which("pwsh") or "powershell.exe"
            return [shell, "-NoProfile", "-NonInteractive", "-File", str(program)]
        return [str(program)]
    return None


def _command(hook: Path, environ: Mapping[str, str], windows: bool) -> list[str] | None:
    """How to start ``hook``, or None (after saying why on stderr if the user should know)."""
    if windows:
        command = windows_command(hook, environ)
        if command is None and hook.is_file() and not is_stub(hook):
            report_error(f"hook {hook} cannot run on Windows; not run (give it a "
                         f"{', '.join(WINDOWS_PROGRAM_SUFFIXES)} twin)")
        return command
    if not hook.is_file():
        return None
    from vew import trust

    untrusted = trust.problem(hook)
    if untrusted is not None:
        report_error(untrusted.message("run"))
        return None
    if not os.access(hook, os.X_OK):
        report_error(f"hook {hook} is not executable; not run")
        return None
    return [str(hook)]


def run(hook: Path, args: Sequence[str], workon_home: Path,
        environ: Mapping[str, str] | None = None, *, windows: bool = os.name == "nt") -> int:
    """Run a "run" hook as a program; report a failure on stderr and return its status."""
    command = _command(hook, os.environ if environ is None else environ, windows)
    if command is None:
        return 0
    import subprocess

    sys.stdout.flush()

    try:
        status = subprocess.call([*command, *args], cwd=workon_home,
                                 env=None if environ is None else dict(environ))
    except OSError as error:
        report_error(f"hook {hook} could not run: {error.strerror}")
        return 1
    if log.enabled():
        import shlex

        log.event("ran hook %s: status %d", shlex.join([str(hook), *args]), status)
    if status != 0:
        report_error(f"hook {hook} exited with status {status}")
    return status


def run_global(settings: Settings, name: str, args: Sequence[str],
               environ: Mapping[str, str] | None = None,
               code: list[Step] | None = None) -> int:
    """A global run hook: the file in the hook directory, then the plugins' hooks of that name,
    then virtualenvwrapper's plugins at that point (whose shell code goes to ``code``).

    Every run hook the core fires from ``$VIRTUALENVWRAPPER_HOOK_DIR`` goes through here, which
    makes those points, and only those, open to plugins (see :mod:`vew.plugins`). Only the file
    and vew's own plugins decide the status: virtualenvwrapper's never stop a command.
    """
    status = run(settings.hook_dir / name, args, settings.workon_home, environ)
    from vew import plugins, wrapper_plugins

    status = plugins.run_hooks(name, args, settings.workon_home, settings.plugin_path) or status
    _, found = wrapper_plugins.run_point(wrapper_plugins.FILE_POINTS[name], args, settings,
                                         environ)
    if code is not None:
        code.extend(found)
    return status

"""Setting vew up in a shell: the shim for ``eval``, and the static file for a plain source."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from vew import configfile, files, settings, shells
from vew.errors import CommandError
from vew.shells.dialect import Dialect


def core_command() -> list[str]:
    """How a shim calls back into this installation, whatever PATH or the active env becomes.

    ``-E`` keeps the user's PYTHON* variables out; ``-P`` keeps the current directory out of
    ``sys.path``, so a stray ``vew`` package where the user stands cannot shadow ours.
    """
    return [sys.executable, "-E", "-P", "-m", "vew"]


def detect_shell() -> str:
    import shellingham

    try:
        name, _ = shellingham.detect_shell()
    except shellingham.ShellDetectionFailure:
        name = os.path.basename(os.environ.get("SHELL", ""))
    return shells.get(name.lower()).name


def shim(dialect: Dialect, script: str = "", config: Mapping[str, str] | None = None) -> str:
    """The shim; ``config`` (see :func:`config_defaults`) becomes its load-time defaults."""
    return shells.render_shim(dialect, core_command(), script or str(shells.template_dir()),
                              config)


def config_defaults() -> dict[str, str]:
    """The configuration file's settings as text: the shim's defaults, rendered once.

    The shell cannot read the file without starting a process, so ``vew init`` writes what it
    says into the shim; the environment still wins when the shim loads.
    """
    return {name: settings.as_text(value)
            for name, value in settings.read_file(configfile.path(), os.environ).items()}


def refresh_project_index() -> None:
    """Auto-activation reads an index of project directories; ``vew init`` brings it up to date
    (after putting back any environment a killed repair left aside).

    Raises :class:`CommandError` for a configuration file vew cannot use.
    """
    current = settings.load()
    from vew import backups, trust

    backups.recover(current.workon_home)
    trust.write_checked(current)
    if current.auto_activate:
        from vew.callback import refresh_project_index as refresh

        refresh(current)


def print_shim(name: str) -> int | None:
    """``vew init NAME`` for ``eval``: print the shim and return the status; None when NAME is
    not a shell's name (the command line deals with every other form).

    ``eval "$(vew init SHELL)"`` runs at every shell start, so this plain form is served
    without the command-line framework, which costs more than rendering the shim.
    """
    if name not in shells.NAMES:
        return None
    try:
        defaults = config_defaults()
        refresh_project_index()
    except CommandError as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return error.status
    sys.stdout.write(shim(shells.get(name), config=defaults))
    sys.stdout.flush()
    return 0


def static_path(dialect: Dialect) -> Path:
    import platformdirs

    return platformdirs.user_data_path("vew") / dialect.static_name


def write_static(dialect: Dialect, config: Mapping[str, str] | None = None) -> Path:
    """Render the shim to a file once; sourcing that file starts no Python at all."""
    path = static_path(dialect)
    path.parent.mkdir(parents=True, exist_ok=True)
    files.write_atomic(path, shim(dialect, str(path), config).encode(dialect.encoding))
    return path


def rc_path(dialect: Dialect) -> Path:
    return dialect.rc_path()


def install_source_line(dialect: Dialect, path: Path) -> tuple[Path, bool]:
    """Append the source line for ``path`` to the shell's rc file unless it is there already."""
    rc = rc_path(dialect)
    line = dialect.source_line(str(path))
    existing = rc.read_text(encoding="utf-8") if rc.exists() else ""
    if line in existing.splitlines():
        return rc, False
    rc.parent.mkdir(parents=True, exist_ok=True)
    with rc.open("a", encoding="utf-8") as handle:
        if existing and not existing.endswith("\n"):
            handle.write("\n")
        handle.write(f"# vew: named virtual environments (static set-up)\n{line}\n")
    return rc, True

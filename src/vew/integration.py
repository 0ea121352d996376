"""Setting vew up in a shell: the shim for ``eval``, the static file for a plain source, and
the file ``VIRTUALENVWRAPPER_SCRIPT`` names, which loads vew into bash or zsh from anywhere."""

from __future__ import annotations

import os
import sys

from vew import shells
from vew.errors import CommandError, report_error

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from vew.settings import Settings
    from vew.shells.dialect import Dialect

# What the shims run to call back into the core (see :func:`core_command`): the entry point
# itself, not ``-m vew``, whose runpy costs each call more than the rest of its start.
ENTRY = "import sys; from vew.__main__ import main; sys.exit(main())"


def core_command() -> list[str]:
    """How a shim calls back into this installation, whatever PATH or the active env becomes.

    ``-E`` keeps the user's PYTHON* variables out; ``-P`` keeps the current directory out of
    ``sys.path``, so a stray ``vew`` package where the user stands cannot shadow ours.
    """
    return [sys.executable, "-E", "-P", "-c", ENTRY]


def detect_shell() -> str:
    import shellingham

    try:
        name, _ = shellingham.detect_shell()
    except shellingham.ShellDetectionFailure:
        name = os.path.basename(os.environ.get("SHELL", ""))
    return shells.get(name.lower()).name


def shim(dialect: Dialect, script: str = "", config: Mapping[str, str] | None = None,
         points: Mapping[str, frozenset[str]] | None = None) -> str:
    """The shim; ``config`` (see :func:`config_defaults`) becomes its load-time defaults,
    ``script`` the value of ``VIRTUALENVWRAPPER_SCRIPT``, ``points`` (see
    :func:`plugin_points`) where virtualenvwrapper's plugins make the shell call the core."""
    return shells.render_shim(dialect, core_command(), script, config, **(points or {}))


def plugin_points(current: Settings) -> dict[str, frozenset[str]]:
    """The hook points the installed plugins use, as :func:`vew.shells.render_shim` takes
    them. Found once here: the shell never looks for plugins (installing or removing one
    needs a new ``vew init``)."""
    from vew import wrapper_plugins

    return {"plugin_points": wrapper_plugins.in_use(current.plugin_path),
            "run_hook_points": wrapper_plugins.core_points(current.plugin_path)}


def loader_path() -> Path:
    from pathlib import Path

    from vew import dirs

    return Path(dirs.loader_file())


def ensure_loader() -> str:
    """The file ``VIRTUALENVWRAPPER_SCRIPT`` names, written or brought up to date if need be
    (a script sourcing it gets vew in bash or zsh from a shell with nothing else set up); ""
    when it cannot be written."""
    path = loader_path()
    text = shells.render_loader(core_command())
    try:
        if path.read_text(encoding="utf-8") == text:
            return str(path)
    except (OSError, UnicodeDecodeError):
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)
    except OSError:
        return ""
    return str(path)


def render(dialect: Dialect, static: bool = False) -> tuple[str, Path | None]:
    """What ``vew init SHELL`` (``--static``) needs: the shim, written to its static file
    when ``static`` (whose path is returned), with the configuration file's defaults, the
    plugins' points and the loader (see :func:`rendering`)."""
    text, path, _ = rendering(dialect, static)
    return text, path


def rendering(dialect: Dialect, static: bool = False
              ) -> tuple[str, Path | None, Settings | None]:
    """:func:`render`, and the settings the shim was rendered with: None when the
    configuration file could not be used (which :mod:`vew.shimcache` must not keep).

    A configuration file vew cannot use must not take the shell's commands away: for the eval
    set-up its error is said once, here, and the shim gets vew's defaults, as a static file
    rendered before the file broke keeps its own (core commands still refuse to run until it is
    fixed). The static set-up refuses instead: raises :class:`CommandError`.
    """
    from vew import settings

    try:
        defaults = config_defaults()
        current: Settings | None = settings.load()
    except CommandError as error:
        if static:
            raise
        report_error(f"{error} (vew's defaults apply until it is fixed)")
        defaults, current = {}, None
    points: dict[str, frozenset[str]] = {}
    if current is not None:
        try:
            refresh_project_index(current)
        except CommandError as error:
            if static:
                raise
            report_error(str(error))
        points = plugin_points(current)
    script = ensure_loader()
    if not static:
        return shim(dialect, script, defaults, points), None, current
    return "", write_static(dialect, defaults, script, points), current


def config_defaults() -> dict[str, str]:
    """The configuration file's settings as text: the shim's defaults, rendered once.

    The shell cannot read the file without starting a process, so ``vew init`` writes what it
    says into the shim; the environment still wins when the shim loads.
    """
    from vew import configfile, settings

    return settings.file_texts(configfile.location(), os.environ)


def refresh_project_index(current: Settings) -> None:
    """Auto-activation reads an index of project directories; ``vew init`` brings it up to date
    (see :func:`vew.projects.index_kept` for when there is one to keep), after putting back any
    environment a killed repair left aside, and rewrites the list of untrusted hooks the shells
    read (see :mod:`vew.checked_hooks`)."""
    from vew import backups, checked_hooks, projects

    backups.recover(current.workon_home)
    checked_hooks.write_checked(current)
    if projects.index_kept(current.workon_home, current.auto_activate):
        projects.refresh_index(current)


def print_shim(name: str) -> int | None:
    """``vew init NAME`` for ``eval``: print the shim and return the status; None when NAME is
    not a shell's name (the command line deals with every other form).

    ``eval "$(vew init SHELL)"`` runs at every shell start, so this plain form is served
    without the command-line framework, which costs more than rendering the shim
    (:mod:`vew.shimcache` serves it, mostly without rendering at all).
    """
    if name not in shells.NAMES:
        return None
    try:
        text, _ = render(shells.get(name))
    except CommandError as error:
        report_error(str(error))
        return error.status
    sys.stdout.write(text)
    sys.stdout.flush()
    return 0


def static_path(dialect: Dialect) -> Path:
    from pathlib import Path

    from vew import dirs

    return Path(dirs.data_dir(), dialect.static_name)


def write_static(dialect: Dialect, config: Mapping[str, str] | None = None, script: str = "",
                 points: Mapping[str, frozenset[str]] | None = None) -> Path:
    """Render the shim to a file once; sourcing that file starts no Python at all."""
    from vew import files

    path = static_path(dialect)
    path.parent.mkdir(parents=True, exist_ok=True)
    files.write_atomic(path, shim(dialect, script, config, points).encode(dialect.encoding))
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

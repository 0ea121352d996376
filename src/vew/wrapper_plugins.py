"""virtualenvwrapper's plugins: entry points in its groups, called as its hook loader calls them.

A package written for virtualenvwrapper declares entry points in groups named
``virtualenvwrapper.POINT`` (``pre_activate``, ``project.template`` ...) and
``virtualenvwrapper.POINT_source``. At a hook point, virtualenvwrapper's hook loader calls every
plain hook, then every ``_source`` hook, in one Python process, each with one argument: the list
of the point's arguments; the shell then sources the text the ``_source`` hooks returned. vew
does the same, through :mod:`vew.plugins` (lookup, loading, reporting a failure): at the points
its core runs anyway, in the core's process; at the points the shell runs alone (``workon``,
``deactivate``, loading), the shell asks the core, but only for the points some installed
plugin uses, as ``vew init`` found them (:func:`in_use`).

A failing plugin is reported on stderr and never stops the command, as in virtualenvwrapper.
The text a ``_source`` hook returns is handed to the shell as a ``source_code`` step: bash and
zsh run it; fish and PowerShell, which cannot run sh code, leave it out with a note.
"""

from __future__ import annotations

import contextlib
import os
import shlex
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from vew import log, plugins
from vew.errors import report_error
from vew.steps import Step, plugin_hook, step

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

    from vew.commands import Context, Outcome
    from vew.settings import Settings

FAMILY = "virtualenvwrapper"

# virtualenvwrapper itself declares hooks in its own groups: they are what runs its hook files,
# which vew does itself. Installed beside vew, it must not run every hook file a second time.
OWN_DISTRIBUTION = "virtualenvwrapper"

# vew's hook files, and the point virtualenvwrapper fires its plugins at for each.
FILE_POINTS = {
    "initialize": "initialize",
    "premkvirtualenv": "pre_mkvirtualenv",
    "postmkvirtualenv": "post_mkvirtualenv",
    "precpvirtualenv": "pre_cpvirtualenv",
    "postcpvirtualenv": "post_cpvirtualenv",
    "prermvirtualenv": "pre_rmvirtualenv",
    "postrmvirtualenv": "post_rmvirtualenv",
    "preactivate": "pre_activate",
    "postactivate": "post_activate",
    "predeactivate": "pre_deactivate",
    "postdeactivate": "post_deactivate",
    "get_env_details": "get_env_details",
    "premkproject": "project.pre_mkproject",
    "postmkproject": "project.post_mkproject",
}
HOOK_FILES = {point: name for name, point in FILE_POINTS.items()}
TEMPLATE_POINT = "project.template"

# Points whose code virtualenvwrapper runs in a subshell (its hook loader is called from one
# there, or from allvirtualenv for lsvirtualenv -l): it cannot change the user's shell.
SUBSHELL_POINTS = frozenset({"pre_mkvirtualenv", "pre_cpvirtualenv", "get_env_details"})

SOURCE_SUFFIX = "_source"


def _own(entry: EntryPoint) -> bool:
    dist = getattr(entry, "dist", None)
    return dist is not None and dist.name.lower().replace("_", "-") == OWN_DISTRIBUTION


def hooks(group: str, plugin_path: tuple[Path, ...], names: Sequence[str] = ()) -> list[EntryPoint]:
    """The entry points of ``group`` (a full group name), virtualenvwrapper's own left out;
    with ``names``, only those of these names (the hook loader's ``--name``)."""
    return [entry for entry in plugins.entry_points(group, plugin_path)
            if not _own(entry) and (not names or entry.name in names)]


def in_use(plugin_path: tuple[Path, ...]) -> frozenset[str]:
    """Every point some installed plugin has a hook for, plain or ``_source``: ``vew init``
    renders a call to the core into the shell's code only at these points."""
    found = set()
    for group in plugins.groups(FAMILY, plugin_path):
        if hooks(group, plugin_path):
            found.add(group[len(FAMILY) + 1:].removesuffix(SOURCE_SUFFIX))
    return frozenset(found)


def core_points(plugin_path: tuple[Path, ...]) -> frozenset[str]:
    """The points at which ``virtualenvwrapper_run_hook`` needs the core: those of
    virtualenvwrapper's plugins, and the run hooks vew's own plugins (``vew.hooks``) add to."""
    own = {FILE_POINTS[entry.name]
           for entry in plugins.entry_points(plugins.HOOK_GROUP, plugin_path)
           if entry.name in plugins.HOOK_POINTS}
    return in_use(plugin_path) | own


@contextlib.contextmanager
def _environment(environ: Mapping[str, str] | None) -> Iterator[None]:
    """Plugins read ``os.environ``: the hook loader's was that of the environment the hook is
    about (``lsvirtualenv -l`` activates each in turn)."""
    if environ is None or environ is os.environ:
        yield
        return
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(environ)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


class _Logging:
    ready = False


def _set_up_logging() -> None:
    """virtualenvwrapper's plugins log through ``logging.getLogger(__name__)``, mostly under the
    ``virtualenvwrapper`` package: its hook loader shows their messages from INFO up on stderr,
    as ``NAME MESSAGE``, and writes them to ``VIRTUALENVWRAPPER_LOG_FILE``. vew's log is that
    file here."""
    if _Logging.ready:
        return
    import logging

    logger = logging.getLogger(FAMILY)
    console = logging.StreamHandler()
    console.setFormatter(logging.Formatter("%(name)s %(message)s"))
    logger.addHandler(console)
    logger.setLevel(logging.INFO)
    log.include(FAMILY)
    _Logging.ready = True


def run_point(point: str, args: Sequence[str], settings: Settings,
              environ: Mapping[str, str] | None = None, *, names: Sequence[str] = (),
              cwd: Path | None = None) -> tuple[int, list[Step]]:
    """virtualenvwrapper's hook point ``point``: every plugin's plain hook, then every
    ``_source`` hook, in this process, each called with the list ``args``, in ``cwd``
    (``$WORKON_HOME`` unless given), seeing ``environ``.

    Returns 0 or 1 (some hook failed: each failure is reported on stderr), and the steps that
    have the shell run the code the ``_source`` hooks returned, in their order.
    """
    group = f"{FAMILY}.{point}"
    plain = hooks(group, settings.plugin_path, names)
    sourced = hooks(group + SOURCE_SUFFIX, settings.plugin_path, names)
    if not plain and not sourced:
        return 0, []
    _set_up_logging()
    where = settings.workon_home if cwd is None else cwd
    status = 0
    code = []
    with _environment(environ):
        for entry in plain:
            result = plugins.invoke(entry, f"hook {group}", where, list(args))[0]
            _log(group, entry, args, result)
            status = status or result
        for entry in sourced:
            result, text = plugins.invoke(entry, f"hook {group}{SOURCE_SUFFIX}", where,
                                          list(args))
            if result == 0 and text is not None and not isinstance(text, str):
                report_error(f"hook {group}{SOURCE_SUFFIX} from {plugins.origin(entry)} "
                             f"returned {type(text).__name__}, not shell code")
                result, text = 1, None
            _log(group + SOURCE_SUFFIX, entry, args, result)
            status = status or result
            if has_code(text or ""):
                code.append(step("source_code", (text or "").strip(),
                                 f"{plugins.origin(entry)} ({group}{SOURCE_SUFFIX}: "
                                 f"{entry.name})",
                                 "1" if point in SUBSHELL_POINTS else ""))
    return status, code


def _log(group: str, entry: EntryPoint, args: Sequence[str], status: int) -> None:
    if log.enabled():
        log.event("ran plugin hook %s (%s from %s): status %d", shlex.join([group, *args]),
                  entry.value, plugins.origin(entry), status)


def has_code(text: str) -> bool:
    """True unless ``text`` is only blank lines and comments: nothing for a shell to run."""
    return any(line.strip() and not line.strip().startswith("#") for line in text.splitlines())


def shell_steps(point: str, settings: Settings) -> list[Step]:
    """After a command's own steps: a call back into the core for ``point`` if some plugin uses
    it (``post_mkvirtualenv`` must run once the shell has activated the new environment)."""
    return [plugin_hook(point)] if point in in_use(settings.plugin_path) else []


# --- project templates ----------------------------------------------------------------------


def templates(plugin_path: tuple[Path, ...]) -> dict[str, EntryPoint]:
    """virtualenvwrapper's project templates by name: the first hook of each name in its
    template group (or, for a template that only returns shell code, in the ``_source`` one)."""
    found: dict[str, EntryPoint] = {}
    for group in (TEMPLATE_POINT, TEMPLATE_POINT + SOURCE_SUFFIX):
        for entry in hooks(f"{FAMILY}.{group}", plugin_path):
            found.setdefault(entry.name, entry)
    return found


def describe(entry: EntryPoint) -> str:
    """A template's description as virtualenvwrapper lists it: its object's whole docstring."""
    import inspect

    try:
        return inspect.getdoc(entry.load()) or ""
    except Exception as error:
        return f"(cannot be loaded: {type(error).__name__}: {error})"


def apply_template(name: str, project_name: str, project: Path,
                   settings: Settings) -> tuple[int, list[Step]]:
    """``mkproject -t NAME``: the template's hooks, called with ``[PROJECT_NAME, PROJECT_DIR]``
    as virtualenvwrapper calls them, but in the project directory (virtualenvwrapper left
    them in ``$WORKON_HOME``); its code is for the shell to run there."""
    return run_point(TEMPLATE_POINT, [project_name, str(project)], settings, names=[name],
                     cwd=project)


# --- the shell's call: ``plugin-hook [--name NAME]... POINT ARGS...`` ------------------------


def hook_command(args: list[str], context: Context) -> Outcome:
    """What the shell asks for at a point it runs itself (``workon``, ``deactivate``, loading,
    ``virtualenvwrapper_run_hook``): the plugins' hooks for it, then their code, in the shell."""
    from vew.commands import Outcome
    from vew.errors import UsageError

    names = []
    while len(args) >= 2 and args[0] == "--name":
        names.append(args[1])
        args = args[2:]
    if not args:
        raise UsageError("usage: plugin-hook [--name NAME]... POINT [ARGS...]")
    point, *point_args = args
    settings = context.settings
    hook_file = HOOK_FILES.get(point)
    if hook_file in plugins.HOOK_POINTS and not names:
        plugins.run_hooks(hook_file, point_args, settings.workon_home, settings.plugin_path)
    context.shell_code.extend(run_point(point, point_args, settings, names=names)[1])
    return Outcome()

"""Plugins: Python packages that add hooks and project templates through entry points.

A distribution installed beside vew (or in a directory of ``VEW_PLUGIN_PATH``) declares entry
points in vew's two groups, or in virtualenvwrapper's (see :mod:`vew.wrapper_plugins`, which
calls those as virtualenvwrapper does, through this module). vew's groups:

* ``vew.hooks``: the entry point's name is one of :data:`HOOK_POINTS`; the object is called with
  the same string arguments as the global hook file of that name, right after that file, with
  ``$WORKON_HOME`` as the working directory.
* ``vew.project_templates``: the name is the template's; see :mod:`vew.project_templates`.

Only the core looks for vew's plugins, and only at points where it runs anyway: ``workon`` and
``deactivate`` are shell code that never starts Python, so their hooks and every sourced hook
have no plugin form in vew's groups, and installing such a plugin cannot slow them down.

Looking up entry points needs :mod:`importlib.metadata`, whose import alone costs more than
most vew commands; a quick look at the installed distributions' ``entry_points.txt`` files
first tells whether any declares a group of the family asked for at all (``vew.*`` or
``virtualenvwrapper.*``), and only then is it imported.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

from vew import log
from vew.errors import report_error

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from importlib.metadata import EntryPoint
    from typing import Any

HOOK_GROUP = "vew.hooks"
TEMPLATE_GROUP = "vew.project_templates"

# The run hooks the core fires itself: the only ones a plugin can add to.
HOOK_POINTS = ("premkvirtualenv", "precpvirtualenv", "prermvirtualenv", "postrmvirtualenv",
               "get_env_details", "premkproject")



@cache
def _declares_group(directories: tuple[str, ...], marker: bytes) -> bool:
    """True if some distribution in ``directories`` has an entry point group whose section
    header starts with ``marker`` (``b"[vew."``)."""
    for directory in directories:
        try:
            entries = os.scandir(directory or ".")
        except OSError:
            continue
        with entries:
            for entry in entries:
                if not entry.name.endswith((".dist-info", ".egg-info")):
                    continue
                try:
                    with open(os.path.join(entry.path, "entry_points.txt"), "rb") as handle:
                        if marker in handle.read():
                            return True
                except OSError:
                    continue
    return False


def _use_plugin_path(plugin_path: Sequence[Path]) -> None:
    # Appended, so that a plugin directory can never shadow vew or what vew imports. Its .pth
    # files are not processed: nothing in it runs until a plugin is called.
    for directory in map(str, plugin_path):
        if directory not in sys.path:
            sys.path.append(directory)


def _family(group: str) -> bytes:
    """The section-header prefix shared by ``group`` and its siblings: ``b"[vew."``."""
    return b"[" + group.split(".", 1)[0].encode() + b"."


@cache
def _all_entry_points(directories: tuple[str, ...]) -> Any:
    """Every entry point the distributions on ``directories`` (``sys.path``) declare, read once
    (each reading parses every distribution's metadata), to ``select`` groups from; Python 3.11
    gives them as ``SelectableGroups``, later ones as ``EntryPoints``."""
    from importlib import metadata

    return metadata.entry_points()


@cache
def entry_points(group: str, plugin_path: tuple[Path, ...] = ()) -> tuple[EntryPoint, ...]:
    """The entry points of ``group``, in ``sys.path`` order (one distribution counted once)."""
    _use_plugin_path(plugin_path)
    if not _declares_group(tuple(sys.path), _family(group)):
        return ()
    return tuple(_all_entry_points(tuple(sys.path)).select(group=group))


@cache
def groups(family: str, plugin_path: tuple[Path, ...] = ()) -> tuple[str, ...]:
    """Every entry point group named ``FAMILY.*`` that some distribution declares, sorted."""
    _use_plugin_path(plugin_path)
    if not _declares_group(tuple(sys.path), _family(family + ".")):
        return ()
    return tuple(sorted(name for name in _all_entry_points(tuple(sys.path)).groups
                        if name.startswith(family + ".")))


def origin(entry: EntryPoint) -> str:
    """The distribution that provides ``entry``, for messages."""
    dist = getattr(entry, "dist", None)
    return dist.name if dist is not None else entry.value


def call(entry: EntryPoint, what: str, cwd: Path, *args: Any) -> int:
    """Load and call ``entry`` with ``args`` in ``cwd``; 0, or 1 after a one-line report.

    ``KeyboardInterrupt`` goes through: the command decides what an interruption undoes.
    """
    return invoke(entry, what, cwd, *args)[0]


def invoke(entry: EntryPoint, what: str, cwd: Path, *args: Any) -> tuple[int, Any]:
    """:func:`call`, which also gives what the object returned (None after a failure)."""
    sys.stdout.flush()
    previous = os.getcwd() if os.path.isdir(".") else None
    try:
        os.chdir(cwd)
        return 0, entry.load()(*args)
    except SystemExit as exit_:
        code = exit_.code
        if code not in (None, 0):
            report_error(f"{what} from {origin(entry)} exited with status {code}")
            return (code if isinstance(code, int) else 1), None
    except Exception as error:
        report_error(f"{what} from {origin(entry)} failed: {type(error).__name__}: {error}")
        return 1, None
    finally:
        sys.stdout.flush()
        if previous is not None:
            os.chdir(previous)
    return 0, None


def run_hooks(point: str, args: Sequence[str], cwd: Path,
              plugin_path: tuple[Path, ...] = ()) -> int:
    """Every plugin's hook for ``point``; the last failure's status, or 0."""
    status = 0
    for entry in entry_points(HOOK_GROUP, plugin_path):
        if entry.name == point:
            result = call(entry, f"hook {point}", cwd, *args)
            if log.enabled():
                import shlex

                log.event("ran plugin hook %s (%s from %s) %s: status %d", point, entry.value,
                          origin(entry), shlex.join(args), result)
            status = result or status
    return status

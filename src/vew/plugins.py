"""Plugins: Python packages that add hooks and project templates through entry points.

A distribution installed beside vew (or in a directory of ``VEW_PLUGIN_PATH``) declares entry
points in two groups:

* ``vew.hooks``: the entry point's name is one of :data:`HOOK_POINTS`; the object is called with
  the same string arguments as the global hook file of that name, right after that file, with
  ``$WORKON_HOME`` as the working directory.
* ``vew.project_templates``: the name is the template's; see :mod:`vew.templates`.

Only the core looks for plugins, and only at points where it runs anyway: ``workon`` and
``deactivate`` are shell code that never starts Python, so their hooks and every sourced hook
have no plugin form, and installing a plugin cannot slow them down.

Looking up entry points needs :mod:`importlib.metadata`, whose import alone costs more than
most vew commands; a quick look at the installed distributions' ``entry_points.txt`` files
first tells whether any declares a vew group at all, and only then is it imported.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

from vew import log

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from importlib.metadata import EntryPoint
    from typing import Any

HOOK_GROUP = "vew.hooks"
TEMPLATE_GROUP = "vew.project_templates"

# The run hooks the core fires itself: the only ones a plugin can add to.
HOOK_POINTS = ("premkvirtualenv", "precpvirtualenv", "prermvirtualenv", "postrmvirtualenv",
               "get_env_details", "premkproject")

_MARKER = b"[vew."


def _declares_vew_group(directories: Iterable[str]) -> bool:
    """True if some distribution in ``directories`` has an entry point group named ``vew.*``."""
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
                        if _MARKER in handle.read():
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


@cache
def entry_points(group: str, plugin_path: tuple[Path, ...] = ()) -> tuple[EntryPoint, ...]:
    """The entry points of ``group``, in ``sys.path`` order (one distribution counted once)."""
    _use_plugin_path(plugin_path)
    if not _declares_vew_group(sys.path):
        return ()
    from importlib import metadata

    return tuple(metadata.entry_points(group=group))


def origin(entry: EntryPoint) -> str:
    """The distribution that provides ``entry``, for messages."""
    dist = getattr(entry, "dist", None)
    return dist.name if dist is not None else entry.value


def call(entry: EntryPoint, what: str, cwd: Path, *args: Any) -> int:
    """Load and call ``entry`` with ``args`` in ``cwd``; 0, or 1 after a one-line report.

    ``KeyboardInterrupt`` goes through: the command decides what an interruption undoes.
    """
    sys.stdout.flush()
    previous = os.getcwd() if os.path.isdir(".") else None
    try:
        os.chdir(cwd)
        entry.load()(*args)
    except SystemExit as exit_:
        code = exit_.code
        if code not in (None, 0):
            print(f"ERROR: {what} from {origin(entry)} exited with status {code}",
                  file=sys.stderr)
            return code if isinstance(code, int) else 1
    except Exception as error:
        print(f"ERROR: {what} from {origin(entry)} failed: {type(error).__name__}: {error}",
              file=sys.stderr)
        return 1
    finally:
        sys.stdout.flush()
        if previous is not None:
            os.chdir(previous)
    return 0


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

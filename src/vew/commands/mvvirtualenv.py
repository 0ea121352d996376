"""``mvvirtualenv OLD NEW``: rename an environment, keeping everything in it.

An environment is not relocatable (its path is written into its scripts), so a rename is a
rebuild under NEW from hard links to OLD's files — no file's data is copied — with every
mention of OLD's path rewritten as :mod:`vew.cloning` rewrites a copy's, also in ``.project``
and the ``.pth`` files, then OLD goes. At every moment a complete environment exists under
OLD or under NEW: a failure or Ctrl-C before the end leaves OLD as it was and no NEW.
"""

from __future__ import annotations

import os
import sys

from vew import arguments
from vew.commands import Context, Outcome
from vew.errors import CommandError
from vew.steps import step

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

    from vew.steps import Step


def _source(workon_home: Path, name: str, context: Context) -> Path:
    """``WORKON_HOME/NAME``, an environment vew may rename, or the error saying why not."""
    from vew import store

    path = workon_home / name
    if not os.path.lexists(path):
        raise CommandError(f"Environment '{name}' does not exist.")
    if path.is_symlink():
        raise CommandError(f"Environment '{name}' is a link to {os.readlink(path)}; "
                           "rename the link itself.")
    if not store.is_environment(path):
        raise CommandError(f"{path} is not an environment (or is still being created); "
                           "not renamed.")
    if context.is_active(path):
        raise CommandError(f"You cannot rename the active environment ('{name}'). "
                           "Either switch to another environment, or run 'deactivate'.")
    return path


def _pointers(env: Path, project_filename: str) -> list[str]:
    """The files outside the script directory whose lines may name the environment's path."""
    from vew import layout

    found = [project_filename]
    site_packages = layout.site_packages(env)
    if site_packages is not None:
        found += sorted(os.path.relpath(pth, env) for pth in site_packages.glob("*.pth"))
    return found


def run(args: list[str], context: Context) -> Outcome:
    given = arguments.read("mvvirtualenv", args)
    if given is None:
        return Outcome()
    old, new = given.args
    import shutil

    from vew import cloning, names, store

    settings = context.settings
    names.check(old)
    names.check_new(new)
    store.ensure_home(settings.workon_home)
    source = _source(settings.workon_home, old, context)
    print(f"Renaming {old} to {new}...")
    sys.stdout.flush()
    with store.building(settings.workon_home, new) as target:
        try:
            cloning.clone(source, target, skip=[store.INCOMPLETE_MARKER], link=True,
                          also=_pointers(source, settings.project_filename))
        except (OSError, shutil.Error) as error:
            raise CommandError(f"cannot rename {old} to {new}: {error}") from None
    store.delete_at_once(source)
    return Outcome(0, _follow(context.environ.get("PWD"), source, target))


def _follow(cwd: str | None, source: Path, target: Path) -> list[Step]:
    """A shell standing inside OLD moves to the same place inside NEW."""
    if not cwd or os.path.isdir(cwd):
        return []
    relative = os.path.relpath(cwd, source)
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return []
    place = os.path.normpath(target / relative)
    return [step("cd", place if os.path.isdir(place) else str(target))]

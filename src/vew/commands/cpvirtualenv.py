"""``cpvirtualenv SOURCE [DEST]``: copy an environment into ``$WORKON_HOME`` and activate it.

SOURCE is an environment's name, or the path of an environment anywhere else. The copy is made
by :mod:`vew.cloning`: it works on its own, and the source is never modified.
"""

from __future__ import annotations

import os
import sys

from vew import arguments
from vew.commands import Context, Outcome, absolute
from vew.errors import CommandError
from vew.steps import step

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

INVALID_SOURCE = "Please provide a valid virtualenv to copy."


def _source(value: str, context: Context) -> Path:
    """``WORKON_HOME/VALUE`` if that exists, else VALUE as a path; it must be an environment."""
    from pathlib import Path

    from vew import store
    from vew.settings import expand

    workon_home = context.settings.workon_home
    if not value:
        raise CommandError(INVALID_SOURCE)
    in_home = workon_home / value
    if os.sep not in value and value not in (".", "..") and os.path.lexists(in_home):
        path = in_home
    else:
        path = Path(absolute(expand(value, context.environ), context.environ))
    if not store.is_environment(path):
        raise CommandError(INVALID_SOURCE)
    return path


def _check_target(source: Path, target: Path) -> None:
    if os.path.lexists(target):
        raise CommandError(f"{target.name} virtualenv already exists.")
    real_source = os.path.realpath(source)
    if os.path.commonpath([real_source, os.path.realpath(target.parent)]) == real_source:
        raise CommandError(f"cannot copy {source} into itself")


def run(args: list[str], context: Context) -> Outcome:
    given = arguments.read("cpvirtualenv", args)
    if given is None:
        return Outcome()
    args = given.args
    import shutil

    from vew import cloning, creation, hooks, layout, names, store, wrapper_plugins
    from vew.commands import mktmpenv
    from vew.errors import describe_os_error

    settings = context.settings
    store.ensure_home(settings.workon_home)
    source = _source(args[0] if args else "", context)
    dest = args[1] if len(args) > 1 else source.name
    target = settings.workon_home / names.check_new(dest)
    _check_target(source, target)
    print(f"Copying {source.name} as {dest}...")
    sys.stdout.flush()
    with store.building(settings.workon_home, dest) as target:
        try:
            # The copy is permanent: a temporary environment's marker stays behind.
            cloning.clone(source, target, skip=[store.INCOMPLETE_MARKER, mktmpenv.MARKER])
        except shutil.Error as error:
            # One entry per file that failed: the first says why, the count how many.
            failures = error.args[0] if error.args and isinstance(error.args[0], list) else []
            first = failures[0][2] if failures and len(failures[0]) == 3 else str(error)
            more = f" (and {len(failures) - 1} more)" if len(failures) > 1 else ""
            raise CommandError(f"cannot copy {source} to {target}: {first}{more}") from None
        except OSError as error:
            raise CommandError(f"cannot copy {source} to {target}: "
                               f"{describe_os_error(error)}") from None
        hooks.run_global(settings, "precpvirtualenv", [str(source), dest], context.environ,
                         context.shell_code)
        hooks.create_local_stubs(layout.bin_dir(target), context.environ)
        # As for mkvirtualenv, a failing premkvirtualenv cancels the new environment.
        if hooks.run_global(settings, "premkvirtualenv", [dest], context.environ,
                            context.shell_code) != 0:
            raise CommandError(f"premkvirtualenv failed; environment '{dest}' was not created")
    return Outcome(0, [
        *creation.activation_steps(dest, settings),
        step("source_hook", str(settings.hook_dir), "postcpvirtualenv"),
        *wrapper_plugins.shell_steps("post_cpvirtualenv", settings),
    ])

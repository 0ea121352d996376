"""``add2virtualenv [-d] DIR...``: add directories to (or remove them from) the import path.

The directories go into ``_virtualenv_path_extensions.pth`` in the active environment's
site-packages (see :mod:`vew.path_extensions`), so that they are importable first.
"""

from __future__ import annotations

import os
import sys

from vew.commands import Context, Outcome, site_packages
from vew.errors import CommandError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

USAGE = "Usage: add2virtualenv [-d] dir [dir ...]"


def absolute(path: str, environ: Mapping[str, str]) -> str:
    """``path`` made absolute and normalised lexically: no symlink is resolved.

    Relative to the shell's logical working directory (``$PWD``) when it is the directory we
    run in, as the user sees it.
    """
    cwd = os.getcwd()
    logical = environ.get("PWD", "")
    if os.path.isabs(logical):
        try:
            if os.path.samefile(logical, cwd):
                cwd = logical
        except OSError:
            pass
    return os.path.normpath(os.path.join(cwd, path))


def run(args: list[str], context: Context) -> Outcome:
    from vew import path_extensions, store

    store.ensure_home(context.settings.workon_home)
    env = context.require_active_env()
    pth = path_extensions.file_in(site_packages(env))
    remove = bool(args) and args[0] == "-d"
    directories = args[1:] if remove else args
    if not directories:
        print(USAGE, file=sys.stderr)
        if pth.is_file():
            print()
            print("Existing paths:")
            for entry in path_extensions.entries(pth):
                print(entry)
        return Outcome(1)
    if "" in directories:
        raise CommandError("add2virtualenv: a directory cannot be an empty string")
    for directory in directories:
        converted = absolute(directory, context.environ)
        if converted != directory:
            print(f'Warning: Converting "{directory}" to "{converted}"', file=sys.stderr)
        try:
            if remove:
                path_extensions.remove(pth, converted)
            else:
                path_extensions.add(pth, converted)
        except (OSError, UnicodeError) as error:
            raise CommandError(f"cannot update {pth}: {error}") from None
    return Outcome()

"""``add2virtualenv [-d] DIR...``: add directories to (or remove them from) the import path.

The directories go into ``_virtualenv_path_extensions.pth`` in the active environment's
site-packages (see :mod:`vew.path_extensions`), so that they are importable first.
"""

from __future__ import annotations

import sys

from vew import arguments
from vew.commands import Context, Outcome, absolute, site_packages
from vew.errors import CommandError


def run(args: list[str], context: Context) -> Outcome:
    given = arguments.read("add2virtualenv", args)
    if given is None:
        return Outcome()
    from vew import path_extensions, store

    store.ensure_home(context.settings.workon_home)
    env = context.require_active_env()
    pth = path_extensions.file_in(site_packages(env))
    remove = given.flag("-d")
    directories = given.args
    if not directories:
        from vew import catalogue

        print(arguments.usage(catalogue.BY_NAME["add2virtualenv"]), file=sys.stderr)
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

"""``lssitepackages [LS_ARGS...]``: list the active environment's site-packages."""

from __future__ import annotations

import os
import sys

from vew import arguments
from vew.commands import Context, Outcome, site_packages


def _list(directory: str, args: list[str]) -> int:
    import shutil
    import subprocess

    ls = shutil.which("ls")
    sys.stdout.flush()
    if ls is not None:
        return subprocess.call([ls, *args, directory])
    # No ls (native Windows): the plain listing ls gives, options aside.
    for entry in sorted(os.listdir(directory)):
        print(entry)
    return 0


def run(args: list[str], context: Context) -> Outcome:
    given = arguments.read("lssitepackages", args)
    if given is None:
        return Outcome()
    args = given.args
    from vew import path_extensions, store

    store.ensure_home(context.settings.workon_home)
    env = context.require_active_env()
    directory = site_packages(env)
    status = _list(str(directory), args)
    pth = path_extensions.file_in(directory)
    if pth.is_file():
        print()
        print(f"{pth.name}:")
        sys.stdout.write(pth.read_text(encoding="utf-8", errors="replace"))
    return Outcome(status)

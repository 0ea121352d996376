"""``lsvirtualenv [-b] [-l] [-h]``; the brief listing usually runs in the shell itself."""

from __future__ import annotations

import sys

from vew import arguments
from vew.commands import Context, Outcome


def as_json(context: Context) -> None:
    import json

    from vew import health

    settings = context.settings
    reports = [health.inspect(settings.workon_home, name, settings.project_filename).as_json()
               for name in health.candidates(settings.workon_home)]
    print(json.dumps(reports, indent=2, ensure_ascii=False))


def run(args: list[str], context: Context) -> Outcome:
    given = arguments.read("lsvirtualenv", args)
    if given is None:
        return Outcome()
    from vew import store
    from vew.commands.showvirtualenv import details

    store.ensure_home(context.settings.workon_home)
    if given.flag("--json"):
        as_json(context)
        return Outcome()
    brief = given.last("-b", "-l") == "-b"
    for name in store.names_in(context.settings.workon_home):
        if brief:
            print(name)
            continue
        print(name)
        print("=" * len(name))
        sys.stdout.flush()
        details(name, context)
        print("\n")
    return Outcome()

"""``lsvirtualenv [-b] [-l] [-h]``; the brief listing usually runs in the shell itself."""

from __future__ import annotations

import sys

from vew.commands import Context, Outcome

USAGE = """usage: lsvirtualenv [-blh] [--json]

  -b -- brief mode
  -l -- long mode
  -h -- this help message
  --json -- one JSON object per environment, in a list (see the README for the schema)
"""


def as_json(context: Context) -> None:
    import json

    from vew import health

    settings = context.settings
    reports = [health.inspect(settings.workon_home, name, settings.project_filename).as_json()
               for name in health.candidates(settings.workon_home)]
    print(json.dumps(reports, indent=2, ensure_ascii=False))


def run(args: list[str], context: Context) -> Outcome:
    from vew import store
    from vew.commands.showvirtualenv import details

    brief = False
    if "--json" in args:
        store.ensure_home(context.settings.workon_home)
        as_json(context)
        return Outcome()
    for arg in args:
        if not arg.startswith("-") or arg == "-":
            print(f"ERROR: lsvirtualenv: unexpected argument '{arg}'", file=sys.stderr)
            print(USAGE, end="", file=sys.stderr)
            return Outcome(1)
        for letter in arg[1:]:
            if letter == "h":
                print(USAGE, end="")
                return Outcome()
            if letter not in "bl":
                print(f"ERROR: lsvirtualenv: invalid option -- '{letter}'", file=sys.stderr)
                print(USAGE, end="", file=sys.stderr)
                return Outcome(1)
            brief = letter == "b"
    store.ensure_home(context.settings.workon_home)
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

"""``lsvirtualenv [-b] [-l] [-h]``; the brief listing usually runs in the shell itself."""

from __future__ import annotations

import sys

from vew import store
from vew.commands import Context, Outcome
from vew.commands.showvirtualenv import details

USAGE = """usage: lsvirtualenv [-blh]

  -b -- brief mode
  -l -- long mode
  -h -- this help message
"""


def run(args: list[str], context: Context) -> Outcome:
    brief = False
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

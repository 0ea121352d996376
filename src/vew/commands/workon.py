"""``workon``: the shell does all of it but the help text, which the catalogue holds."""

from __future__ import annotations

from vew import arguments, catalogue
from vew.commands import Context, Outcome


def run(args: list[str], context: Context) -> Outcome:
    # The shims call this for -h and --help only.
    arguments.show_help(catalogue.BY_NAME["workon"])
    return Outcome()

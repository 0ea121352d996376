"""``mkvirtualenv [-a DIR] [-i PKG]... [-r FILE]... [-p PY] [creator options] NAME``."""

from __future__ import annotations

from vew import catalogue, creation
from vew.commands import Context, Outcome

COMMAND = catalogue.BY_NAME["mkvirtualenv"]


def run(args: list[str], context: Context) -> Outcome:
    settings = context.settings
    given = creation.parse(COMMAND, args, context)
    if given.help:
        creation.show_help(COMMAND, context)
        return Outcome()
    from vew import names, store

    name = names.check_new(given.args[0])
    request = creation.request(given, name, context.environ)
    store.ensure_home(settings.workon_home)
    creation.build(request, context)
    return Outcome(0, creation.activation_steps(name, settings))

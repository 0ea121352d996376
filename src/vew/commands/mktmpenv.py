"""``mktmpenv [-c|-n] [mkvirtualenv options]``: an environment deleted when it is deactivated.

The ``README.tmpenv`` file marks it; the shim's deactivation removes an environment that has
one, after the post-deactivate hooks, exactly as ``rmvirtualenv`` would.
"""

from __future__ import annotations

import os

from vew import catalogue, creation, filenames
from vew.commands import Context, Outcome
from vew.errors import CommandError
from vew.steps import step

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

COMMAND = catalogue.BY_NAME["mktmpenv"]
MARKER = filenames.TMPENV
NOTICE = "This is a temporary environment. It will be deleted when you run 'deactivate'."


def new_name(workon_home: Path) -> str:
    import secrets

    while True:
        name = f"tmp-{secrets.token_hex(8)}"
        if not os.path.lexists(workon_home / name):
            return name


def run(args: list[str], context: Context) -> Outcome:
    settings = context.settings
    given = creation.parse(COMMAND, args, context)
    if given.help:
        creation.show_help(COMMAND, context)
        return Outcome()
    from vew import files, store

    cd = {"-c": True, "-n": False}.get(given.last("-c", "-n") or "", settings.workon_cd)
    name = new_name(settings.workon_home)
    store.ensure_home(settings.workon_home)
    creation.build(creation.request(given, name, context.environ), context)
    env = settings.workon_home / name
    try:
        files.write_text_atomic(env / MARKER, f"{NOTICE}\n")
    except OSError as error:
        store.delete(env)
        raise CommandError(f"cannot write {env / MARKER}: {error.strerror}; "
                           f"environment '{name}' was not kept") from None
    steps = creation.activation_steps(name, settings)
    if cd:
        steps.append(step("cd", str(env)))
    steps.append(step("echo", NOTICE))
    return Outcome(0, steps)

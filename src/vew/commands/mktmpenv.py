"""``mktmpenv [-c|-n] [mkvirtualenv options]``: an environment deleted when it is deactivated.

The ``README.tmpenv`` file marks it; the shim's deactivation removes an environment that has
one, after the post-deactivate hooks, exactly as ``rmvirtualenv`` would.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from vew import files, store
from vew.commands import Context, Outcome, mkvirtualenv
from vew.errors import CommandError
from vew.steps import step

MARKER = "README.tmpenv"
NOTICE = "This is a temporary environment. It will be deleted when you run 'deactivate'."
USAGE = "Usage: mktmpenv [-c|--cd] [-n|--no-cd] [mkvirtualenv options]"
HELP = f"""{USAGE}

 -c, --cd     change to the new environment's directory (the default when
              VIRTUALENVWRAPPER_WORKON_CD is 1)
 -n, --no-cd  stay in the current directory

The environment is named tmp- and 16 random hexadecimal digits, and is deleted when it is
deactivated (deactivate, or workon another environment).

"""


def new_name(workon_home: Path) -> str:
    while True:
        name = f"tmp-{secrets.token_hex(8)}"
        if not os.path.lexists(workon_home / name):
            return name


def run(args: list[str], context: Context) -> Outcome:
    settings = context.settings
    cd = settings.workon_cd
    passthrough = []
    for arg in args:
        if arg in ("-c", "--cd"):
            cd = True
        elif arg in ("-n", "--no-cd"):
            cd = False
        else:
            passthrough.append(arg)
    name = new_name(settings.workon_home)
    if mkvirtualenv.parse([*passthrough, name], context.environ) is None:
        print(HELP, end="")
        return mkvirtualenv.run(["-h"], context)
    outcome = mkvirtualenv.run([*passthrough, name], context)
    env = settings.workon_home / name
    try:
        files.write_text_atomic(env / MARKER, f"{NOTICE}\n")
    except OSError as error:
        store.delete(env)
        raise CommandError(f"cannot write {env / MARKER}: {error.strerror}; "
                           f"environment '{name}' was not kept") from None
    if cd:
        outcome.steps.append(step("cd", str(env)))
    outcome.steps.append(step("echo", NOTICE))
    return outcome

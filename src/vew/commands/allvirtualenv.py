"""``allvirtualenv COMMAND [ARGS...]``: run a command in every environment, without hooks."""

from __future__ import annotations

from vew import arguments
from vew.commands import Context, Outcome
from vew.errors import CommandError
from vew.steps import step


def run(args: list[str], context: Context) -> Outcome:
    given = arguments.read("allvirtualenv", args)
    if given is None:
        return Outcome()
    args = given.args
    from vew import running, store

    workon_home = context.settings.workon_home
    store.ensure_home(workon_home)
    if not args:
        raise CommandError("Usage: allvirtualenv command [args ...]")
    steps = []
    # The shell runs the command, so that it may be one of the user's functions or aliases;
    # each environment's heading is printed there too, in order with the command's output.
    for name in store.names_in(workon_home):
        steps += [
            step("echo", name),
            step("echo", "=" * len(name)),
            running.shell_step(workon_home / name, args, context.environ),
            step("echo", ""),
        ]
    return Outcome(0, steps)

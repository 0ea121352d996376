"""``cdvirtualenv [SUBDIR]``: change to the active environment's directory, or below it."""

from __future__ import annotations

from vew import arguments
from vew.commands import Context, Outcome
from vew.steps import step


def below(directory: str, args: list[str]) -> str:
    """``DIR/SUBDIR`` as virtualenvwrapper's ``cd "$DIR/$1"`` spells it (extra words ignored)."""
    return f"{directory}/{args[0]}" if args and args[0] else directory


def run(args: list[str], context: Context) -> Outcome:
    given = arguments.read("cdvirtualenv", args)
    if given is None:
        return Outcome()
    args = given.args
    from vew import store

    store.ensure_home(context.settings.workon_home)
    env = context.require_active_env()
    # The shell's own cd reports a missing directory and leaves the cwd as it was.
    return Outcome(0, [step("cd", below(str(env), args))])

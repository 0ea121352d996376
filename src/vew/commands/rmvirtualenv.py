"""``rmvirtualenv NAME [NAME...]``: delete environments, never anything outside WORKON_HOME."""

from __future__ import annotations

import os
import sys

from vew import arguments
from vew.commands import Context, Outcome
from vew.errors import CommandError, describe_os_error, report_error
from vew.steps import step


def remove(name: str, context: Context) -> int:
    """Remove one environment; 0, or 1 after an error that does not stop the others."""
    from vew import hooks, store

    settings = context.settings
    print(f"Removing {name}...")
    sys.stdout.flush()
    try:
        path = store.removable(settings.workon_home, name)
    except CommandError as error:
        # Not removable: say why, and go on with the other names.
        report_error(str(error))
        return 1
    except FileNotFoundError:
        # virtualenvwrapper's note and status: nothing to remove is no failure (scripts run
        # `rmvirtualenv NAME` to make sure NAME is gone), so no "ERROR:" either.
        print(f"Did not find environment {settings.workon_home / name} to remove.",
              file=sys.stderr)
        return 0
    if context.is_active(path):
        raise CommandError(f"You cannot remove the active environment ('{name}'). "
                           "Either switch to another environment, or run 'deactivate'.")
    try:
        # Before the hooks: a tree that could only be half deleted is refused untouched.
        store.check_deletable(path)
        hooks.run_global(settings, "prermvirtualenv", [name], context.environ,
                         context.shell_code)
        store.delete(path)
    except CommandError as error:
        report_error(str(error))
        return 1
    except OSError as error:
        report_error(f"cannot remove {path}: {describe_os_error(error)}")
        return 1
    hooks.run_global(settings, "postrmvirtualenv", [name], context.environ, context.shell_code)
    return 0


def run(args: list[str], context: Context) -> Outcome:
    given = arguments.read("rmvirtualenv", args)
    if given is None:
        return Outcome()
    args = given.args
    from vew import store

    settings = context.settings
    store.ensure_home(settings.workon_home)
    if not args:
        raise CommandError("Please specify an environment.")
    status = 0
    outcome = Outcome()
    try:
        for name in args:
            status = remove(name, context) or status
    except CommandError as error:
        report_error(str(error))
        status = error.status
    # The shell stays where it was, unless that directory went with an environment.
    cwd = context.environ.get("PWD")
    if cwd and not os.path.isdir(cwd):
        outcome.steps.append(step("cd", str(settings.workon_home)))
    outcome.status = status
    return outcome

"""``cdsitepackages [SUBDIR]``: change to the active environment's site-packages, or below."""

from __future__ import annotations

from vew import arguments
from vew.commands import Context, Outcome, site_packages
from vew.commands.cdvirtualenv import below
from vew.steps import step


def run(args: list[str], context: Context) -> Outcome:
    given = arguments.read("cdsitepackages", args)
    if given is None:
        return Outcome()
    args = given.args
    from vew import store

    store.ensure_home(context.settings.workon_home)
    env = context.require_active_env()
    return Outcome(0, [step("cd", below(str(site_packages(env)), args))])

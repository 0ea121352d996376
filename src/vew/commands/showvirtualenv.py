"""``showvirtualenv [NAME] [--json]``: the ``get_env_details`` hooks of one environment."""

from __future__ import annotations

import sys

from vew import arguments
from vew.commands import Context, Outcome
from vew.errors import CommandError


def details(name: str, context: Context) -> None:
    """The global, then the environment's own, ``get_env_details NAME``, inside the env.

    The hooks see the environment activated (without its activation hooks), as they do in
    virtualenvwrapper's ``lsvirtualenv -l``, so that what they print is about NAME.
    """
    from vew import hooks, layout, running

    settings = context.settings
    env = settings.workon_home / name
    environ = running.activated_environ(env, context.environ)
    sys.stdout.flush()
    hooks.run_global(settings, "get_env_details", [name], environ, context.shell_code)
    hooks.run(layout.bin_dir(env) / "get_env_details", [name], settings.workon_home, environ)
    sys.stdout.flush()


def run(args: list[str], context: Context) -> Outcome:
    given = arguments.read("showvirtualenv", args)
    if given is None:
        return Outcome()
    from vew import store

    active = context.active_env()
    as_json = given.flag("--json")
    args = given.args
    if args and args[0]:
        name = args[0]
    elif active is not None:
        name = active.name
    else:
        raise CommandError("Usage: showvirtualenv [env]")
    env = store.path_of(context.settings.workon_home, name)
    if not store.is_environment(env):
        raise CommandError(f"Environment '{name}' does not exist.")
    if as_json:
        import json

        from vew import health

        settings = context.settings
        report = health.inspect(settings.workon_home, name, settings.project_filename)
        print(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
        return Outcome()
    details(name, context)
    print()
    return Outcome()

"""``setvirtualenvproject [ENV [PROJECT]]``: write an environment's ``.project`` file."""

from __future__ import annotations

import os

from vew import arguments
from vew.commands import Context, Outcome, absolute
from vew.errors import CommandError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path


def environment(value: str, context: Context) -> Path:
    """ENV: the active environment by default, else a directory, else a name in WORKON_HOME."""
    from pathlib import Path

    if not value:
        return context.require_active_env()
    if os.path.isdir(value):
        return Path(absolute(value, context.environ))
    named = context.settings.workon_home / value
    if not named.is_dir():
        raise CommandError(f"No virtualenv {os.path.basename(value)}")
    return named


def run(args: list[str], context: Context) -> Outcome:
    given = arguments.read("setvirtualenvproject", args)
    if given is None:
        return Outcome()
    args = given.args
    from pathlib import Path

    from vew import projects

    env = environment(args[0] if args else "", context)
    # virtualenvwrapper: `pwd` when PROJECT is not given; a relative PROJECT from there too.
    project = Path(absolute(args[1] if len(args) > 1 else "", context.environ))
    if not project.is_dir():
        raise CommandError(f'Cannot associate virtualenv with "{project}", '
                           "it is not a directory")
    try:
        projects.associate(env, project, context.settings.project_filename)
    except OSError as error:
        raise CommandError(f"cannot write the project file of {env}: {error.strerror}") from None
    return Outcome()

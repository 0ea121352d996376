"""``setvirtualenvproject [ENV [PROJECT]]``: write an environment's ``.project`` file."""

from __future__ import annotations

import os

from vew.commands import Context, Outcome
from vew.errors import CommandError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path


def working_directory(environ: Mapping[str, str]) -> Path:
    """The shell's current directory as the shell spells it (``$PWD``, symlinks kept)."""
    from pathlib import Path

    logical = environ.get("PWD", "")
    try:
        if os.path.isabs(logical) and os.path.samefile(logical, "."):
            return Path(logical)
    except OSError:
        pass
    return Path(os.getcwd())


def environment(value: str, context: Context) -> Path:
    """ENV: the active environment by default, else a directory, else a name in WORKON_HOME."""
    from pathlib import Path

    if not value:
        return context.require_active_env()
    if os.path.isdir(value):
        return Path(os.path.abspath(value))
    named = context.settings.workon_home / value
    if not named.is_dir():
        raise CommandError(f"No virtualenv {os.path.basename(value)}")
    return named


def run(args: list[str], context: Context) -> Outcome:
    from pathlib import Path

    from vew import projects

    env = environment(args[0] if args else "", context)
    given = args[1] if len(args) > 1 else ""
    project = Path(os.path.abspath(given)) if given else working_directory(context.environ)
    if not project.is_dir():
        raise CommandError(f'Cannot associate virtualenv with "{project}", '
                           "it is not a directory")
    try:
        projects.associate(env, project, context.settings.project_filename)
    except OSError as error:
        raise CommandError(f"cannot write the project file of {env}: {error.strerror}") from None
    return Outcome()

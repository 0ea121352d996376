"""``mkvirtualenv [-a DIR] [-i PKG]... [-r FILE]... [-p PY] [creator options] NAME``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from vew import creation, creator, names, store
from vew.commands import Context, Outcome, absolute
from vew.creation import Request
from vew.errors import UsageError
from vew.settings import Settings, expand

USAGE = "Usage: mkvirtualenv [-a project_path] [-i package] [-r requirements_file] " \
        "[virtualenv options] env_name"

HELP = f"""{USAGE}

 -a project_path

    Provide a full path to a project directory to associate with
    the new environment.

 -i package

    Install a package after the environment is created.
    This option may be repeated.

 -r requirements_file

    Provide a pip requirements file to install a base set of packages
    into the new environment. This option may be repeated.

 -p python, --python=python

    The interpreter to create the environment with.

virtualenv help:
"""


def _value(args: Sequence[str], index: int, option: str) -> str:
    if index + 1 >= len(args):
        raise UsageError(f"mkvirtualenv: option {option} requires a value")
    return args[index + 1]


def parse(args: Sequence[str], environ: Mapping[str, str]) -> Request | None:
    """Wrapper options anywhere; everything else passes through; NAME is the last of those.

    Returns None for ``-h``.
    """
    project = None
    packages: list[str] = []
    requirements: list[Path] = []
    python = None
    passthrough: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg in ("-h", "--help"):
            return None
        if arg == "-a":
            project = Path(absolute(expand(_value(args, index, arg), environ), environ))
            index += 1
        elif arg == "-i":
            packages.append(_value(args, index, arg))
            index += 1
        elif arg == "-r":
            requirements.append(Path(absolute(expand(_value(args, index, arg), environ), environ)))
            index += 1
        elif arg == "-p":
            python = _value(args, index, arg)
            index += 1
        elif arg.startswith("--python"):
            if "=" in arg:
                python = arg.split("=", 1)[1]
            else:
                python = _value(args, index, arg)
                index += 1
        else:
            passthrough.append(arg)
        index += 1
    if not passthrough:
        raise UsageError(f"{USAGE}\nmkvirtualenv: an environment name is required")
    *options, name = passthrough
    return Request(name, project, packages, requirements, python, options)


def run(args: list[str], context: Context) -> Outcome:
    settings = context.settings
    request = parse(args, context.environ)
    if request is None:
        show_help(settings)
        return Outcome()
    names.check_new(request.name)
    store.ensure_home(settings.workon_home)
    creation.build(request, context)
    return Outcome(0, creation.activation_steps(request.name, settings))


def show_help(settings: Settings) -> None:
    print(HELP, end="")
    creator.show_help(settings)

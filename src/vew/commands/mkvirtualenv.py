"""``mkvirtualenv [-a DIR] [-i PKG]... [-r FILE]... [-p PY] [creator options] NAME``."""

from __future__ import annotations

import os
import sys

from vew.commands import Context, Outcome
from vew.errors import CommandError, UsageError
from vew.steps import step

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from pathlib import Path

    from vew.settings import Settings
    from vew.steps import Step

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


class Request:
    __slots__ = ("name", "packages", "passthrough", "project", "python", "requirements")

    def __init__(self, name: str, project: Path | None = None,  # noqa: PLR0917
                 packages: list[str] | None = None, requirements: list[Path] | None = None,
                 python: str | None = None, passthrough: list[str] | None = None) -> None:
        self.name = name
        self.project = project
        self.packages = packages or []
        self.requirements = requirements or []
        self.python = python
        self.passthrough = passthrough or []


def _value(args: Sequence[str], index: int, option: str) -> str:
    if index + 1 >= len(args):
        raise UsageError(f"mkvirtualenv: option {option} requires a value")
    return args[index + 1]


def parse(args: Sequence[str], environ: Mapping[str, str]) -> Request | None:
    """Wrapper options anywhere; everything else passes through; NAME is the last of those.

    Returns None for ``-h``.
    """
    from pathlib import Path

    from vew.settings import expand

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
            project = Path(os.path.abspath(expand(_value(args, index, arg), environ)))
            index += 1
        elif arg == "-i":
            packages.append(_value(args, index, arg))
            index += 1
        elif arg == "-r":
            requirements.append(Path(os.path.abspath(expand(_value(args, index, arg), environ))))
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


def install(env: Path, request: Request, environ: Mapping[str, str]) -> None:
    """``-r`` files, then each ``-i`` package, with the new environment's own pip."""
    import subprocess

    from vew import layout
    from vew.running import activated_environ

    python = str(layout.python(env))
    commands = [[python, "-m", "pip", "install", "-r", str(path)] for path in request.requirements]
    commands += [[python, "-m", "pip", "install", package] for package in request.packages]
    child_environ = activated_environ(env, environ)
    for command in commands:
        sys.stdout.flush()
        status = subprocess.call(command, env=child_environ)
        if status != 0:
            raise CommandError(f"pip install failed with status {status}; "
                               f"environment '{request.name}' was not created")


def resolve_python(spec: str | None, environ: Mapping[str, str]) -> str | None:
    """A version such as ``3.12`` may name an interpreter pyenv or uv keep off PATH."""
    if spec is None:
        return spec
    from vew import pythons

    if not pythons.is_version_spec(spec):
        return spec
    found = pythons.find(spec, environ)
    return str(found.path) if found else spec


def build(request: Request, context: Context) -> Path:
    """Create, hook and fill the environment; on any failure nothing is left behind."""
    from vew import creator, hooks, layout, projects, store

    settings = context.settings
    if request.project is not None and not request.project.is_dir():
        raise CommandError(f"Cannot associate project with {request.project}, "
                           "it is not a directory")
    for requirement in request.requirements:
        if not requirement.is_file():
            raise CommandError(f"Requirements file {requirement} does not exist")
    args = creator.creator_args(settings, resolve_python(request.python, context.environ),
                                request.passthrough)
    with store.building(settings.workon_home, request.name) as env:
        creator.create(settings, args, env)
        if not (layout.bin_dir(env) / "activate").is_file():
            raise CommandError(f"The creator made no activate script in {env}")
        hooks.create_local_stubs(layout.bin_dir(env), context.environ)
        status = hooks.run_global(settings, "premkvirtualenv", [request.name],
                                  context.environ)
        if status != 0:
            raise CommandError(f"premkvirtualenv failed; environment '{request.name}' "
                               "was not created")
        if request.project is not None:
            projects.associate(env, request.project, settings.project_filename)
        install(env, request, context.environ)
    return env


def run(args: list[str], context: Context) -> Outcome:
    from vew import names, store

    settings = context.settings
    request = parse(args, context.environ)
    if request is None:
        show_help(settings)
        return Outcome()
    try:
        names.check_new(request.name)
    except names.InvalidName as error:
        raise UsageError(f"mkvirtualenv: {error}") from None
    store.ensure_home(settings.workon_home)
    build(request, context)
    return Outcome(0, activation_steps(request.name, settings))


def activation_steps(name: str, settings: Settings) -> list[Step]:
    """What the shell does with a new environment: ``workon`` it, then ``postmkvirtualenv``."""
    cd = "1" if settings.workon_cd else "0"
    return [
        step("workon", name, cd),
        step("source_hook", str(settings.hook_dir), "postmkvirtualenv"),
    ]


def show_help(settings: Settings) -> None:
    from vew import creator

    print(HELP, end="")
    creator.show_help(settings)

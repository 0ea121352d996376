"""Making a new environment in ``$WORKON_HOME``: what every command that creates one shares.

``mkvirtualenv``, ``mktmpenv`` and ``mkproject`` build through :func:`build`, and they and
``cpvirtualenv`` hand the new environment to the shell with :func:`activation_steps`.
"""

from __future__ import annotations

import sys

from vew import arguments
from vew.commands import absolute
from vew.errors import CommandError
from vew.steps import step

# What a creating command's start needs is imported here; the creator, the hooks and the rest
# only when the environment is built (a command's -h and its mistakes never need them).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from pathlib import Path

    from vew.arguments import Given
    from vew.catalogue import Command
    from vew.commands import Context
    from vew.settings import Settings
    from vew.steps import Step


class Request:
    """What to build: the name, the project to associate, what to install, the interpreter
    and the creator's own words."""

    __slots__ = ("name", "packages", "passthrough", "project", "python", "requirements")

    def __init__(self, name: str, project: Path | None = None,  # noqa: PLR0917
                 packages: list[str] | None = None, requirements: list[Path] | None = None,
                 python: str | None = None, passthrough: list[str] | None = None) -> None:
        self.name = name
        self.project = project
        self.packages: list[str] = [] if packages is None else packages
        self.requirements: list[Path] = [] if requirements is None else requirements
        self.python = python
        self.passthrough: list[str] = [] if passthrough is None else passthrough


def parse(command: Command, args: list[str], context: Context) -> Given:
    """A creating command's line: its own options, and virtualenv's (asked only if one is
    there, as building virtualenv's parser takes a while)."""
    from vew import creator

    return arguments.parse(command, args, lambda: creator.option_table(context.settings))


def request(given: Given, name: str, environ: Mapping[str, str]) -> Request:
    """What to build for ``name``, from the options every creating command shares."""
    from pathlib import Path

    from vew.settings import expand

    def path(value: str) -> Path:
        return Path(absolute(expand(value, environ), environ))

    project = given.value("-a")
    return Request(name, path(project) if project is not None else None, given.values("-i"),
                   [path(value) for value in given.values("-r")], given.value("-p"),
                   given.creator)


def show_help(command: Command, context: Context, *more: Callable[[], None]) -> None:
    """The command's help, then the creator's own (virtualenv's options are all valid), then
    what each of ``more`` prints."""
    from vew import creator

    arguments.show_help(command, lambda: print("\nvirtualenv help:\n"),
                        lambda: creator.show_help(context.settings), *more)


def install(env: Path, request: Request, settings: Settings,
            environ: Mapping[str, str]) -> None:
    """``-r`` files, then each ``-i`` package, with the new environment's own pip (or uv)."""
    if not request.requirements and not request.packages:
        return
    import subprocess

    from vew.installer import for_env
    from vew.running import activated_environ

    installer = for_env(env, settings, environ)
    commands = [installer.install("-r", str(path)) for path in request.requirements]
    commands += [installer.install(package) for package in request.packages]
    child_environ = activated_environ(env, environ)
    for command in commands:
        sys.stdout.flush()
        status = subprocess.call(command, env=child_environ)
        if status != 0:
            raise CommandError(f"{installer.name} install failed with status {status}; "
                               f"environment '{request.name}' was not created")


def pin_python(request: Request, directory: Path) -> None:
    """With no ``-p``, the version ``DIRECTORY/.python-version`` names (pyenv's and uv's
    convention), said on stderr."""
    if request.python is not None:
        return
    from vew import pythons

    pinned = pythons.pinned(directory)
    if pinned is not None:
        request.python = pinned
        print(f"Using Python {pinned} from {directory / pythons.VERSION_FILE}",
              file=sys.stderr)


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
    if request.project is not None:
        pin_python(request, request.project)
    args = creator.creator_args(settings, resolve_python(request.python, context.environ),
                                request.passthrough)
    with store.building(settings.workon_home, request.name) as env:
        creator.create(settings, args, env, context.environ)
        if not (layout.bin_dir(env) / "activate").is_file():
            raise CommandError(f"The creator made no activate script in {env}")
        hooks.create_local_stubs(layout.bin_dir(env), context.environ)
        status = hooks.run_global(settings, "premkvirtualenv", [request.name],
                                  context.environ, context.shell_code)
        if status != 0:
            raise CommandError(f"premkvirtualenv failed; environment '{request.name}' "
                               "was not created")
        if request.project is not None:
            projects.associate(env, request.project, settings.project_filename)
        install(env, request, settings, context.environ)
    return env


def activation_steps(name: str, settings: Settings) -> list[Step]:
    """What the shell does with a new environment: ``workon`` it, then ``postmkvirtualenv``."""
    from vew import wrapper_plugins

    cd = "1" if settings.workon_cd else "0"
    return [
        step("workon", name, cd),
        step("source_hook", str(settings.hook_dir), "postmkvirtualenv"),
        *wrapper_plugins.shell_steps("post_mkvirtualenv", settings),
    ]

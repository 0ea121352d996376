"""Making a new environment in ``$WORKON_HOME``: what every command that creates one shares.

``mkvirtualenv``, ``mktmpenv`` and ``mkproject`` build through :func:`build`, and they and
``cpvirtualenv`` hand the new environment to the shell with :func:`activation_steps`.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from vew import arguments, creator, hooks, layout, projects, pythons, store, wrapper_plugins
from vew.arguments import Given
from vew.catalogue import Command
from vew.commands import Context, absolute
from vew.errors import CommandError
from vew.installer import for_env
from vew.running import activated_environ
from vew.settings import Settings, expand
from vew.steps import Step, step


@dataclass
class Request:
    name: str
    project: Path | None = None
    packages: list[str] = field(default_factory=list)
    requirements: list[Path] = field(default_factory=list)
    python: str | None = None
    passthrough: list[str] = field(default_factory=list)


def parse(command: Command, args: list[str], context: Context) -> Given:
    """A creating command's line: its own options, and virtualenv's (asked only if one is
    there, as building virtualenv's parser takes a while)."""
    return arguments.parse(command, args, lambda: creator.option_table(context.settings))


def request(given: Given, name: str, environ: Mapping[str, str]) -> Request:
    """What to build for ``name``, from the options every creating command shares."""

    def path(value: str) -> Path:
        return Path(absolute(expand(value, environ), environ))

    project = given.value("-a")
    return Request(name, path(project) if project is not None else None, given.values("-i"),
                   [path(value) for value in given.values("-r")], given.value("-p"),
                   given.creator)


def show_help(command: Command, context: Context, *more: Callable[[], None]) -> None:
    """The command's help, then the creator's own (virtualenv's options are all valid), then
    what each of ``more`` prints."""
    arguments.show_help(command, lambda: print("\nvirtualenv help:\n"),
                        lambda: creator.show_help(context.settings), *more)


def install(env: Path, request: Request, settings: Settings,
            environ: Mapping[str, str]) -> None:
    """``-r`` files, then each ``-i`` package, with the new environment's own pip (or uv)."""
    if not request.requirements and not request.packages:
        return
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
    pinned = pythons.pinned(directory)
    if pinned is not None:
        request.python = pinned
        print(f"Using Python {pinned} from {directory / pythons.VERSION_FILE}",
              file=sys.stderr)


def resolve_python(spec: str | None, environ: Mapping[str, str]) -> str | None:
    """A version such as ``3.12`` may name an interpreter pyenv or uv keep off PATH."""
    if spec is None or not pythons.is_version_spec(spec):
        return spec
    found = pythons.find(spec, environ)
    return str(found.path) if found else spec


def build(request: Request, context: Context) -> Path:
    """Create, hook and fill the environment; on any failure nothing is left behind."""
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
    cd = "1" if settings.workon_cd else "0"
    return [
        step("workon", name, cd),
        step("source_hook", str(settings.hook_dir), "postmkvirtualenv"),
        *wrapper_plugins.shell_steps("post_mkvirtualenv", settings),
    ]

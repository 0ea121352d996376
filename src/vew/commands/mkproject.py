"""``mkproject [-f] [-t TEMPLATE]... [-l] [-h] [mkvirtualenv options] NAME``.

virtualenvwrapper's order puts the shell's work in the middle (the new environment is activated,
with its sourced hooks, before ``premkproject`` and the templates run), so this command comes
in two stages. :func:`run` checks everything, builds the environment and has the shell activate
it; the shell then calls :func:`finish`, which runs ``premkproject``, makes the project
directory and its ``.project``, applies the templates, and has the shell change to the project
and source ``postmkproject``. Until the templates run, a failure removes what vew made.
"""

from __future__ import annotations

import os
import sys

from vew.commands import Context, Outcome
from vew.errors import CommandError, UsageError
from vew.steps import step

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from vew.commands import Command

USAGE = ("Usage: mkproject [-f|--force] [-t template]... [-l|--list] [-h|--help] "
         "[mkvirtualenv options] project_name")

HELP = f"""{USAGE}

 -f, --force    Create the virtualenv even if the project directory
                already exists

 -t template    Apply the template once the project exists. Multiple
                templates may be selected: they are applied in the order
                specified on the command line.

 -l, --list     List the available project templates.

mkvirtualenv help:

"""


class Options:
    __slots__ = ("force", "rest", "show", "templates")

    def __init__(self) -> None:
        self.force = False
        self.templates: list[str] = []
        # Everything for mkvirtualenv, NAME last.
        self.rest: list[str] = []
        # "help" or "list" when the user asked to be shown something instead.
        self.show: str | None = None


def parse(args: Sequence[str]) -> Options:
    options = Options()
    index = 0
    while index < len(args):
        arg = args[index]
        if arg in ("-h", "--help"):
            options.show = "help"
            return options
        if arg in ("-l", "--list"):
            options.show = "list"
            return options
        if arg in ("-f", "--force"):
            options.force = True
        elif arg == "-t":
            if index + 1 >= len(args):
                raise UsageError("mkproject: option -t requires a template name")
            index += 1
            options.templates.append(args[index])
        else:
            options.rest.append(arg)
        index += 1
    if not options.rest:
        raise UsageError(f"{USAGE}\nmkproject: a project name is required")
    return options


def show(what: str, context: Context) -> Outcome:
    from vew import templates
    from vew.commands import mkvirtualenv

    settings = context.settings
    if what == "help":
        print(HELP, end="")
        mkvirtualenv.show_help(settings)
        print()
    print(templates.listing(settings), end="")
    return Outcome()


def project_dir(name: str, force: bool, context: Context) -> Path:
    """``PROJECT_HOME/NAME``, after virtualenvwrapper's checks of both, in its order."""
    home = context.settings.project_home
    if home is None:
        raise CommandError("Set the PROJECT_HOME shell variable to the name of the directory "
                           "where projects should be created.")
    if not home.is_dir():
        raise CommandError(f"Project directory '{home}' does not exist. Create it or set "
                           "PROJECT_HOME to an existing directory.")
    project = home / name
    if os.path.lexists(project) and not force:
        raise CommandError(f"Project {project} already exists "
                           "(-f makes its environment anyway).")
    if os.path.lexists(project) and not project.is_dir():
        raise CommandError(f"Project {project} exists and is not a directory.")
    return project


def run(args: list[str], context: Context) -> Outcome:
    from vew import names, store, templates
    from vew.commands import mkvirtualenv

    settings = context.settings
    options = parse(args)
    if options.show is not None:
        return show(options.show, context)
    request = mkvirtualenv.parse(options.rest, context.environ)
    assert request is not None  # -h and --help never reach mkvirtualenv's parser
    try:
        names.check_new(request.name)
    except names.InvalidName as error:
        raise UsageError(f"mkproject: {error}") from None
    project = project_dir(request.name, options.force, context)
    templates.find(settings, options.templates)
    store.ensure_home(settings.workon_home)
    mkvirtualenv.build(request, context)
    return Outcome(0, [
        *mkvirtualenv.activation_steps(request.name, settings),
        step("call", "mkproject:finish", request.name, str(project), *options.templates),
    ])


class Made:
    """What the second stage has made so far, to undo on failure."""

    __slots__ = ("created_project", "env", "project")

    def __init__(self, env: Path, project: Path) -> None:
        self.env = env
        self.project = project
        self.created_project = False

    def make_project(self) -> None:
        try:
            self.project.mkdir()
            self.created_project = True
        except FileExistsError:
            if not self.project.is_dir():
                raise CommandError(f"{self.project} exists and is not a directory") from None
        except OSError as error:
            raise CommandError(f"cannot create {self.project}: {error.strerror}") from None

    def undo(self, message: str, status: int, context: Context) -> Outcome:
        """Remove the project directory (if made here) and the environment; leave it."""
        import contextlib

        from vew import names, store

        if self.created_project:
            store.delete(self.project)
        with contextlib.suppress(OSError, CommandError, names.InvalidName):
            store.delete(store.removable(context.settings.workon_home, self.env.name))
        print(f"ERROR: {message}", file=sys.stderr)
        active = context.active_env()
        leave = active is not None and os.path.normpath(active) == os.path.normpath(self.env)
        return Outcome(status, [step("deactivate")] if leave else [])


def finish(args: list[str], context: Context) -> Outcome:
    """The second stage, with the new environment active: ``NAME PROJECT_DIR [TEMPLATE...]``."""
    from pathlib import Path

    from vew import hooks, projects, templates

    name, project, *template_names = args
    settings = context.settings
    env = settings.workon_home / name
    made = Made(env, Path(project))
    status = 0
    try:
        chosen = templates.find(settings, template_names)
        hooks.run_global(settings, "premkproject", [name], context.environ)
        print(f"Creating {made.project}")
        made.make_project()
        try:
            projects.associate(env, made.project, settings.project_filename)
        except OSError as error:
            raise CommandError(
                f"cannot write the project file of {env}: {error.strerror}") from None
        for template in chosen:
            if templates.apply(template, name, made.project, context.environ) != 0:
                status = 1
    except CommandError as error:
        return made.undo(f"{error}; project '{name}' was not created", 1, context)
    except KeyboardInterrupt:
        return made.undo(f"mkproject interrupted; project '{name}' was not created", 130,
                         context)
    return Outcome(status, [
        step("cd", str(made.project)),
        step("source_hook", str(settings.hook_dir), "postmkproject"),
    ])


STAGES: dict[str, Command] = {"finish": finish}

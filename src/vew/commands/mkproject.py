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

from vew import catalogue, creation
from vew.commands import Context, Outcome
from vew.errors import CommandError, report_error
from vew.steps import step

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

    from vew.commands import Handler
    from vew.steps import Step

COMMAND = catalogue.BY_NAME["mkproject"]


def show_templates(context: Context) -> None:
    from vew import project_templates

    print(project_templates.listing(context.settings), end="")


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
    settings = context.settings
    given = creation.parse(COMMAND, args, context)
    if given.help:
        creation.show_help(COMMAND, context, print, lambda: show_templates(context))
        return Outcome()
    if given.flag("-l"):
        show_templates(context)
        return Outcome()
    from vew import names, project_templates, store

    name = names.check_new(given.args[0])
    request = creation.request(given, name, context.environ)
    template_names = given.values("-t")
    project = project_dir(name, given.flag("-f"), context)
    project_templates.find(settings, template_names)
    if project.is_dir():  # -f: the project exists, and may say which Python it wants
        creation.pin_python(request, project)
    store.ensure_home(settings.workon_home)
    creation.build(request, context)
    return Outcome(0, [
        *creation.activation_steps(name, settings),
        step("call", "mkproject:finish", name, str(project), *template_names),
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

        from vew import store

        if self.created_project:
            store.delete(self.project)
        with contextlib.suppress(OSError, CommandError):
            store.delete(store.removable(context.settings.workon_home, self.env.name))
        report_error(message)
        active = context.active_env()
        leave = active is not None and os.path.normpath(active) == os.path.normpath(self.env)
        return Outcome(status, [step("deactivate")] if leave else [])


def finish(args: list[str], context: Context) -> Outcome:
    """The second stage, with the new environment active: ``NAME PROJECT_DIR [TEMPLATE...]``."""
    from pathlib import Path

    from vew import hooks, project_templates, projects, wrapper_plugins

    name, project, *template_names = args
    settings = context.settings
    env = settings.workon_home / name
    made = Made(env, Path(project))
    status = 0
    # What virtualenvwrapper templates return runs in the project directory, after the cd.
    template_code: list[Step] = []
    try:
        chosen = project_templates.find(settings, template_names)
        hooks.run_global(settings, "premkproject", [name], context.environ, context.shell_code)
        print(f"Creating {made.project}")
        made.make_project()
        try:
            projects.associate(env, made.project, settings.project_filename)
        except OSError as error:
            raise CommandError(
                f"cannot write the project file of {env}: {error.strerror}") from None
        for template in chosen:
            applied, code = project_templates.apply(template, name, made.project, settings,
                                                    context.environ)
            template_code += code
            if applied != 0:
                status = 1
    except CommandError as error:
        return made.undo(f"{error}; project '{name}' was not created", 1, context)
    except KeyboardInterrupt:
        return made.undo(f"mkproject interrupted; project '{name}' was not created", 130,
                         context)
    return Outcome(status, [
        step("cd", str(made.project)),
        *template_code,
        step("source_hook", str(settings.hook_dir), "postmkproject"),
        *wrapper_plugins.shell_steps("project.post_mkproject", settings),
    ])


STAGES: dict[str, Handler] = {"finish": finish}

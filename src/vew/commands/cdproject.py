"""``cdproject``: change to the active environment's project directory."""

from __future__ import annotations

from vew import arguments
from vew.commands import Context, Outcome
from vew.errors import CommandError
from vew.steps import step


def run(args: list[str], context: Context) -> Outcome:
    # Arguments are ignored, as in virtualenvwrapper.
    if arguments.read("cdproject", args) is None:
        return Outcome()
    from vew import projects, store

    settings = context.settings
    store.ensure_home(settings.workon_home)
    env = context.require_active_env()
    project_file = projects.project_file(env, settings.project_filename)
    if not project_file.is_file():
        raise CommandError(f"No project set in {project_file}")
    project = projects.read(env, settings.project_filename)
    if project is None:
        raise CommandError(f"Project directory does not exist ({project_file} is empty)")
    if not project.is_dir():
        raise CommandError(f"Project directory {project} does not exist")
    return Outcome(0, [step("cd", str(project))])

"""``virtualenvwrapper``: what vew is, the settings in force and every command, one line each."""

from __future__ import annotations

import os
import sys

from vew import __version__, arguments
from vew.commands import Context, Outcome

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

    from vew import catalogue
    from vew.settings import Settings

ABOUT = """
vew is virtualenvwrapper, reimplemented to be fast in every shell: a set
of extensions to virtualenv that create, delete and switch between
virtual environments kept in one place, and tie each to a project
directory, so that you can work on many projects at once without
conflicts between their dependencies.

For more information please refer to the documentation:

    https://virtualenvwrapper.readthedocs.io/en/latest/command_ref.html

and to vew's README for what it does differently.
"""


def _show(value: Path | str | None) -> str:
    return "" if value is None else str(value)


def settings_lines(settings: Settings, environ: dict[str, str]) -> list[str]:
    import shlex

    creator = (shlex.join(settings.virtualenv_command) if settings.virtualenv_command
               else "virtualenv (its Python API)")
    return [
        f"Version: {__version__}",
        f"Script: {environ.get('VIRTUALENVWRAPPER_SCRIPT', '')}",
        f"Python: {sys.executable}",
        f"WORKON_HOME: {settings.workon_home}",
        f"PROJECT_HOME: {_show(settings.project_home)}",
        f"VIRTUALENVWRAPPER_HOOK_DIR: {settings.hook_dir}",
        f"VIRTUALENVWRAPPER_PROJECT_FILENAME: {settings.project_filename}",
        f"VIRTUALENVWRAPPER_WORKON_CD: {1 if settings.workon_cd else 0}",
        f"VIRTUALENVWRAPPER_VIRTUALENV: {creator}",
        f"VIRTUALENVWRAPPER_VIRTUALENV_ARGS: {shlex.join(settings.virtualenv_args)}",
        f"VIRTUALENVWRAPPER_LOG_FILE: {_show(settings.log_file)}",
        f"VIRTUALENVWRAPPER_TMPDIR: {_show(settings.tmpdir)}",
        f"VEW_PLUGIN_PATH: {os.pathsep.join(map(str, settings.plugin_path))}",
        f"VEW_CREATOR: {settings.creator}",
    ]


def listed() -> list[catalogue.Command]:
    """Every user command but ``deactivate``, sorted."""
    from vew import catalogue

    return sorted((command for command in catalogue.COMMANDS if command.in_help),
                  key=lambda command: command.name)


def run(args: list[str], context: Context) -> Outcome:
    if arguments.read("virtualenvwrapper", args) is None:
        return Outcome()
    lines = [ABOUT, *settings_lines(context.settings, dict(context.environ)), "",
             "Commands available:", ""]
    for command in listed():
        lines += [f"  {command.name}: {command.summary}", ""]
    print("\n".join(lines))
    return Outcome()

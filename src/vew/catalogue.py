"""Every user command vew defines, each with the one line that describes it.

This table is the one list of user commands: ``virtualenvwrapper`` prints its help from it, and
completion and any other listing should read it too. A command's behaviour lives elsewhere (a
module in :mod:`vew.commands`, or the shim itself for the hot path); a test checks that every
command module has a row here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class UserCommand:
    name: str
    summary: str
    # Listed by `virtualenvwrapper`: deactivate exists only while an environment is active.
    in_help: bool = True


COMMANDS = (
    UserCommand("add2virtualenv", "add directory to the import path"),
    UserCommand("allvirtualenv", "run a command in all virtualenvs"),
    UserCommand("cdproject", "change directory to the active project"),
    UserCommand("cdsitepackages", "change to the site-packages directory"),
    UserCommand("cdvirtualenv", "change to the $VIRTUAL_ENV directory"),
    UserCommand("cpvirtualenv", "duplicate the named virtualenv to make a new one"),
    UserCommand("deactivate", "leave the active virtualenv, with its hooks", in_help=False),
    UserCommand("lssitepackages", "list contents of the site-packages directory"),
    UserCommand("lsvirtualenv", "list virtualenvs"),
    UserCommand("mkproject", "create a new project directory and its associated virtualenv"),
    UserCommand("mktmpenv", "create a temporary virtualenv"),
    UserCommand("mkvirtualenv", "create a new virtualenv in $WORKON_HOME"),
    UserCommand("rmvirtualenv", "remove a virtualenv"),
    UserCommand("setvirtualenvproject", "associate a project directory with a virtualenv"),
    UserCommand("showvirtualenv", "show details of a single virtualenv"),
    UserCommand("toggleglobalsitepackages",
                "turn access to the global site-packages on or off"),
    UserCommand("virtualenvwrapper", "show this help message"),
    UserCommand("wipeenv", "remove all packages installed in the current virtualenv"),
    UserCommand("workon", "list or change working virtualenvs"),
)

BY_NAME = {command.name: command for command in COMMANDS}

"""The catalogue of user commands agrees with the command modules and with virtualenvwrapper."""

from __future__ import annotations

from vew import catalogue, commands

# vew's own user command, beside virtualenvwrapper's.
VEW_ONLY = {"mvvirtualenv"}

# Every user command of virtualenvwrapper 6, and the one it dropped that vew keeps.
VIRTUALENVWRAPPER = {
    "add2virtualenv", "allvirtualenv", "cdproject", "cdsitepackages", "cdvirtualenv",
    "cpvirtualenv", "deactivate", "lssitepackages", "lsvirtualenv", "mkproject", "mktmpenv",
    "mkvirtualenv", "rmvirtualenv", "setvirtualenvproject", "showvirtualenv",
    "virtualenvwrapper", "wipeenv", "workon", "toggleglobalsitepackages",
}


def test_every_command_module_is_a_catalogued_user_command() -> None:
    assert set(commands.COMMANDS) <= set(catalogue.BY_NAME)


def test_catalogue_is_virtualenvwrappers_command_set_with_one_line_each() -> None:
    assert [c.name for c in catalogue.COMMANDS] == sorted(VIRTUALENVWRAPPER | VEW_ONLY)
    for command in catalogue.COMMANDS:
        assert command.summary and "\n" not in command.summary

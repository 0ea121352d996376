"""The catalogue of user commands agrees with the command modules and with virtualenvwrapper."""

from __future__ import annotations

import importlib

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


def _help_text(name: str) -> str:
    module = importlib.import_module(f"vew.commands.{name}")
    return " ".join(str(getattr(module, attribute, "")) for attribute in ("HELP", "USAGE"))


def test_every_option_completion_offers_is_in_the_commands_help() -> None:
    """The catalogue (completion) and the commands (their parsing, their help) agree."""
    for command in catalogue.COMMANDS:
        text = _help_text(command.name) if command.name in commands.COMMANDS else ""
        if not text.strip():
            continue
        if "mkvirtualenv options" in text:  # mkproject and mktmpenv take those too
            text += _help_text("mkvirtualenv")
        for option in command.options:
            for flag in option.flags:
                if flag not in ("-h", "--help"):
                    assert flag in text, (command.name, flag)

"""The virtualenvwrapper commands that run in the core.

Each module has ``run(args, context) -> Outcome``: it does its work, prints what the user
asked to see, and returns the steps the calling shell must still take (see :mod:`vew.steps`).
"""

from __future__ import annotations

import os
import sys

from vew.errors import CommandError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from pathlib import Path

    from vew.settings import Settings
    from vew.steps import Step

# Every module here is a command: adding one is adding a file (its shell function comes from
# `vew init`, rendered for every shell). Read from the directory, not with pkgutil: every core
# call looks a command up here, and pkgutil costs more than the rest of that.
COMMANDS = tuple(sorted(
    entry[:-3] for entry in os.listdir(os.path.dirname(__file__))
    if entry.endswith(".py") and not entry.startswith("_")
))

# Commands whose shell function is written by hand in each shim, because all or part of them
# must run without Python (the hot path); the core still serves their slower branches.
SHELL_FUNCTIONS = ("lsvirtualenv", "workon")


def wrapped() -> tuple[str, ...]:
    """The commands whose shell function only calls into the core."""
    return tuple(name for name in COMMANDS if name not in SHELL_FUNCTIONS)


class Context:
    """What a command runs with: the settings, the calling shell's name, its environment."""

    __slots__ = ("environ", "settings", "shell")

    def __init__(self, settings: Settings, shell: str, environ: Mapping[str, str]) -> None:
        self.settings = settings
        self.shell = shell
        self.environ = environ

    def active_env(self) -> Path | None:
        value = self.environ.get("VIRTUAL_ENV")
        if not value:
            return None
        from pathlib import Path

        return Path(value)

    def require_active_env(self) -> Path:
        """virtualenvwrapper's ACTIVE-check: the active environment, which must exist."""
        active = self.active_env()
        if active is None or not active.is_dir():
            raise CommandError("no virtualenv active, or active virtualenv is missing")
        return active


def site_packages(env: Path) -> Path:
    """The environment's site-packages directory, or the error saying it has none."""
    from vew import layout

    found = layout.site_packages(env)
    if found is None:
        raise CommandError("currently-active virtualenv does not appear to have a "
                           "site-packages directory")
    return found


class Outcome:
    """A command's exit status, and the steps the calling shell must still take."""

    __slots__ = ("status", "steps")

    def __init__(self, status: int = 0, steps: list[Step] | None = None) -> None:
        self.status = status
        self.steps: list[Step] = [] if steps is None else steps

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Outcome) and (other.status, other.steps) == (self.status,
                                                                               self.steps)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Outcome({self.status!r}, {self.steps!r})"


if TYPE_CHECKING:
    Command = Callable[[list[str], Context], Outcome]


def load(name: str) -> Command:
    """``CMD`` is the command's ``run``; ``CMD:STAGE`` the stage its module lists in ``STAGES``.

    A stage is the part of a command that must run after the shell has acted on the steps of
    an earlier part (mkproject runs its hooks once the new environment is active); the earlier
    part ends with a ``call`` step naming the stage. Stages are no user commands.
    """
    module_name, _, stage = name.partition(":")
    if module_name not in COMMANDS:
        raise KeyError(name)
    __import__(f"vew.commands.{module_name}")
    module = sys.modules[f"vew.commands.{module_name}"]
    if not stage:
        command: Command = module.run
        return command
    stages: dict[str, Command] = getattr(module, "STAGES", {})
    return stages[stage]

"""The virtualenvwrapper commands that run in the core.

Each module has ``run(args, context) -> Outcome``: it does its work, prints what the user
asked to see, and returns the steps the calling shell must still take (see :mod:`vew.steps`).
"""

from __future__ import annotations

import os
import sys

from vew.errors import CommandError
from vew.steps import PLUGIN_HOOK

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

# What the shims call that is no user command: name -> (module, function).
INTERNAL = {PLUGIN_HOOK: ("vew.wrapper_plugins", "hook_command")}

# Commands whose shell function is written by hand in each shim, because all or part of them
# must run without Python (the hot path); the core still serves their slower branches.
SHELL_FUNCTIONS = ("lsvirtualenv", "workon")


def wrapped() -> tuple[str, ...]:
    """The commands whose shell function only calls into the core."""
    return tuple(name for name in COMMANDS if name not in SHELL_FUNCTIONS)


class Context:
    """What a command runs with: the settings, the calling shell's name, its environment, and
    the shell code virtualenvwrapper's plugins returned while the command ran, in order (the
    shell runs it before the command's own steps)."""

    __slots__ = ("environ", "settings", "shell", "shell_code")

    def __init__(self, settings: Settings, shell: str, environ: Mapping[str, str],
                 shell_code: list[Step] | None = None) -> None:
        self.settings = settings
        self.shell = shell
        self.environ = environ
        self.shell_code: list[Step] = [] if shell_code is None else shell_code

    def active_env(self) -> Path | None:
        value = self.environ.get("VIRTUAL_ENV")
        if not value:
            return None
        from pathlib import Path

        return Path(value)

    def is_active(self, env: Path) -> bool:
        """Whether ``env`` is the active environment (the same directory, however spelled)."""
        active = self.active_env()
        if active is None:
            return False
        try:
            return os.path.samefile(active, env)
        except OSError:
            return os.path.normpath(active) == os.path.normpath(env)

    def require_active_env(self) -> Path:
        """virtualenvwrapper's ACTIVE-check: the active environment, which must exist."""
        active = self.active_env()
        if active is None or not active.is_dir():
            raise CommandError("no virtualenv active, or active virtualenv is missing")
        return active


def working_directory(environ: Mapping[str, str]) -> str:
    """The shell's current directory as the shell spells it: ``$PWD``, symlinks kept.

    That is what virtualenvwrapper's ``pwd`` gives; the core's own (physical) directory only
    when ``$PWD`` is not the directory the core runs in.
    """
    logical = environ.get("PWD", "")
    try:
        if os.path.isabs(logical) and os.path.samefile(logical, "."):
            return logical
    except OSError:
        pass
    return os.getcwd()


def absolute(path: str, environ: Mapping[str, str]) -> str:
    """``path`` made absolute from :func:`working_directory`, normalised without resolving a
    symlink: every relative path a user gives a command means what it means in the shell."""
    return os.path.normpath(os.path.join(working_directory(environ), path))


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
    # What runs a command (its module's ``run``) or one of its stages. The command itself, as
    # the user sees it, is the catalogue's :class:`vew.catalogue.Command`.
    Handler = Callable[[list[str], Context], Outcome]


def _module(name: str) -> object:
    # __import__ rather than importlib, which a call would import for this alone.
    __import__(name)
    return sys.modules[name]


def load(name: str) -> Handler:
    """``CMD`` is the command's ``run``; ``CMD:STAGE`` the stage its module lists in ``STAGES``.

    A stage is the part of a command that must run after the shell has acted on the steps of
    an earlier part (mkproject runs its hooks once the new environment is active); the earlier
    part ends with a ``call`` step naming the stage. Stages are no user commands.
    """
    if name in INTERNAL:
        module_name, function = INTERNAL[name]
        internal: Handler = getattr(_module(module_name), function)
        return internal
    module_name, _, stage = name.partition(":")
    if module_name not in COMMANDS:
        raise KeyError(name)
    module = _module(f"vew.commands.{module_name}")
    if not stage:
        handler: Handler = module.run  # type: ignore[attr-defined]
        return handler
    stages: dict[str, Handler] = getattr(module, "STAGES", {})
    return stages[stage]

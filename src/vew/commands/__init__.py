"""The virtualenvwrapper commands that run in the core.

Each module has ``run(args, context) -> Outcome``: it does its work, prints what the user
asked to see, and returns the steps the calling shell must still take (see :mod:`vew.steps`).
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from vew import layout
from vew.errors import CommandError
from vew.settings import Settings
from vew.steps import PLUGIN_HOOK, Step

# Every module here is a command: adding one is adding a file (its shell function comes from
# `vew init`, rendered for every shell).
COMMANDS = tuple(sorted(module.name for module in pkgutil.iter_modules(__path__)))

# What the shims call that is no user command: name -> (module, function).
INTERNAL = {PLUGIN_HOOK: ("vew.wrapper_plugins", "hook_command")}

# Commands whose shell function is written by hand in each shim, because all or part of them
# must run without Python (the hot path); the core still serves their slower branches.
SHELL_FUNCTIONS = ("lsvirtualenv", "workon")


def wrapped() -> tuple[str, ...]:
    """The commands whose shell function only calls into the core."""
    return tuple(name for name in COMMANDS if name not in SHELL_FUNCTIONS)


@dataclass(frozen=True)
class Context:
    settings: Settings
    shell: str
    environ: Mapping[str, str]
    # The shell code virtualenvwrapper's plugins returned while the command ran, in order: the
    # shell runs it before the command's own steps.
    shell_code: list[Step] = field(default_factory=list)

    def active_env(self) -> Path | None:
        value = self.environ.get("VIRTUAL_ENV")
        return Path(value) if value else None

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
    found = layout.site_packages(env)
    if found is None:
        raise CommandError("currently-active virtualenv does not appear to have a "
                           "site-packages directory")
    return found


@dataclass
class Outcome:
    status: int = 0
    steps: list[Step] = field(default_factory=list)


# What runs a command (its module's ``run``) or one of its stages. The command itself, as the
# user sees it, is the catalogue's :class:`vew.catalogue.Command`.
Handler = Callable[[list[str], Context], Outcome]


def load(name: str) -> Handler:
    """``CMD`` is the command's ``run``; ``CMD:STAGE`` the stage its module lists in ``STAGES``.

    A stage is the part of a command that must run after the shell has acted on the steps of
    an earlier part (mkproject runs its hooks once the new environment is active); the earlier
    part ends with a ``call`` step naming the stage. Stages are no user commands.
    """
    if name in INTERNAL:
        module_name, function = INTERNAL[name]
        internal: Handler = getattr(importlib.import_module(module_name), function)
        return internal
    module_name, _, stage = name.partition(":")
    if module_name not in COMMANDS:
        raise KeyError(name)
    module = importlib.import_module(f"vew.commands.{module_name}")
    if not stage:
        handler: Handler = module.run
        return handler
    stages: dict[str, Handler] = getattr(module, "STAGES", {})
    return stages[stage]

"""The virtualenvwrapper commands that run in the core.

Each module has ``run(args, context) -> Outcome``: it does its work, prints what the user
asked to see, and returns the steps the calling shell must still take (see :mod:`vew.steps`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from vew.settings import Settings
from vew.steps import Step

COMMANDS = (
    "lsvirtualenv",
    "mkvirtualenv",
    "rmvirtualenv",
    "workon",
)


@dataclass(frozen=True)
class Context:
    settings: Settings
    shell: str
    environ: Mapping[str, str]

    def active_env(self) -> Path | None:
        value = self.environ.get("VIRTUAL_ENV")
        return Path(value) if value else None


@dataclass
class Outcome:
    status: int = 0
    steps: list[Step] = field(default_factory=list)


Command = Callable[[list[str], Context], Outcome]


def load(name: str) -> Command:
    if name not in COMMANDS:
        raise KeyError(name)
    module = importlib.import_module(f"vew.commands.{name}")
    command: Command = module.run
    return command

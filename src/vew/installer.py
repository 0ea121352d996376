"""Installing into and uninstalling from an environment: with its own pip, or with uv.

Every install and uninstall vew makes (``mkvirtualenv -i/-r``, ``vew repair``, ``wipeenv``)
takes its command line from here. uv does the work when it is vew's creator, and for any
environment uv made whatever the creator: such an environment may have no pip at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from vew import layout, uvbin
from vew.settings import Settings


@dataclass(frozen=True)
class Installer:
    python: str  # the environment's interpreter
    uv: str | None = None  # the uv program; None: the environment's own pip

    @property
    def name(self) -> str:
        return "uv pip" if self.uv else "pip"

    def _pip(self, subcommand: str) -> list[str]:
        if self.uv is not None:
            return [self.uv, "pip", subcommand, "--python", self.python]
        return [self.python, "-m", "pip", "--disable-pip-version-check", subcommand]

    def install(self, *args: str) -> list[str]:
        return [*self._pip("install"), *args]

    def uninstall(self, name: str) -> list[str]:
        # uv never asks for confirmation; pip does without -y.
        confirm = [] if self.uv else ["-y"]
        return [*self._pip("uninstall"), *confirm, name]

    def list_json(self) -> list[str]:
        """Every distribution of the environment itself (not global site-packages), as JSON."""
        if self.uv is not None:
            return [*self._pip("list"), "--format", "json"]
        return [*self._pip("list"), "--local", "--format=json"]


def uses_uv(env: Path, settings: Settings) -> bool:
    return settings.creator == "uv" or uvbin.made(env)


def for_env(env: Path, settings: Settings, environ: Mapping[str, str]) -> Installer:
    """How vew installs into ``env``; a :class:`CommandError` when that needs uv and there is
    none."""
    python = str(layout.python(env))
    if uses_uv(env, settings):
        return Installer(python, uvbin.find(environ))
    return Installer(python)

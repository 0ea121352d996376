"""The throw-away world every measurement runs in: a HOME, WORKON_HOMEs and their envs."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# Variables of the caller that would change what the tools do (an active environment, the
# user's own settings): a measurement sees none of them.
_DROPPED_PREFIXES = ("VIRTUALENVWRAPPER_", "VIRTUALFISH_", "VIRTUALENV_", "PIP_", "PYTHON",
                     "WORKON_HOME", "PROJECT_HOME", "VIRTUAL_ENV", "ZDOTDIR", "BASH_ENV", "ENV",
                     "XDG_")


@dataclass(frozen=True)
class Sandbox:
    root: Path

    @property
    def home(self) -> Path:
        return self.root / "home"

    @property
    def app_data(self) -> Path:
        return self.root / "virtualenv-app-data"

    def workon_home(self, name: str) -> Path:
        return self.root / "workon-homes" / name

    def scratch(self, name: str) -> Path:
        path = self.root / "scratch" / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    def create(self) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        self.app_data.mkdir(parents=True, exist_ok=True)

    def environ(self, workon_home: Path | None = None, **extra: str) -> dict[str, str]:
        values = {key: value for key, value in os.environ.items()
                  if not key.startswith(_DROPPED_PREFIXES)}
        values.update({
            "HOME": str(self.home),
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "TERM": "dumb",
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "XDG_DATA_HOME": str(self.home / ".local" / "share"),
            "XDG_CACHE_HOME": str(self.home / ".cache"),
            "VIRTUALENV_OVERRIDE_APP_DATA": str(self.app_data),
            "VIRTUALENV_NO_PERIODIC_UPDATE": "1",
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "PIP_NO_INPUT": "1",
        })
        if workon_home is not None:
            values["WORKON_HOME"] = str(workon_home)
            values["VIRTUALFISH_HOME"] = str(workon_home)
        values.update(extra)
        return values


def fake_envs(workon_home: Path, count: int) -> list[str]:
    """``count`` directories with ``bin/activate`` and ``bin/python``: all that listing and
    completion look at (virtualfish lists by ``bin/python``)."""
    names = [f"env-{index:04d}" for index in range(count)]
    for name in names:
        bin_dir = workon_home / name / "bin"
        bin_dir.mkdir(parents=True, exist_ok=True)
        (bin_dir / "activate").touch()
        (bin_dir / "python").touch()
    return names


# The postactivate hooks the workon figure needs: a global one and the environment's own,
# each setting a variable the timed step checks, in every language that sources hooks.
_HOOK_TEXT = {"": "BENCH_{scope}_HOOK=1\n", ".fish": "set -g BENCH_{scope}_HOOK 1\n"}


def write_postactivate_hooks(hook_dir: Path, env_bin: Path) -> None:
    for directory, scope in ((hook_dir, "GLOBAL"), (env_bin, "ENV")):
        for suffix, text in _HOOK_TEXT.items():
            (directory / f"postactivate{suffix}").write_text(text.format(scope=scope))

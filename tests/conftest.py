from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from virtualenv import cli_run

from tests.support.harness import ShellHarness, require

POSIX_SHELLS = ["bash", "zsh"]
# Every shell the scenario tests drive through the `sh` fixture.
SHELLS = [*POSIX_SHELLS, "fish", "pwsh"]


@pytest.fixture(scope="session")
def app_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """virtualenv's cache, shared by every test so that seeding is done once."""
    return tmp_path_factory.mktemp("virtualenv-app-data")


@pytest.fixture(autouse=True)
def _no_user_config(monkeypatch: pytest.MonkeyPatch,
                    tmp_path_factory: pytest.TempPathFactory) -> None:
    """In-process code must never read the developer's own vew configuration file."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.getbasetemp() / "no-config"))


@pytest.fixture
def environ(tmp_path: Path, app_data: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    keep = ("PATH", "TERM", "USER", "LOGNAME")
    values = {key: os.environ[key] for key in keep if key in os.environ}
    values.update({
        "HOME": str(home),
        "WORKON_HOME": str(tmp_path / "wh"),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "VIRTUALENV_OVERRIDE_APP_DATA": str(app_data),
        "VIRTUALENV_NO_PERIODIC_UPDATE": "1",
        # Most tests need no pip inside their environments, and are much faster without.
        "VIRTUALENVWRAPPER_VIRTUALENV_ARGS": "--no-seed",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PIP_NO_INPUT": "1",
    })
    return values


@pytest.fixture
def workon_home(environ: dict[str, str]) -> Path:
    path = Path(environ["WORKON_HOME"])
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture
def project_home(environ: dict[str, str], tmp_path: Path) -> Path:
    """An empty PROJECT_HOME, exported to the shells a test starts."""
    path = tmp_path / "projects"
    path.mkdir()
    environ["PROJECT_HOME"] = str(path)
    return path


@pytest.fixture(params=SHELLS)
def sh(request: pytest.FixtureRequest, environ: dict[str, str]) -> ShellHarness:
    require(request.param)
    return ShellHarness(request.param, Path(environ["HOME"]), environ)


@pytest.fixture(params=POSIX_SHELLS)
def posix_sh(request: pytest.FixtureRequest, environ: dict[str, str]) -> ShellHarness:
    """The `sh` fixture, in bash and zsh only: for what only they have (virtualenvwrapper's
    helper functions, sh code from plugins)."""
    require(request.param)
    return ShellHarness(request.param, Path(environ["HOME"]), environ)


@pytest.fixture
def make_env(workon_home: Path, environ: dict[str, str]) -> Callable[..., Path]:
    """Create an environment directly with virtualenv, as another tool would have."""

    def make(name: str, *args: str) -> Path:
        path = workon_home / name
        cli_run(["--no-seed", "--activators", "bash,fish,powershell", *args, str(path)],
                setup_logging=False, env=environ)
        return path

    return make

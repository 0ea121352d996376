"""The contenders: vew as installed here, and its rivals installed with pip for this run.

Each tool is set up the way its documentation tells users to, and gives the text of that
set-up per shell (what a user writes in the rc file): the benchmark sources exactly that.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bench.sandbox import Sandbox
from bench.shells import Shell


class SetupError(Exception):
    pass


@dataclass
class Tool:
    name: str
    # shell name -> the rc file text that loads the tool; a shell missing here is reported
    # with the reason in ``missing``.
    loaders: dict[str, str] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)
    version: str | None = None
    # Where its environments live in this run (WORKON_HOME, VIRTUALFISH_HOME).
    workon_home: Path | None = None

    def loader(self, shell: str) -> str | None:
        return self.loaders.get(shell)


def vew_bin() -> Path:
    """The ``vew`` command of the interpreter running the benchmark."""
    return Path(sys.executable).with_name("vew")


def virtualenv_bin() -> Path:
    return Path(sys.executable).with_name("virtualenv")


def run_shell(shell: Shell, code: str, environ: Mapping[str, str], log: Path) -> None:
    """Run set-up ``code`` in ``shell``, its output to ``log``; raise on failure."""
    argv = [shell.name, "--no-config", "-c", code] if shell.name == "fish" else \
        [shell.name, *(["--norc", "--noprofile"] if shell.name == "bash" else ["-f"]), "-c", code]
    with log.open("a") as out:
        done = subprocess.run(argv, env=dict(environ), stdin=subprocess.DEVNULL, stdout=out,
                              stderr=subprocess.STDOUT, check=False)
    if done.returncode != 0:
        raise SetupError(f"{shell.name} -c {code!r} failed with status {done.returncode} "
                         f"(see {log})")


def _posix_quote(value: str) -> str:
    return shlex.quote(value)


def _fish_quote(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def setup_vew(sandbox: Sandbox, shells: list[Shell]) -> tuple[Tool, Tool]:
    """vew with the static set-up (``vew init SHELL --static``), and with ``eval``."""
    from vew import __version__

    static = Tool("vew", version=__version__, workon_home=sandbox.workon_home("vew"))
    evaluated = Tool("vew-eval", version=__version__, workon_home=static.workon_home)
    command = vew_bin()
    environ = sandbox.environ(static.workon_home)
    for shell in shells:
        done = subprocess.run([str(command), "init", shell.name, "--static"], env=environ,
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            reason = (done.stderr.strip().splitlines() or ["no output"])[-1]
            static.missing[shell.name] = evaluated.missing[shell.name] = \
                f"`vew init {shell.name}` failed: {reason}"
            continue
        static.loaders[shell.name] = done.stdout.strip()
        if shell.name == "fish":
            evaluated.loaders[shell.name] = f"{_fish_quote(str(command))} init fish | source"
        else:
            evaluated.loaders[shell.name] = \
                f'eval "$({_posix_quote(str(command))} init {shell.name})"'
    return static, evaluated


def pip_source() -> str:
    """Where pip finds the rivals: PyPI, or what PIP_INDEX_URL, PIP_NO_INDEX and
    PIP_FIND_LINKS say (a local wheelhouse, offline)."""
    if os.environ.get("PIP_NO_INDEX", "").lower() in ("1", "true", "yes", "on"):
        return f"no index, the wheels in {os.environ.get('PIP_FIND_LINKS') or '(nowhere)'}"
    index = os.environ.get("PIP_INDEX_URL") or "PyPI"
    links = os.environ.get("PIP_FIND_LINKS")
    return f"{index}, and the wheels in {links}" if links else index


def _venv_with(sandbox: Sandbox, package: str, log: Path) -> Path:
    """A fresh virtual environment with ``package`` installed by pip; returns its python.

    pip runs with this process's environment, so PIP_NO_INDEX, PIP_FIND_LINKS, PIP_INDEX_URL
    (and a proxy) apply: with a local wheelhouse the rivals install offline.
    """
    venv = sandbox.root / "tools" / package
    python = venv / "bin" / "python"
    with log.open("a") as out:
        for argv in ([sys.executable, "-m", "venv", str(venv)],
                     [str(python), "-m", "pip", "install", "--disable-pip-version-check",
                      package]):
            done = subprocess.run(argv, env=dict(os.environ), stdin=subprocess.DEVNULL,
                                  stdout=out, stderr=subprocess.STDOUT, check=False)
            if done.returncode != 0:
                raise SetupError(f"{' '.join(argv)} failed with status {done.returncode} "
                                 f"(see {log})")
    return python


def _version(python: Path, distribution: str) -> str | None:
    done = subprocess.run([str(python), "-c", "import importlib.metadata as m, sys; "
                           "print(m.version(sys.argv[1]))", distribution],
                          capture_output=True, text=True, check=False)
    return done.stdout.strip() or None


def setup_virtualenvwrapper(sandbox: Sandbox, shells: list[Shell], log: Path) -> Tool:
    tool = Tool("virtualenvwrapper", workon_home=sandbox.workon_home("virtualenvwrapper"))
    posix = [shell for shell in shells if shell.family == "sh"]
    try:
        python = _venv_with(sandbox, "virtualenvwrapper", log)
    except SetupError as error:
        for shell in posix:
            tool.missing[shell.name] = f"virtualenvwrapper could not be installed: {error}"
        return tool
    tool.version = _version(python, "virtualenvwrapper")
    bin_dir = python.parent
    loader = "\n".join([
        f"export VIRTUALENVWRAPPER_PYTHON={_posix_quote(str(python))}",
        f"export VIRTUALENVWRAPPER_VIRTUALENV={_posix_quote(str(bin_dir / 'virtualenv'))}",
        f". {_posix_quote(str(bin_dir / 'virtualenvwrapper.sh'))}",
    ])
    for shell in posix:
        tool.loaders[shell.name] = loader
    return tool


def setup_virtualfish(sandbox: Sandbox, shells: list[Shell], log: Path) -> Tool:
    """virtualfish, loaded by the lines ``vf install`` would put in config.fish."""
    tool = Tool("virtualfish", workon_home=sandbox.workon_home("vew"))
    if not any(shell.name == "fish" for shell in shells):
        return tool
    try:
        python = _venv_with(sandbox, "virtualfish", log)
    except SetupError as error:
        tool.missing["fish"] = f"virtualfish could not be installed: {error}"
        return tool
    tool.version = _version(python, "virtualfish")
    done = subprocess.run([str(python), "-m", "virtualfish"], capture_output=True, text=True,
                          check=False)
    if done.returncode != 0 or not done.stdout.strip():
        tool.missing["fish"] = f"python -m virtualfish failed with status {done.returncode}"
        return tool
    tool.loaders["fish"] = done.stdout.strip()
    return tool

"""Making the bare environment: virtualenv's Python API, or the command the user configured."""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from vew import log
from vew.errors import CommandError
from vew.settings import Settings


def creator_args(settings: Settings, python: str | None, passthrough: Sequence[str]) -> list[str]:
    """virtualenvwrapper's creator argv, without the creator's own words and the target."""
    args = list(settings.virtualenv_args)
    if python:
        args.append(f"--python={python}")
    args.extend(passthrough)
    return args


def create(settings: Settings, args: Sequence[str], target: Path) -> None:
    """Create an environment at ``target`` (which exists, empty) with ``args`` for the creator.

    Runs with ``$WORKON_HOME`` as the working directory, as virtualenvwrapper does, so that
    relative paths among the creator's options mean the same. Raises :class:`CommandError`
    with the creator's status when it fails.
    """
    if settings.virtualenv_command is not None:
        log.event("creating %s: %s", target, shlex.join([*settings.virtualenv_command, *args]))
        _create_with_command(settings.virtualenv_command, args, target, settings.workon_home)
        return
    log.event("creating %s with virtualenv's API: %s", target, shlex.join(args))
    _create_with_api(args, target, settings.workon_home)


def _create_with_api(args: Sequence[str], target: Path, cwd: Path) -> None:
    from virtualenv import cli_run

    previous = Path.cwd() if os.path.isdir(".") else None
    os.chdir(cwd)
    start = time.perf_counter()
    try:
        session = cli_run([*args, str(target)])
        elapsed = round((time.perf_counter() - start) * 1000)
        print(f"created virtual environment {session.interpreter.spec} in {elapsed}ms")
    except SystemExit as exit_:
        status = exit_.code if isinstance(exit_.code, int) else 1
        if status:
            raise CommandError(f"virtualenv failed with status {status}", status) from None
    except (RuntimeError, OSError, ValueError) as error:
        raise CommandError(f"virtualenv failed: {error}") from None
    finally:
        if previous is not None:
            os.chdir(previous)


def _create_with_command(command: Sequence[str], args: Sequence[str], target: Path,
                         cwd: Path) -> None:
    sys.stdout.flush()
    try:
        status = subprocess.call([*command, *args, str(target)], cwd=cwd)
    except FileNotFoundError:
        raise CommandError(
            f"VIRTUALENVWRAPPER_VIRTUALENV: command not found: {command[0]}"
        ) from None
    if status != 0:
        raise CommandError(f"{command[0]} failed with status {status}", status)


def option_table(settings: Settings) -> dict[str, int] | None:
    """virtualenv's options, each with the number of values it takes (0 or 1), for reading a
    ``mkvirtualenv`` line; None for a configured command, whose options vew cannot know.

    Read from virtualenv's own parser, so that an option of this virtualenv, and only such an
    option, is handed on. An option taking several values takes one here: the name after it is
    the environment's, as with virtualenvwrapper (repeat the option for more).
    """
    if settings.virtualenv_command is not None:
        return None
    from virtualenv.run import build_parser

    try:
        parser, _ = build_parser([], setup_logging=False)
    except (RuntimeError, OSError):
        return None
    return {flag: 0 if action.nargs == 0 else 1
            for action in parser._actions for flag in action.option_strings}


def show_help(settings: Settings) -> None:
    """The creator's own help, for ``mkvirtualenv -h``."""
    sys.stdout.flush()
    if settings.virtualenv_command is not None:
        subprocess.call([*settings.virtualenv_command, "--help"])
        return
    from virtualenv import cli_run

    with contextlib.suppress(SystemExit):
        cli_run(["--help"])

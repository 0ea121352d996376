"""Making the bare environment: virtualenv's Python API, or the command the user configured."""

from __future__ import annotations

import contextlib
import os
import re
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
    except RuntimeError as error:
        raise CommandError(_describe_failure(str(error))) from None
    except (OSError, ValueError) as error:
        raise CommandError(f"virtualenv failed: {error}") from None
    finally:
        if previous is not None:
            os.chdir(previous)


# virtualenv's message when no interpreter matches --python.
_NO_INTERPRETER = re.compile(r"failed to find interpreter for .*python_spec='(?P<spec>.*)'")


def _describe_failure(message: str) -> str:
    match = _NO_INTERPRETER.search(message)
    if match is None:
        return f"virtualenv failed: {message}"
    return (f"no Python interpreter found for {match['spec']!r}; "
            "'vew pythons' lists the ones available")


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


# Options that make virtualenv install nothing into the new environment.
_NO_SEED = frozenset({"--no-seed", "--without-pip"})


def oldest_python(settings: Settings) -> tuple[int, int] | None:
    """The oldest Python the configured creator can make an environment with; None when that
    is not known (a creator command of the user's own, or a virtualenv that does not say).

    virtualenv seeds pip only for the versions it bundles wheels for; without seeding it still
    needs an interpreter it can query.
    """
    if settings.virtualenv_command is not None:
        return None
    try:
        if _NO_SEED & set(settings.virtualenv_args):
            from python_discovery._py_info_collect import MIN_INTERROGATE_VERSION

            return (int(MIN_INTERROGATE_VERSION[0]), int(MIN_INTERROGATE_VERSION[1]))
        from virtualenv.seed.wheels.embed import BUNDLE_SUPPORT
    except (ImportError, AttributeError, IndexError, TypeError, ValueError):
        return None
    versions = [tuple(int(part) for part in key.split(".")[:2]) for key in BUNDLE_SUPPORT]
    oldest = min(versions, default=None)
    return None if oldest is None or len(oldest) != 2 else (oldest[0], oldest[1])


def show_help(settings: Settings) -> None:
    """The creator's own help, for ``mkvirtualenv -h``."""
    sys.stdout.flush()
    if settings.virtualenv_command is not None:
        subprocess.call([*settings.virtualenv_command, "--help"])
        return
    from virtualenv import cli_run

    with contextlib.suppress(SystemExit):
        cli_run(["--help"])

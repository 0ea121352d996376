"""Making the bare environment: virtualenv's Python API, uv, or the command the user configured.

The target always exists when a creator runs: :func:`vew.store.building` has reserved it and
holds its incomplete-marker inside. virtualenv and the standard library's venv build into it as
it is; uv is told to (``--allow-existing``). Any other command may refuse an existing
directory, so it builds in a hidden directory inside the target, which vew then moves up into
the target, rewriting the environment's own path in its scripts as ``cpvirtualenv`` does.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from itertools import pairwise
from pathlib import Path

from vew import layout, log, uvbin
from vew.errors import CommandError
from vew.settings import Settings

UV = "uv"  # the creator setting's value that makes environments with uv
# Where a creator command that may refuse an existing directory builds, inside the target.
BUILD_DIR = ".vew-build"


def creator_args(settings: Settings, python: str | None, passthrough: Sequence[str]) -> list[str]:
    """virtualenvwrapper's creator argv, without the creator's own words and the target."""
    args = list(settings.virtualenv_args)
    if python:
        args.append(f"--python={python}")
    args.extend(passthrough)
    return args


def create(settings: Settings, args: Sequence[str], target: Path,
           environ: Mapping[str, str] | None = None, *, creator: str | None = None) -> None:
    """Create an environment at ``target`` (which exists, holding only the incomplete-marker)
    with ``args`` for the creator.

    ``creator`` overrides the setting (``vew repair`` rebuilds an environment uv made with uv);
    ``creator = "uv"`` wins over ``VIRTUALENVWRAPPER_VIRTUALENV``. Runs with ``$WORKON_HOME``
    as the working directory, as virtualenvwrapper does, so that relative paths among the
    creator's options mean the same. Raises :class:`CommandError` with the creator's status
    when it fails.
    """
    environ = os.environ if environ is None else environ
    if (creator or settings.creator) == UV:
        _create_with_uv(args, target, settings.workon_home, environ)
        return
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


def _names_python(args: Sequence[str]) -> bool:
    return any(arg == "-p" or arg.startswith("--python") or
               (arg.startswith("-p") and not arg.startswith("--")) for arg in args)


def _sets_verbosity(args: Sequence[str]) -> bool:
    return any(arg in ("--quiet", "--verbose") or
               (len(arg) > 1 and arg[0] == "-" and set(arg[1:]) <= {"q", "v"})
               for arg in args)


def uv_venv_command(uv: str, args: Sequence[str], environ: Mapping[str, str]) -> list[str]:
    """``uv venv --seed`` with ``args``, for a target that vew has already reserved.

    Without a Python named in ``args`` (or ``UV_PYTHON``), the interpreter running vew, as
    virtualenv would take: never uv's own pick, which follows the active environment.
    ``--allow-existing`` comes last so that it wins over a ``--clear`` among ``args``.
    """
    command = [uv, "venv", *_missing(args, "--seed", "--no-project")]
    if not _sets_verbosity(args):
        command.append("--quiet")
    if not _names_python(args) and not environ.get("UV_PYTHON"):
        command.append(f"--python={sys.executable}")
    return [*command, *args, *_missing(args, "--allow-existing")]


def _missing(args: Sequence[str], *flags: str) -> list[str]:
    """The ``flags`` not among ``args``: uv refuses a flag given twice."""
    return [flag for flag in flags if flag not in args]


def _create_with_uv(args: Sequence[str], target: Path, cwd: Path,
                    environ: Mapping[str, str]) -> None:
    command = [*uv_venv_command(uvbin.find(environ), args, environ), str(target)]
    log.event("creating %s with uv: %s", target, shlex.join(command))
    start = time.perf_counter()
    _call(command, cwd, "uv venv", "uv")
    elapsed = round((time.perf_counter() - start) * 1000)
    cfg = layout.read_pyvenv_cfg(target)
    print(f"created virtual environment {cfg.get('implementation', 'Python')} "
          f"{cfg.get('version_info', '')} with uv {cfg.get('uv', '')} in {elapsed}ms")


def _call(argv: Sequence[str], cwd: Path, what: str, source: str) -> None:
    """Run a creator; ``what`` names it in a failure, ``source`` where it came from."""
    sys.stdout.flush()
    try:
        status = subprocess.call(list(argv), cwd=cwd)
    except FileNotFoundError:
        raise CommandError(f"{source}: command not found: {argv[0]}") from None
    if status != 0:
        raise CommandError(f"{what} failed with status {status}", status)


def _accepts_existing(command: Sequence[str]) -> bool:
    """virtualenv and ``python -m venv`` build into an existing directory."""
    program = os.path.basename(command[0]).lower().removesuffix(".exe")
    if program.startswith("virtualenv"):
        return True
    return any(word == "-m" and module in ("venv", "virtualenv")
               for word, module in pairwise(command))


def _create_with_command(command: Sequence[str], args: Sequence[str], target: Path,
                         cwd: Path) -> None:
    source = "VIRTUALENVWRAPPER_VIRTUALENV"
    if uvbin.is_venv_command(command):
        _call([*command, *args, *_missing([*command, *args], "--allow-existing"), str(target)],
              cwd, command[0], source)
    elif _accepts_existing(command):
        _call([*command, *args, str(target)], cwd, command[0], source)
    else:
        build = target / BUILD_DIR
        _call([*command, *args, str(build)], cwd, command[0], source)
        _move_into_place(build, target)


def _move_into_place(build: Path, target: Path) -> None:
    """Move what the creator made in ``build`` up into ``target``; the environment's path
    written into its scripts and ``pyvenv.cfg`` becomes ``target``'s."""
    from vew import cloning

    if not build.is_dir():
        raise CommandError(f"the creator made nothing at {build}")
    prefixes = cloning.baked_prefixes(build)
    for entry in sorted(os.listdir(build)):
        if os.path.lexists(target / entry):
            raise CommandError(f"the creator made {build / entry}, which is in vew's way")
        os.rename(build / entry, target / entry)
    build.rmdir()
    cloning.relocate(target, prefixes)
    log.event("moved the environment built in %s into %s", build, target)


# Options that make virtualenv install nothing into the new environment.
_NO_SEED = frozenset({"--no-seed", "--without-pip"})


def oldest_python(settings: Settings) -> tuple[int, int] | None:
    """The oldest Python the configured creator can make an environment with; None when that
    is not known (uv, a creator command of the user's own, or a virtualenv that does not say).

    virtualenv seeds pip only for the versions it bundles wheels for; without seeding it still
    needs an interpreter it can query.
    """
    if settings.creator == UV or settings.virtualenv_command is not None:
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


def option_table(settings: Settings) -> dict[str, int] | None:
    """virtualenv's options, each with the number of values it takes (0 or 1), for reading a
    ``mkvirtualenv`` line; None for uv or a configured command, whose options vew does not
    read (they are handed on as given, NAME last).

    Read from virtualenv's own parser, so that an option of this virtualenv, and only such an
    option, is handed on. An option taking several values takes one here: the name after it is
    the environment's, as with virtualenvwrapper (repeat the option for more).
    """
    if settings.creator == UV or settings.virtualenv_command is not None:
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
    if settings.creator == UV:
        subprocess.call([uvbin.find(os.environ), "venv", "--help"])
        return
    if settings.virtualenv_command is not None:
        subprocess.call([*settings.virtualenv_command, "--help"])
        return
    from virtualenv import cli_run

    with contextlib.suppress(SystemExit):
        cli_run(["--help"])

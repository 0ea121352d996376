"""The lean entry point the shims call: ``vew __call SHELL EMIT_FILE COMMAND ARGS...``.

It runs one virtualenvwrapper command in the core and writes the shell code the calling shell
must still run (activate, cd, source hooks) to EMIT_FILE, rendered for SHELL. It imports only
what that command needs: never the command-line framework.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from vew import commands, hooks, settings, shells
from vew.errors import CommandError


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print("usage: vew __call SHELL EMIT_FILE COMMAND [ARGS...]", file=sys.stderr)
        return 2
    shell, emit_file, command_name, *args = argv
    try:
        dialect = shells.get(shell)
        command = commands.load(command_name)
    except KeyError as error:
        print(f"ERROR: unknown shell or command: {error}", file=sys.stderr)
        return 2
    current = settings.load()
    context = commands.Context(current, dialect.name, os.environ)
    hooks.ensure_global_stubs(current.hook_dir, os.environ)
    try:
        outcome = command(args, context)
    except CommandError as error:
        print(f"ERROR: {error}", file=sys.stderr)
        outcome = commands.Outcome(error.status)
    except KeyboardInterrupt:
        print(f"ERROR: {command_name} interrupted", file=sys.stderr)
        outcome = commands.Outcome(130)
    except OSError as error:
        # A full disk, a vanished directory, a permission: the command could not finish, and
        # whatever it was building is already undone (see store.building).
        print(f"ERROR: {command_name}: {_describe(error)}", file=sys.stderr)
        outcome = commands.Outcome(1)
    sys.stdout.flush()
    if outcome.steps:
        code = shells.render_steps(dialect, outcome.steps) + "\n"
        Path(emit_file).write_text(code, encoding="utf-8")
    return outcome.status


def _describe(error: OSError) -> str:
    if error.strerror and error.filename:
        return f"{error.strerror}: {error.filename}"
    return error.strerror or str(error)


def print_home() -> int:
    """Print the resolved ``$WORKON_HOME`` (the shim asks when the value needs expanding)."""
    print(settings.resolve_home(os.environ.get("WORKON_HOME"), os.environ))
    return 0

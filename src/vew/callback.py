"""The lean entry point the shims call: ``vew __call SHELL EMIT COMMAND ARGS...``.

It runs one virtualenvwrapper command in the core and writes the shell code the calling shell
must still run (activate, cd, source hooks), rendered for SHELL, to EMIT: ``fd:N`` for a file
descriptor the shim reads (bash, zsh), or a file path. It imports only what that command
needs: never the command-line framework.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import sys
from pathlib import Path

from vew import commands, hooks, log, settings, shells
from vew.errors import CommandError, describe_os_error


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print("usage: vew __call SHELL EMIT COMMAND [ARGS...]", file=sys.stderr)
        return 2
    shell, emit_file, command_name, *args = argv
    _keep_from_children(emit_file)
    try:
        dialect = shells.get(shell)
        command = commands.load(command_name)
    except KeyError as error:
        print(f"ERROR: unknown shell or command: {error}", file=sys.stderr)
        return 2
    try:
        current = settings.load()
    except CommandError as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return error.status
    if current.log_file is not None:
        log.start(current.log_file)
    from vew import backups

    # A repair killed by SIGKILL: its environment is back under its name before anything else.
    backups.recover(current.workon_home)
    try:
        return _run(command_name, command, args,
                    commands.Context(current, dialect.name, os.environ), emit_file)
    finally:
        log.stop()


def _run(name: str, command: commands.Command, args: list[str], context: commands.Context,
         emit_file: str) -> int:
    if log.enabled():
        log.event("%s: started (%s, in %s)", shlex.join([name, *args]), context.shell,
                  context.environ.get("PWD", "?"))
    hooks.ensure_global_stubs(context.settings.hook_dir, context.environ)
    try:
        outcome = command(args, context)
    except CommandError as error:
        print(f"ERROR: {error}", file=sys.stderr)
        outcome = commands.Outcome(error.status)
    except KeyboardInterrupt:
        print(f"ERROR: {name} interrupted", file=sys.stderr)
        outcome = commands.Outcome(130)
    except BrokenPipeError:
        # The reader went away (`lsvirtualenv -l | head -1`): end quietly, as a program killed
        # by SIGPIPE would; whatever was being built is already undone.
        from vew.__main__ import BROKEN_PIPE_STATUS, _quiet_after_broken_pipe

        _quiet_after_broken_pipe()
        outcome = commands.Outcome(BROKEN_PIPE_STATUS)
    except OSError as error:
        # A full disk, a vanished directory, a permission: the command could not finish, and
        # whatever it was building is already undone (see store.building).
        print(f"ERROR: {name}: {describe_os_error(error)}", file=sys.stderr)
        outcome = commands.Outcome(1)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        from vew.__main__ import _quiet_after_broken_pipe

        _quiet_after_broken_pipe()
    if context.settings.auto_activate:
        refresh_project_index(context.settings)
    from vew import trust

    # The shells read which hooks are untrusted as of now (see vew.trust).
    trust.write_checked(context.settings)
    if outcome.steps:
        dialect = shells.get(context.shell)
        code = shells.render_steps(dialect, outcome.steps)
        # Sourced hooks run in the shell, out of the core's sight: log what it was asked to do.
        for line in code.splitlines():
            log.event("%s: shell runs: %s", name, line)
        emit(emit_file, code + "\n", dialect.encoding)
    log.event("%s: exit status %d", name, outcome.status)
    return outcome.status


def emit(target: str, code: str, encoding: str = "utf-8") -> None:
    """Hand the shell its code; names that are not UTF-8 on disk go back as their bytes."""
    if target.startswith("fd:"):
        with os.fdopen(int(target[3:]), "w", encoding="utf-8", errors="surrogateescape") as stream:
            stream.write(code)
    else:
        Path(target).write_bytes(code.encode(encoding, "surrogateescape"))


def _keep_from_children(target: str) -> None:
    """Programs the command starts (hooks, pip) must not write into the shell's code channel."""
    if target.startswith("fd:"):
        with contextlib.suppress(OSError, ValueError):
            os.set_inheritable(int(target[3:]), False)


def refresh_project_index(current: settings.Settings) -> None:
    """Commands may have made, removed or re-pointed projects: rewrite the shell's index."""
    from vew import projects, store

    names = store.names_in(current.workon_home)
    projects.write_index(current.workon_home, current.project_filename, names)


def print_home() -> int:
    """Print the resolved ``$WORKON_HOME`` (the shim asks when the value needs expanding)."""
    print(settings.resolve_home(os.environ.get("WORKON_HOME"), os.environ))
    return 0

"""The lean entry point the shims call: ``vew __call SHELL EMIT COMMAND ARGS...``.

It runs one virtualenvwrapper command in the core and writes the shell code the calling shell
must still run (activate, cd, source hooks), rendered for SHELL, to EMIT: ``fd:N`` for a file
descriptor the shim reads (bash, zsh), or a file path. It imports only what that command
needs: never the command-line framework.
"""

from __future__ import annotations

import os
import sys

from vew import commands, log, settings
from vew.errors import CommandError


def main(argv: list[str]) -> int:
    prepared = prepare(argv)
    if isinstance(prepared, int):
        return prepared
    command_name, command, args, context, emit_file = prepared
    try:
        return _run(command_name, command, args, context, emit_file)
    finally:
        log.stop()


def prepare(argv: list[str]) -> int | tuple[str, commands.Command, list[str], commands.Context,
                                             str]:
    """Everything a call does before the command itself runs: its arguments, its settings,
    the log, and the command, loaded; or the exit status of a call that cannot go on.

    This is every command's start, and it imports nothing the command may not need.
    """
    if len(argv) < 3:
        print("usage: vew __call SHELL EMIT COMMAND [ARGS...]", file=sys.stderr)
        return 2
    shell, emit_file, command_name, *args = argv
    _keep_from_children(emit_file)
    from vew import shells

    try:
        dialect = shells.ALIASES.get(shell, shell)
        if dialect not in shells.NAMES:
            raise KeyError(shell)
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
        import shlex

        log.event("%s: started (%s, in %s)", shlex.join([command_name, *args]), dialect,
                  os.environ.get("PWD", "?"))
    from vew import hooks

    hooks.ensure_global_stubs(current.text("hook_dir") or "", os.environ)
    return command_name, command, args, commands.Context(current, dialect, os.environ), emit_file


def _run(name: str, command: commands.Command, args: list[str], context: commands.Context,
         emit_file: str) -> int:
    try:
        outcome = command(args, context)
    except CommandError as error:
        print(f"ERROR: {error}", file=sys.stderr)
        outcome = commands.Outcome(error.status)
    except KeyboardInterrupt:
        print(f"ERROR: {name} interrupted", file=sys.stderr)
        outcome = commands.Outcome(130)
    except OSError as error:
        # A full disk, a vanished directory, a permission: the command could not finish, and
        # whatever it was building is already undone (see store.building).
        print(f"ERROR: {name}: {_describe(error)}", file=sys.stderr)
        outcome = commands.Outcome(1)
    sys.stdout.flush()
    if context.settings.auto_activate:
        refresh_project_index(context.settings)
    if outcome.steps:
        from vew import shells

        dialect = shells.get(context.shell)
        code = shells.render_steps(dialect, outcome.steps)
        # Sourced hooks run in the shell, out of the core's sight: log what it was asked to do.
        for line in code.splitlines():
            log.event("%s: shell runs: %s", name, line)
        emit(emit_file, code + "\n", dialect.encoding)
    log.event("%s: exit status %d", name, outcome.status)
    return outcome.status


def _describe(error: OSError) -> str:
    if error.strerror and error.filename:
        return f"{error.strerror}: {error.filename}"
    return error.strerror or str(error)


def emit(target: str, code: str, encoding: str = "utf-8") -> None:
    if target.startswith("fd:"):
        with os.fdopen(int(target[3:]), "w", encoding="utf-8") as stream:
            stream.write(code)
    else:
        with open(target, "w", encoding=encoding) as stream:
            stream.write(code)


def _keep_from_children(target: str) -> None:
    """Programs the command starts (hooks, pip) must not write into the shell's code channel."""
    if target.startswith("fd:"):
        try:  # noqa: SIM105 (contextlib would cost every call more than this spares)
            os.set_inheritable(int(target[3:]), False)
        except (OSError, ValueError):
            pass


def refresh_project_index(current: settings.Settings) -> None:
    """Commands may have made, removed or re-pointed projects: rewrite the shell's index."""
    from vew import projects, store

    names = store.names_in(current.workon_home)
    projects.write_index(current.workon_home, current.project_filename, names)


def print_home() -> int:
    """Print the resolved ``$WORKON_HOME`` (the shim asks when the value needs expanding)."""
    print(settings.home_text(os.environ))
    return 0

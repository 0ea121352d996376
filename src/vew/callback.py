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
from vew.errors import CommandError, describe_os_error, report_error


def main(argv: list[str]) -> int:
    prepared = prepare(argv)
    if isinstance(prepared, int):
        return prepared
    command_name, handler, args, context, emit_file = prepared
    try:
        from vew import backups

        # A repair killed by SIGKILL: its environment is back under its name before anything.
        backups.recover(context.settings.workon_home)
        return _run(command_name, handler, args, context, emit_file)
    finally:
        log.stop()


def prepare(argv: list[str]) -> int | tuple[str, commands.Handler, list[str], commands.Context,
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
        handler = commands.load(command_name)
    except KeyError as error:
        report_error(f"unknown shell or command: {error}")
        return 2
    try:
        current = settings.load()
    except CommandError as error:
        report_error(str(error))
        return error.status
    if current.log_file is not None:
        log.start(current.log_file)
        import shlex

        log.event("%s: started (%s, in %s)", shlex.join([command_name, *args]), dialect,
                  os.environ.get("PWD", "?"))
    from vew import hooks

    hooks.ensure_global_stubs(current.text("hook_dir") or "", os.environ)
    return command_name, handler, args, commands.Context(current, dialect, os.environ), emit_file


def _run(name: str, handler: commands.Handler, args: list[str], context: commands.Context,
         emit_file: str) -> int:
    try:
        outcome = handler(args, context)
    except CommandError as error:
        report_error(str(error))
        outcome = commands.Outcome(error.status)
    except KeyboardInterrupt:
        report_error(f"{name} interrupted")
        outcome = commands.Outcome(130)
    except BrokenPipeError:
        # The reader went away (`lsvirtualenv -l | head -1`): end quietly, as a program killed
        # by SIGPIPE would; whatever was being built is already undone.
        from vew import closed_pipe

        outcome = commands.Outcome(closed_pipe.discard_stdout())
    except OSError as error:
        # A full disk, a vanished directory, a permission: the command could not finish, and
        # whatever it was building is already undone (see store.building).
        report_error(f"{name}: {describe_os_error(error)}")
        outcome = commands.Outcome(1)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        from vew import closed_pipe

        closed_pipe.discard_stdout()
    from vew import projects

    if projects.index_kept(context.settings.workon_home, context.settings.auto_activate):
        projects.refresh_index(context.settings)
    outcome.steps[:0] = context.shell_code
    from vew import arguments, checked_hooks

    # The shells read which hooks are untrusted as of now (see vew.trust); a call that only
    # showed its help changed nothing, and writes nothing.
    if not arguments.asks_for_help(name, args):
        checked_hooks.write_checked(context.settings)
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


def emit(target: str, code: str, encoding: str = "utf-8") -> None:
    """Hand the shell its code; names that are not UTF-8 on disk go back as their bytes."""
    if target.startswith("fd:"):
        with os.fdopen(int(target[3:]), "w", encoding="utf-8", errors="surrogateescape") as stream:
            stream.write(code)
    else:
        with open(target, "wb") as stream:
            stream.write(code.encode(encoding, "surrogateescape"))


def _keep_from_children(target: str) -> None:
    """Programs the command starts (hooks, pip) must not write into the shell's code channel."""
    if target.startswith("fd:"):
        try:  # noqa: SIM105 (contextlib would cost every call more than this spares)
            os.set_inheritable(int(target[3:]), False)
        except (OSError, ValueError):
            pass


def index_command(argv: list[str]) -> int:
    """``vew __index WORKON_HOME PROJECT_FILENAME``: write the project index now.

    A shim whose auto-activation finds no index asks for it (auto-activation was switched on
    after the core last ran). It passes the values it exported, so that this works even when
    the configuration file is broken.
    """
    if len(argv) != 2 or not argv[0] or not argv[1]:
        print("usage: vew __index WORKON_HOME PROJECT_FILENAME", file=sys.stderr)
        return 2
    from pathlib import Path

    from vew import projects, store

    workon_home = Path(argv[0])
    projects.write_index(workon_home, argv[1], store.names_in(workon_home))
    return 0

"""Entry point of ``vew`` and ``python -m vew``.

The shims call back into the core through here; those calls take the lean path and never
import the command-line framework, which costs more than the rest of a call.

Whatever happens, the user sees no traceback: a closed pipe ends the command quietly, Ctrl-C
with status 130, anything unforeseen with one ``ERROR:`` line.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    _carry_undecodable_names()
    try:
        status = _dispatch(args)
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        from vew import closed_pipe

        return closed_pipe.discard_stdout()
    except KeyboardInterrupt:
        # Ctrl-C before a command starts still ends with a status, not a death by signal that
        # would cut the calling shell function short.
        return 130
    except Exception as error:  # the last line of defence against a traceback
        import traceback

        from vew import errors, log

        log.event("internal error: %s", traceback.format_exc())
        print(f"ERROR: vew failed unexpectedly: {type(error).__name__}: "
              f"{errors.cap(str(error))}", file=sys.stderr)
        return 1


def _dispatch(args: list[str]) -> int:
    if args[:1] == ["__call"]:
        from vew.callback import main as callback

        return callback(args[1:])
    if args[:1] == ["__complete"]:
        from vew.completion import main as complete

        return complete(args[1:])
    if args[:1] == ["__recover"]:
        from vew.backups import main as recover

        return recover()
    if args[:1] == ["__index"]:
        from vew.callback import index_command

        return index_command(args[1:])
    if args[:1] == ["__expandpath"] and len(args) == 2:
        # virtualenvwrapper_expandpath, for a path with variables: Python's rules, as its own.
        import os

        print(os.path.normpath(os.path.expanduser(os.path.expandvars(args[1]))))
        return 0
    if args[:1] == ["__home"]:
        # The shim asks for the resolved $WORKON_HOME when its value needs expanding.
        import os

        from vew.settings import home_text

        print(home_text(os.environ))
        return 0
    if len(args) == 2 and args[0] == "init":
        from vew.shimcache import print_shim

        status = print_shim(args[1])
        if status is not None:
            return status
    from vew.cli import main_entry

    return main_entry(args)


def _carry_undecodable_names() -> None:
    """Names on disk that are not UTF-8 reach Python as surrogate escapes (as do arguments and
    variables): printed the same way, they come back out as the bytes they were."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="surrogateescape")


if __name__ == "__main__":
    sys.exit(main())

"""Entry point of ``vew`` and ``python -m vew``.

The shims call back into the core through here; those calls take the lean path and never
import the command-line framework, which costs more than the rest of a call.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["__call"]:
        # Ctrl-C before the command starts still ends with a status, not a traceback and a
        # death by signal that would cut the calling shell function short.
        try:
            from vew.callback import main as callback

            return callback(args[1:])
        except KeyboardInterrupt:
            return 130
    if args[:1] == ["__complete"]:
        from vew.completion import main as complete

        return complete(args[1:])
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


if __name__ == "__main__":
    sys.exit(main())

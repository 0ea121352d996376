"""``workon``: the shell does all of it but the help text, which lives here."""

from __future__ import annotations

from vew.commands import Context, Outcome

HELP = """Usage: workon [-h|--help] [-c|--cd] [-n|--no-cd] [env_name|.]

  Deactivate any current environment, activate env_name and run its hooks.

  With no env_name, list the available environments (and exit with status 1).
  With '.', use the name of the current directory.

  -h, --help   show this help
  -c, --cd     change to the project directory after activating (the default
               unless VIRTUALENVWRAPPER_WORKON_CD is not 1)
  -n, --no-cd  do not change to the project directory
"""


def run(args: list[str], context: Context) -> Outcome:
    print(HELP, end="")
    return Outcome()

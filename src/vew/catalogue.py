"""Every user command vew defines, described once: the line that says what it does, its
options and what its arguments are.

This table is the one list of user commands: ``virtualenvwrapper`` prints its help from it,
``vew init`` renders each shell's completion from it (see :mod:`vew.completion`), and the core
reads each command's line and prints its ``-h`` by it (see :mod:`vew.arguments`), so that an
option added here is parsed, documented and completed in every shell. A command's behaviour
lives elsewhere (a module in :mod:`vew.commands`, or the shim itself for the hot path). Plain
data, cheap to import.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# What a value (of an option or a positional argument) can be, and so how it completes.
ENV = "env"  # the name of an environment in $WORKON_HOME
DIRECTORY = "directory"  # a directory, relative to the current one
FILE = "file"  # any file
COMMAND = "command"  # a command name
COMMAND_LINE = "command-line"  # the arguments of the command given just before
ENV_DIR = "env-dir"  # a directory inside the active environment
SITE_DIR = "site-dir"  # a directory inside the active environment's site-packages
TEMPLATE = "template"  # a project template
WORDS = "words"  # one of a fixed list of words
NOTHING = "nothing"  # something new (a name, a package): nothing to offer

KINDS = (ENV, DIRECTORY, FILE, COMMAND, COMMAND_LINE, ENV_DIR, SITE_DIR, TEMPLATE, WORDS,
         NOTHING)

# What a word that looks like an option but is none of the command's own is (Command.unlisted).
REFUSE = "refuse"  # a mistake, named in one line
CREATOR = "creator"  # an option of the creator (virtualenv), handed on to it
ARGUMENT = "argument"  # an argument like any other, for the program the command runs (ls)


class _Record:
    """Equality, hashing and a readable repr from the fields named in ``__slots__``: plain
    classes rather than dataclasses, which would cost every core call that renders steps more
    than rendering them."""

    __slots__: tuple[str, ...] = ()

    def _fields(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Record) and type(other) is type(self) and \
            other._fields() == self._fields()

    def __hash__(self) -> int:
        return hash((type(self), self._fields()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"

    def as_dict(self) -> dict[str, Any]:
        """The fields, nested records as dictionaries too (what ``dataclasses.asdict`` gives)."""
        return {name: _plain(getattr(self, name)) for name in self.__slots__}


def _plain(value: Any) -> Any:
    if isinstance(value, _Record):
        return value.as_dict()
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


class Value(_Record):
    __slots__ = ("kind", "label", "words")  # the order of as_dict and the JSON too

    def __init__(self, kind: str, label: str, words: tuple[str, ...] = ()) -> None:
        assert kind in KINDS, kind
        assert (kind == WORDS) == bool(words), (kind, words)
        self.kind = kind
        self.label = label  # what it is, in a word or two ("environment", "requirements file")
        self.words = words  # the choices, for WORDS

    def spec(self) -> str:
        """The kind as the shims' completion code reads it: ``words:a b c`` for fixed words."""
        if self.kind != WORDS:
            return self.kind
        assert all(w.replace("-", "").replace("_", "").isalnum() for w in self.words), self
        return "words:" + " ".join(self.words)


class Option(_Record):
    __slots__ = ("flags", "help", "value", "repeat", "alone")  # noqa: RUF023 (the JSON's order)

    def __init__(self, flags: tuple[str, ...], help: str, value: Value | None = None,
                 repeat: bool = False, alone: bool = False) -> None:
        self.flags = flags  # every spelling: ("-c", "--cd")
        self.help = help
        self.value = value  # None: a flag that takes no value
        self.repeat = repeat  # may be given more than once
        # Shows something instead of acting: the rest of the line is not read.
        self.alone = alone


class Command(_Record):
    __slots__ = ("name", "summary", "options", "args", "rest", "subcommands",  # noqa: RUF023
                 "in_help", "required", "options_anywhere", "unlisted", "strict",
                 "mistake_status", "details")

    def __init__(self, name: str, summary: str, options: tuple[Option, ...] = (),  # noqa: PLR0917
                 args: tuple[Value, ...] = (), rest: Value | None = None,
                 subcommands: tuple[Command, ...] = (), in_help: bool = True,
                 required: int = 0, options_anywhere: bool = False, unlisted: str = REFUSE,
                 strict: bool = False, mistake_status: int = 2, details: str = "") -> None:
        self.name = name
        self.summary = summary
        self.options = options
        self.args = args  # the positional arguments, in order
        self.rest = rest  # every positional argument after those, if any are taken
        self.subcommands = subcommands  # a first positional naming one of these
        # Listed by `virtualenvwrapper`: deactivate exists only while an environment is active.
        self.in_help = in_help
        # How the core reads the command's line (vew.arguments):
        self.required = required  # how many of ``args`` must be given
        # Its options may follow its arguments (else they stop there).
        self.options_anywhere = options_anywhere
        self.unlisted = unlisted  # what an option it does not list is
        self.strict = strict  # arguments beyond ``args`` and ``rest`` are a mistake
        self.mistake_status = mistake_status  # the exit status of a mistake on the command line
        self.details = details  # the end of its help, after the options

    def option(self, flag: str) -> Option | None:
        for option in self.options:
            if flag in option.flags:
                return option
        return None

    def subcommand(self, name: str) -> Command | None:
        for command in self.subcommands:
            if command.name == name:
                return command
        return None

    def positional(self, index: int) -> Value | None:
        """What the positional argument at ``index`` (0-based) is, or None if none is taken."""
        return self.args[index] if index < len(self.args) else self.rest


HELP = Option(("-h", "--help"), "show this help", alone=True)

ENVIRONMENT = Value(ENV, "environment")
NEW_NAME = Value(NOTHING, "new environment name")
PROJECT_DIR = Value(DIRECTORY, "project directory")

_MKVIRTUALENV_OPTIONS = (
    Option(("-a",), "associate a project directory", PROJECT_DIR),
    Option(("-i",), "install a package once created", Value(NOTHING, "package"), repeat=True),
    Option(("-r",), "install a requirements file once created",
           Value(FILE, "requirements file"), repeat=True),
    Option(("-p", "--python"), "the interpreter to create it with",
           Value(COMMAND, "python interpreter")),
    HELP,
)

WORKON_CD = Option(("-c", "--cd"), "change to the project directory (the default)")
WORKON_NO_CD = Option(("-n", "--no-cd"), "stay in the current directory")

# The options a shim reads itself, without the core: workon's, on the hot path. `vew init`
# renders each one's flags into the shims as __VEW_FLAGS_<KEY>__ (Dialect.flags_pattern).
SHIM_OPTIONS = {"HELP": HELP, "CD": WORKON_CD, "NO_CD": WORKON_NO_CD}

_CREATOR_OPTIONS = """\
Every other option is virtualenv's (below), before or after the name. With
VIRTUALENVWRAPPER_VIRTUALENV set they are that command's, and the name must come last."""

COMMANDS = (
    Command("add2virtualenv", "add directory to the import path",
            (Option(("-d",), "remove the directories instead (first argument only)"), HELP),
            rest=Value(DIRECTORY, "directory"), details="""\
Each directory goes first on the active environment's import path. A relative one is taken
from the current directory. With no directory: this usage, then the directories added.""")
    ,
    Command("allvirtualenv", "run a command in all virtualenvs", (HELP,),
            args=(Value(COMMAND, "command"),), rest=Value(COMMAND_LINE, "argument"),
            details="Every argument after the command is the command's own (-h included)."),
    Command("cdproject", "change directory to the active project", (HELP,)),
    Command("cdsitepackages", "change to the site-packages directory", (HELP,),
            args=(Value(SITE_DIR, "site-packages sub-directory"),)),
    Command("cdvirtualenv", "change to the $VIRTUAL_ENV directory", (HELP,),
            args=(Value(ENV_DIR, "environment sub-directory"),)),
    Command("cpvirtualenv", "duplicate the named virtualenv to make a new one", (HELP,),
            args=(ENVIRONMENT, NEW_NAME), details="""\
The environment is a name in $WORKON_HOME or the path of one anywhere; the copy is named like
it unless a new name is given, and is activated."""),
    Command("deactivate", "leave the active virtualenv, with its hooks",
            args=(Value(WORDS, "mode", ("nondestructive",)),), in_help=False),
    Command("lssitepackages", "list contents of the site-packages directory", (HELP,),
            rest=Value(FILE, "ls argument"), unlisted=ARGUMENT,
            details="Every argument but a first -h goes to ls."),
    Command("lsvirtualenv", "list virtualenvs", (
        Option(("-b",), "brief mode: names only"),
        Option(("-l",), "long mode: names and details (the default)"),
        Option(("--json",), "one JSON object per environment, in a list"),
        HELP,
    ), options_anywhere=True, strict=True, mistake_status=1),
    Command("mkproject", "create a new project directory and its associated virtualenv", (
        Option(("-f", "--force"), "use the project directory even if it exists"),
        Option(("-t",), "apply a project template (repeatable, in order)",
               Value(TEMPLATE, "template"), repeat=True),
        Option(("-l", "--list"), "list the available templates", alone=True),
        *_MKVIRTUALENV_OPTIONS,
    ), args=(Value(NOTHING, "new project name"),), required=1, options_anywhere=True,
            unlisted=CREATOR, strict=True, details=f"""\
Makes the environment and the project directory $PROJECT_HOME/new_project_name, applies the
templates there and changes to it.
{_CREATOR_OPTIONS}"""),
    Command("mktmpenv", "create a temporary virtualenv", (
        Option(("-c", "--cd"), "change to the new environment's directory"),
        Option(("-n", "--no-cd"), "stay in the current directory"),
        *_MKVIRTUALENV_OPTIONS,
    ), options_anywhere=True, unlisted=CREATOR, strict=True, details=f"""\
The environment is named tmp- and 16 random hexadecimal digits, and is deleted when it is
deactivated (deactivate, or workon another environment). -c and -n override
VIRTUALENVWRAPPER_WORKON_CD; the last one given wins.
{_CREATOR_OPTIONS}"""),
    Command("mkvirtualenv", "create a new virtualenv in $WORKON_HOME", _MKVIRTUALENV_OPTIONS,
            args=(NEW_NAME,), required=1, options_anywhere=True, unlisted=CREATOR,
            strict=True, details=f"""\
Creates the environment, installs the -r files then the -i packages into it, associates the
project directory and activates it. Nothing is left behind if any of it fails.
{_CREATOR_OPTIONS}"""),
    Command("mvvirtualenv", "rename a virtualenv, keeping everything in it", (HELP,),
            args=(ENVIRONMENT, NEW_NAME), required=2, details="""\
Renames OLD to NEW in place: the paths inside it, its prompt, hooks, project file and .pth
entries follow. Refuses the active environment and a NEW that exists."""),
    Command("rmvirtualenv", "remove a virtualenv", (HELP,), rest=ENVIRONMENT),
    Command("setvirtualenvproject", "associate a project directory with a virtualenv", (HELP,),
            args=(ENVIRONMENT, PROJECT_DIR), details="""\
The environment defaults to the active one, the project directory to the current one."""),
    Command("showvirtualenv", "show details of a single virtualenv",
            (Option(("--json",), "the environment's health as one JSON object"), HELP),
            args=(ENVIRONMENT,), options_anywhere=True,
            details="The environment defaults to the active one."),
    Command("toggleglobalsitepackages", "turn access to the global site-packages on or off",
            (Option(("-q",), "quiet: print nothing"), HELP)),
    Command("virtualenvwrapper", "show this help message", (HELP,)),
    Command("wipeenv", "remove all packages installed in the current virtualenv", (HELP,)),
    Command("workon", "list or change working virtualenvs",
            (HELP, WORKON_CD, WORKON_NO_CD), args=(ENVIRONMENT,), details="""\
Deactivates the current environment, activates the named one and runs its hooks. With no
name: lists the environments (status 1). With '.': the current directory's name."""),
)

BY_NAME = {command.name: command for command in COMMANDS}

# vew's own command line is read from its definition (see vew.cli.command_spec); what a value
# of it is comes from its metavar there.
METAVARS = {
    "ENV": ENVIRONMENT,
    "DIR": Value(DIRECTORY, "directory"),
    "FILE": Value(FILE, "file"),
    "PYTHON": Value(COMMAND, "python interpreter"),
    "COMMAND": Value(COMMAND, "command"),
}

# ``vew`` itself, as completion needs it: derived from the typer app by
# :func:`vew.cli.command_spec` and kept beside this module, because importing typer would
# triple what ``eval "$(vew init SHELL)"`` costs at every shell start. A test fails when the
# two differ; ``python -m vew.cli`` rewrites the file.
# A path as text: pathlib is more than a call that reads the catalogue may otherwise import.
VEW_COMMAND_FILE = os.path.join(os.path.dirname(__file__), "vew_command.json")


def vew_command() -> Command:
    """``vew`` itself, as its command line defines it."""
    with open(VEW_COMMAND_FILE, encoding="utf-8") as stream:
        return from_json(stream.read())


def every_command() -> tuple[Command, ...]:
    """Every command the shims complete: the user commands, then ``vew``."""
    return (*COMMANDS, vew_command())


def to_json(command: Command) -> str:
    """``command`` as JSON, for a shim to hand back to the core (see :func:`from_json`)."""
    import json

    return json.dumps(command.as_dict(), ensure_ascii=False, separators=(",", ":"))


def from_json(text: str) -> Command:
    import json

    return _command(json.loads(text))


def _value(data: dict[str, Any] | None) -> Value | None:
    return None if data is None else Value(data["kind"], data["label"], tuple(data["words"]))


def _command(data: dict[str, Any]) -> Command:
    options = tuple(Option(tuple(o["flags"]), o["help"], _value(o["value"]), o["repeat"],
                           o["alone"]) for o in data["options"])
    args = tuple(value for value in map(_value, data["args"]) if value is not None)
    return Command(data["name"], data["summary"], options, args, _value(data["rest"]),
                   tuple(map(_command, data["subcommands"])), data["in_help"],
                   data["required"], data["options_anywhere"], data["unlisted"],
                   data["strict"], data["mistake_status"], data["details"])

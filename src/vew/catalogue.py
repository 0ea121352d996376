"""Every user command vew defines, described once: the line that says what it does, its
options and what its arguments are.

This table is the one list of user commands: ``virtualenvwrapper`` prints its help from it, and
``vew init`` renders each shell's completion from it (see :mod:`vew.completion`), so that an
option added here completes in every shell. A command's behaviour lives elsewhere (a module in
:mod:`vew.commands`, or the shim itself for the hot path). Plain data, cheap to import.
"""

from __future__ import annotations

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
    __slots__ = ("flags", "help", "value", "repeat")  # noqa: RUF023 (the order of the JSON)

    def __init__(self, flags: tuple[str, ...], help: str, value: Value | None = None,
                 repeat: bool = False) -> None:
        self.flags = flags  # every spelling: ("-c", "--cd")
        self.help = help
        self.value = value  # None: a flag that takes no value
        self.repeat = repeat  # may be given more than once


class Command(_Record):
    __slots__ = ("name", "summary", "options", "args", "rest", "subcommands",  # noqa: RUF023
                 "in_help")

    def __init__(self, name: str, summary: str, options: tuple[Option, ...] = (),  # noqa: PLR0917
                 args: tuple[Value, ...] = (), rest: Value | None = None,
                 subcommands: tuple[Command, ...] = (), in_help: bool = True) -> None:
        self.name = name
        self.summary = summary
        self.options = options
        self.args = args  # the positional arguments, in order
        self.rest = rest  # every positional argument after those, if any are taken
        self.subcommands = subcommands  # a first positional naming one of these
        # Listed by `virtualenvwrapper`: deactivate exists only while an environment is active.
        self.in_help = in_help

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


def _help(*flags: str) -> Option:
    return Option(flags, "show this help")


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
    _help("-h", "--help"),
)

_CD_OPTIONS = (
    Option(("-c", "--cd"), "change to the project directory (the default)"),
    Option(("-n", "--no-cd"), "stay in the current directory"),
)

COMMANDS = (
    Command("add2virtualenv", "add directory to the import path",
            (Option(("-d",), "remove the directories instead (first argument only)"),),
            rest=Value(DIRECTORY, "directory")),
    Command("allvirtualenv", "run a command in all virtualenvs",
            args=(Value(COMMAND, "command"),), rest=Value(COMMAND_LINE, "argument")),
    Command("cdproject", "change directory to the active project"),
    Command("cdsitepackages", "change to the site-packages directory",
            args=(Value(SITE_DIR, "site-packages sub-directory"),)),
    Command("cdvirtualenv", "change to the $VIRTUAL_ENV directory",
            args=(Value(ENV_DIR, "environment sub-directory"),)),
    Command("cpvirtualenv", "duplicate the named virtualenv to make a new one",
            args=(ENVIRONMENT, NEW_NAME)),
    Command("deactivate", "leave the active virtualenv, with its hooks",
            args=(Value(WORDS, "mode", ("nondestructive",)),), in_help=False),
    Command("lssitepackages", "list contents of the site-packages directory",
            rest=Value(FILE, "ls argument")),
    Command("lsvirtualenv", "list virtualenvs", (
        Option(("-b",), "brief mode: names only"),
        Option(("-l",), "long mode: names and details (the default)"),
        Option(("--json",), "one JSON object per environment, in a list"),
        _help("-h"),
    )),
    Command("mkproject", "create a new project directory and its associated virtualenv", (
        Option(("-f", "--force"), "use the project directory even if it exists"),
        Option(("-t",), "apply a project template (repeatable, in order)",
               Value(TEMPLATE, "template"), repeat=True),
        Option(("-l", "--list"), "list the available templates"),
        *_MKVIRTUALENV_OPTIONS,
    ), args=(Value(NOTHING, "new project name"),)),
    Command("mktmpenv", "create a temporary virtualenv", (
        Option(("-c", "--cd"), "change to the new environment's directory"),
        Option(("-n", "--no-cd"), "stay in the current directory"),
        *_MKVIRTUALENV_OPTIONS,
    )),
    Command("mkvirtualenv", "create a new virtualenv in $WORKON_HOME", _MKVIRTUALENV_OPTIONS,
            args=(NEW_NAME,)),
    Command("rmvirtualenv", "remove a virtualenv", rest=ENVIRONMENT),
    Command("setvirtualenvproject", "associate a project directory with a virtualenv",
            args=(ENVIRONMENT, PROJECT_DIR)),
    Command("showvirtualenv", "show details of a single virtualenv",
            (Option(("--json",), "the environment's health as one JSON object"),),
            args=(ENVIRONMENT,)),
    Command("toggleglobalsitepackages", "turn access to the global site-packages on or off",
            (Option(("-q",), "quiet: print nothing"),)),
    Command("virtualenvwrapper", "show this help message"),
    Command("wipeenv", "remove all packages installed in the current virtualenv"),
    Command("workon", "list or change working virtualenvs",
            (_help("-h", "--help"), *_CD_OPTIONS), args=(ENVIRONMENT,)),
)


BY_NAME = {command.name: command for command in COMMANDS}

# vew's own command line is read from its definition (see vew.completion.vew_command); what
# a value of it is comes from its metavar there.
METAVARS = {
    "ENV": ENVIRONMENT,
    "DIR": Value(DIRECTORY, "directory"),
    "FILE": Value(FILE, "file"),
    "PYTHON": Value(COMMAND, "python interpreter"),
    "COMMAND": Value(COMMAND, "command"),
}

# The name the help table was first written under.
UserCommand = Command


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
    options = tuple(Option(tuple(o["flags"]), o["help"], _value(o["value"]), o["repeat"])
                    for o in data["options"])
    args = tuple(value for value in map(_value, data["args"]) if value is not None)
    return Command(data["name"], data["summary"], options, args, _value(data["rest"]),
                   tuple(map(_command, data["subcommands"])), data["in_help"])

"""Tab completion: what each word of a command line can be, from the one catalogue.

The shells complete from a spec that ``vew init`` renders into the shim (each dialect's
``completion_spec``), so that completing an environment name starts no process. What the shell
cannot know by itself comes from the lean entry point ``vew __complete``:

* ``__complete site-packages ENV``: the site-packages directory of the environment at ENV;
* ``__complete templates``: the project templates, one ``NAME<TAB>DESCRIPTION`` a line;
* ``__complete words SHELL [--spec JSON] WORD... CURRENT``: every candidate for CURRENT, the
  last word of a command line whose earlier words are given (without quotes), one
  ``WORD<TAB>VALUE<TAB>DESCRIPTION`` a line, WORD being VALUE quoted for SHELL. PowerShell
  completes through this (handing back vew's own spec, see ``catalogue.to_json``); it is also the
  reference the other shells are tested against.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vew import catalogue
from vew.catalogue import Command, Value
from vew.errors import report_error


@dataclass(frozen=True)
class Candidate:
    value: str  # the whole word, unquoted
    description: str = ""


@dataclass(frozen=True)
class Position:
    """What the word being completed is."""

    command: Command
    value: Value | None  # None: an option of ``command``
    lead: str = ""  # text before the value in the same word: "--python="
    prefix: str = ""  # the part of the value typed so far


# --- the reference completer: what the shells do, in Python -----------------------------------

_NO_ARGUMENT = Value(catalogue.NOTHING, "no argument")


def locate(command: Command, words: Sequence[str]) -> Position:
    """Where ``words[-1]`` stands in ``command``'s line; ``words[0]`` is the command name."""
    index, positional, only_args = 1, 0, False
    *before, current = words
    while index < len(before):
        word = before[index]
        option = command.option(word) if not only_args and word.startswith("-") else None
        if word == "--" and not only_args:
            only_args = True
        elif option is not None and option.value is not None:
            if index + 1 == len(before):
                return Position(command, option.value, prefix=current)
            index += 1
        elif not only_args and word.startswith("-") and word != "-":
            pass
        elif positional == 0 and command.subcommand(word) is not None:
            return locate(command.subcommand(word), words[index:])  # type: ignore[arg-type]
        else:
            positional += 1
            value = command.positional(positional)
            if value is not None and value.kind == catalogue.COMMAND_LINE:
                # Every later word belongs to the command just named, options included.
                return Position(command, value, prefix=current)
        index += 1
    if not only_args and current.startswith("-"):
        flag, equals, rest = current.partition("=")
        option = command.option(flag)
        if equals and flag.startswith("--") and option is not None and option.value is not None:
            return Position(command, option.value, lead=flag + "=", prefix=rest)
        return Position(command, None, prefix=current)
    if positional == 0 and command.subcommands:
        names = tuple(sub.name for sub in command.subcommands)
        return Position(command, Value(catalogue.WORDS, "command", names), prefix=current)
    # No argument expected here: nothing to offer (options only once a "-" is typed).
    value = command.positional(positional) or _NO_ARGUMENT
    return Position(command, value, prefix=current)


def complete(words: Sequence[str], environ: Mapping[str, str], cwd: Path | None = None,
             spec: Command | None = None) -> list[Candidate]:
    """Every candidate for the last of ``words`` (an empty string when nothing is typed yet).

    ``spec`` describes the command if the catalogue does not (``vew`` itself).
    """
    command = spec if spec is not None else _find(words[0])
    if command is None or len(words) < 2:
        return []
    position = locate(command, words)
    if position.value is None:
        return [Candidate(flag, option.help) for option in position.command.options
                for flag in option.flags if flag.startswith(position.prefix)]
    found = _values(position, environ, cwd or Path.cwd())
    return [Candidate(position.lead + candidate.value, candidate.description)
            for candidate in found if candidate.value.startswith(position.prefix)]


def _find(name: str) -> Command | None:
    name = os.path.basename(name)
    if name == "vew":
        return catalogue.vew_command()
    return catalogue.BY_NAME.get(name)


def _values(position: Position, environ: Mapping[str, str], cwd: Path) -> list[Candidate]:
    from vew import settings

    value = position.value
    assert value is not None
    kind, prefix = value.kind, position.prefix
    current = settings.load(environ)
    if kind == catalogue.ENV:
        from vew import store

        return [Candidate(name) for name in store.names_in(current.workon_home)]
    if kind == catalogue.WORDS:
        subcommands = {sub.name: sub.summary for sub in position.command.subcommands}
        return [Candidate(word, subcommands.get(word, "")) for word in value.words]
    if kind == catalogue.TEMPLATE:
        return [Candidate(name, description) for name, description in templates(current)]
    if kind in (catalogue.DIRECTORY, catalogue.FILE):
        return list(entries(cwd, prefix, environ, directories_only=kind == catalogue.DIRECTORY))
    if kind in (catalogue.ENV_DIR, catalogue.SITE_DIR):
        base = active_env(environ) if kind == catalogue.ENV_DIR else site_packages(environ)
        return list(entries(base, prefix, environ, directories_only=True)) if base else []
    if kind == catalogue.COMMAND:
        return [Candidate(name) for name in executables(environ.get("PATH", ""), prefix)]
    return []


def entries(base: Path, prefix: str, environ: Mapping[str, str], *,
            directories_only: bool) -> Iterator[Candidate]:
    """Entries of ``base``/``prefix``'s directory part starting with its last part.

    Directories end with ``/``; a name starting with ``.`` only when the last part does too.
    """
    directory, _, partial = prefix.rpartition("/")
    if directory or prefix.startswith("/"):
        directory += "/"
    lookup = directory
    if lookup.startswith("~/"):
        lookup = environ.get("HOME", str(Path.home())) + lookup[1:]
    try:
        names = sorted(os.listdir(base / lookup if lookup else base))
    except OSError:
        return
    for name in names:
        if not name.startswith(partial) or (name.startswith(".") and not partial.startswith(".")):
            continue
        is_dir = (base / lookup / name).is_dir()
        if is_dir:
            yield Candidate(f"{directory}{name}/")
        elif not directories_only:
            yield Candidate(f"{directory}{name}")


def executables(path: str, prefix: str) -> list[str]:
    found: set[str] = set()
    for directory in path.split(os.pathsep):
        try:
            names = os.listdir(directory or ".")
        except OSError:
            continue
        for name in names:
            if name.startswith(prefix) and os.access(os.path.join(directory, name), os.X_OK):
                found.add(name)
    return sorted(found)


def active_env(environ: Mapping[str, str]) -> Path | None:
    value = environ.get("VIRTUAL_ENV")
    return Path(value) if value and os.path.isdir(value) else None


def site_packages(environ: Mapping[str, str]) -> Path | None:
    from vew import layout

    env = active_env(environ)
    return layout.site_packages(env) if env else None


def templates(current: Any) -> list[tuple[str, str]]:
    """Project templates and their one-line descriptions, by name, as ``mkproject -l`` has
    them; a plugin's is where it comes from, as loading its code on every Tab is not cheap."""
    from vew import plugins, project_templates

    found = []
    for name, template in project_templates.available(current).items():
        if template.entry is not None:
            found.append((name, f"from {plugins.origin(template.entry)}"))
        else:
            found.append((name, project_templates.describe(template)))
    return found


# --- the lean entry point --------------------------------------------------------------------


def main(argv: list[str]) -> int:
    from vew import settings

    what, *args = argv or [""]
    if what == "site-packages" and len(args) == 1:
        site = site_packages({"VIRTUAL_ENV": args[0]})
        if site is None:
            return 1
        print(site)
        return 0
    if what == "templates":
        for name, description in templates(settings.load()):
            print(f"{name}\t{description}")
        return 0
    if what == "words" and len(args) >= 3:
        return _print_words(args)
    print("usage: vew __complete site-packages ENV | templates | "
          "words SHELL [--spec JSON] WORD... CURRENT", file=sys.stderr)
    return 2


def _print_words(args: list[str]) -> int:
    """One candidate a line: the word to insert (quoted for SHELL), the value, its description."""
    from vew import shells

    shell, *words = args
    spec = None
    if words[:1] == ["--spec"] and len(words) >= 4:
        spec = catalogue.from_json(words[1])
        words = words[2:]
    try:
        dialect = shells.get(shell)
    except KeyError:
        report_error(f"unknown shell: {shell}")
        return 2
    lines = [f"{dialect.word(c.value)}\t{c.value}\t{c.description}\n"
             for c in complete(words, os.environ, spec=spec)]
    # UTF-8 whatever the locale: the shims read it so (PowerShell sets its decoding to match).
    sys.stdout.buffer.write("".join(lines).encode("utf-8", "surrogateescape"))
    return 0


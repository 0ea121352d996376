"""Reading a virtualenvwrapper command's line, and printing its help, from the catalogue.

Every command the core runs reads its arguments here, by its :class:`vew.catalogue.Command`
entry: which options it has and whether they take a value, which arguments it takes, and how it
treats an option it does not list. The same entry feeds completion and ``virtualenvwrapper``'s
listing, so what is parsed, completed and documented cannot drift apart.

The rules, virtualenvwrapper's where it has one:

* an option is spelled exactly as listed (``--python`` is not ``--pyth`` nor ``--python-x``);
  a long option takes its value as ``--opt=VALUE`` or as the next word, a short one as the next
  word; short flags without values may be joined (``-bl``);
* an option that shows something (``-h``, ``mkproject -l``) ends the reading: nothing else on
  the line is looked at, and the command acts on nothing;
* options come before the arguments, unless the command takes them anywhere (the commands
  that create environments, as virtualenvwrapper does); ``--`` ends the options;
* an unlisted option is a mistake, or an argument (``lssitepackages``: ``ls``'s), or the
  creator's own (``mkvirtualenv``): then it is checked against virtualenv's options and handed
  on with its value; when the creator is a command of the user's (``VIRTUALENVWRAPPER_VIRTUALENV``)
  whose options vew cannot know, the name must come last, as in virtualenvwrapper;
* a mistake is one line naming what is wrong, with the command's usage status; the words the
  user typed appear as Python shows them (``repr``), so that none can break the line or reach
  the terminal as a control sequence.
"""

from __future__ import annotations

import sys

from vew import catalogue
from vew.errors import UsageError

# Every command reads its line here first: plain classes and no module a bare interpreter has
# not loaded (textwrap only for a help text).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from vew.catalogue import Command, Option

    # The creator's options, each with how many values it takes (0 or 1); None for a creator
    # whose options vew cannot know.
    CreatorOptions = Mapping[str, int] | None

_WIDTH = 95  # the help's lines, as long as the catalogue's own text


class Given:
    """What a command line said, by the catalogue's options: each option given as its first
    flag and its value, the arguments, and the creator's words, in order."""

    __slots__ = ("args", "command", "creator", "options")

    def __init__(self, command: Command) -> None:
        self.command = command
        self.options: list[tuple[str, str | None]] = []
        self.args: list[str] = []
        self.creator: list[str] = []

    def _key(self, flag: str) -> str:
        option = self.command.option(flag)
        assert option is not None, (self.command.name, flag)
        return option.flags[0]

    def flag(self, flag: str) -> bool:
        key = self._key(flag)
        return any(given == key for given, _ in self.options)

    def values(self, flag: str) -> list[str]:
        key = self._key(flag)
        return [value for given, value in self.options if given == key and value is not None]

    def value(self, flag: str) -> str | None:
        found = self.values(flag)
        return found[-1] if found else None

    def last(self, *flags: str) -> str | None:
        """Which of ``flags`` (by their first spelling) was given last, if any."""
        keys = [self._key(flag) for flag in flags]
        found = [given for given, _ in self.options if given in keys]
        return found[-1] if found else None

    @property
    def help(self) -> bool:
        return catalogue.HELP in self.command.options and self.flag("-h")


class _Reader:
    def __init__(self, command: Command, args: Sequence[str],
                 creator_options: Callable[[], CreatorOptions]) -> None:
        self.command = command
        self.words = list(args)
        self.index = 0
        self.given = Given(command)
        self.creator_options = creator_options
        # A creating command's words that are not its own, in order, each with whether it came
        # after "--": the creator's options and their values, and the arguments among them.
        self.loose: list[tuple[str, bool]] = []
        self.options_open = True

    def mistake(self, text: str) -> UsageError:
        return UsageError(f"{self.command.name}: {text}", self.command.mistake_status)

    def next_word(self) -> str | None:
        if self.index >= len(self.words):
            return None
        word = self.words[self.index]
        self.index += 1
        return word

    def read(self) -> Given:
        while (word := self.next_word()) is not None:
            if self.options_open and word == "--":
                self.options_open = False
            elif self.options_open and _looks_like_option(word):
                if self.option(word):
                    return self.given
            else:
                self.argument(word)
        self.finish()
        return self.given

    def argument(self, word: str) -> None:
        if self.command.unlisted == catalogue.CREATOR:
            self.loose.append((word, not self.options_open))
        else:
            self.given.args.append(word)
        self.options_open = self.options_open and self.command.options_anywhere

    def option(self, word: str) -> bool:
        """Take an option word; True when it shows something and the reading ends."""
        flag, equals, inline = _split(word)
        option = self.command.option(flag)
        if option is None:
            joined = self.joined_flags(word)
            if joined:
                self.given.options += [(each.flags[0], None) for each in joined]
            elif self.command.unlisted == catalogue.CREATOR:
                self.loose.append((word, False))
            elif self.command.unlisted == catalogue.ARGUMENT:
                self.argument(word)
            else:
                raise self.mistake(f"unknown option {word!r} ({self.command.name} -h lists "
                                   "its options)")
            return False
        if option.value is None:
            if equals:
                raise self.mistake(f"option {flag} takes no value")
            self.given.options.append((option.flags[0], None))
            return option.alone
        value = inline if equals else self.next_word()
        if value is None:
            raise self.mistake(f"option {flag} needs a value ({option.value.label})")
        self.given.options.append((option.flags[0], value))
        return option.alone

    def joined_flags(self, word: str) -> list[Option]:
        """``-bl``: the command's own short flags without values, written as one word."""
        if word.startswith("--") or len(word) < 3:
            return []
        found = [self.command.option(f"-{letter}") for letter in word[1:]]
        if all(option is not None and option.value is None and not option.alone
               for option in found):
            return [option for option in found if option is not None]
        return []

    def finish(self) -> None:
        if self.loose:
            self.sort_loose()
        command, args = self.command, self.given.args
        if len(args) < command.required:
            label = command.args[len(args)].label
            raise self.mistake(f"no {label} given ({command.name} -h shows the usage)")
        if command.strict and command.rest is None and len(args) > len(command.args):
            raise self.mistake(f"unexpected argument {args[len(command.args)]!r}")

    def sort_loose(self) -> None:
        """Tell the creator's words from the command's arguments among :attr:`loose`."""
        any_option = any(not literal and _looks_like_option(word) for word, literal in self.loose)
        table = self.creator_options() if any_option else {}
        if table is None:
            self.sort_by_position()
            return
        words = iter(self.loose)
        for word, literal in words:
            if literal or not _looks_like_option(word):
                self.given.args.append(word)
                continue
            flag, equals, _ = _split(word)
            count = table.get(flag)
            if count is None and not word.startswith("--") and len(word) > 2 and \
                    all(table.get(f"-{letter}") == 0 for letter in word[1:]):
                count = 0  # -vv: the creator's own short flags, joined
            if count is None:
                raise self.mistake(f"unknown option {word!r}: neither {self.command.name}'s "
                                   f"nor virtualenv's ({self.command.name} -h lists both)")
            self.given.creator.append(word)
            if count and not equals:
                value = next(words, None)
                if value is None:
                    raise self.mistake(f"option {flag} needs a value")
                self.given.creator.append(value[0])

    def sort_by_position(self) -> None:
        """A creator whose options vew cannot know: the arguments come last, as
        virtualenvwrapper has it, and every word before them is the creator's."""
        words = [word for word, _ in self.loose]
        taken = min(len(self.command.args), len(words))
        tail = words[len(words) - taken:]
        for word in tail:
            if _looks_like_option(word):
                raise self.mistake(f"{word!r} cannot come last: with VIRTUALENVWRAPPER_VIRTUALENV "
                                   f"set, the {self.command.args[0].label} must come last")
        self.given.args.extend(tail)
        self.given.creator.extend(words[:len(words) - taken])


def _looks_like_option(word: str) -> bool:
    return word.startswith("-") and word != "-"


def _split(word: str) -> tuple[str, bool, str]:
    """``--opt=value``: the flag, whether a value is joined to it, the value."""
    if not word.startswith("--"):
        return word, False, ""
    flag, equals, value = word.partition("=")
    return flag, bool(equals), value


def _no_creator() -> CreatorOptions:
    return None


def parse(command: Command, args: Sequence[str],
          creator_options: Callable[[], CreatorOptions] = _no_creator) -> Given:
    """Read ``args`` for ``command``; a :class:`UsageError` names the first mistake.

    ``creator_options`` is asked, once and only if an unlisted option turns up, for the
    creator's options (see :data:`CreatorOptions`).
    """
    return _Reader(command, args, creator_options).read()


# --- help --------------------------------------------------------------------------------------


def metavar(option: Option) -> str:
    return option.value.label.replace(" ", "_") if option.value else ""


def usage(command: Command) -> str:
    """``Usage: NAME [OPTION]... ARG...``, wrapped to a terminal's width."""
    words = []
    for option in command.options:
        spelled = " ".join(filter(None, ["|".join(option.flags), metavar(option)]))
        words.append(f"[{spelled}]..." if option.repeat else f"[{spelled}]")
    if command.unlisted == catalogue.CREATOR:
        words.append("[virtualenv_options]")
    for index, value in enumerate(command.args):
        name = value.label.replace(" ", "_")
        words.append(name if index < command.required else f"[{name}]")
    if command.rest is not None:
        words.append(f"[{command.rest.label.replace(' ', '_')}...]")
    import textwrap

    lead = f"Usage: {command.name} "
    # A line may break between two words, never inside one ("[-i package]").
    text = textwrap.fill(" ".join(word.replace(" ", "\0") for word in words), width=_WIDTH,
                         initial_indent=lead, subsequent_indent=" " * len(lead),
                         break_long_words=False, break_on_hyphens=False)
    return text.replace("\0", " ")


def help_text(command: Command) -> str:
    """``Usage: ...``, what the command does, each option, then the command's own notes."""
    rows = [(" ".join(filter(None, [", ".join(option.flags), metavar(option)])),
             option.help + (" (repeatable)" if option.repeat and "repeatable" not in option.help
                            else ""))
            for option in command.options]
    width = max((len(spelled) for spelled, _ in rows), default=0)
    lines = [usage(command), "", f"{command.summary[:1].upper()}{command.summary[1:]}.", ""]
    lines += [f"  {spelled:<{width}}  {text}" for spelled, text in rows]
    if command.details:
        lines += ["", command.details]
    return "\n".join(lines) + "\n"


def show_help(command: Command, *more: Callable[[], None]) -> None:
    """Print ``command``'s help on stdout, then what each of ``more`` prints.

    A reader that stops early (``mkvirtualenv -h | head -1``) ends it quietly: the rest of the
    output goes nowhere, with no traceback.
    """
    try:
        sys.stdout.write(help_text(command))
        for part in more:
            part()
        sys.stdout.flush()
    except BrokenPipeError:
        from vew import closed_pipe

        closed_pipe.discard_stdout()


def asks_for_help(name: str, args: Sequence[str]) -> bool:
    """Whether ``args`` ask for the help of the catalogue's command ``name`` (and nothing else
    is done); a line that does not parse asks for no help."""
    command = catalogue.BY_NAME.get(name)
    if command is None:
        return False
    try:
        return parse(command, args).help
    except UsageError:
        return False


def read(name: str, args: Sequence[str]) -> Given | None:
    """The line of the catalogue's command ``name``; None when it asked for the command's
    help, which is then shown (the command does nothing else)."""
    command = catalogue.BY_NAME[name]
    given = parse(command, args)
    if given.help:
        show_help(command)
        return None
    return given

"""Shell dialects: how each shell quotes a value, names a variable and loads the shim.

One small class per shell (see :mod:`vew.shells.bash` and its siblings); the shim itself lives
in ``shell/`` as real files of that shell, with ``__VEW_*__`` placeholders that
:func:`render_shim` fills in.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from pathlib import Path
    from re import Match

    from vew import steps
    from vew.shells.dialect import Dialect

NAMES = ("bash", "zsh", "fish", "powershell")
ALIASES = {"pwsh": "powershell", "powershell.exe": "powershell", "pwsh.exe": "powershell",
           "sh": "bash"}


def get(name: str) -> Dialect:
    name = ALIASES.get(name, name)
    if name not in NAMES:
        raise KeyError(name)
    __import__(f"vew.shells.{name}")
    dialect: Dialect = sys.modules[f"vew.shells.{name}"].DIALECT
    return dialect


def template_dir() -> Path:
    """``shell/`` inside the installed package, or beside ``src/`` in a source checkout."""
    from pathlib import Path

    packaged = Path(__file__).resolve().parent.parent / "shell"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "shell"


def render_steps(dialect: Dialect, sequence: Iterable[steps.Step]) -> str:
    from vew import steps

    lines = []
    for item in sequence:
        args = [dialect.ref(arg.name) if isinstance(arg, steps.Var) else dialect.quote(arg)
                for arg in item.args]
        lines.append(" ".join([f"_vew_{item.action}", *args]))
    return "\n".join(lines)


def render_message(dialect: Dialect, key: str) -> str:
    """The message ``key`` of :data:`vew.messages.MESSAGES` as one string expression of the
    shell, its fields the function's locals or the dialect's constants."""
    import re

    from vew import steps
    from vew.messages import MESSAGES

    parts: list[str | steps.Var] = []
    for index, piece in enumerate(re.split(r"\{(\w+)\}", MESSAGES[key])):
        if index % 2 == 0:
            parts.append(piece)
        elif piece == "activate_note":
            parts.append(dialect.activate_note)
        else:
            parts.append(steps.Var(piece))
    # Neighbouring text in one quoted piece.
    joined: list[str | steps.Var] = []
    for part in parts:
        if isinstance(part, str) and joined and isinstance(joined[-1], str):
            joined[-1] += part
        else:
            joined.append(part)
    return dialect.concat(joined)


def render_checks(dialect: Dialect, checks: Iterable[steps.Check]) -> str:
    """Each check as a call of its predicate, reporting its message when that is true."""
    from vew import steps

    return "\n".join(
        dialect.check(render_steps(dialect, [steps.Step(check.verb, check.args)]),
                      render_message(dialect, check.message), check.fatal)
        for check in checks)


def render_settings(dialect: Dialect, config: Mapping[str, str]) -> str:
    """The start-up block setting :data:`vew.settings.SHIM_SETTINGS`, with the configuration
    file's values ``config`` (text, by key) as the shim's defaults."""
    from vew.settings import KEYS, SHIM_SETTINGS

    variables = {key.name: key.variable for key in KEYS}
    blocks = []
    for setting in SHIM_SETTINGS:
        given = config.get(setting.key, "")
        default = (dialect.quote(setting.text) if setting.text else
                   dialect.env_ref(setting.variable) if setting.variable else "")
        block = dialect.setting(variables[setting.key], dialect.quote(given) if given else "",
                                default)
        if block:
            blocks.append(block)
    return "\n".join(blocks)


# Placeholders that stand for lines of code, indented like the placeholder; any other stands
# for one quoted value, where a newline is part of the value and must stay as it is.
_BLOCKS = frozenset({"__VEW_ACTIVATE_STEPS__", "__VEW_DEACTIVATE_STEPS__",
                     "__VEW_INITIALIZE_STEPS__", "__VEW_WORKON_CHECKS__", "__VEW_SETTINGS__",
                     "__VEW_CORE_COMMANDS__", "__VEW_COMPLETION_SPEC__",
                     "__VEW_COMPLETION_FALLBACK__", "__VEW_COMPLETION_REGISTER__"})


def _substitute(text: str, values: Mapping[str, str]) -> str:
    """Replace every placeholder in a single pass over the template.

    One pass, so that a value which happens to contain a placeholder's name (a path, say)
    is never substituted in turn.
    """
    import re

    def replace(match: Match[str]) -> str:
        key = match.group()
        value = values[key]
        if key in _BLOCKS:
            line_start = text.rfind("\n", 0, match.start()) + 1
            line = text[line_start:match.start()]
            indent = line[:len(line) - len(line.lstrip(" \t"))]
            value = value.replace("\n", "\n" + indent)
        return value

    return re.sub(r"__VEW_[A-Z_]+__", replace, text)


_TEMPLATES: dict[str, str] = {}


def _read(name: str) -> str:
    if name not in _TEMPLATES:
        _TEMPLATES[name] = (template_dir() / name).read_text(encoding="utf-8")
    return _TEMPLATES[name]


def render_loader(core: list[str]) -> str:
    """The file ``VIRTUALENVWRAPPER_SCRIPT`` names: it loads vew into bash or zsh."""
    from vew.shells.posix import PosixDialect

    return _substitute(_read("posix/loader.sh"),
                       {"__VEW_CORE__": " ".join(map(PosixDialect.quote, core))})


def render_shim(dialect: Dialect, core: list[str], script: str = "",
                config: Mapping[str, str] | None = None, *,
                plugin_points: frozenset[str] = frozenset(),
                run_hook_points: frozenset[str] = frozenset()) -> str:
    """The full shim for ``dialect``: the text ``vew init`` prints or writes.

    ``core`` is the command line that calls back into the core by absolute path;
    ``script`` is the file ``VIRTUALENVWRAPPER_SCRIPT`` names (one bash and zsh can source to
    load vew); ``config`` holds the configuration file's settings as text, by key: the
    defaults the shim's load code uses when a variable is not in the environment
    (``__VEW_SETTINGS__``, and ``__VEW_CONFIG_WORKON_HOME__``, quoted, ``''`` when the file does
    not set it: each shell derives ``WORKON_HOME`` its own way).
    ``plugin_points`` are virtualenvwrapper's hook points some installed plugin uses: only at
    those do loading, ``workon`` and ``deactivate`` call the core (see
    :mod:`vew.wrapper_plugins`); ``run_hook_points`` those at which
    ``virtualenvwrapper_run_hook`` must (the same, and those of vew's own plugins).
    """
    from vew import __version__, catalogue, filenames, steps
    from vew.commands import SHELL_FUNCTIONS, wrapped
    from vew.messages import MESSAGES

    values = {
        "__VEW_CORE__": " ".join(dialect.quote(word) for word in core),
        "__VEW_SHELL__": dialect.quote(dialect.name),
        "__VEW_VERSION__": dialect.quote(__version__),
        "__VEW_SCRIPT__": dialect.quote(script),
        "__VEW_PROLOGUE__": dialect.prologue,
        "__VEW_PYTHON__": dialect.quote(core[0]),
        "__VEW_ACTIVATE_STEPS__": render_steps(dialect, steps.activate(plugin_points)),
        "__VEW_DEACTIVATE_STEPS__": render_steps(dialect, steps.deactivate(plugin_points)),
        "__VEW_INITIALIZE_STEPS__": render_steps(dialect, steps.initialize(plugin_points)),
        "__VEW_WORKON_CHECKS__": render_checks(dialect, steps.WORKON_CHECKS),
        # Space-separated and space-ended, for a case pattern: " pre_activate project.template ".
        "__VEW_RUN_HOOK_POINTS__": dialect.quote(" " + " ".join(sorted(run_hook_points)) + " "),
        "__VEW_CORE_COMMANDS__": "\n".join(dialect.wrapper(name) for name in wrapped()),
        **dialect.completion(catalogue.every_command()),
    }
    # What a shell shows of the commands the shim writes itself (fish's -d), from the catalogue.
    for name in SHELL_FUNCTIONS:
        values[f"__VEW_SUMMARY_{name.upper()}__"] = dialect.quote(catalogue.BY_NAME[name].summary)
    for key, option in catalogue.SHIM_OPTIONS.items():
        values[f"__VEW_FLAGS_{key}__"] = dialect.flags_pattern(option.flags)
    for name, filename in filenames.SHIM_NAMES.items():
        values[f"__VEW_FILE_{name}__"] = dialect.quote(filename)
    for message in MESSAGES:
        values[f"__VEW_MESSAGE_{message.upper()}__"] = render_message(dialect, message)
    config = config or {}
    values["__VEW_SETTINGS__"] = render_settings(dialect, config)
    # The one setting each shell derives itself (the others are in __VEW_SETTINGS__).
    values["__VEW_CONFIG_WORKON_HOME__"] = dialect.quote(config.get("workon_home", ""))
    if dialect.helpers:
        values["__VEW_HELPERS__"] = dialect.quote(str(template_dir() / dialect.helpers))
    parts = [_substitute(_read(name), values) for name in dialect.templates]
    return "\n".join(parts)

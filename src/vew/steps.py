"""What a command must do inside the user's shell, as data.

The Python core decides *what* happens and in which order; a dialect (:mod:`vew.shells`)
renders each step as a call to one of the shim's primitives (``_vew_<action>``). The same
sequences serve both the hot path, rendered once into the shim by ``vew init`` with
:class:`Var` references to shell variables, and the per-call commands, rendered with literal
values that the dialect quotes.
"""

from __future__ import annotations

# Plain classes, not dataclasses: every core call builds steps, and importing dataclasses would
# cost it more than the rest of its start.


class Var:
    """A value only the shell knows at run time (a variable of the function being rendered)."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Var) and other.name == self.name

    def __hash__(self) -> int:
        return hash((Var, self.name))

    def __repr__(self) -> str:
        return f"Var({self.name!r})"


Arg = str | Var


class Step:
    __slots__ = ("action", "args")

    def __init__(self, action: str, args: tuple[Arg, ...] = ()) -> None:
        self.action = action
        self.args = args

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Step) and (other.action, other.args) == (self.action, self.args)

    def __hash__(self) -> int:
        return hash((Step, self.action, self.args))

    def __repr__(self) -> str:
        return f"Step({self.action!r}, {self.args!r})"


def step(action: str, *args: Arg) -> Step:
    return Step(action, args)


# The shell variables the hot-path functions hold while the steps below run.
NAME = Var("name")  # the environment's name (in deactivate: the one it leaves)
ENV = Var("env")  # its directory
ENV_BIN = Var("env_bin")  # its script directory: where its own hooks live
HOOK_DIR = Var("hook_dir")  # $VIRTUALENVWRAPPER_HOOK_DIR: the global hooks
PROJECT = Var("project")  # the project directory named by its .project file, or empty
PROJECT_HOOKS = Var("project_hooks")  # PROJECT/.virtualenvwrapper, or empty
CD = Var("cd")  # "1" when workon should cd to the project
MODE = Var("mode")  # deactivate's argument ("nondestructive" or empty)
PYTHON = Var("python")  # ENV_BIN/python: the environment's interpreter

# The shell's internal command that runs virtualenvwrapper's plugins for a point (see
# vew.wrapper_plugins): `plugin-hook POINT ARGS...`.
PLUGIN_HOOK = "plugin-hook"


def plugin_hook(point: str, *args: Arg) -> Step:
    """Have the core run the plugins' hooks for virtualenvwrapper's ``point``, and the shell
    their code."""
    return step("call", PLUGIN_HOOK, point, *args)


def _plugins(point: str, in_use: frozenset[str], *args: Arg) -> tuple[Step, ...]:
    # Only where some plugin has a hook: anywhere else the shell starts no process.
    return (plugin_hook(point, *args),) if point in in_use else ()


# The hot path's hook points: vew's hook files for each, in virtualenvwrapper's order, then
# (where a plugin uses the point) virtualenvwrapper's plugins, as its hook loader ran them.

def initialize(in_use: frozenset[str] = frozenset()) -> tuple[Step, ...]:
    """Loading vew."""
    return (step("source_hook", HOOK_DIR, "initialize"), *_plugins("initialize", in_use))


def activate(in_use: frozenset[str] = frozenset()) -> tuple[Step, ...]:
    """workon NAME, once the environment it leaves (if any) is fully deactivated."""
    return (
        step("run_hook", HOOK_DIR, "preactivate", NAME),
        step("run_hook", ENV_BIN, "preactivate", NAME),
        *_plugins("pre_activate", in_use, NAME),
        step("activate", ENV),
        step("project_cd", PROJECT, CD),
        step("source_hook", PROJECT_HOOKS, "postactivate"),
        step("source_hook", HOOK_DIR, "postactivate"),
        step("source_hook", ENV_BIN, "postactivate"),
        *_plugins("post_activate", in_use),
        step("finish_activate", PROJECT, CD),
    )


def deactivate(in_use: frozenset[str] = frozenset()) -> tuple[Step, ...]:
    """deactivate, and the first half of switching from one environment to another."""
    return (
        step("source_hook", PROJECT_HOOKS, "predeactivate"),
        step("source_hook", ENV_BIN, "predeactivate"),
        step("source_hook", HOOK_DIR, "predeactivate"),
        *_plugins("pre_deactivate", in_use),
        step("env_deactivate", ENV, MODE),
        step("source_hook", ENV_BIN, "postdeactivate"),
        step("source_hook", HOOK_DIR, "postdeactivate"),
        *_plugins("post_deactivate", in_use, NAME),
        step("finish_deactivate", ENV, MODE),
    )


# Without plugins.
ACTIVATE = activate()
DEACTIVATE = deactivate()


class Check:
    """One of workon's health checks: ``_vew_<verb> ARGS...`` is a predicate of each shim, true
    when the problem is there; then the shim reports ``message`` (a key of
    :data:`vew.messages.MESSAGES`) as an error and workon stops with status 1, or, when the
    check is not ``fatal``, as a warning and goes on."""

    __slots__ = ("args", "fatal", "message", "verb")

    def __init__(self, verb: str, args: tuple[Arg, ...], message: str, *,
                 fatal: bool = True) -> None:
        self.verb = verb
        self.args = args
        self.message = message
        self.fatal = fatal

    def __repr__(self) -> str:
        return f"Check({self.verb!r}, {self.args!r}, {self.message!r})"


# What workon checks before it activates NAME, in order: the first true one is what the user
# hears about. The shell sets ENV (empty for a name that cannot be one), ENV_BIN and PYTHON.
WORKON_CHECKS = (
    Check("missing", (ENV,), "env_missing"),
    Check("dangling", (ENV,), "env_dangling"),
    Check("not_directory", (ENV,), "env_not_directory"),
    Check("incomplete", (ENV,), "env_incomplete"),
    Check("no_activate_script", (ENV_BIN,), "env_no_activate"),
    # Before the next: a dangling link is also no interpreter, and says more.
    Check("interpreter_dangling", (PYTHON,), "interpreter_dangling"),
    Check("interpreter_missing", (PYTHON,), "interpreter_missing"),
    # Before the next: python (and PowerShell's activate script) would block reading a FIFO.
    Check("pyvenv_cfg_not_regular", (ENV,), "pyvenv_cfg_not_regular"),
    Check("no_pyvenv_cfg", (ENV,), "no_pyvenv_cfg", fatal=False),
)

# Every verb a Step may have: each is a function `_vew_<verb>` of every shim (the contract,
# which tests/shells/test_contract.py checks in each shell).
VERBS = ("workon", "activate", "deactivate", "env_deactivate", "finish_activate",
         "finish_deactivate", "project_cd", "source_hook", "run_hook", "source_code", "run_in",
         "cd", "echo", "call")

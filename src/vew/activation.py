"""Running something inside an environment as if it were activated, without its hooks.

Two forms, one per kind of thing to run: a program the core starts gets the variables an
activate script would export (:func:`environ`); a command of the user's shell (a function, an
alias, a builtin) is run by the shim in a subshell that sources the environment's own activate
script (:func:`run_in`, the ``_vew_run_in`` primitive).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from vew import layout
from vew.steps import Step, step


def _without(path: str, directory: str) -> list[str]:
    return [entry for entry in path.split(os.pathsep) if entry and entry != directory]


def environ(env: Path, base: Mapping[str, str]) -> dict[str, str]:
    """The environment variables a program sees once ``env`` is activated.

    What the activate scripts export: ``VIRTUAL_ENV``, ``VIRTUAL_ENV_PROMPT`` and ``PATH`` with
    the environment's script directory first; ``PYTHONHOME`` is dropped. An environment active
    in ``base`` is left first, so its script directory no longer shadows this one's.
    """
    result = dict(base)
    result.pop("PYTHONHOME", None)
    path = base.get("PATH", "")
    previous = base.get("VIRTUAL_ENV")
    entries = _without(path, str(layout.bin_dir(Path(previous)))) if previous else \
        [entry for entry in path.split(os.pathsep) if entry]
    result["PATH"] = os.pathsep.join([str(layout.bin_dir(env)), *entries])
    result["VIRTUAL_ENV"] = str(env)
    prompt = layout.read_pyvenv_cfg(env).get("prompt", "")
    if len(prompt) >= 2 and prompt[0] == prompt[-1] and prompt[0] in "'\"":
        prompt = prompt[1:-1]  # the standard library's venv writes it as a Python literal
    result["VIRTUAL_ENV_PROMPT"] = prompt or env.name
    return result


def run_in(env: Path, argv: Sequence[str]) -> Step:
    """The step that runs ``argv`` in a subshell of the user's shell with ``env`` activated."""
    return step("run_in", str(env), *argv)

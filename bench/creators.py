"""The creator figures: ``mkvirtualenv`` with uv against ``uv venv --seed``, and
``mkvirtualenv -r`` of a dozen local wheels with uv against the default creator.

uv works offline when the benchmark's caller does (``PIP_NO_INDEX``, ``PIP_FIND_LINKS`` become
``UV_OFFLINE`` and ``UV_FIND_LINKS``), with a cache of its own in the throw-away world; its
first creation, which fills that cache, is a warm-up sample and is dropped.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bench.results import Measurement
from bench.shells import SCRIPTS, Shell

if TYPE_CHECKING:
    from bench.figures import Plan

PACKAGES = 12
MODULES_PER_PACKAGE = 5


def uv_environ(plan: Plan, **extra: str) -> dict[str, str]:
    """The sandbox's variables plus uv's: its own cache, offline when pip is told to be."""
    assert plan.vew.workon_home is not None
    values = {
        "UV_CACHE_DIR": str(plan.sandbox.root / "uv-cache"),
        "UV_NO_CONFIG": "1",
        "UV_PYTHON_DOWNLOADS": "never",
    }
    if os.environ.get("PIP_NO_INDEX"):
        values["UV_OFFLINE"] = "1"
    if os.environ.get("PIP_FIND_LINKS"):
        values["UV_FIND_LINKS"] = ",".join(os.environ["PIP_FIND_LINKS"].split())
    return plan.sandbox.environ(plan.vew.workon_home, **values, **extra)


def _shell(plan: Plan) -> Shell | None:
    """One shell only, as for mkvirtualenv: nearly all of it is Python and uv."""
    return next((shell for shell in plan.shells if shell.family == "sh"), None)


def _loader(plan: Plan, shell: Shell) -> str | None:
    return plan.vew.loader(shell.name)


def mkvirtualenv_uv(plan: Plan) -> None:
    """``mkvirtualenv NAME`` with ``VEW_CREATOR=uv`` (activation and hooks included) against
    ``uv venv --seed`` on the interpreter vew runs on, which is what vew gives uv."""
    from bench.figures import Task, _run_interleaved
    from vew import uvbin
    from vew.errors import CommandError

    shell = _shell(plan)
    loader = _loader(plan, shell) if shell else None
    if shell is None or loader is None:
        return
    environ = uv_environ(plan)
    try:
        uv = uvbin.find(environ)
    except CommandError as error:
        plan.results.append(Measurement("mkvirtualenv-uv", shell.name, "vew",
                                        note=f"not measured: {error}"))
        return
    tasks = [
        Task(Measurement("mkvirtualenv-uv", shell.name, "vew"), shell, loader,
             SCRIPTS / "mkvirtualenv.sh", {**environ, "VEW_CREATOR": "uv"}, plan.reps.mk_steps),
        Task(Measurement("mkvirtualenv-uv", shell.name, "uv venv"), shell, "",
             SCRIPTS / "uv-venv.sh", {**environ, "BENCH_UV": uv, "BENCH_PYTHON": sys.executable},
             plan.reps.mk_steps),
    ]
    plan.say(f"mkvirtualenv-uv: vew with uv, uv venv --seed in {shell.name}")
    _run_interleaved(plan, tasks, plan.reps.mk_rounds)


def local_wheels(plan: Plan) -> tuple[Path, list[str]]:
    """A requirements file naming a dozen wheels built here (no index), and their modules."""
    from tests.support.wheels import build_wheel

    directory = plan.sandbox.root / "wheels"
    names = [f"bench_pkg_{index:02d}" for index in range(1, PACKAGES + 1)]
    for name in names:
        modules = {f"{name}/__init__.py": "VALUE = 1\n"}
        modules.update({f"{name}/part{part}.py": f"def f{part}():\n    return {part}\n"
                        for part in range(MODULES_PER_PACKAGE)})
        build_wheel(directory, name, modules=modules)
    requirements = plan.sandbox.root / "requirements.txt"
    requirements.write_text(f"--no-index\n--find-links {directory}\n" + "\n".join(names) + "\n")
    return requirements, names


def mkvirtualenv_requirements(plan: Plan) -> None:
    """``mkvirtualenv -r`` of a dozen local wheels: with uv, and with the default creator
    (virtualenv, then the new environment's pip)."""
    from bench.figures import Task, _run_interleaved

    shell = _shell(plan)
    loader = _loader(plan, shell) if shell else None
    if shell is None or loader is None:
        return
    requirements, names = local_wheels(plan)
    environ = uv_environ(plan, BENCH_REQUIREMENTS=str(requirements),
                         BENCH_IMPORTS=", ".join(names))
    body = SCRIPTS / "mkvirtualenv-requirements.sh"
    tasks = [
        Task(Measurement("mkvirtualenv-r", shell.name, "vew"), shell, loader, body,
             {**environ, "VEW_CREATOR": "uv"}, plan.reps.mk_steps),
        Task(Measurement("mkvirtualenv-r", shell.name, "vew-virtualenv"), shell, loader, body,
             {**environ, "VEW_CREATOR": "virtualenv"}, plan.reps.mk_steps),
    ]
    plan.say(f"mkvirtualenv-r: vew with uv, vew with virtualenv in {shell.name}")
    _run_interleaved(plan, tasks, plan.reps.mk_rounds)


FIGURES = {"mkvirtualenv-uv": mkvirtualenv_uv, "mkvirtualenv-r": mkvirtualenv_requirements}

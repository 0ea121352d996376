"""``wipeenv``: uninstall every distribution from the active environment, pip's own aside."""

from __future__ import annotations

import sys

from vew import arguments
from vew.commands import Context, Outcome
from vew.errors import CommandError, report_error

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

    from vew.installer import Installer

# What virtualenvwrapper keeps, compared by normalised name (never by substring).
KEEP = frozenset({"pip", "setuptools", "wheel", "distribute", "wsgiref", "appdirs",
                  "packaging", "pyparsing", "six"})


def normalise(name: str) -> str:
    """A distribution name as PEP 503 compares them."""
    import re

    return re.sub(r"[-_.]+", "-", name).lower()


def _any_distribution(env: Path) -> bool:
    """Whether site-packages holds anything wipeenv would remove (looked at without pip)."""
    from vew import layout

    directory = layout.site_packages(env)
    if directory is None:
        return False
    for entry in directory.iterdir():
        stem, dot, suffix = entry.name.rpartition(".")
        if dot and suffix in ("dist-info", "egg-info", "egg-link") and \
                normalise(stem.split("-")[0]) not in KEEP:
            return True
    return False


def installed(env: Path, installer: Installer, environ: dict[str, str]) -> list[str]:
    """Every distribution of the environment itself, editable installs included.

    ``pip list`` in JSON rather than ``pip freeze``, whose lines for editable installs change
    shape between pip versions; global site-packages are left out.
    """
    import json
    import subprocess

    try:
        done = subprocess.run(installer.list_json(), capture_output=True, text=True,
                              env=environ, check=False)
    except OSError as error:
        raise CommandError(f"cannot run {installer.name}: {error.strerror}") from None
    if done.returncode != 0:
        if not _any_distribution(env):
            return []  # no pip, and nothing it would have to remove
        sys.stderr.write(done.stderr)
        raise CommandError(f"{installer.name} cannot list the packages of {env}"
                           + ("" if installer.uv else " (is pip installed in it?)"))
    try:
        listed = json.loads(done.stdout)
    except json.JSONDecodeError:
        raise CommandError(f"{installer.name} list gave output wipeenv cannot read") from None
    return [item["name"] for item in listed if normalise(item["name"]) not in KEEP]


def run(args: list[str], context: Context) -> Outcome:
    if arguments.read("wipeenv", args) is None:
        return Outcome()
    import subprocess

    from vew import log, store
    from vew.installer import for_env

    store.ensure_home(context.settings.workon_home)
    env = context.require_active_env()
    environ = dict(context.environ)
    installer = for_env(env, context.settings, environ)
    names = installed(env, installer, environ)
    if not names:
        print("Nothing to remove.")
        return Outcome()
    print("Uninstalling packages:")
    print()
    status = 0
    for name in names:
        print(name)
        sys.stdout.flush()
        result = subprocess.call(installer.uninstall(name), env=environ)
        log.event("wipeenv: %s uninstall %s: status %d", installer.name, name, result)
        if result != 0:
            report_error(f"could not uninstall {name}")
            status = 1
    return Outcome(status)

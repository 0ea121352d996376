"""``vew repair``: rebuild an environment in place on an interpreter that exists.

What the environment held is read from files (site-packages metadata, ``pyvenv.cfg``), never by
running its interpreter, which may be gone. Nothing is lost that the rebuild cannot make again:
every file that neither the creator nor a reinstalled package makes (editable checkouts under
``src/``, hooks, ``.project``, ``.pth`` files, anything else) is copied into the new
environment. The old environment waits aside, untouched, until the new one is complete; it goes
back exactly as it was when anything fails, when a package cannot be reinstalled (unless
``--force``), on Ctrl-C, SIGTERM or SIGHUP, and after SIGKILL at the next vew command (see
:mod:`vew.backups`). A healthy environment is only rebuilt with ``--force``.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from email.parser import HeaderParser
from pathlib import Path
from urllib.parse import unquote, urlparse

from vew import backups, creator, files, health, layout, log, pythons, store
from vew.errors import CommandError, report_error
from vew.installer import for_env
from vew.running import activated_environ
from vew.settings import Settings

# Seeded by the creator itself; reinstalling them would only fight the seeder's versions.
SEEDED = {"pip", "setuptools", "wheel"}


@dataclass(frozen=True)
class Distribution:
    name: str
    version: str
    editable: Path | None = None

    def requirement(self) -> list[str]:
        if self.editable is not None:
            return ["-e", str(self.editable)]
        return [f"{self.name}=={self.version}"]


@dataclass
class Plan:
    name: str
    env: Path
    python: str
    old_version: str | None
    distributions: list[Distribution]
    creator_args: list[str]
    # Files (and symlinks, and empty directories) of the old environment that no creator and
    # no reinstall makes again, relative to it: checkouts under src/, hooks, .project, .pth
    # files, anything the user put there. They are copied into the rebuilt environment.
    carried: list[str] = field(default_factory=list)
    # uv made it: uv rebuilds it, whatever the creator setting.
    made_by_uv: bool = False


def _editable_location(dist_info: Path) -> Path | None:
    try:
        data = json.loads((dist_info / "direct_url.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not data.get("dir_info", {}).get("editable"):
        return None
    url = urlparse(data.get("url", ""))
    return Path(unquote(url.path)) if url.scheme == "file" else None


def installed(site_packages: Path | None) -> list[Distribution]:
    """Distributions from their ``*.dist-info`` metadata; editable ones keep their source."""
    if site_packages is None:
        return []
    found = {}
    for dist_info in sorted(site_packages.glob("*.dist-info")):
        try:
            headers = HeaderParser().parsestr(
                (dist_info / "METADATA").read_text(encoding="utf-8", errors="replace"))
        except OSError:
            continue
        name, version = headers.get("Name"), headers.get("Version")
        if not name or not version or name.lower() in SEEDED:
            continue
        found[name.lower()] = Distribution(name, version, _editable_location(dist_info))
    for egg_link in sorted(site_packages.glob("*.egg-link")):
        source = egg_link.read_text(encoding="utf-8").splitlines()[0].strip()
        name = egg_link.stem
        if name.lower() not in found:
            found[name.lower()] = Distribution(name, "", Path(source))
    return list(found.values())




# What a creator makes in every environment: the rebuilt one has its own.
_CREATOR_TOP = {"pyvenv.cfg", ".gitignore", "CACHEDIR.TAG", "lib64"}
_CREATOR_SCRIPTS = re.compile(
    r"(activate|activate\..*|Activate\.ps1|deactivate\..*|python.*|pypy.*|pip.*|wheel.*"
    r"|easy_install.*|pydoc.*)", re.IGNORECASE)
_CREATOR_SITE = {"_virtualenv.py", "_virtualenv.pth", "distutils-precedence.pth",
                 "easy-install.pth"}


def _recorded(env: Path, site_packages: Path | None) -> set[str]:
    """Every path, relative to ``env``, that an installed distribution's RECORD lists: what
    reinstalling (or reseeding) makes again."""
    owned: set[str] = set()
    if site_packages is None:
        return owned
    base = os.path.relpath(site_packages, env)
    for record in site_packages.glob("*.dist-info/RECORD"):
        try:
            rows = list(csv.reader(io.StringIO(files.read_regular_text(record))))
        except (OSError, csv.Error):
            continue
        for row in rows:
            if row and row[0]:
                owned.add(os.path.normpath(os.path.join(base, row[0])))
    return owned


def _creators_own(relative: str, bin_name: str, site_base: str | None) -> bool:
    parts = relative.split(os.sep)
    if len(parts) == 1:
        return parts[0] in _CREATOR_TOP
    if len(parts) == 2 and parts[0] == bin_name:
        return bool(_CREATOR_SCRIPTS.fullmatch(parts[1]))
    if site_base is not None and os.path.dirname(relative) == site_base:
        name = parts[-1]
        return name in _CREATOR_SITE or name.endswith(".egg-link")
    return False


def carried_files(env: Path, site_packages: Path | None) -> list[str]:
    """What of ``env`` a rebuild would lose, relative to it (see :attr:`Plan.carried`)."""
    recorded = _recorded(env, site_packages)
    site_base = os.path.relpath(site_packages, env) if site_packages is not None else None
    bin_name = layout.bin_dir(env).name
    carried = []

    def unreadable(error: OSError) -> None:
        # What cannot be listed cannot be carried over: no rebuild then.
        raise CommandError(f"cannot read {error.filename}: {error.strerror}; a rebuild would "
                           "lose what it holds") from None

    for directory, dirnames, filenames in os.walk(env, onerror=unreadable):
        relative_dir = os.path.relpath(directory, env)
        descend = []
        for name in dirnames:
            relative = os.path.normpath(os.path.join(relative_dir, name))
            if name == "__pycache__" or (relative_dir == site_base and name.endswith(
                    (".dist-info", ".egg-info"))):
                continue  # compiled again; metadata comes back with its distribution
            if os.path.islink(os.path.join(directory, name)):
                if relative not in recorded and not _creators_own(relative, bin_name, site_base):
                    carried.append(relative)
                continue
            descend.append(name)
        dirnames[:] = descend
        if not dirnames and not filenames and relative_dir != ".":
            carried.append(relative_dir)  # an empty directory of the user's
        for name in filenames:
            relative = os.path.normpath(os.path.join(relative_dir, name))
            if relative not in recorded and not _creators_own(relative, bin_name, site_base):
                carried.append(relative)
    return sorted(carried)


def plan(settings: Settings, name: str, python: str | None,
         environ: Mapping[str, str]) -> Plan:
    env = store.path_of(settings.workon_home, name)
    if env.is_symlink():
        raise CommandError(f"{env} is a link to {os.path.realpath(env)}; repair the environment "
                           "where it is")
    if not env.is_dir():
        raise CommandError(f"Environment '{name}' does not exist.")
    cfg = layout.read_pyvenv_cfg(env)
    old_version = health.python_version(cfg)
    chosen = _choose_python(python, old_version, cfg.get("implementation", "CPython"), environ)
    args = [f"--python={chosen}"]
    if cfg.get("include-system-site-packages", "false").lower() == "true":
        args.append("--system-site-packages")
    if cfg.get("prompt"):
        args += ["--prompt", cfg["prompt"]]
    site_packages = layout.site_packages(env)
    return Plan(
        name=name,
        env=env,
        python=chosen,
        old_version=old_version,
        distributions=installed(site_packages),
        creator_args=args,
        carried=carried_files(env, site_packages),
        made_by_uv="uv" in cfg,
    )


def _choose_python(spec: str | None, old_version: str | None, implementation: str,
                   environ: Mapping[str, str]) -> str:
    if spec:
        found = pythons.find(spec, environ)
        return str(found.path) if found else spec
    if old_version:
        nearest = pythons.closest(old_version, environ, implementation)
        if nearest is not None:
            return str(nearest.path)
    raise CommandError("cannot tell which Python to rebuild on; give one with -p")




# Top-level entries every creator makes: a carried path under one of them is listed itself.
_REBUILT_TOPS = {layout.POSIX_BIN, layout.WINDOWS_BIN, "lib", "Lib", "include", "Include"}


def _summary(carried: list[str]) -> list[str]:
    """The carried paths, a directory none of which is rebuilt shown once (``src/``)."""
    shown: list[str] = []
    for path in carried:
        top = path.split(os.sep)[0]
        if top != path and top not in _REBUILT_TOPS:
            if not shown or shown[-1] != top + "/":
                shown.append(top + "/")
        else:
            shown.append(path)
    return shown


def describe(plan: Plan) -> str:
    lines = [f"{plan.name}: rebuild on {plan.python} (was Python {plan.old_version or '?'})"]
    for dist in plan.distributions:
        what = f"editable {dist.editable}" if dist.editable else f"{dist.name}=={dist.version}"
        lines.append(f"    reinstall {what}")
    lines += [f"    keep {path}" for path in _summary(plan.carried)]
    return "\n".join(lines)


def _mapped(relative: str, old_site: str | None, new_site: str | None) -> str:
    """Where a carried path goes when the new interpreter's version names its lib directory
    differently (lib/python3.11/site-packages/x.pth -> lib/python3.12/site-packages/x.pth)."""
    if old_site is None or new_site is None or old_site == new_site:
        return relative
    old_lib, new_lib = os.path.dirname(old_site), os.path.dirname(new_site)
    if relative == old_lib or relative.startswith(old_lib + os.sep):
        return new_lib + relative[len(old_lib):]
    return relative


def carry(plan: Plan, old: Path, new: Path) -> None:
    """Copy the carried paths from the old environment into the new one, as they are (modes,
    times, symlinks as symlinks); what the new one already has is its own and stays."""
    old_site, new_site = layout.site_packages(old), layout.site_packages(new)
    old_base = os.path.relpath(old_site, old) if old_site else None
    new_base = os.path.relpath(new_site, new) if new_site else None
    for relative in plan.carried:
        source = old / relative
        target = new / _mapped(relative, old_base, new_base)
        if os.path.lexists(target):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            os.symlink(os.readlink(source), target)
        elif source.is_dir():
            target.mkdir()
            shutil.copystat(source, target)
        else:
            shutil.copy2(source, target, follow_symlinks=False)
    log.event("carried %d paths of %s into its rebuild", len(plan.carried), plan.env)


def _reinstall(plan: Plan, env: Path, settings: Settings,
               environ: Mapping[str, str]) -> list[Distribution]:
    """Install everything; what fails as a whole is retried one by one. Returns the failures."""
    if not plan.distributions:
        return []
    installer = for_env(env, settings, environ)
    child = activated_environ(env, environ)

    def pip(*requirements: str) -> int:
        sys.stdout.flush()
        return subprocess.call(installer.install("--no-deps", *requirements), env=child)

    everything = [word for dist in plan.distributions for word in dist.requirement()]
    if pip(*everything) == 0:
        return []
    return [dist for dist in plan.distributions if pip(*dist.requirement()) != 0]




class CannotReinstall(CommandError):
    """Packages that could not be installed again: the rebuild is given up."""

    def __init__(self, failures: list[Distribution]) -> None:
        super().__init__(f"cannot reinstall {_listed(failures)}; the environment is back as it "
                         "was (--force rebuilds it without them)")


class Interrupted(BaseException):
    """SIGTERM or SIGHUP during a repair: undone like Ctrl-C, then reported."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _listed(failures: list[Distribution]) -> str:
    return ", ".join(" ".join(dist.requirement()) for dist in failures)


@contextlib.contextmanager
def _signals_undo(state: dict[str, bool]) -> Iterator[None]:
    """SIGTERM and SIGHUP (a closed terminal) raise :class:`Interrupted` while
    ``state["undoable"]``, so that the old environment goes back. Once the repair commits, or
    while it is being undone, they wait: delivered again at the end, with the default action.
    SIGKILL is :mod:`vew.backups`'s business."""
    caught: list[int] = []
    raised: list[int] = []

    def handler(signum: int, _frame: object) -> None:
        caught.append(signum)
        if state["undoable"] and not raised:
            raised.append(signum)
            raise Interrupted(signum)

    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {signum: signal.signal(signum, handler) for signum in wanted}
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)
        if caught and not raised:
            signal.raise_signal(caught[0])


def execute(plan: Plan, settings: Settings, environ: Mapping[str, str], *,
            force: bool = False) -> list[Distribution]:
    """Rebuild; on any failure (Ctrl-C, SIGTERM, SIGHUP included) put the old environment
    back exactly and re-raise. Returns the packages dropped (only with ``force``)."""
    workon_home = settings.workon_home
    backup = backups.pending(workon_home, plan.name)
    finished = backups.done(workon_home, plan.name)
    busy = CommandError(f"'{plan.name}' is being repaired by another process")
    if os.path.lexists(backup) or os.path.lexists(finished):
        raise busy
    state = {"undoable": True}
    failures: list[Distribution] = []
    with backups.held(plan.env) as locked:
        if not locked:
            raise busy
        with _signals_undo(state):
            os.rename(plan.env, backup)
            try:
                with store.building(workon_home, plan.name, repairing=True) as env:
                    creator.create(settings, plan.creator_args, env, environ,
                                   creator=creator.UV if plan.made_by_uv else None)
                    carry(plan, backup, env)
                    failures = _reinstall(plan, env, settings, environ)
                    if failures and not force:
                        raise CannotReinstall(failures)
                    # The commit: from here on the rebuilt environment is the one.
                    state["undoable"] = False
                    os.rename(backup, finished)
            except BaseException:
                state["undoable"] = False
                if os.path.lexists(backup) and not os.path.lexists(plan.env):
                    os.rename(backup, plan.env)
                raise
        store._delete_tree(finished)
    return failures


def repair(settings: Settings, names: list[str], *, every: bool, python: str | None,
           dry_run: bool, environ: Mapping[str, str], force: bool = False) -> int:
    """``vew repair``: 0 when every environment named was rebuilt (or is healthy)."""
    if every:
        names = [report.name for report in map(
            lambda n: health.inspect(settings.workon_home, n, settings.project_filename),
            health.candidates(settings.workon_home)) if report.broken]
        if not names:
            print("Nothing to repair.")
            return 0
    if not names:
        raise CommandError("name the environments to repair, or use --all")
    active = environ.get("VIRTUAL_ENV")
    status = 0
    for name in names:
        try:
            env = store.path_of(settings.workon_home, name)
            if active and Path(active) == env:
                raise CommandError(f"'{name}' is active; deactivate it before repairing it")
            if not force and env.is_dir() and not health.inspect(
                    settings.workon_home, name, settings.project_filename).broken:
                print(f"{name} is healthy; not rebuilt (--force rebuilds it anyway).")
                continue
            current = plan(settings, name, python, environ)
            print(describe(current))
            if dry_run:
                continue
            sys.stdout.flush()
            dropped = execute(current, settings, environ, force=force)
        except CommandError as error:
            report_error(f"{name}: {error}")
            status = 1
            continue
        except (KeyboardInterrupt, Interrupted) as interruption:
            signum = getattr(interruption, "signum", signal.SIGINT)
            with contextlib.suppress(OSError):
                report_error(f"{name}: repair interrupted; the environment is as it was")
            return 128 + int(signum)
        if dropped:
            print(f"WARNING: {name} was rebuilt without {_listed(dropped)}, which could not be "
                  "reinstalled (--force)", file=sys.stderr)
        print(f"Repaired {name}.")
    return status

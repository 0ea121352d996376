"""The ``vew`` command line: parses, then delegates to the modules that do the work."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from vew import __version__, integration, shells
from vew.errors import CommandError

if TYPE_CHECKING:
    from vew.settings import Settings

app = typer.Typer(
    name="vew",
    help="Named virtual environments in every shell, compatible with virtualenvwrapper.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"vew {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Named virtual environments in every shell, compatible with virtualenvwrapper."""


@app.command()
def init(
    shell: Annotated[str | None, typer.Argument(
        help="bash, zsh, fish or powershell; detected when omitted.",
        autocompletion=lambda: list(shells.NAMES))] = None,
    static: Annotated[bool, typer.Option(
        "--static", help="Write the shim to a file once and print the line that sources it "
        "(no Python at shell start).")] = False,
    install: Annotated[bool, typer.Option(
        "--install", help="With --static: also add that line to the shell's rc file.")] = False,
) -> None:
    """Print the shell integration: eval "$(vew init bash)" in ~/.bashrc."""
    try:
        dialect = shells.get(shell.lower()) if shell else shells.get(integration.detect_shell())
    except KeyError:
        typer.echo(f"ERROR: unsupported shell {shell!r}; choose one of "
                   f"{', '.join(shells.NAMES)}", err=True)
        raise typer.Exit(2) from None
    defaults = _config_defaults()
    _refresh_project_index()
    if not static:
        if install:
            typer.echo("ERROR: --install goes with --static", err=True)
            raise typer.Exit(2)
        typer.echo(integration.shim(dialect, config=defaults), nl=False)
        return
    path = integration.write_static(dialect, defaults)
    if install:
        rc, added = integration.install_source_line(dialect, path)
        verb = "added to" if added else "already in"
        typer.echo(f"{dialect.source_line(str(path))}  # {verb} {rc}")
        return
    typer.echo(dialect.source_line(str(path)))


def _config_defaults() -> dict[str, str]:
    try:
        return integration.config_defaults()
    except CommandError as error:
        typer.echo(f"ERROR: {error}", err=True)
        raise typer.Exit(error.status) from None


@app.command("config")
def config_command(
    path: Annotated[bool, typer.Option(
        "--path", help="Print the configuration file's path (it need not exist).")] = False,
) -> None:
    """Show every setting, its value, and where it came from (environment, file, default)."""
    from vew import config, configfile

    if path:
        typer.echo(str(configfile.path()))
        return
    for line in config.report(_settings()):
        typer.echo(line)


def _refresh_project_index() -> None:
    try:
        integration.refresh_project_index()
    except CommandError as error:
        typer.echo(f"ERROR: {error}", err=True)
        raise typer.Exit(error.status) from None


def _settings() -> Settings:
    """The settings in force; a configuration file vew cannot use ends the command."""
    from vew import backups, settings

    try:
        current = settings.load()
    except CommandError as error:
        typer.echo(f"ERROR: {error}", err=True)
        raise typer.Exit(error.status) from None
    backups.recover(current.workon_home)
    return current


@app.command()
def doctor() -> None:
    """List every problem in WORKON_HOME and how to fix it (status 1 if any)."""
    from vew import doctor as doctor_module

    raise typer.Exit(doctor_module.report(_settings()))


@app.command()
def pythons() -> None:
    """List the interpreters vew can create environments with, and where each comes from."""
    import os

    from vew import pythons as pythons_module

    for found in pythons_module.discover(os.environ):
        typer.echo(f"{found.implementation:<8} {found.version:<10} {found.source:<6} "
                   f"{found.path}")


@app.command()
def repair(
    names: Annotated[list[str] | None, typer.Argument(
        help="Environments to rebuild.", metavar="ENV")] = None,
    every: Annotated[bool, typer.Option("--all", help="Every broken environment.")] = False,
    python: Annotated[str | None, typer.Option(
        "-p", "--python", metavar="PYTHON", help="Interpreter: a path or a version such as "
        "3.12 (default: the closest to the one the environment had).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only say what would be done.")]
    = False,
    force: Annotated[bool, typer.Option(
        "--force", help="Rebuild a healthy environment too, and drop packages that cannot be "
        "reinstalled (naming them) instead of giving up.")] = False,
) -> None:
    """Rebuild environments in place, keeping packages, hooks, project, settings and every
    file of yours."""
    import os

    from vew import repair as repair_module
    from vew.errors import CommandError

    try:
        status = repair_module.repair(_settings(), list(names or []), every=every,
                                      python=python, dry_run=dry_run, environ=os.environ,
                                      force=force)
    except CommandError as error:
        typer.echo(f"ERROR: {error}", err=True)
        raise typer.Exit(error.status) from None
    raise typer.Exit(status)


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def run(
    name: Annotated[str, typer.Argument(help="The environment.", metavar="ENV")],
    command: Annotated[list[str], typer.Argument(help="The command and its arguments, "
                                                 "after --.", metavar="COMMAND")],
) -> None:
    """Run one command inside an environment, as if it were activated (no hooks)."""
    import os

    from vew import names, running
    from vew.errors import CommandError

    try:
        status = running.run_named(_settings().workon_home, name, command, os.environ)
    except (CommandError, names.InvalidName) as error:
        typer.echo(f"ERROR: {error}", err=True)
        raise typer.Exit(getattr(error, "status", 1)) from None
    raise typer.Exit(status)


@app.command()
def link(name: Annotated[str, typer.Argument(help="The environment to link.",
                                             metavar="ENV")]) -> None:
    """Write a .venv file here naming NAME, for auto-activation."""
    from pathlib import Path

    from vew import links, names
    from vew.errors import CommandError

    try:
        path = links.link(_settings().workon_home, name, Path.cwd())
    except (CommandError, names.InvalidName) as error:
        typer.echo(f"ERROR: {error}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Linked {path} to {name}")


def main_entry(args: list[str]) -> int:
    """Run the command line on ``args``; the exit status."""
    try:
        app(args=args, prog_name="vew")
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 1
    return 0

"""The ``vew`` command line: parses, then delegates to the modules that do the work."""

from __future__ import annotations

from typing import Annotated

import typer

from vew import __version__, integration, shells

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
    if not static:
        if install:
            typer.echo("ERROR: --install goes with --static", err=True)
            raise typer.Exit(2)
        typer.echo(integration.shim(dialect), nl=False)
        return
    path = integration.write_static(dialect)
    if install:
        rc, added = integration.install_source_line(dialect, path)
        verb = "added to" if added else "already in"
        typer.echo(f"{dialect.source_line(str(path))}  # {verb} {rc}")
        return
    typer.echo(dialect.source_line(str(path)))


def run(args: list[str]) -> int:
    try:
        app(args=args, prog_name="vew")
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 1
    return 0

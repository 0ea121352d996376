"""The ``vew`` command line: parses, then delegates to the modules that do the work."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from vew import __version__, catalogue, integration, shells
from vew.catalogue import Option, Value
from vew.errors import CommandError, report_error

if TYPE_CHECKING:
    from vew.settings import Settings

app = typer.Typer(
    name="vew",
    help="Named virtual environments in every shell, compatible with virtualenvwrapper.",
    add_completion=False,
    # Plain text everywhere: a mistake is one line (see main_entry), help is click's own.
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"vew {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("-V", "--version", callback=_version, is_eager=True,
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
        report_error(f"unsupported shell {shell!r}; choose one of "
                     f"{', '.join(shells.NAMES)}")
        raise typer.Exit(2) from None
    if install and not static:
        report_error("--install goes with --static")
        raise typer.Exit(2)
    try:
        text, path = integration.render(dialect, static)
    except CommandError as error:
        report_error(str(error))
        raise typer.Exit(error.status) from None
    if path is None:
        typer.echo(text, nl=False)
        return
    if install:
        rc, added = integration.install_source_line(dialect, path)
        verb = "added to" if added else "already in"
        typer.echo(f"{dialect.source_line(str(path))}  # {verb} {rc}")
        return
    typer.echo(dialect.source_line(str(path)))


@app.command("config")
def config_command(
    path: Annotated[bool, typer.Option(
        "--path", help="Print the configuration file's path (it need not exist).")] = False,
) -> None:
    """Show every setting, its value, and where it came from (environment, file, default)."""
    from vew import configfile, settings_report

    if path:
        typer.echo(str(configfile.path()))
        return
    for line in settings_report.report(_settings()):
        typer.echo(line)


def _settings() -> Settings:
    """The settings in force; a configuration file vew cannot use ends the command."""
    from vew import backups, settings

    try:
        current = settings.load()
    except CommandError as error:
        report_error(str(error))
        raise typer.Exit(error.status) from None
    backups.recover(current.workon_home)
    return current


@app.command()
def doctor(
    as_json: Annotated[bool, typer.Option("--json", help="The findings as one JSON object.")]
    = False,
) -> None:
    """List every problem in WORKON_HOME and how to fix it (status 1 if any)."""
    from vew import doctor as doctor_module

    raise typer.Exit(doctor_module.report(_settings(), as_json=as_json))


@app.command()
def pythons(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per interpreter, "
                                          "in a list.")] = False,
) -> None:
    """List the interpreters vew can create environments with, and where each comes from."""
    import json
    import os

    from vew import creator
    from vew import pythons as pythons_module

    oldest = creator.oldest_python(_settings())
    found = pythons_module.by_source(pythons_module.discover(os.environ))
    if as_json:
        typer.echo(json.dumps([
            {"implementation": i.implementation, "version": i.version, "source": i.source,
             "path": str(i.path), "usable": pythons_module.usable(i, oldest)}
            for i in found], indent=2, ensure_ascii=False))
        return
    for interpreter in found:
        note = ""
        if pythons_module.usable(interpreter, oldest) is False:
            assert oldest is not None
            note = f"  (too old: virtualenv needs {oldest[0]}.{oldest[1]} or newer)"
        typer.echo(f"{interpreter.implementation:<8} {interpreter.version:<10} "
                   f"{interpreter.source:<6} {interpreter.path}{note}")


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
        report_error(str(error))
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

    from vew import running
    from vew.errors import CommandError

    try:
        status = running.run_named(_settings().workon_home, name, command, os.environ)
    except CommandError as error:
        report_error(str(error))
        raise typer.Exit(error.status) from None
    raise typer.Exit(status)


@app.command()
def link(name: Annotated[str, typer.Argument(help="The environment to link.",
                                             metavar="ENV")]) -> None:
    """Write a .venv file here naming NAME, for auto-activation."""
    from pathlib import Path

    from vew import dot_venv
    from vew.errors import CommandError

    try:
        path = dot_venv.link(_settings().workon_home, name, Path.cwd())
    except CommandError as error:
        report_error(str(error))
        raise typer.Exit(error.status) from None
    typer.echo(f"Linked {path} to {name}")


def main_entry(args: list[str]) -> int:
    """Run the command line on ``args``; the exit status.

    A mistake on the command line (an unknown command or option, a missing argument) is one
    ``ERROR:`` line on stderr and status 2, not the framework's usage block.
    """
    try:
        status = app(args=args or ["--help"], prog_name="vew", standalone_mode=False)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 1
    except typer.Abort:
        return 1
    except Exception as error:
        # The framework's usage errors (click's, which typer may vendor: matched by shape).
        describe = getattr(error, "format_message", None)
        code = getattr(error, "exit_code", None)
        if describe is None or not isinstance(code, int):
            raise
        report_error(_usage_line(describe(), getattr(error, "ctx", None)))
        return code
    return status if isinstance(status, int) else 0


def _usage_line(message: str, context: object) -> str:
    """``message`` on one line, naming the command and where its help is."""
    path = getattr(context, "command_path", "") or "vew"
    text = " ".join(message.split())
    return f"{path}: {text} (see '{path} --help')"


# --- vew's own command line as a catalogue entry, for completion ------------------------------


def command_spec() -> catalogue.Command:
    """``vew`` itself, read from the definition above (stored as ``catalogue.VEW_COMMAND_FILE``)."""
    group = typer.main.get_command(app)
    return _from_click(group, "vew", group.context_class(group, info_name="vew"))


def _from_click(command: Any, name: str, context: Any) -> catalogue.Command:
    """A catalogue entry for a click-style command (attributes only: typer may vendor click)."""
    options: list[Option] = []
    args: list[Value] = []
    rest: Value | None = None
    for param in command.get_params(context):
        if getattr(param, "hidden", False):
            continue
        value = None if getattr(param, "is_flag", False) else _click_value(param, context)
        if param.param_type_name == "option":
            flags = (*param.opts, *param.secondary_opts)
            options.append(Option(tuple(flags), param.help or "", value,
                                  repeat=bool(getattr(param, "multiple", False))))
        elif value is not None and param.nargs == 1:
            args.append(value)
        elif value is not None and value.kind == catalogue.COMMAND:
            # COMMAND ARGS...: the arguments are that command's own.
            args.append(value)
            rest = Value(catalogue.COMMAND_LINE, "argument")
        elif value is not None:
            rest = value
    subcommands = tuple(
        _from_click(sub, sub_name, sub.context_class(sub, parent=context, info_name=sub_name))
        for sub_name, sub in sorted(getattr(command, "commands", {}).items())
        if not getattr(sub, "hidden", False)
    )
    summary = command.get_short_help_str(limit=80) if name != "vew" else (command.help or "")
    return catalogue.Command(name, summary, tuple(options), tuple(args), rest, subcommands)


def _click_value(param: Any, context: Any) -> Value:
    if param.metavar in catalogue.METAVARS:
        return catalogue.METAVARS[param.metavar]
    label = (param.metavar or param.name or "value").lower()
    words = tuple(getattr(item, "value", item) for item in param.shell_complete(context, ""))
    if words:
        return Value(catalogue.WORDS, label, tuple(str(word) for word in words))
    descriptor = getattr(param, "type_descriptor", None)
    click_type = getattr(getattr(param, "type", None), "name", "")
    if click_type == "path" or getattr(descriptor, "is_path", False):
        return Value(catalogue.FILE, label)
    return Value(catalogue.NOTHING, label)


if __name__ == "__main__":
    from pathlib import Path

    Path(catalogue.VEW_COMMAND_FILE).write_text(catalogue.to_json(command_spec()) + "\n",
                                                encoding="utf-8")

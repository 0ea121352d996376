"""``toggleglobalsitepackages [-q]``: flip ``include-system-site-packages`` in ``pyvenv.cfg``."""

from __future__ import annotations

from vew import arguments
from vew.commands import Context, Outcome
from vew.errors import CommandError

# Key case-insensitive, spaces around "=" optional: what Python's `site` accepts.
_SETTING = r"^(\s*include-system-site-packages\s*=\s*)(.*?)(\s*)$"
KEY = "include-system-site-packages"


def toggled(text: str) -> tuple[str, bool]:
    """``pyvenv.cfg`` text with the setting flipped, and whether it is now enabled.

    ``site`` reads the last occurrence and enables only ``true``; every occurrence gets the
    new value, other lines stay as they are.
    """
    import re

    setting = re.compile(_SETTING, re.IGNORECASE)
    lines = text.splitlines(keepends=True)
    matches = [(i, setting.match(line.rstrip("\r\n"))) for i, line in enumerate(lines)]
    found = [(i, match) for i, match in matches if match]
    enabled = not (found and found[-1][1][2].lower() == "true")
    value = "true" if enabled else "false"
    if not found:
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        lines.append(f"{KEY} = {value}\n")
    for i, match in found:
        ending = lines[i][len(lines[i].rstrip("\r\n")):]
        lines[i] = f"{match[1]}{value}{match[3]}{ending}"
    return "".join(lines), enabled


def run(args: list[str], context: Context) -> Outcome:
    given = arguments.read("toggleglobalsitepackages", args)
    if given is None:
        return Outcome()
    from vew import files, store

    store.ensure_home(context.settings.workon_home)
    env = context.require_active_env()
    quiet = given.flag("-q")
    cfg = env / "pyvenv.cfg"
    try:
        text = files.read_regular_text(cfg)
    except FileNotFoundError:
        raise CommandError(f"{cfg} does not exist; cannot toggle global site-packages") from None
    except OSError as error:
        raise CommandError(f"cannot read {cfg}: {error.strerror}") from None
    new_text, enabled = toggled(text)
    try:
        # A full disk or a planted link leaves the old pyvenv.cfg whole.
        files.write_text_atomic(cfg, new_text)
    except OSError as error:
        raise CommandError(f"cannot write {cfg}: {error.strerror}; it was left unchanged") \
            from None
    if not quiet:
        print("Enabled global site-packages" if enabled else "Disabled global site-packages")
    return Outcome()

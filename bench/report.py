"""The table on stdout, the targets of issue 6, and the JSON file."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bench.results import Measurement
from bench.stats import ratio

# figure key -> (title, the tool whose figure it is, the reference tool)
FIGURES = {
    "startup": ("start-up added, static set-up", "vew", None),
    "startup-source": ("  sourcing it, in-shell clock", "vew", None),
    "eval": ("start-up added, eval \"$(vew init)\"", "vew-eval", None),
    "eval-source": ("  running it, in-shell clock", "vew-eval", None),
    "cycle": ("workon + deactivate, 2 hooks", "vew", "floor"),
    "mkvirtualenv": ("mkvirtualenv NAME, pip seeded", "vew", "virtualenv"),
    "mkvirtualenv-uv": ("mkvirtualenv NAME, creator uv", "vew", "uv venv"),
    "mkvirtualenv-r": ("mkvirtualenv -r, 12 local wheels, uv", "vew", "vew-virtualenv"),
    "list": ("lsvirtualenv -b, 1,000 envs", "vew", "glob"),
    "complete": ("workon completion, 1,000 envs", "vew", "glob"),
    "list-10k": ("lsvirtualenv -b, 10,000 envs", "vew", "glob"),
    "complete-10k": ("workon completion, 10,000 envs", "vew", "glob"),
    "init": ("vew init SHELL (eval set-up), its own process", "vew", "python"),
}
# Python processes whatever the shell (shell "-"): each command's start (tool: the command),
# and one whole call, against a bare `python -c pass` (tool "python" of "core-start").
CORE_FIGURES = {
    "core-start": "core call, up to the command's own work",
    "core-call": "core call, whole: rmvirtualenv no-such-environment",
}
RIVALS = {"bash": "virtualenvwrapper", "zsh": "virtualenvwrapper", "fish": "virtualfish"}


@dataclass(frozen=True)
class Verdict:
    figure: str
    shell: str
    target: str
    met: bool | None  # None: not measured
    detail: str

    def as_dict(self) -> dict[str, object]:
        return {"figure": self.figure, "shell": self.shell, "target": self.target,
                "met": self.met, "detail": self.detail}


class Lookup:
    def __init__(self, measurements: Iterable[Measurement]) -> None:
        self._by_key = {(m.figure, m.shell, m.tool): m for m in measurements}

    def get(self, figure: str, shell: str, tool: str | None) -> Measurement | None:
        return self._by_key.get((figure, shell, tool)) if tool else None

    def median(self, figure: str, shell: str, tool: str) -> float | None:
        found = self.get(figure, shell, tool)
        summary = found.summary if found else None
        return summary.median if summary else None


def _cell(measurement: Measurement | None) -> str:
    if measurement is None:
        return "-"
    summary = measurement.summary
    if summary is None:
        return "not measured"
    cpu = measurement.cpu_median
    cpu_text = "" if cpu is None else f" cpu {cpu:.1f}"
    return f"{summary.median:.1f} ({summary.minimum:.1f}-{summary.maximum:.1f}){cpu_text}"


def _processes(measurement: Measurement | None) -> str:
    if measurement is None or measurement.programs is None:
        return "-"
    python = measurement.python_processes
    return f"{len(measurement.programs)} ({python} python)"


def _ratio(rival: float | None, vew: float | None) -> str:
    value = ratio(rival, vew) if rival is not None and vew is not None else None
    return "-" if value is None else f"{value:.1f}x"


def table(measurements: list[Measurement], shells: list[str]) -> str:
    """A Markdown table: milliseconds as median (min-max)."""
    found = Lookup(measurements)
    header = ["figure", "shell", "vew ms", "rival ms", "rival / vew", "reference ms",
              "vew processes"]
    rows = [header, ["---"] * len(header)]
    for figure, (title, tool, reference) in FIGURES.items():
        for shell in shells:
            mine = found.get(figure, shell, tool)
            if mine is None:
                continue
            rival_name = RIVALS[shell] if not figure.startswith(("eval", "init")) else None
            rival = found.get(figure, shell, rival_name)
            ref = found.get(figure, shell, reference)
            rival_cell = _cell(rival) if rival is None else f"{_cell(rival)} {rival.tool}"
            ref_cell = _cell(ref) if ref is None else f"{_cell(ref)} {reference}"
            rows.append([title, shell, _cell(mine), rival_cell,
                         _ratio(found.median(figure, shell, rival_name or ""),
                                found.median(figure, shell, tool)),
                         ref_cell, _processes(mine)])
    rows += _core_rows(found, measurements)
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def slowest_start(measurements: Iterable[Measurement]) -> Measurement | None:
    """The command whose start took longest (median), of those measured."""
    starts = [m for m in measurements if m.figure == "core-start" and m.tool != "python"
              and m.summary is not None]
    return max(starts, key=lambda m: m.summary.median if m.summary else 0.0, default=None)


def _core_rows(found: Lookup, measurements: list[Measurement]) -> list[list[str]]:
    python = found.get("core-start", "-", "python")
    rows = []
    for figure, title in CORE_FIGURES.items():
        mine = slowest_start(measurements) if figure == "core-start" else \
            found.get(figure, "-", "vew")
        if mine is None:
            continue
        if figure == "core-start":
            title = f"{title} (slowest: {mine.tool})"
        reference = "-" if python is None else f"{_cell(python)} python -c pass"
        rows.append([title, "-", _cell(mine), "-", "-", reference, "-"])
    return rows


def notes(measurements: list[Measurement]) -> list[str]:
    return [f"{m.figure} / {m.shell} / {m.tool}: {m.note}" for m in measurements if m.note]


# --- targets --------------------------------------------------------------------------------

Check = Callable[[Lookup, str], tuple[bool | None, str]]


def _ms(value: float | None) -> str:
    return "not measured" if value is None else f"{value:.1f} ms"


def _startup(found: Lookup, shell: str) -> tuple[bool | None, str]:
    added = found.median("startup", shell, "vew")
    measured = found.get("startup", shell, "vew")
    python = measured.python_processes if measured else None
    if added is None:
        return None, "not measured"
    processes = "processes not counted" if python is None else f"{python} python processes"
    return (added <= 3.0 and python == 0), f"{_ms(added)}, {processes}"


def _eval(found: Lookup, shell: str) -> tuple[bool | None, str]:
    added = found.median("eval", shell, "vew-eval")
    return (None if added is None else added < 60.0), _ms(added)


def _cycle(found: Lookup, shell: str) -> tuple[bool | None, str]:
    vew = found.median("cycle", shell, "vew")
    rival = found.median("cycle", shell, RIVALS[shell])
    if vew is None:
        return None, "not measured"
    if shell == "fish":
        if rival is None:
            return None, f"{_ms(vew)}; virtualfish not measured"
        return vew <= 1.2 * rival, f"{_ms(vew)} = {vew / rival:.2f}x virtualfish"
    if rival is None:
        return None, f"{_ms(vew)}; virtualenvwrapper not measured"
    return (vew <= 15.0 and rival / vew >= 45.0), f"{_ms(vew)}, {rival / vew:.0f}x faster"


def _mkvirtualenv(found: Lookup, shell: str) -> tuple[bool | None, str]:
    vew = found.median("mkvirtualenv", shell, "vew")
    reference = found.median("mkvirtualenv", shell, "virtualenv")
    if vew is None or reference is None:
        return None, "not measured"
    return vew <= 1.05 * reference, f"{vew / reference:.2f}x virtualenv"


def _mkvirtualenv_uv(found: Lookup, shell: str) -> tuple[bool | None, str]:
    vew = found.median("mkvirtualenv-uv", shell, "vew")
    reference = found.median("mkvirtualenv-uv", shell, "uv venv")
    if vew is None or reference is None:
        return None, "not measured"
    return vew <= 3 * reference, f"{vew / reference:.2f}x uv venv --seed"


def _mkvirtualenv_r(found: Lookup, shell: str) -> tuple[bool | None, str]:
    vew = found.median("mkvirtualenv-r", shell, "vew")
    default = found.median("mkvirtualenv-r", shell, "vew-virtualenv")
    if vew is None or default is None:
        return None, "not measured"
    return default >= 5 * vew, f"{default / vew:.1f}x faster than the default creator"


def _bounded(figure: str, limit: float) -> Check:
    def check(found: Lookup, shell: str) -> tuple[bool | None, str]:
        vew = found.median(figure, shell, "vew")
        rival = found.median(figure, shell, RIVALS[shell])
        if vew is None:
            return None, "not measured"
        if rival is None:
            return vew <= limit, f"{_ms(vew)}; {RIVALS[shell]} not measured"
        return (vew <= limit and vew <= rival), f"{_ms(vew)} vs {_ms(rival)}"

    return check


def _near_floor(figure: str, limit: float) -> Check:
    """At most ``limit`` times the bare glob; in fish also no slower than virtualfish."""

    def check(found: Lookup, shell: str) -> tuple[bool | None, str]:
        vew = found.median(figure, shell, "vew")
        glob = found.median(figure, shell, "glob")
        if vew is None or glob is None:
            return None, "not measured"
        met = vew <= limit * glob
        detail = f"{vew / glob:.2f}x the glob"
        if shell == "fish":
            rival = found.median(figure, shell, RIVALS[shell])
            if rival is None:
                return None, f"{detail}; virtualfish not measured"
            met = met and vew <= rival
            detail += f", {_ms(vew)} vs virtualfish {_ms(rival)}"
        return met, detail

    return check


def _linear(figure: str, limit: float = 15.0) -> Check:
    """The figure at 10,000 environments within ``limit`` times the one at 1,000; or, where
    the shell's own glob grows by more than that, no slower than the glob at 10,000."""

    def check(found: Lookup, shell: str) -> tuple[bool | None, str]:
        small, large = found.median(figure, shell, "vew"), \
            found.median(f"{figure}-10k", shell, "vew")
        glob_small, glob_large = found.median(figure, shell, "glob"), \
            found.median(f"{figure}-10k", shell, "glob")
        if small is None or large is None:
            return None, "not measured"
        growth = large / small
        detail = f"{_ms(large)} = {growth:.1f}x the 1,000 figure"
        if growth <= limit:
            return True, detail
        if glob_small is None or glob_large is None:
            return False, detail
        glob_growth = glob_large / glob_small
        detail += f"; the glob grows {glob_growth:.1f}x, to {_ms(glob_large)}"
        return glob_growth > limit and large <= glob_large, detail

    return check


def _init(found: Lookup, shell: str) -> tuple[bool | None, str]:
    vew = found.median("init", shell, "vew")
    python = found.median("init", shell, "python")
    if vew is None or python is None:
        return None, "not measured"
    return vew <= 2.0 * python, f"{_ms(vew)} = {vew / python:.2f}x python -c pass ({_ms(python)})"


def core_verdicts(measurements: list[Measurement]) -> list[Verdict]:
    """Every command's start within 2x a bare `python -c pass` of the same interpreter."""
    found = Lookup(measurements)
    python = found.median("core-start", "-", "python")
    slowest = slowest_start(measurements)
    if python is None or slowest is None or slowest.summary is None:
        return []
    worst = slowest.summary.median
    cpu = found.get("core-start", "-", "python")
    cpu_text = "" if cpu is None or cpu.cpu_median is None or slowest.cpu_median is None else \
        (f"; cpu: {slowest.tool} {slowest.cpu_median:.1f} ms, python {cpu.cpu_median:.1f} ms")
    return [Verdict("core-start", "-", "<= 2x python -c pass, every command", worst <= 2 * python,
                    f"slowest {slowest.tool} {_ms(worst)} = {worst / python:.2f}x python -c pass "
                    f"({_ms(python)}){cpu_text}")]


TARGETS: list[tuple[str, str, tuple[str, ...], Check]] = [
    ("startup", "<= 3 ms added, no Python", ("bash", "zsh", "fish"), _startup),
    ("eval", "< 60 ms added", ("bash", "zsh", "fish"), _eval),
    ("cycle", "<= 15 ms and >= 45x faster than virtualenvwrapper", ("bash", "zsh"), _cycle),
    ("cycle", "<= 1.2x virtualfish", ("fish",), _cycle),
    ("mkvirtualenv", "<= 1.05x virtualenv", ("bash", "zsh"), _mkvirtualenv),
    ("mkvirtualenv-uv", "<= 3x uv venv --seed", ("bash", "zsh"), _mkvirtualenv_uv),
    ("mkvirtualenv-r", ">= 5x faster than the default creator", ("bash", "zsh"),
     _mkvirtualenv_r),
    ("list", "<= 25 ms, not slower than the rival", ("bash", "zsh", "fish"), _bounded("list", 25)),
    ("complete", "<= 20 ms, not slower than the rival", ("bash", "zsh", "fish"),
     _bounded("complete", 20)),
    ("init", "<= 2x python -c pass", ("bash", "zsh", "fish"), _init),
    ("list", "<= 2.5x the bare glob (fish: and not slower than virtualfish)",
     ("bash", "zsh", "fish"), _near_floor("list", 2.5)),
    ("complete", "<= 2.5x the bare glob (fish: and not slower than virtualfish)",
     ("bash", "zsh", "fish"), _near_floor("complete", 2.5)),
    ("list-10k", "<= 15x the 1,000 figure, or no slower than a glob that grows more",
     ("bash", "zsh", "fish"), _linear("list")),
    ("complete-10k", "<= 15x the 1,000 figure, or no slower than a glob that grows more",
     ("bash", "zsh", "fish"), _linear("complete")),
]


def verdicts(measurements: list[Measurement], shells: list[str]) -> list[Verdict]:
    found = Lookup(measurements)
    result = []
    for figure, target, target_shells, check in TARGETS:
        for shell in shells:
            if shell not in target_shells or found.get(figure, shell, FIGURES[figure][1]) is None:
                continue
            met, detail = check(found, shell)
            result.append(Verdict(figure, shell, target, met, detail + _cpu_detail(
                found, figure, shell)))
    return result + core_verdicts(measurements)


def _cpu_detail(found: Lookup, figure: str, shell: str) -> str:
    """The same comparison in CPU time, which a busy machine moves much less than the clock."""
    parts = []
    reference = FIGURES[figure][2]
    rival = None if figure in ("eval", "init") else RIVALS[shell]
    for tool in (FIGURES[figure][1], rival, reference):
        measured = found.get(figure, shell, tool)
        if measured is not None and measured.cpu_median is not None:
            parts.append(f"{measured.tool} {measured.cpu_median:.1f} ms")
    return f"; cpu: {', '.join(parts)}" if parts else ""


def verdict_lines(items: list[Verdict]) -> str:
    marks = {True: "met", False: "MISSED", None: "not measured"}
    titles = {key: title for key, (title, _, _) in FIGURES.items()} | CORE_FIGURES
    return "\n".join(f"- {titles[v.figure].strip()} ({v.shell}): {v.target}: "
                     f"{marks[v.met]} ({v.detail})" for v in items)

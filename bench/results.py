"""One measured figure for one tool in one shell, as the table and the JSON file show it."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from bench.probes import is_python
from bench.stats import Summary, summarise


@dataclass
class Measurement:
    figure: str  # a key of bench.report.FIGURES
    shell: str
    tool: str  # vew, vew-eval, virtualenvwrapper, virtualfish, or a reference (floor, ...)
    samples_ms: list[float] = field(default_factory=list)
    # CPU time per step (or added per start), one value per shell process: unlike the clock,
    # barely moved by other work on a busy machine.
    cpu_ms: list[float] = field(default_factory=list)
    # Programs started (strace), when counted: None means not counted.
    programs: list[str] | None = None
    # Why there is no figure ("not measured: ..."), or what to know about it.
    note: str = ""

    @property
    def summary(self) -> Summary | None:
        return summarise(self.samples_ms) if self.samples_ms else None

    @property
    def cpu_median(self) -> float | None:
        return statistics.median(self.cpu_ms) if self.cpu_ms else None

    @property
    def python_processes(self) -> int | None:
        if self.programs is None:
            return None
        return sum(is_python(program) for program in self.programs)

    def as_dict(self) -> dict[str, object]:
        summary = self.summary
        return {
            "figure": self.figure,
            "shell": self.shell,
            "tool": self.tool,
            **(summary.as_dict() if summary else {}),
            "cpu_median_ms": None if self.cpu_median is None else round(self.cpu_median, 3),
            "cpu_samples": len(self.cpu_ms),
            "processes": None if self.programs is None else len(self.programs),
            "python_processes": self.python_processes,
            "programs": self.programs,
            "note": self.note,
        }

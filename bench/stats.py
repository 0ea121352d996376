"""Summaries of repeated measurements: median, min and max, and the ratios between tools."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Summary:
    median: float
    minimum: float
    maximum: float
    count: int

    def as_dict(self) -> dict[str, float | int]:
        return {"median_ms": round(self.median, 3), "min_ms": round(self.minimum, 3),
                "max_ms": round(self.maximum, 3), "samples": self.count}


def summarise(samples: Sequence[float]) -> Summary:
    return Summary(statistics.median(samples), min(samples), max(samples), len(samples))


def paired_differences(tool: Sequence[float], baseline: Sequence[float]) -> list[float]:
    return [a - b for a, b in zip(tool, baseline, strict=True)]


def ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator > 0 else None

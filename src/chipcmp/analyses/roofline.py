"""Rooflines: what a part can attain at each arithmetic intensity (operations a byte of
memory traffic), from its peak compute at one precision and its memory bandwidth; the
ridge point, where the two meet, says how bandwidth-bound it is (a workload of lower
intensity cannot reach the peak). The figures are the ones every command takes
(figures/select.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chipcmp.figures import select as figures
from chipcmp.figures.select import Omission, Pick, Request
from chipcmp.model.bounds import Bounded, divide


@dataclass(frozen=True)
class Roof:
    entry: Any
    peak: Pick             # T(FL)OPS at the precision
    bandwidth: Pick        # GB/s

    @property
    def ridge(self) -> float:
        """Operations a byte at which the part stops being bandwidth-bound."""
        return self.peak.value.value * 1e12 / (self.bandwidth.value.value * 1e9)

    @property
    def ridge_bounded(self) -> Bounded:
        """The ridge with the bound its figures give it ('at least 320 GB/s' makes the
        ridge at most its value)."""
        return divide(self.peak.value, self.bandwidth.value).scaled(1e3)

    def attainable(self, intensity: float) -> float:
        """T(FL)OPS attainable at an intensity (operations a byte)."""
        return min(self.peak.value.value, self.bandwidth.value.value * 1e9 * intensity / 1e12)


@dataclass
class Rooflines:
    request: Request
    roofs: list[Roof]
    missing: list[tuple[Any, Omission]]


def rooflines(view: Any, entries: list[Any], request: Request) -> Rooflines:
    """A roof for each product that has both figures; the others with why not."""
    found = Rooflines(request, [], [])
    for entry in entries:
        peak = figures.compute(view, entry, request)
        moved = figures.memory_bandwidth(view, entry, request)
        if isinstance(peak, Omission):
            found.missing.append((entry, peak))
        elif isinstance(moved, Omission):
            found.missing.append((entry, moved))
        else:
            found.roofs.append(Roof(entry, peak, moved))
    return found

"""Which products a command looks at: segment, kind, vendor, power, release date, memory
and bandwidth, and whether the part has been released.

Release (`release`): what the sources say of a product's release, the one rule every
command reads. Released: a status of shipping or in production, or a release, shipping or
mass-production milestone that happened. Cancelled: the status says so. Roadmap: a
release, shipping or mass production planned for a date still ahead; announced: one
planned for a date now past, or a status of announced, in design, taped out or sampling,
with nothing released. Announced, roadmap and cancelled parts are left out unless asked
for (`include_announced`), and every view that shows one marks it. A product whose
sources say nothing of its release (most dataset rows give a release date; a few none)
is taken as a product.

Segments group: `--segment edge` means the products made for use outside a data centre,
that is segment edge, embedded, mobile or automotive (SEGMENT_GROUPS). Power filters read
the same power figure every command uses (figures.power, at the product's own scope) and
take bounds at their word: "up to 8 W" is at most 10 W, "more than 8 W" is not.
Products without the figure a filter needs are left out by it, and counted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from chipcmp.model import dates
from chipcmp.figures import select as figures
from chipcmp.model.problems import UsageError
from chipcmp.model.vocabulary import KIND_GROUPS, KINDS, SEGMENTS, kinds_of

if TYPE_CHECKING:
    from chipcmp.figures.select import Request
    from chipcmp.catalog.view import Entry, View

SEGMENT_GROUPS = {"edge": ("edge", "embedded", "mobile", "automotive")}
UNKNOWN_SEGMENT = "unspecified"
# Why a filter left a product out: code -> how the count is labelled.
LEFT_OUT = {"segment": "other segment", "segment-unknown": "segment unknown",
            "kind": "other kind", "vendor": "other vendor", "power": "power out of range",
            "power-unknown": "power unknown", "date": "released outside the dates",
            "date-unknown": "release date unknown", "memory": "less memory",
            "memory-unknown": "memory unknown", "bandwidth": "less bandwidth",
            "bandwidth-unknown": "bandwidth unknown",
            "not-released": "not released (--include-announced)"}
# The milestones that date a product, the first one found in this order.
DATING_EVENTS = ("released", "announced", "shipping", "mass-production", "sampling")
# What says a product was released (a milestone that happened, or a status), and what
# says it was not yet.
RELEASE_EVENTS = ("released", "shipping", "mass-production")
RELEASED_STATUSES = ("shipping", "in-production")
UNRELEASED_STATUSES = ("announced", "in-design", "taped-out", "sampling")
# Release states left out unless asked for (--include-announced), each marked when shown.
NOT_RELEASED = ("announced", "roadmap", "cancelled")


@dataclass(frozen=True)
class Release:
    """What the sources say of a product's release: a state (released, announced,
    roadmap, cancelled, research, unstated) and the words and dates behind it."""

    state: str
    detail: str = ""

    @property
    def released(self) -> bool:
        return self.state not in NOT_RELEASED

    @property
    def text(self) -> str:
        """'roadmap: released planned 2027-Q4', 'released: 2022-08-22'."""
        return self.state + (f": {self.detail}" if self.detail else "")

    @property
    def mark(self) -> str | None:
        """What a view shows beside a part not released (its text), else None."""
        return None if self.released else self.text


def release(entry: Entry, today: dt.date | None = None) -> Release:
    """The product's release, by the rule in this module's docstring."""
    statuses = [r.product.status for r in entry.records if r.product.status]
    milestones = entry.items("milestones")
    happened = [m for m in milestones if not m.planned and m.event in RELEASE_EVENTS]
    if happened or any(s in RELEASED_STATUSES for s in statuses):
        return Release("released", min((m.date for m in happened), key=dates.start,
                                       default=""))
    if "cancelled" in statuses:
        return Release("cancelled")
    said = ", ".join(dict.fromkeys(s for s in statuses if s in UNRELEASED_STATUSES))
    planned = [m for m in milestones if m.planned and m.event in RELEASE_EVENTS]
    if planned:
        first = min(planned, key=lambda m: dates.start(m.date))
        ahead = dates.start(first.date) > (today or dt.date.today())
        words = f"{first.event} planned {first.date}"
        return Release("roadmap" if ahead else "announced",
                       f"{said}; {words}" if said else words)
    if said:
        return Release("announced", said)
    if "research" in statuses:
        return Release("research", "a research chip")
    return Release("unstated")


# What `rank` compares when no --kind is asked: one accelerator beside another (a
# superchip or a system holds several: `--kind system`, `--kind all`).
RANKED_KINDS = "accelerator"


@dataclass(frozen=True)
class Filter:
    segment: str | None = None
    kind: str | None = None
    vendor: str | None = None
    max_power: float | None = None
    min_power: float | None = None
    released_after: str | None = None
    released_before: str | None = None
    min_memory: float | None = None       # GB
    min_bandwidth: float | None = None    # GB/s
    include_announced: bool = False       # announced, roadmap and cancelled parts too

    def __post_init__(self) -> None:
        if self.segment is not None and self.segment not in SEGMENTS:
            raise UsageError(f"unknown segment {self.segment!r}; choose one of "
                             f"{', '.join(SEGMENTS)} (edge also takes embedded, mobile and "
                             "automotive)")
        if self.kind is not None and self.kind not in KINDS and self.kind not in KIND_GROUPS:
            raise UsageError(f"unknown kind {self.kind!r}; choose one of {', '.join(KINDS)}, "
                             f"or {' or '.join(KIND_GROUPS)}")
        for name in ("max_power", "min_power"):
            value = getattr(self, name)
            if value is not None and not value > 0:
                raise UsageError(f"--{name.replace('_', '-')} must be a power in W above 0")
        for name, unit in (("min_memory", "GB"), ("min_bandwidth", "GB/s")):
            value = getattr(self, name)
            if value is not None and not value > 0:
                raise UsageError(f"--{name.replace('_', '-')} must be above 0 {unit}")
        for name in ("released_after", "released_before"):
            value = getattr(self, name)
            if value is not None:
                _check_date(value, name)

    @property
    def active(self) -> bool:
        """Whether anything is asked beyond the defaults."""
        return any(getattr(self, f.name) != f.default for f in fields(self))

    @property
    def selects(self) -> bool:
        """Whether a filter narrows the products (segment, kind, vendor, bounds): what
        compare adds products by. Taking parts not released in narrows nothing."""
        return any(getattr(self, f.name) != f.default for f in fields(self)
                   if f.name != "include_announced")

    @property
    def is_rank_default(self) -> bool:
        """Whether this is what rank filters by when nothing is asked."""
        return self == Filter(kind=RANKED_KINDS)

    def describe(self) -> str:
        """'segment edge (edge, embedded, mobile, automotive), power <= 10 W'."""
        parts = []
        if self.segment:
            group = SEGMENT_GROUPS.get(self.segment)
            parts.append(f"segment {self.segment}" + (f" ({', '.join(group)})" if group else ""))
        if self.kind in KIND_GROUPS and self.kind != "all":
            parts.append(f"kind {self.kind} ({', '.join(kinds_of(self.kind))})")
        elif self.kind:
            parts.append(f"kind {self.kind}")
        if self.vendor:
            parts.append(f"vendor ~ {self.vendor!r}")
        if self.min_power is not None:
            parts.append(f"power >= {self.min_power:g} W")
        if self.max_power is not None:
            parts.append(f"power <= {self.max_power:g} W")
        if self.released_after:
            parts.append(f"released after {self.released_after}")
        if self.released_before:
            parts.append(f"released before {self.released_before}")
        if self.min_memory is not None:
            parts.append(f"memory >= {self.min_memory:g} GB")
        if self.min_bandwidth is not None:
            parts.append(f"bandwidth >= {self.min_bandwidth:g} GB/s")
        if self.include_announced:
            parts.append("announced, roadmap and cancelled parts included")
        return ", ".join(parts)

    def admits(self, view: View, entry: Entry, request: Request | None = None) -> bool:
        return self.why_not(view, entry, request) is None

    def why_not(self, view: View, entry: Entry, request: Request | None = None
                ) -> str | None:
        """Why the filter leaves the product out (a key of LEFT_OUT), or None. A product
        the filter cannot judge (no segment, power or date known) is left out as unknown,
        and counted so, never dropped silently."""
        if not self.include_announced and not release(entry).released:
            return "not-released"
        if self.segment:
            if entry.segment == UNKNOWN_SEGMENT:
                return "segment-unknown"
            if entry.segment not in SEGMENT_GROUPS.get(self.segment, (self.segment,)):
                return "segment"
        if self.kind and entry.kind not in kinds_of(self.kind):
            return "kind"
        if self.vendor and self.vendor.lower() not in entry.vendor.lower():
            return "vendor"
        if self.max_power is not None or self.min_power is not None:
            power = figures.power(view, entry, entry.scope, request)
            if isinstance(power, figures.Omission):
                return "power-unknown"
            low, high = power.value.interval
            if self.max_power is not None and not high <= self.max_power:
                return "power"
            if self.min_power is not None and not low >= self.min_power:
                return "power"
        if self.released_after or self.released_before:
            date = release_date(entry)
            if date is None:
                return "date-unknown"
            first = dates.start(date)  # partial dates compare by the day they start
            if self.released_after and not first >= dates.start(self.released_after):
                return "date"
            if self.released_before and not first < dates.start(self.released_before):
                return "date"
        for least, figure, code in ((self.min_memory, figures.memory_capacity, "memory"),
                                    (self.min_bandwidth, figures.memory_bandwidth,
                                     "bandwidth")):
            if least is not None:  # the figure every command uses, taken at its bound
                found = figure(view, entry, request)
                if isinstance(found, figures.Omission):
                    return f"{code}-unknown"
                if not found.value.interval[0] >= least:
                    return code
        return None


def describe_left_out(left_out: dict[str, int]) -> str:
    """'52 left out by the filters (40 other segment, 12 segment unknown)'."""
    total = sum(left_out.values())
    if not total:
        return ""
    parts = ", ".join(f"{n} {LEFT_OUT[code]}" for code, n in
                      sorted(left_out.items(), key=lambda item: (-item[1], item[0])))
    return f"{total} left out by the filters ({parts})"


def release_date(entry: Entry) -> str | None:
    """The product's date: its first milestone of the kinds in DATING_EVENTS that has
    happened (not planned), as written (2021, 2021-07, 2021-Q3)."""
    milestones = [m for m in entry.items("milestones") if not m.planned]
    for event in DATING_EVENTS:
        found = [m.date for m in milestones if m.event == event]
        if found:
            return min(found, key=dates.start)
    return None


def _check_date(value: str, name: str) -> None:
    try:
        dates.check(value)
    except dates.DateError as exc:
        raise UsageError(f"--{name.replace('_', '-')} takes a date: {exc}") from None

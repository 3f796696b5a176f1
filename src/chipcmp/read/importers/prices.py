"""Prices per accelerator-hour as a catalog's `prices` section, from two kinds of file:

- SkyPilot's per-cloud catalogs (github.com/skypilot-org/skypilot-catalog, `vms.csv`):
  one row an instance type and zone, columns found by their header names (each cloud
  orders them differently): InstanceType, AcceleratorName, AcceleratorCount, Price and
  SpotPrice (USD per instance-hour), Region, AvailabilityZone, GpuInfo (memory and maker,
  where given). A row with an instance type and accelerators is priced whole (host
  included). Google Cloud prices some GPUs apart from the machine type they run in: a
  row of GPUs with no instance type, and a row of the machine type with no accelerator;
  the two are added (HOST_FAMILIES). A Cloud TPU slice is priced whole and named by its
  size (tpu-v6e-8), which says its chips (TPU_CORES_PER_CHIP).
- A plain CSV of a user's prices: product (an id or a name), usd_per_accelerator_hour,
  kind (on-demand, spot, reserved, list), region, provider, date, source.

Every row is imported or reported with its place. What a row cannot be is said, never
guessed: a share of one accelerator (a count under 1), a price that does not change with
the count of accelerators it buys (a table's placeholder), a price beyond
limits.MAX_USD_PER_ACCELERATOR_HOUR. Of one accelerator's prices in one region, of one
kind, from one provider, the latest and of those the cheapest per accelerator-hour is
kept, with the instance it was found in. Names are matched to products where the catalogs are loaded (by
`chipcmp import prices`, and by every command that reads a price), not here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from chipcmp.model.limits import MAX_ACCELERATORS, MAX_USD_PER_ACCELERATOR_HOUR
from chipcmp.model.problems import error, warning
from chipcmp.model.vocabulary import PRICE_KINDS
from chipcmp.read.importers.common import Described, ImportResult, is_date, number_in, slug

SKYPILOT_COLUMNS = ("InstanceType", "AcceleratorName", "AcceleratorCount", "Price")
PLAIN_COLUMNS = ("product", "usd_per_accelerator_hour")
PLAIN_OPTIONAL = ("kind", "region", "provider", "date", "source")
SKYPILOT_PAGE = "https://github.com/skypilot-org/skypilot-catalog"
PRICE_COLUMNS = {"on-demand": "Price", "spot": "SpotPrice"}  # SkyPilot's, by kind

# Google Cloud's machine families for the GPUs it prices apart from the machine, each
# named for its count of GPUs ("a2-highgpu-8g": 8 A100 40GB): Google Cloud, "GPU machine
# types", https://cloud.google.com/compute/docs/gpus (A2 Standard A100 40GB, A2 Ultra
# A100 80GB, A3 High H100 80GB, A3 Mega H100 80GB, A3 Ultra H200, A4 B200). Where a GPU
# has no such family (T4, V100, P100, P4 run in an N1 machine of the user's choosing),
# its price is the GPU's alone, and says so (host: not-included).
HOST_FAMILIES = {"A100": ("a2-highgpu", "a2-megagpu"), "A100-80GB": ("a2-ultragpu",),
                 "H100": ("a3-highgpu",), "H100-MEGA": ("a3-megagpu",),
                 "H200": ("a3-ultragpu",), "B200": ("a4-highgpu",)}
# TensorCores per chip of each Cloud TPU generation, as slices are named ("v4-8": 8
# cores, 4 chips; "v5litepod-8", "v6e-8": 8 chips): Google Cloud, "TPU versions",
# https://cloud.google.com/tpu/docs/system-architecture-tpu-vm. The names the catalogs
# use for each generation beside it.
TPU_CORES_PER_CHIP = {"v2": 2, "v3": 2, "v4": 2, "v5p": 2, "v5litepod": 1, "v5e": 1,
                      "v6e": 1}
TPU_NAMES = {"v5litepod": "TPU v5e"}
_TPU_SLICE = re.compile(r"^tpu-(v\d+[a-z]*)-(\d+)$", re.I)
_MEMORY_MIB = re.compile(r"['\"]SizeInMiB['\"]\s*:\s*(\d+(?:\.\d+)?)")
_MAKER = re.compile(r"['\"]Manufacturer['\"]\s*:\s*['\"]([^'\"]+)['\"]")


@dataclass(frozen=True)
class PricesImporter(Described):
    """Prices per accelerator-hour from price tables (not one dataset: any number of
    files, each a SkyPilot vms.csv or a plain CSV)."""

    def import_paths(self, paths: list[Path], origins: list[str] | None = None,
                     snapshot: str | None = None, names: dict[str, str] | None = None,
                     provider: str | None = None) -> ImportResult:
        """Read each file; `origins`: where each came from (a URL), `snapshot`: the date
        a SkyPilot table is as of (it states none; default today), `names`: the product
        an accelerator name is, as the user decided (NAME -> product id), `provider`:
        whose prices every file holds (else the file's folder or name says)."""
        import datetime

        from chipcmp.read.importers import _read_table

        as_of = snapshot or datetime.date.today().isoformat()
        result = ImportResult({"about": {**self.about(), "snapshot": as_of}, "sources": {},
                               "prices": []}, made="prices")
        kept: dict[str, dict[str, Any]] = {}
        decided = {k.lower(): v for k, v in (names or {}).items()}
        for index, path in enumerate(paths):
            origin = origins[index] if origins and index < len(origins) else str(path)
            table = _read_table(Path(path), result)
            if table is None:
                continue
            result.rows += len(table.rows)
            reading = _Reading(str(path), origin, table, as_of, result, provider)
            if all(reading.has(c) for c in SKYPILOT_COLUMNS):
                reading.skypilot()
            elif all(reading.has(c) for c in PLAIN_COLUMNS):
                reading.plain()
            else:
                result.problems.append(error(
                    str(path), 1, 1, "not-the-dataset",
                    "not a price table: a SkyPilot vms.csv has the columns "
                    f"{', '.join(SKYPILOT_COLUMNS)}; a plain one {', '.join(PLAIN_COLUMNS)}"
                    f" (and {', '.join(PLAIN_OPTIONAL)})"))
                continue
            for price in reading.prices:
                _keep_one(kept, price)
            result.catalog["sources"].update(reading.sources)
        priced: set[tuple[str, int]] = set()
        for price in kept.values():
            place = price.pop("_place")
            priced |= price.pop("_rows")
            product = decided.get(price["accelerator"].lower())
            if product:
                price["product"] = product
            result.names.setdefault(
                (price["accelerator"], price.get("accelerator_memory"), price.get("vendor")),
                (place, price.get("provider"), price.get("product")))
            result.catalog["prices"].append(price)
        result.imported_rows = len(priced)
        seen = {p["accelerator"].lower() for p in result.catalog["prices"]}
        for name, product in (names or {}).items():
            if name.lower() not in seen:
                result.problems.append(warning(
                    str(paths[0]) if paths else ".", 1, 1, "unused-name",
                    f"--name {name}={product}: no price of the tables names {name!r}"))
        result.catalog["prices"].sort(key=lambda p: p["id"])
        if not kept and not result.problems:
            result.problems.append(error(str(paths[0]) if paths else ".", 1, 1,
                                         "not-the-dataset", "no price found"))
        result.unreadable = not kept and any(p.code == "not-the-dataset"
                                             for p in result.problems)
        return result


def _keep_one(kept: dict[str, dict[str, Any]], price: dict[str, Any]) -> None:
    """One price an accelerator, provider, region and kind: the latest (an older price
    is stale), and of those the cheapest per accelerator-hour (ties: the first read);
    the rows it stands for are counted."""
    from chipcmp.model import dates

    old = kept.get(price["id"])
    if old is None:
        kept[price["id"]] = price
        return
    rows = old["_rows"] | price["_rows"]
    newer = dates.start(price["date"]) > dates.start(old["date"])
    same = dates.start(price["date"]) == dates.start(old["date"])
    if newer or (same and price["usd_per_accelerator_hour"] <
                 old["usd_per_accelerator_hour"]):
        kept[price["id"]] = price
    kept[price["id"]]["_rows"] = rows


@dataclass
class _Reading:
    """One file being read into prices."""

    path: str
    origin: str
    table: Any
    as_of: str
    result: ImportResult
    provider: str | None = None     # the user's, for every file; else the file's own
    prices: list[dict[str, Any]] = field(default_factory=list)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    file_sources: dict[str, str] = field(default_factory=dict)  # title -> source id

    def __post_init__(self) -> None:
        # Columns by name whatever their case and spacing: SkyPilot's README writes
        # GPUInfo where its files write GpuInfo; a person writes "Product".
        self.columns: dict[str, int] = {}
        for index, name in enumerate(self.table.header):
            self.columns.setdefault(_column_key(name), index)

    def has(self, column: str) -> bool:
        return _column_key(column) in self.columns

    def problem(self, row: Any, column: str | None, code: str, message: str,
                severity: Any = warning) -> None:
        index = self.columns.get(_column_key(column)) if column else None
        line, col = row.places[index] if index is not None else (row.line, 1)
        self.result.problems.append(severity(self.path, line, col, code, message))

    def cell(self, row: Any, column: str) -> str:
        index = self.columns.get(_column_key(column))
        return row.cells[index].strip() if index is not None else ""

    # ------------------------------------------------------------------ SkyPilot
    def skypilot(self) -> None:
        provider = self.provider or _provider_of(self.origin)
        source = slug("prices", provider, "skypilot")
        url = self.origin if re.match(r"^https?://\S+$", self.origin) else SKYPILOT_PAGE
        self.sources[source] = {
            "title": f"SkyPilot catalog, {provider} vms.csv", "kind": "dataset", "url": url,
            "accessed": self.as_of, "note": f"read from {Path(self.path).name}"}
        rows = [r for r in self.table.rows if r.problem is None]
        for r in self.table.rows:
            if r.problem is not None:
                self.result.problems.append(r.problem)
        hosts = {(self.cell(r, "AvailabilityZone") or self.cell(r, "Region"),
                  self.cell(r, "InstanceType")): r for r in rows
                 if self.cell(r, "InstanceType") and not self.cell(r, "AcceleratorName")}
        offers = [o for o in (self._offer(r, hosts) for r in rows
                              if self.cell(r, "AcceleratorName")) if o is not None]
        for offer in _without_placeholders(offers, self):
            self.prices.extend(_skypilot_price(self, offer, provider, source))

    def _offer(self, row: Any, hosts: dict[tuple[str, str], Any]) -> "_Offer | None":
        name, instance = self.cell(row, "AcceleratorName"), self.cell(row, "InstanceType")
        count_text = self.cell(row, "AcceleratorCount")
        count = number_in(count_text)
        if count is None or not 0 < count <= MAX_ACCELERATORS:
            self.problem(row, "AcceleratorCount", "bad-count",
                         f"accelerator count {count_text!r} is not a number of "
                         f"accelerators (1 to {MAX_ACCELERATORS:,}); the row is not priced",
                         error)
            return None
        slice_size = _TPU_SLICE.match(name)
        label, memory, maker = name, _memory(self.cell(row, "GpuInfo")), \
            _maker(self.cell(row, "GpuInfo"))
        if slice_size:
            generation, cores = slice_size.group(1).lower(), int(slice_size.group(2))
            per_chip = TPU_CORES_PER_CHIP.get(generation)
            if per_chip is None:
                self.problem(row, "AcceleratorName", "unknown-tpu-slice",
                             f"{name}: a Cloud TPU slice of a generation whose cores per "
                             "chip are not known here; not priced")
                return None
            label = TPU_NAMES.get(generation, f"TPU {generation}")
            instance, count = instance or name, count * cores / per_chip
            maker = maker or "Google"
        if count != int(count) or count < 1:
            self.problem(row, "AcceleratorCount", "fraction-of-accelerator",
                         f"{count_text} {name}: a share of an accelerator, not priced as "
                         "a whole one")
            return None
        zone = self.cell(row, "AvailabilityZone") or self.cell(row, "Region")
        host, host_share = None, "included"
        if not instance:
            for family in HOST_FAMILIES.get(name, ()):
                host = hosts.get((zone, f"{family}-{int(count)}g"))
                if host is not None:
                    break
            host_share = "added" if host is not None else "not-included"
        elif (zone, instance) in hosts:  # the instance's host priced on a row of its own
            host, host_share = hosts[(zone, instance)], "added"
        totals = {}
        for kind, column in PRICE_COLUMNS.items():
            own = self._amount(row, column)
            if own is None:
                continue
            extra = self._amount(host, column) if host is not None else 0.0
            if extra is None:
                continue  # the host has no price of this kind: neither has the whole
            totals[kind] = (own, own + extra)
        if not totals:
            return None
        return _Offer(row, label, memory, maker, int(count), instance or (
            host and self.cell(host, "InstanceType")) or None, self.cell(row, "Region"),
            zone, host_share, totals)

    def plausible(self, row: Any, column: str, kind: str, per_hour: float,
                  severity: Any = warning) -> bool:
        """Whether a price per accelerator-hour can be one (model/limits), else said."""
        if per_hour <= MAX_USD_PER_ACCELERATOR_HOUR:
            return True
        self.problem(row, column, "implausible-price",
                     f"{kind} {per_hour:g} USD an accelerator-hour is beyond "
                     f"{MAX_USD_PER_ACCELERATOR_HOUR:g}: not priced", severity)
        return False

    def _amount(self, row: Any, column: str) -> float | None:
        text = self.cell(row, column)
        if not text:
            return None
        value = number_in(_AMOUNT_SIGNS.sub("", text))
        if value is None or value <= 0:
            self.problem(row, column, "bad-price",
                         f"{column} {text!r} is not a positive number of USD an hour", error)
            return None
        return value

    # -------------------------------------------------------------------- plain
    def plain(self) -> None:
        lines = self.table.text.splitlines()  # what a price whose source is the file quotes
        for row in self.table.rows:
            if row.problem is not None:
                self.result.problems.append(row.problem)
                continue
            product = self.cell(row, "product")
            if not product:
                self.problem(row, "product", "no-product", "no product named; not priced",
                             error)
                continue
            amount = self._amount(row, "usd_per_accelerator_hour")
            if amount is None:
                if not self.cell(row, "usd_per_accelerator_hour"):
                    self.problem(row, "usd_per_accelerator_hour", "no-price",
                                 "no price; not priced", error)
                continue
            kind = _kind(self.cell(row, "kind"))
            if kind not in PRICE_KINDS:
                self.problem(row, "kind", "bad-kind",
                             f"kind {kind!r}: one of {', '.join(PRICE_KINDS)}", error)
                continue
            if not self.plausible(row, "usd_per_accelerator_hour", kind, amount, error):
                continue
            date = self.cell(row, "date") or self.as_of
            if not is_date(date):
                self.problem(row, "date", "bad-date",
                             f"date {date!r} is not a date (YYYY, YYYY-MM, YYYY-MM-DD)",
                             error)
                continue
            provider = self.cell(row, "provider") or self.provider or Path(self.path).stem
            region = self.cell(row, "region") or None
            said = self.cell(row, "source")
            source = self._plain_source(said, provider)
            price = {"id": slug("prices", provider, product, region or "", kind),
                     "accelerator": product, "usd_per_accelerator_hour": amount,
                     "kind": kind, "provider": provider, "region": region,
                     "date": date, "source": source, "_rows": {(self.path, row.line)},
                     "_place": (self.path, row.line, 1)}
            if "document" in self.sources[source]:  # the file is the source: its line quoted
                price["quote"] = lines[row.line - 1] if row.line <= len(lines) else None
            self.prices.append({k: v for k, v in price.items() if v is not None})

    def _plain_source(self, said: str, provider: str) -> str:
        """The source of a plain row: its address, else the file, one source for each
        way the file names where its prices come from."""
        if re.match(r"^https?://\S+$", said):
            source = slug("prices", provider, said.split("//", 1)[1])
            self.sources.setdefault(source, {"title": f"{provider} prices",
                                             "kind": "web", "url": said,
                                             "accessed": self.as_of})
            return source
        title = said or f"prices stated in {Path(self.path).name}"
        if title not in self.file_sources:
            source = slug("prices", Path(self.path).stem, "file",
                          str(len(self.file_sources) + 1))
            self.file_sources[title] = source
            self.sources[source] = {"title": title, "kind": "dataset",
                                    "document": Path(self.path).name}
        return self.file_sources[title]


@dataclass(frozen=True)
class _Offer:
    """One instance's price for its accelerators, in one zone: per kind, the price of
    the accelerator row alone and the whole (host added where priced apart)."""

    row: Any
    accelerator: str
    memory: str | None
    maker: str | None
    count: int
    instance: str | None
    region: str
    zone: str
    host: str
    totals: dict[str, tuple[float, float]]


def _without_placeholders(offers: list[_Offer], reading: _Reading) -> list[_Offer]:
    """The offers less those whose price does not change with the count it buys: one
    price for 4 and for 256 TPU chips in one zone is a table's placeholder, no price."""
    counts: dict[tuple[str, str, str, float], set[int]] = {}
    for offer in offers:
        for kind, (own, _) in offer.totals.items():
            counts.setdefault((offer.accelerator, offer.zone, kind, own), set()).add(
                offer.count)
    kept = []
    for offer in offers:
        totals = {}
        for kind, (own, total) in offer.totals.items():
            sizes = counts[(offer.accelerator, offer.zone, kind, own)]
            if len(sizes) > 1:
                reading.problem(offer.row, PRICE_COLUMNS[kind], "placeholder-price",
                                f"{kind} {own:g} USD an hour for {offer.count} and for "
                                f"{', '.join(str(s) for s in sorted(sizes - {offer.count}))}"
                                f" {offer.accelerator} in {offer.zone}: a price that does "
                                "not change with what it buys is a placeholder; not priced")
                continue
            if not reading.plausible(offer.row, PRICE_COLUMNS[kind], kind,
                                     total / offer.count):
                continue
            totals[kind] = (own, total)
        if totals:
            kept.append(replace(offer, totals=totals))
    return kept


def _skypilot_price(reading: _Reading, offer: _Offer, provider: str, source: str
                    ) -> list[dict[str, Any]]:
    found = []
    for kind, (_, total) in offer.totals.items():
        price = {
            "id": slug("prices", provider, offer.accelerator, offer.memory or "",
                       offer.region, kind),
            "accelerator": offer.accelerator, "accelerator_memory": offer.memory,
            "vendor": offer.maker, "usd_per_accelerator_hour": round(total / offer.count, 6),
            "kind": kind, "provider": provider, "region": offer.region or None,
            "instance": offer.instance, "accelerators": offer.count,
            "usd_per_instance_hour": round(total, 6), "host": offer.host,
            "date": reading.as_of, "source": source,
            "_rows": {(reading.path, offer.row.line)},
            "_place": (reading.path, offer.row.line, 1)}
        found.append({k: v for k, v in price.items() if v is not None})
    return found


_AMOUNT_SIGNS = re.compile(r"^\s*(?:US)?\$\s*|\s*(?:USD|/\s*h(?:ou)?r?)\s*$", re.I)


def _column_key(name: str) -> str:
    return re.sub(r"[\s_-]+", "", name).lower()


def _kind(text: str) -> str:
    """A price's kind as a person may write it ("On demand", "on_demand", "Spot"): one of
    PRICE_KINDS where it is one (empty: on-demand), else the text, to be reported."""
    spelled = re.sub(r"[\s_]+", "-", text.strip().lower())
    return {"": "on-demand", "ondemand": "on-demand"}.get(spelled, spelled)


def _provider_of(origin: str) -> str:
    """The cloud a SkyPilot table is of: the folder it sits in (catalogs/v8/gcp/vms.csv),
    else the file's own name."""
    parts = [p for p in re.split(r"[/\\]", origin.split("?", 1)[0]) if p]
    if len(parts) >= 2 and parts[-1].lower() == "vms.csv":
        return parts[-2].lower()
    stem = re.sub(r"[_.-]?vms$", "", Path(parts[-1]).stem.lower()) if parts else ""
    return stem or "unknown"


def _memory(info: str) -> str | None:
    """'80 GB' from a GpuInfo cell's SizeInMiB (one GPU's memory), or None."""
    found = _MEMORY_MIB.search(info or "")
    if not found:
        return None
    gib = float(found.group(1)) / 1024
    return f"{gib:.0f} GB" if gib >= 1 else None


def _maker(info: str) -> str | None:
    found = _MAKER.search(info or "")
    return found.group(1) if found else None


PRICES = PricesImporter(
    "prices", "prices", "Prices per accelerator-hour", SKYPILOT_PAGE,
    "the terms of each price table (SkyPilot's catalogs: not for bundling)",
    "the providers' published prices, as each file gives them")

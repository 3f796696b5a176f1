"""Prices per accelerator-hour beside the products, and what a unit of work costs.

A price (a catalog's `prices`, from `chipcmp import prices`) names its accelerator as its
table does; the product it is, is found once a view by the same matching and identity
decisions as an MLPerf submission's accelerator (catalog/matching.accelerator_named), or
is the product the importer was told. Which price a question takes is decided here, for
every command: the cheapest of the asked kind (on-demand unless --price-kind says), in
the asked region and provider where one is named.

A cost of work divides a price by what one accelerator delivers in a measured result
(USD an accelerator-hour / (items a second per accelerator x 3,600) x 10^6 = USD per
million items); an energy, by what a joule of the system's wall power delivers. The two
are only as good as both halves, so every answer names the price and the result, and
carries CAVEATS.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any

from chipcmp.figures.select import Omission

SECONDS_AN_HOUR = 3600.0
JOULES_A_KWH = 3.6e6
MILLION = 1e6

# What every cost answer says beside its numbers (keys: what each is about).
CAVEATS = {
    "system": "an MLPerf system is not the cloud instance: its host, network and software "
              "differ",
    "limits": "Server and Interactive results hold at latency limits; Offline results "
              "hold at none",
    "spot": "spot prices can vanish: the provider may take the instance back",
    "peak": "a peak is not delivered work: a price per peak TOPS-hour says what the "
            "silicon could do, not what a model gets",
    "wall": "energy is the whole system's at the wall (host and accelerators), as MLPerf "
            "measures it",
}


@dataclass(frozen=True)
class PriceMatch:
    """A price and the product it is of (None when no product is, with why)."""

    price: Any          # schema.AcceleratorPrice
    entry: Any
    why: str = ""


_INDEXES: "weakref.WeakKeyDictionary[Any, PriceIndex]" = weakref.WeakKeyDictionary()


def index_of(view: Any) -> PriceIndex:
    """The prices of a view with their products, matched once a view."""
    found = _INDEXES.get(view)
    if found is None:
        found = _INDEXES[view] = PriceIndex(view)
    return found


class PriceIndex:
    def __init__(self, view: Any) -> None:
        from chipcmp.catalog.matching import accelerator_named

        named: dict[tuple[Any, ...], Any] = {}
        self.matches: list[PriceMatch] = []
        for price in view.catalog.prices.values():
            # the product the user decided (an id), else the name as the table gives it
            key = (price.product or price.accelerator, price.accelerator_memory, price.vendor)
            if key not in named:
                named[key] = accelerator_named(view, *key)
            match = named[key]
            self.matches.append(PriceMatch(price, match.entry, match.why))
        self._by_entry: dict[int, list[Any]] = {}
        for match in self.matches:
            if match.entry is not None:
                self._by_entry.setdefault(id(match.entry), []).append(match.price)

    def of(self, entry: Any) -> list[Any]:
        """Every price of the product."""
        return self._by_entry.get(id(entry), [])

    def unmatched(self) -> dict[str, str]:
        """Each accelerator name no product is matched to, with why."""
        return {m.price.accelerator: m.why for m in self.matches if m.entry is None}


def cheapest(view: Any, entry: Any, request: Any) -> Any:
    """The price a question takes for a product: the cheapest per accelerator-hour of
    the request's kind, region and provider (ties: provider, region, id); or why none.
    A price of the accelerator alone (a cloud's GPU price whose host is not known) is
    never taken: what runs a workload is the machine, and a cost made of it would beat
    every whole instance's."""
    own = index_of(view).of(entry)
    if not own:
        return Omission("no-rental-price", "no price per accelerator-hour")
    wanted = [p for p in own if p.kind == request.price_kind and p.host != "not-included"
              and _same(request.region, p.region) and _same(request.provider, p.provider)]
    if not wanted:
        asked = " ".join(x for x in (request.provider, request.region) if x)
        had = sorted({f"{p.kind} ({p.provider}{' ' + p.region if p.region else ''}"
                      f"{', the accelerator alone' if p.host == 'not-included' else ''})"
                      for p in own})
        return Omission("other-price", f"no {request.price_kind} price"
                        + (f" from {asked}" if asked else "") + f"; priced: "
                        + ", ".join(had[:4]) + (", ..." if len(had) > 4 else ""))
    return min(wanted, key=lambda p: (p.usd_per_accelerator_hour, p.provider,
                                      p.region or "", p.id))


def _same(asked: str | None, given: str | None) -> bool:
    return asked is None or (given is not None and asked.lower() == given.lower())


def price_named(view: Any, price: Any) -> str:
    """'aws us-east-1 on-demand, p5.48xlarge x8 (SkyPilot catalog, aws vms.csv,
    2026-12-03)': the price as a reader checks it."""
    source = view.catalog.sources.get(price.source)
    where = " ".join(x for x in (price.provider, price.region, price.kind) if x)
    instance = f", {price.instance}" + (f" x{price.accelerators}" if price.accelerators
                                        else "") if price.instance else ""
    host = {"added": ", host added", "not-included": ", host not included"}.get(
        price.host or "", "")
    return (f"{where}{instance}{host} ({source.title if source else price.source}, "
            f"{price.date})")


def caveats(request: Any, *keys: str) -> tuple[str, ...]:
    """The caveats an answer carries: those named, and the spot one where spot prices
    were asked."""
    chosen = list(keys) + (["spot"] if request.price_kind == "spot" else [])
    return tuple(CAVEATS[k] for k in dict.fromkeys(chosen))


def per_million(usd_per_hour: float, per_second: float) -> float:
    """USD per million items: an hour's price over the items an hour delivers."""
    return usd_per_hour / (per_second * SECONDS_AN_HOUR) * MILLION


def kwh_per_million(per_joule: float) -> float:
    """kWh per million items from items per joule."""
    return MILLION / per_joule / JOULES_A_KWH


def unmatched_names(view: Any, names: dict[tuple[Any, ...], tuple[Any, ...]]) -> list[Any]:
    """A warning for each accelerator name of an imported price table that no product
    of the view is (the place it was first read, what fits, and how to say which), and
    an error for each product a user's decision names that the view does not have.
    `names`: (name, memory, maker) -> ((path, line, col), provider, product or None)."""
    from chipcmp.catalog.matching import accelerator_named
    from chipcmp.catalog.search import find
    from chipcmp.model.problems import error, warning

    found = []
    for (name, memory, maker), (place, provider, product) in names.items():
        if product is not None:
            if view.find(product) is None:
                close = [hit.entry.id for hit in find(view, product)[:3]]
                found.append(error(*place, "unknown-product",
                                   f"--name {name}={product}: no product {product!r} in the "
                                   "loaded catalogs" + (f"; did you mean {', '.join(close)}?"
                                                        if close else "")))
            continue
        match = accelerator_named(view, name, memory, maker)
        if match.entry is not None:
            continue
        fits = [e.id for e in match.candidates] or \
            [hit.entry.id for hit in find(view, name)[:3]]
        said = f"{name!r}" + (f" ({memory})" if memory else "") + \
            (f" of {provider}" if provider else "")
        hint = (f"; say which with --name '{name}=PRODUCT_ID'"
                + (f" ({', '.join(fits)}?)" if fits else ""))
        found.append(warning(*place, "unmatched-name",
                             f"{said}: {match.why}; its prices rank no product{hint}"))
    return found

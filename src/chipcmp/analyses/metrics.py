"""The metric registry behind rank, compare, export, plot and the report.

A metric is one entry in METRICS: its name (the CLI's choices and help are made from the
registry), what it measures, how it is evaluated for a product (figures.py chooses the
figures), its unit and its column name. Ranking sorts the products that have a value,
best first, and lists the others apart with the typed reason (figures.Omission).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Callable

from chipcmp.analyses import costs
from chipcmp.figures import select as figures
from chipcmp.model.bounds import Bounded, divide
from chipcmp.figures.select import Answer, Omission, Pick, Request
from chipcmp.model.precision import Query
from chipcmp.model.problems import UsageError

if TYPE_CHECKING:
    from chipcmp.analyses.filters import Filter
    from chipcmp.catalog.view import Entry, View


def peak(view: View, entry: Entry, request: Request) -> Answer:
    return figures.compute(view, entry, request)


def per_watt(view: View, entry: Entry, request: Request) -> Answer:
    """Peak compute over power of the same scope; a document's own TOPS/W when it gives
    no power (or no compute) to divide."""
    compute = figures.compute(view, entry, request)
    if isinstance(compute, Pick):
        power = figures.power(view, entry, compute.scope, request)
        if isinstance(power, Pick):
            return Pick(divide(compute.value, power.value), compute.figure, compute.scope,
                        compute.conflicts + power.conflicts, compute.others + power.others,
                        compute.flagged or power.flagged, (compute.value, power.value))
        reason: Omission = power
    else:
        reason = compute
    stated = figures.stated_efficiency(view, entry, request)
    return stated if isinstance(stated, Pick) else reason


def per_dollar(view: View, entry: Entry, request: Request) -> Answer:
    return _with_compute(view, entry, request, figures.price, divide)


def _with_compute(view: View, entry: Entry, request: Request,
                  other: Callable[[View, Entry], Answer],
                  combine: Callable[[Bounded, Bounded], Bounded]) -> Answer:
    """Peak compute at the precision combined with another of the product's figures
    (price, memory bandwidth), or why either is missing."""
    compute = figures.compute(view, entry, request)
    if isinstance(compute, Omission):
        return compute
    found = other(view, entry)
    if isinstance(found, Omission):
        return found
    return Pick(combine(compute.value, found.value), compute.figure, compute.scope,
                compute.conflicts + found.conflicts, compute.others + found.others,
                compute.flagged, (compute.value, found.value))


@dataclass(frozen=True)
class Coverage:
    """A metric's note on what is known: a short summary for the one-line summary, and
    the whole note for the table."""

    summary: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.summary}{self.detail}"


def price_coverage(view: View, entries: list[Entry], request: Request) -> Coverage:
    """How many products have a price, and where the prices come from."""
    from collections import Counter

    priced = [e for e in entries if e.price]
    origins = Counter(e.price[0].catalog.name + (f" ({e.price[0].figure.what})"
                                                 if e.price[0].figure.what else "")
                      for e in priced)
    where = ", ".join(f"{n} from {origin}" for origin, n in origins.most_common())
    return Coverage(f"prices: {len(priced)} of {len(entries)} products have one"
                    + (f" ({where})" if where else ""),
                    "; the others cannot be ranked by TOPS/USD")


def memory(view: View, entry: Entry, request: Request) -> Answer:
    return figures.memory_capacity(view, entry, request)


def bandwidth(view: View, entry: Entry, request: Request) -> Answer:
    return figures.memory_bandwidth(view, entry, request)


def bytes_per_op(view: View, entry: Entry, request: Request) -> Answer:
    """Memory bandwidth over peak compute at the precision: the bytes a part can fetch
    for each operation it can do (1 / the roofline's ridge point, in operations a byte).
    A workload that needs more bytes an operation than this is bandwidth-bound on it."""
    # GB/s over T(FL)OPS: 1e9 bytes / 1e12 operations
    return _with_compute(view, entry, request,
                         lambda v, e: figures.memory_bandwidth(v, e, request),
                         lambda compute, moved: divide(moved, compute).scaled(1e-3))


def watts(view: View, entry: Entry, request: Request) -> Answer:
    return figures.power(view, entry, entry.scope, request)


def process_nm(view: View, entry: Entry, request: Request) -> Answer:
    return figures.process(view, entry)


def _best_measured(view: View, entry: Entry, request: Request, metric: str,
                   by_energy: bool) -> Any:
    """The request's benchmark and scenario, and the product's best result in them (a
    Pick's row) or why none: what both measured metrics read."""
    from chipcmp.analyses import measured

    if request.benchmark is None:
        raise UsageError(f"metric {metric} ranks what was measured: name the benchmark "
                         "(--benchmark, and --scenario)")
    best = measured.best_measured(view, entry, request.benchmark,
                                  request.scenario or "offline", by_energy=by_energy)
    return best.row if best.row is not None else Omission(best.code, best.why_none)


def _result_named(result: Any) -> str:
    """'Cisco C880A_M8_B300_288GBx8_TRT [inference v6.0 closed]'."""
    return f"{result.submitter} {result.system} [{result.round} {result.division}]"


def measured_per_joule(view: View, entry: Entry, request: Request) -> Answer:
    """The product's best measured throughput per joule (MLPerf's power results): of the
    whole system at the wall, as MLPerf measures it."""
    from chipcmp.model.units import format_number

    row = _best_measured(view, entry, request, "tokens-per-joule", by_energy=True)
    if isinstance(row, Omission):
        return row
    result = row.result
    basis = (f"{format_number(result.value)} {result.unit} / {format_number(result.power_w)} "
             f"W (the system's {result.accelerators} accelerators and host, at the wall): "
             f"{_result_named(result)}")
    return Pick(Bounded(result.energy.value, notes=(basis,)))


def measured_throughput(view: View, entry: Entry, request: Request) -> Answer:
    """The product's best valid MLPerf throughput for one accelerator in the request's
    benchmark and scenario (analyses/measured.py), the result it came from named."""
    from chipcmp.model.units import format_number

    row = _best_measured(view, entry, request, "throughput", by_energy=False)
    if isinstance(row, Omission):
        return row
    result = row.result
    count = f"{result.accelerators} accelerator" + ("s" if result.accelerators > 1 else "")
    basis = f"{format_number(result.value)} {result.unit} / {count}: {_result_named(result)}"
    return Pick(Bounded(row.per_accelerator, notes=(basis,)))


def _item(request: Request) -> str:
    """What the request's benchmark counts: 'token' (an LLM) or 'sample'."""
    from chipcmp.model import benchmarks

    known = benchmarks.BENCHMARKS.get(request.benchmark or "")
    return known.item if known else "sample"


def _counting(request: Request, metric: str) -> None:
    """A cost per million tokens asks an LLM benchmark, per million samples another."""
    item = _item(request)
    if request.benchmark is not None and not metric.endswith(f"-{item}s"):
        other = metric.rsplit("-", 1)[0] + f"-{item}s"
        raise UsageError(f"{request.benchmark} counts {item}s: use --metric {other}")


# The keys of a cost's details, in the records' order (JSON and CSV columns).
PRICE_DETAILS = ("product", "usd_per_accelerator_hour", "price_id", "price_source",
                 "price_kind", "caveats")
COST_DETAILS = PRICE_DETAILS[:-1] + ("per_accelerator", "result_id", "cost_per_million",
                                      "unit", "caveats")
ENERGY_DETAILS = ("product", "per_joule", "result_id", "kwh_per_million", "kwh_price",
                  "energy_cost_per_million", "unit", "caveats")


def _price_details(view: View, entry: Entry, price: Any,
                   caveats: tuple[str, ...]) -> dict[str, Any]:
    return {"product": entry.id, "usd_per_accelerator_hour": price.usd_per_accelerator_hour,
            "price_id": price.id, "price_source": costs.price_named(view, price),
            "price_kind": price.kind, "caveats": "; ".join(caveats)}


def cost_per_million(item: str) -> Callable[[View, Entry, Request], Answer]:
    """The evaluation of cost-per-million-{item}s."""
    return lambda view, entry, request: _cost_per_million(
        view, entry, request, f"cost-per-million-{item}s")


def _cost_per_million(view: View, entry: Entry, request: Request, metric: str) -> Answer:
    """USD per million items: the cheapest asked price per accelerator-hour over the best
    measured throughput of one accelerator (analyses/costs.py)."""
    from chipcmp.model.units import format_number

    _counting(request, metric)
    row = _best_measured(view, entry, request, metric, by_energy=False)
    if isinstance(row, Omission):
        return row
    price = costs.cheapest(view, entry, request)
    if isinstance(price, Omission):
        return price
    usd, per = price.usd_per_accelerator_hour, row.per_accelerator
    value = costs.per_million(usd, per)
    item = _item(request)
    basis = (f"{format_number(usd)} USD/h ({costs.price_named(view, price)}) / "
             f"({format_number(per)} {item}s/s x 3600) x 10^6: "
             f"{_result_named(row.result)}")
    details = {**_price_details(view, entry, price, METRICS[metric].caveats(request)),
               "per_accelerator": per, "result_id": row.result.id,
               "cost_per_million": value, "unit": f"USD per million {item}s"}
    return Pick(Bounded(value, notes=(basis,)), inputs=(Bounded(usd), Bounded(per)),
                details=tuple((k, details[k]) for k in COST_DETAILS))


def kwh_per_million(item: str) -> Callable[[View, Entry, Request], Answer]:
    """The evaluation of kwh-per-million-{item}s."""
    return lambda view, entry, request: _kwh_per_million(
        view, entry, request, f"kwh-per-million-{item}s")


def _kwh_per_million(view: View, entry: Entry, request: Request, metric: str) -> Answer:
    """kWh per million items of the system's wall power (the best result with power),
    and with a price per kWh what it costs."""
    from chipcmp.model.units import format_number

    _counting(request, metric)
    row = _best_measured(view, entry, request, metric, by_energy=True)
    if isinstance(row, Omission):
        return row
    result, item = row.result, _item(request)
    per_joule = result.energy.value
    kwh = costs.kwh_per_million(per_joule)
    basis = (f"10^6 / {format_number(per_joule)} {item}s/J / 3.6 x 10^6 J/kWh (the "
             f"system's {result.accelerators} accelerators and host, at the wall): "
             f"{_result_named(result)}")
    inputs = [Bounded(per_joule)]
    spent = None
    if request.kwh_price is not None:
        spent = kwh * request.kwh_price
        basis += f"; x {format_number(request.kwh_price)} USD/kWh = {format_number(spent)} USD"
        inputs.append(Bounded(spent))
    details = {"product": entry.id, "per_joule": per_joule, "result_id": result.id,
               "kwh_per_million": kwh, "kwh_price": request.kwh_price,
               "energy_cost_per_million": spent, "unit": f"kWh per million {item}s",
               "caveats": "; ".join(METRICS[metric].caveats(request))}
    return Pick(Bounded(kwh, notes=(basis,)), inputs=tuple(inputs),
                details=tuple((k, details[k]) for k in ENERGY_DETAILS))


def per_peak_hour(view: View, entry: Entry, request: Request) -> Answer:
    """USD an accelerator-hour over peak compute at the precision: a spec-based price of
    compute, labelled peak, never set among measured costs."""
    from chipcmp.model.units import format_number

    compute = figures.compute(view, entry, request)
    if isinstance(compute, Omission):
        return compute
    price = costs.cheapest(view, entry, request)
    if isinstance(price, Omission):
        return price
    usd = Bounded(price.usd_per_accelerator_hour)
    note = (f"{format_number(usd.value)} USD/h ({costs.price_named(view, price)}) / peak "
            f"{compute.basis}")
    details = _price_details(view, entry, price,
                             METRICS["usd-per-peak-tops-hour"].caveats(request))
    return Pick(replace(divide(usd, compute.value), notes=(note,)), compute.figure,
                compute.scope, compute.conflicts, compute.others, compute.flagged,
                (usd, compute.value), tuple((k, details[k]) for k in PRICE_DETAILS))


def rental_coverage(view: View, entries: list[Entry], request: Request) -> Coverage:
    """How many of the products have a price per accelerator-hour of the asked kind."""
    if not view.catalog.prices:
        return Coverage("no prices loaded", " (chipcmp update prices --url URL installs a "
                                           "price table; chipcmp import prices FILE -o "
                                           "prices.yaml, then --catalog @bundled --catalog "
                                           "prices.yaml, reads one)")
    index = costs.index_of(view)
    priced = sum(1 for e in entries if index.of(e))
    asked = " ".join(x for x in (request.price_kind, request.provider, request.region) if x)
    return Coverage(f"prices: {priced} of {len(entries)} products have one; the cheapest "
                    f"{asked} taken", "")


@dataclass(frozen=True)
class Metric:
    name: str
    description: str
    evaluate: Callable[[View, Entry, Request], Answer]
    unit: Callable[[Request], str]
    column: Callable[[Request], str]
    uses_precision: bool = True
    descending: bool = True  # the default order: the most of it first
    coverage: Callable[[View, list[Entry], Request], Coverage] | None = None  # what is known
    # The units of the figures a ratio is made of, in the order of its Pick's inputs
    # (tables show them beside the ratio: TOPS and W beside TOPS/W).
    inputs: Callable[[Request], tuple[str, ...]] = lambda r: ()
    measured: bool = False  # ranks measured results (a benchmark and scenario), not specs
    # The keys of its Picks' details, each a column of the records (a cost's price and
    # result), and what every answer of it must say beside its numbers.
    details: tuple[str, ...] = ()
    caveats: Callable[[Request], tuple[str, ...]] = lambda r: ()
    # The request's price options it reads (PRICE_OPTIONS): any other is a usage error.
    reads: tuple[str, ...] = ()


# The options of a Request that choose a price or price energy, with their defaults.
PRICE_OPTIONS = {"price_kind": "on-demand", "region": None, "provider": None,
                 "kwh_price": None}
_PRICED = ("price_kind", "region", "provider")


def _q(unit: Callable[[Query], str]) -> Callable[[Request], str]:
    """A unit or column made from the request's precision alone."""
    return lambda request: unit(request.precision)


METRICS: dict[str, Metric] = {m.name: m for m in (
    Metric("tops", "peak compute at the precision", peak,
           _q(lambda q: q.unit), _q(lambda q: f"peak_{q.tag}_{q.unit.lower()}")),
    Metric("tops-per-watt", "peak compute per watt, compute and power of the same scope",
           per_watt, _q(lambda q: f"{q.unit}/W"),
           _q(lambda q: f"{q.unit.lower()}_per_watt_{q.tag}"),
           inputs=lambda r: (r.precision.unit, "W")),
    Metric("tops-per-dollar", "peak compute per US dollar of price", per_dollar,
           _q(lambda q: f"{q.unit}/USD"), _q(lambda q: f"{q.unit.lower()}_per_usd_{q.tag}"),
           coverage=price_coverage, inputs=lambda r: (r.precision.unit, "USD")),
    Metric("memory", "memory capacity", memory, lambda r: "GB", lambda r: "memory_gb",
           uses_precision=False),
    Metric("bandwidth", "memory bandwidth", bandwidth, lambda r: "GB/s",
           lambda r: "bandwidth_gb_s", uses_precision=False),
    Metric("bytes-per-op", "memory bandwidth over peak compute at the precision (bytes a "
           "part can fetch an operation; 1 / the roofline's ridge point): a workload that "
           "needs more is bandwidth-bound", bytes_per_op, lambda r: "B/op",
           _q(lambda q: f"bytes_per_op_{q.tag}"), inputs=lambda r: (r.precision.unit, "GB/s")),
    Metric("watts", "power at the product's own scope (TDP, else max, typical, measured)",
           watts, lambda r: "W", lambda r: "power_w", uses_precision=False),
    Metric("process-nm", "process node, smallest first", process_nm, lambda r: "nm",
           lambda r: "process_nm", uses_precision=False, descending=False),
    Metric("tokens-per-joule", "measured throughput per joule of the system's wall power "
           "(tokens, or samples for other benchmarks), the best valid MLPerf result with "
           "power of --benchmark in --scenario", measured_per_joule,
           lambda r: f"{_item(r)}s/J", lambda r: "per_joule", uses_precision=False,
           measured=True),
    Metric("throughput", "measured throughput for one accelerator, the best valid MLPerf "
           "result of --benchmark in --scenario", measured_throughput,
           lambda r: f"{_item(r)}s/s", lambda r: "per_accelerator", uses_precision=False,
           measured=True),
    *(Metric(f"cost-per-million-{item}s", f"USD per million {item}s: the cheapest price "
             "per accelerator-hour (on-demand unless --price-kind, in --region, from "
             "--provider) over the best valid MLPerf throughput for one accelerator of "
             f"--benchmark in --scenario ({'an LLM' if item == 'token' else 'a benchmark'} "
             f"that counts {item}s)", cost_per_million(item),
             lambda r: f"USD/M {_item(r)}s", lambda r: f"usd_per_million_{_item(r)}s",
             uses_precision=False, descending=False, measured=True,
             coverage=rental_coverage,
             inputs=lambda r: ("USD/h", f"{_item(r)}s/s"), details=COST_DETAILS,
             reads=_PRICED, caveats=lambda r: costs.caveats(r, "system", "limits"))
      for item in ("token", "sample")),
    *(Metric(f"kwh-per-million-{item}s", f"kWh per million {item}s of the system's wall "
             "power, the best valid MLPerf result with power of --benchmark in --scenario; "
             "with --kwh-price, what that energy costs", kwh_per_million(item),
             lambda r: f"kWh/M {_item(r)}s", lambda r: f"kwh_per_million_{_item(r)}s",
             uses_precision=False, descending=False, measured=True,
             inputs=lambda r: (f"{_item(r)}s/J",) + (("USD/M",) if r.kwh_price else ()),
             details=ENERGY_DETAILS, reads=("kwh_price",),
             caveats=lambda r: costs.caveats(r, "wall", "limits"))
      for item in ("token", "sample")),
    Metric("usd-per-peak-tops-hour", "USD an accelerator-hour over peak compute at the "
           "precision: what an hour of a peak TOPS (TFLOPS) costs; a spec, never measured "
           "work", per_peak_hour, _q(lambda q: f"USD/peak {q.unit}-h"),
           _q(lambda q: f"usd_per_peak_{q.unit.lower()}_hour_{q.tag}"), descending=False,
           coverage=rental_coverage, inputs=lambda r: ("USD/h", r.precision.unit),
           details=PRICE_DETAILS, reads=_PRICED, caveats=lambda r: costs.caveats(r, "peak")),
)}


def check_options(metric: Metric, request: Request) -> None:
    """A price option the metric does not read is a usage error, never ignored."""
    unread = [name for name, default in PRICE_OPTIONS.items()
              if getattr(request, name) != default and name not in metric.reads]
    if unread:
        options = ", ".join("--" + name.replace("_", "-") for name in unread)
        readers = [m.name for m in METRICS.values() if set(unread) <= set(m.reads)]
        raise UsageError(f"{options}: metric {metric.name} takes no price"
                         + (f" (the metrics that do: {', '.join(readers)})" if readers else ""))


def get_metric(name: str) -> Metric:
    metric = METRICS.get(name)
    if metric is None:
        raise UsageError(f"unknown metric {name!r}; choose one of {', '.join(METRICS)}")
    return metric


def help_text() -> str:
    return "; ".join(f"{m.name}: {m.description}" for m in METRICS.values())


@dataclass
class RankedRow:
    entry: Entry
    answer: Pick | None
    omission: Omission | None = None
    rank: int | None = None


@dataclass
class Ranking:
    metric: Metric
    request: Request
    ranked: list[RankedRow] = field(default_factory=list)
    unranked: list[RankedRow] = field(default_factory=list)
    excluded: Counter = field(default_factory=Counter)  # by filters.LEFT_OUT code

    @property
    def filtered_left_out(self) -> dict[str, int]:
        """What the filters left out, by reason (not the products a command did not ask
        for)."""
        return {code: n for code, n in self.excluded.items() if code != "not-asked"}

    @property
    def filtered_out(self) -> int:
        """How many products the filters left out."""
        return sum(self.filtered_left_out.values())
    total_ranked: int = 0  # before --top cut the list
    coverage: Coverage | None = None  # the metric's note on what is known (prices: 14 of 300)

    @property
    def unit(self) -> str:
        return self.metric.unit(self.request)

    @property
    def column(self) -> str:
        return self.metric.column(self.request)

    def omission_counts(self) -> Counter[str]:
        return omission_counts(r.omission for r in self.unranked)


def omission_counts(omissions) -> Counter[str]:
    """How many products were left out, by reason code (the same in every command)."""
    return Counter(o.code for o in omissions if o is not None)


def describe_counts(counts: Counter[str]) -> str:
    """'16 no compute figure, 8 unspecified precision' (most first, then by code)."""
    return ", ".join(f"{n} {figures.OMISSIONS[code]}"
                     for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def rank(view: View, metric: Metric, request: Request, *, where: Filter | None = None,
         top: int | None = None, ascending: bool | None = None,
         only: set[str] | None = None) -> Ranking:
    """Every product that passes the filter (and is in `only`, when given), ranked by
    `metric`; the others listed apart with the reason."""
    check_options(metric, request)
    result = Ranking(metric, request)
    for entry in view:
        why = where.why_not(view, entry, request) if where is not None else None
        if why is None and only is not None and entry.id not in only:
            why = "not-asked"
        if why is not None:
            result.excluded[why] += 1
            continue
        answer = metric.evaluate(view, entry, request)
        if isinstance(answer, Omission):
            result.unranked.append(RankedRow(entry, None, answer))
        else:
            result.ranked.append(RankedRow(entry, answer))
    descending = metric.descending if ascending is None else not ascending
    # Ties keep a stable order: by id, whatever the direction.
    result.ranked.sort(key=lambda r: r.entry.id)
    result.ranked.sort(key=lambda r: r.answer.value.value, reverse=descending)
    previous, position = None, 0
    for index, row in enumerate(result.ranked, start=1):
        if row.answer.value.value != previous:
            position, previous = index, row.answer.value.value
        row.rank = position
    result.total_ranked = len(result.ranked)
    # What is known is told of every product the question took, not of the rows --top
    # keeps.
    if metric.coverage is not None:
        result.coverage = metric.coverage(view, [r.entry for r in result.ranked +
                                                 result.unranked], request)
    if top is not None:
        result.ranked = result.ranked[:top]
    result.unranked.sort(key=lambda r: r.entry.id)
    return result

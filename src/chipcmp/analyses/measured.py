"""Measured results (MLPerf) beside the specs: which results a question takes and their
order, best first (by the value for one accelerator, model/measures.py, where there is
one), and the share of its peak an accelerator delivered."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from typing import Any, Iterable

from chipcmp.model import benchmarks
from chipcmp.model.measures import LOWER_IS_BETTER
from chipcmp.model.measures import per_accelerator as _per_accelerator


def per_accelerator(result: Any) -> float | None:
    """The result's value for one accelerator, or None where it has none (latency)."""
    return _per_accelerator(result.metric, result.value, result.accelerators)


_INDEXES: "weakref.WeakKeyDictionary[Any, MeasuredIndex]" = weakref.WeakKeyDictionary()


def index_of(view: Any) -> MeasuredIndex:
    """The index of every result a view holds, made once a view (each product page of a
    report, each claim and the export ask it again)."""
    found = _INDEXES.get(view)
    if found is None:
        found = _INDEXES[view] = MeasuredIndex(view, view.catalog.results.values())
    return found


class MeasuredIndex:
    """The loaded results with the product each one's accelerator names (matched once a
    name)."""

    def __init__(self, view: Any, results: Iterable[Any]) -> None:
        from chipcmp.catalog.matching import accelerator_named

        self.view = view
        self.results = list(results)
        self._variants: dict[tuple[int, int], bool] = {}
        self._names = {r.id: _name_of(r) for r in self.results}
        self._named = {name: accelerator_named(view, name)
                       for name in set(self._names.values())}

    def name_of(self, result: Any) -> str:
        """The name a result's accelerator is matched by (_name_of), read once a result."""
        return self._names[result.id]

    def product_of(self, result: Any) -> tuple[Any, str]:
        """The product a result stands for, and '' or how (a memory variant)."""
        match = self._named[self.name_of(result)]
        if match.entry is not None:
            return match.entry, ""
        if match.memory_variant_of is not None:
            return match.memory_variant_of, (f"{result.accelerator} is a memory variant of "
                                             f"{match.memory_variant_of.name}")
        return None, ""

    def stands_for(self, result: Any, entry: Any) -> str | None:
        """Whether a result can stand for a product: '' when it is the product, a
        sentence when it is the product's memory variant (its own product or none), None
        when it is not."""
        from chipcmp.catalog.matching import memory_variants

        product, how = self.product_of(result)
        if product is None:
            return None
        if product is entry:
            return how
        key = (id(product), id(entry))
        if key not in self._variants:
            self._variants[key] = memory_variants(product, entry)
        return (f"{result.accelerator} ({product.id}) is a memory variant of {entry.name}"
                if self._variants[key] else None)

    def of(self, entry: Any, benchmark: str, scenario: str) -> list[Any]:
        """The valid results of one product (or its memory variant) in one scenario."""
        return [r for r in self.results if r.valid and r.benchmark == benchmark
                and r.scenario == scenario and self.stands_for(r, entry) is not None]

    def exactly(self, entry: Any) -> list[Any]:
        """Every result whose accelerator is the product itself."""
        return [r for r in self.results if self.match(r).entry is entry]

    def match(self, result: Any) -> Any:
        """The name match of a result's accelerator (catalog/matching.NameMatch)."""
        return self._named[self.name_of(result)]


def _name_of(result: Any) -> str:
    """The accelerator's name with the memory the submission states, where the name does
    not say it: what picks the SKU ("NVIDIA A100-SXM4" with 40 GB)."""
    from chipcmp.catalog.names import read_name

    memory = result.accelerator_memory
    if memory and read_name("", result.accelerator, "").memory is None:
        return f"{result.accelerator} {memory}"
    return result.accelerator


def select(results: Iterable[Any], benchmark: str | None = None, scenario: str | None = None,
           round_name: str | None = None, submitter: str | None = None) -> list[Any]:
    """The results a question takes, best first within each benchmark and scenario (by
    the per-accelerator value where there is one)."""
    def wanted(r: Any) -> bool:
        return ((benchmark is None or r.benchmark == benchmark.lower())
                and (scenario is None or r.scenario == scenario.lower())
                and (round_name is None or r.round == round_name.lower().replace("_", " "))
                and (submitter is None or submitter.lower() in r.submitter.lower()))

    def key(r: Any) -> tuple[Any, ...]:
        value = per_accelerator(r)
        value = r.value if value is None else value
        sign = 1 if r.metric in LOWER_IS_BETTER else -1
        return (r.benchmark, r.scenario, sign * value, r.round, r.system)

    return sorted((r for r in results if wanted(r)), key=key)


# ------------------------------------------------------------------- share of peak
# The numerics MLPerf inference submissions run (its closed division lets a submitter
# choose among them): where a result does not state its own, its share is given at each
# of these the product has a peak for.
INFERENCE_PRECISIONS = ("int8", "fp16", "bf16", "fp8", "int4", "fp4")
MEASURED_ABOVE_PEAK = "measured-above-peak"


@dataclass(frozen=True)
class Share:
    """A measured throughput as a share of one accelerator's peak at one precision."""

    precision: str
    peak: float            # operations per second, one accelerator (dense)
    peak_basis: str
    delivered: float       # operations per second, one accelerator
    stated: bool           # the submission states this precision

    @property
    def share(self) -> float:
        return self.delivered / self.peak


@dataclass
class Delivered:
    shares: list[Share] = field(default_factory=list)
    why_none: str = ""          # why no share is given
    finding: str = ""           # the measured throughput is more than a peak allows
    # Precisions a share above 100% proves the run was not at, each with why: a result
    # that does not state its precision is given no share at them.
    ruled_out: list[str] = field(default_factory=list)
    ops_per_sample: float | None = None
    ops_source: Any = None


def delivered(view: Any, entry: Any, result: Any) -> Delivered:
    """The share of peak one accelerator delivered in a throughput result: samples/s per
    accelerator x operations per sample (model/benchmarks.py, with its source) over the
    peak at the precision the submission ran, or at each it may have run."""
    from chipcmp.figures import select as figures
    from chipcmp.figures.select import Pick, Request
    from chipcmp.model import precision

    benchmark = benchmarks.BENCHMARKS.get(result.benchmark)
    if result.metric != "throughput":
        return Delivered(why_none=f"a share of peak needs a throughput, not a {result.metric}")
    if benchmark is None or benchmark.ops_per_sample is None:
        return Delivered(why_none=f"no cited figure for the operations one {result.benchmark} "
                                  "sample costs")
    if entry is None:
        return Delivered(why_none="no product is matched to the accelerator")
    found = Delivered(ops_per_sample=benchmark.ops_per_sample, ops_source=benchmark.ops_source)
    rate = _per_accelerator(result.metric, result.value, result.accelerators)
    ops = rate * benchmark.ops_per_sample
    labels = (precision.family(result.precision),) if result.precision else INFERENCE_PRECISIONS
    for label in labels:
        pick = figures.compute(view, entry, Request(precision.family_query(label)))
        if isinstance(pick, Pick) and pick.value.value > 0:
            scale = 1e12  # TOPS and TFLOPS
            found.shares.append(Share(label, pick.value.value * scale, pick.basis, ops,
                                      result.precision is not None))
    if not found.shares:
        found.why_none = (f"{entry.id} has no dense peak at "
                          f"{result.precision or ', '.join(INFERENCE_PRECISIONS)}")
        return found
    highest = max(found.shares, key=lambda s: s.peak)
    if result.precision is None:  # more than a peak allows: not the precision it ran
        found.ruled_out = [f"{s.share:.0%} of the {s.precision} peak: the run was not at "
                           f"{s.precision}" for s in found.shares if s.share > 1]
        found.shares = [s for s in found.shares if s.share <= 1]
    if highest.share > 1:
        said = (f"at {highest.precision}, the precision it states" if highest.stated else
                f"even at {highest.precision}, its highest peak")
        found.finding = (f"{result.system} ({result.round} {result.division}) measured "
                         f"{rate:,.0f} {benchmark.unit} per accelerator, {ops / 1e12:,.1f} "
                         f"TOPS at {benchmark.ops_per_sample / 1e9:g} G operations a "
                         f"{benchmark.item}: "
                         f"{highest.share:.0%} of {entry.id}'s peak {said} "
                         f"({highest.peak / 1e12:g} T): the peak or the precision is wrong")
        found.shares = []  # a share above 100% is never given as a share
    return found



# ------------------------------------------------------------------ answers as data
@dataclass(frozen=True)
class MeasuredRow:
    """One measured result as a question sees it: the product its accelerator is (or
    why none is), its value for one accelerator, and the share of peak it delivered."""

    result: Any                     # schema.MeasuredResult
    entry: Any                      # the product (catalog.view.Entry), or None
    unmatched_because: str | None
    per_accelerator: float | None
    delivered: Delivered


@dataclass(frozen=True)
class MeasuredAnswer:
    """`chipcmp results`: the rows a question takes, of how many loaded, and the
    accelerator names no product is matched to, with why."""

    rows: list[MeasuredRow]
    loaded: int
    unmatched: list[tuple[str, str]]


def row_of(view: Any, index: MeasuredIndex, result: Any, entry: Any = None) -> MeasuredRow:
    """A result as a row: the product matched to its name (or `entry`, for a product's
    own page), its value for one accelerator and its share of peak."""
    match = index.match(result)
    product = entry if entry is not None else match.entry
    return MeasuredRow(result, match.entry, None if match.entry else match.why,
                       per_accelerator(result), delivered(view, product, result))


def answer(view: Any, product: Any = None, **question: Any) -> MeasuredAnswer:
    """The results a question takes (select's filters; `product`: an entry whose own
    results only), best first."""
    index = index_of(view)  # the view's results: their names are matched once
    chosen = select(index.results, **question)
    if product is not None:
        chosen = [r for r in chosen if index.match(r).entry is product]
    unmatched = {index.name_of(r): index.match(r).why for r in chosen
                 if index.match(r).entry is None}
    return MeasuredAnswer([row_of(view, index, r) for r in chosen], len(index.results),
                          sorted(unmatched.items()))


def best_of_product(view: Any, entry: Any) -> dict[tuple[str, str], MeasuredRow]:
    """A product's best valid result per (benchmark, scenario), by its per-accelerator
    value (the order `results` gives)."""
    index = index_of(view)
    best: dict[tuple[str, str], MeasuredRow] = {}
    for r in select([r for r in index.exactly(entry) if r.valid]):
        if (r.benchmark, r.scenario) not in best:
            best[(r.benchmark, r.scenario)] = row_of(view, index, r, entry)
    return best


@dataclass(frozen=True)
class ProductResults:
    """`show`'s block: a product's best result per benchmark and scenario, of how many."""

    best: list[MeasuredRow]
    total: int


def of_product(view: Any, entry: Any) -> ProductResults | None:
    if not view.catalog.results:
        return None
    best = best_of_product(view, entry)
    return ProductResults(list(best.values()), len(index_of(view).exactly(entry))) \
        if best else None


@dataclass(frozen=True)
class ComparedResults:
    """`compare`'s block: each benchmark and scenario measured for any of the products,
    with each one's best result (None where it has none)."""

    keys: list[tuple[str, str]]
    best: list[dict[tuple[str, str], MeasuredRow]]  # one a product, in the order compared


def compared(view: Any, entries: list[Any]) -> ComparedResults | None:
    if not view.catalog.results:
        return None
    best = [best_of_product(view, entry) for entry in entries]
    keys = sorted({key for found in best for key in found})
    return ComparedResults(keys, best) if keys else None


# ------------------------------------------------------------------ measured rankings
@dataclass(frozen=True)
class BestMeasured:
    """A product's best valid measured throughput in one benchmark and scenario, for one
    accelerator; or why it has none."""

    row: MeasuredRow | None
    why_none: str = ""
    code: str = ""


def reference_limits(view: Any, benchmark: str, scenario: str) -> Any:
    """The latency limits a benchmark's Server or Interactive results are compared at:
    those of its newest round (results held to other limits are not like with like)."""
    from chipcmp.read.mlperf_rules import round_version

    held = [r for r in index_of(view).results
            if r.benchmark == benchmark and r.scenario == scenario and r.latency_limits]
    if not held:
        return None
    newest = max(held, key=lambda r: round_version(r.round))
    return newest.latency_limits


def best_measured(view: Any, entry: Any, benchmark: str, scenario: str,
                  by_energy: bool = False) -> BestMeasured:
    """The product's best valid result, by its throughput for one accelerator (or, by
    energy, its throughput per joule), among the results whose accelerator is the
    product itself, at the benchmark's reference latency limits."""
    index = index_of(view)
    own = [r for r in index.results if r.valid and r.benchmark == benchmark and
           r.scenario == scenario and r.metric == "throughput" and
           index.match(r).entry is entry and (r.energy is not None or not by_energy)]
    if not own:
        if by_energy:
            return BestMeasured(None, f"no {benchmark} {scenario} result with measured "
                                      "power", "no-measured-power")
        return BestMeasured(None, f"no measured {benchmark} {scenario} result",
                            "not-measured")
    limits = reference_limits(view, benchmark, scenario)
    held = [r for r in own if r.latency_limits == limits]
    if not held:
        said = ", ".join(sorted({_limits_text(r.latency_limits) for r in own}))
        return BestMeasured(None, f"its {benchmark} {scenario} results are held to other "
                                  f"latency limits ({said}; compared at "
                                  f"{_limits_text(limits)})", "other-limits")
    best = max(held, key=lambda r: r.energy.value) if by_energy else select(held)[0]
    return BestMeasured(row_of(view, index, best, entry))


def _limits_text(limits: Any) -> str:
    if limits is None:
        return "no latency limits"
    return f"time to first token {limits.ttft_ms:g} ms, per output token {limits.tpot_ms:g} ms"

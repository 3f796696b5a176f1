"""chipcmp's Python API: the catalog as one merged view, its figures as pint quantities, and
the same rankings, comparisons and claim checks the command line prints (the command line
calls these functions, so the two cannot disagree).

    >>> import chipcmp
    >>> catalog = chipcmp.load()                      # the bundled catalog
    >>> catalog.rank("tops-per-watt").records[0]["id"]
    'vastai-sv102'
    >>> chipcmp.load("@bundled", "laics.yaml")       # several catalogs, merged

Every error is a chipcmp.ChipcmpError carrying the located problems (`.problems`, each
`path:line:col`); nothing here prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from chipcmp.model.problems import ChipcmpError
from chipcmp.output.results import Result

if TYPE_CHECKING:
    from chipcmp.analyses.validation import Validation

__all__ = ["Catalog", "Figure", "Product", "Answer", "Imported", "load", "validate",
           "import_dataset", "update", "datasets", "schema"]


# ------------------------------------------------------------------------------ figures
@dataclass(frozen=True)
class Figure:
    """One figure as one source gives it: its value as a pint Quantity (chipcmp's own
    registry: case-sensitive, "mW" is not "MW"), and beside it what the value means."""

    what: str                       # peak, power, efficiency, process, price, memory, ...
    value: float                    # in `unit_of_measure`
    unit_of_measure: str            # TOPS, TFLOPS, W, nm, USD, GB, GB/s, FPS, s, ...
    bound: str                      # exact, min, max or approx
    source: str
    record: str                     # the id of the record (catalog entry) giving it
    catalog: str                    # the catalog's name (bundled, laics-2023, ...)
    precision: str | None = None    # compute and efficiency figures
    execution_unit: str | None = None  # matrix or vector, when the source says
    sparse: bool = False
    scope: str | None = None        # chip, card, module or system
    kind: str | None = None         # a power figure's: tdp, max, typical, measured
    quote: str | None = None
    source_title: str | None = None
    source_url: str | None = None
    inferred: dict[str, str] = field(default_factory=dict)
    used: str | None = None         # what every command takes it for ("at int8", ...)
    derived: bool = False           # from parts, halved from sparse, assumed, either-label
    basis: str | None = None        # how the figure was reached, as rank's basis column

    @property
    def quantity(self) -> Any:
        """The value as a pint Quantity (pint is imported on first use)."""
        from chipcmp.model.units import registry

        return registry().Quantity(self.value, self.unit_of_measure or "dimensionless")

    def __str__(self) -> str:
        from chipcmp.model.bounds import prefix

        symbol = prefix(self.bound)
        return f"{self.what} {symbol}{self.value:g} {self.unit_of_measure} ({self.source})"


# ----------------------------------------------------------------------------- answers
class Answer:
    """A command's answer: the records (the rows the CLI's JSON and CSV give), the text
    the CLI prints, and a pandas DataFrame on request (pip install 'chipcmp[pandas]')."""

    def __init__(self, result: Result, core: Any = None):
        self.result = result
        self.core = core  # the typed result behind it (a Ranking, claim results, ...)

    @property
    def records(self) -> list[dict[str, Any]]:
        return self.result.records

    @property
    def columns(self) -> list[str]:
        return self.result.columns

    @property
    def summary(self) -> str | None:
        return self.result.summary

    def text(self, output_format: str = "table") -> str:
        """The answer as the CLI prints it: table, csv, json or html."""
        from chipcmp.output.formats import FORMATTERS, render

        if output_format not in FORMATTERS:
            raise ChipcmpError(f"unknown format {output_format!r}; choose one of "
                               f"{', '.join(FORMATTERS)}")
        return render(self.result, output_format)

    def to_pandas(self) -> Any:
        """The records as a pandas DataFrame, columns in their stable order."""
        try:
            import pandas
        except ImportError:
            raise ChipcmpError("data frames need pandas: pip install 'chipcmp[pandas]'") \
                from None
        return pandas.DataFrame(self.records, columns=self.columns or None)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.records)

    def __len__(self) -> int:
        return len(self.records)

    def __repr__(self) -> str:
        return f"<chipcmp answer: {len(self.records)} records; {self.summary or ''}>"

    def _repr_html_(self) -> str:  # notebooks show the table
        from chipcmp.output.html import table_html
        from chipcmp.output.results import Table

        tables = [b for b in self.result.blocks if isinstance(b, Table)]
        return "".join(table_html(t) for t in tables) or f"<pre>{self.text()}</pre>"


# ---------------------------------------------------------------------------- products
class Product:
    """One product of the view: the records that describe it, every figure they give."""

    def __init__(self, catalog: Catalog, entry: Any):
        self._catalog, self._entry = catalog, entry

    id = property(lambda self: self._entry.id)
    name = property(lambda self: self._entry.name)
    vendor = property(lambda self: self._entry.vendor)
    kind = property(lambda self: self._entry.kind)
    segment = property(lambda self: self._entry.segment)
    records = property(lambda self: list(self._entry.ids), doc="every record's id")
    catalogs = property(lambda self: [c.name for c in self._entry.catalogs])
    ambiguous_with = property(lambda self: list(self._entry.ambiguous))

    @property
    def figures(self) -> list[Figure]:
        """Every figure of every source: compute, power, efficiency, process, price,
        memory, rental, benchmarks and video decode, in the order show gives them, each
        with what every command uses it for."""
        from chipcmp.analyses.sheet import figure_facts
        from chipcmp.figures.select import Request

        facts = figure_facts(self._catalog.view, self._entry, Request())
        return [_figure(self._catalog, fact) for fact in facts
                if isinstance(fact.value, (int, float)) and fact.figure != "contains"]

    def peak(self, precision: str = "int8", **options: Any) -> Figure | None:
        """The compute figure `rank` uses at `precision` (a family, a variant or families
        joined by commas) with the same options (unit, sparse, assume_unspecified,
        include_flagged): from parts, halved or assumed when rank's is, marked derived.
        None when the product has none at that precision."""
        from chipcmp.figures import select as figures

        request = _request(precision, **options)
        pick = figures.compute(self._catalog.view, self._entry, request)
        return self._picked(pick, "peak", request.precision.unit, f"at {request.precision}")

    def power(self, scope: str | None = None, include_flagged: bool = False
              ) -> Figure | None:
        """The power figure every command divides by at `scope` (the product's own by
        default), or None."""
        from chipcmp.figures import select as figures

        pick = figures.power(self._catalog.view, self._entry, scope,
                             _request(None, include_flagged=include_flagged))
        return self._picked(pick, "power", "W", f"{scope or self._entry.scope} power")

    def _picked(self, pick: Any, what: str, unit: str, used: str) -> Figure | None:
        """The figure of a selection (figures.py), never re-read from display text."""
        from chipcmp.figures.select import Pick

        if not isinstance(pick, Pick):
            return None
        sourced = pick.figure
        raw = sourced.figure if sourced is not None else None
        source = self._catalog.view.catalog.sources.get(raw.source) if raw is not None \
            else None
        kind = getattr(raw, "kind", None)
        label = getattr(raw, "precision", None)
        detail = kind if what == "power" else label
        return Figure(
            what=f"{what} {detail}" if detail else what,
            value=float(pick.value.value), unit_of_measure=unit, bound=pick.value.bound,
            source=raw.source if raw is not None else "", record=sourced.record.id
            if sourced is not None else self.id,
            catalog=sourced.origin if sourced is not None else "",
            precision=getattr(raw, "precision", None),
            execution_unit=getattr(raw, "unit", None), sparse=bool(getattr(raw, "sparse",
                                                                             False)),
            scope=pick.scope or None, kind=kind, quote=getattr(raw, "quote", None),
            source_title=source.title if source else None,
            source_url=source.url if source else None,
            inferred=dict(getattr(raw, "inferred", None) or {}), used=used,
            derived=pick.value.derived, basis=pick.basis)

    def __repr__(self) -> str:
        return f"<chipcmp product {self.id}: {self.name} ({self.kind}, {self.vendor})>"


def _figure(catalog: Catalog, fact: Any) -> Figure:
    """A Figure from show's data for it (output/answers/show.FigureFact), field by field."""
    source = catalog.view.catalog.sources.get(fact.source) if fact.source else None
    unit = "" if fact.unit in ("points", "channels") else fact.unit
    return Figure(
        what=fact.what, value=float(fact.value), unit_of_measure=unit, bound=fact.bound,
        source=fact.source or "", record=fact.record or "", catalog=fact.catalog or "",
        precision=fact.precision, execution_unit=fact.execution_unit, sparse=fact.sparse,
        scope=fact.scope or None, kind=fact.kind, quote=fact.quote,
        source_title=source.title if source else None,
        source_url=source.url if source else None,
        inferred=dict(fact.inferred or {}), used=fact.used)


# ----------------------------------------------------------------------------- catalog
def _request(precision: str | None = None, unit: str = "best", sparse: str = "exclude",
             assume_unspecified: bool = False, include_flagged: bool = False,
             memory_kind: str = "off-chip", benchmark: str | None = None,
             scenario: str | None = None, price_kind: str = "on-demand",
             region: str | None = None, provider: str | None = None,
             kwh_price: float | None = None) -> Any:
    from chipcmp.figures.select import Request
    from chipcmp.model.vocabulary import EXECUTION_UNITS as UNITS
    from chipcmp.model.vocabulary import MEMORY_CHOICES, SPARSE_POLICIES
    from chipcmp.model.precision import DEFAULT, parse_query

    if unit not in UNITS:
        raise ChipcmpError(f"unknown execution unit {unit!r}; choose one of {', '.join(UNITS)}")
    if sparse not in SPARSE_POLICIES:
        raise ChipcmpError(f"unknown sparse policy {sparse!r}; choose one of "
                           f"{', '.join(SPARSE_POLICIES)}")
    if memory_kind not in MEMORY_CHOICES:
        raise ChipcmpError(f"unknown memory kind {memory_kind!r}; choose one of "
                           f"{', '.join(MEMORY_CHOICES)}")
    if scenario is not None and benchmark is None:
        raise ChipcmpError("--scenario says which of a benchmark's results: name the "
                           "benchmark (--benchmark)")
    if benchmark is not None:
        from chipcmp.model import benchmarks

        benchmark = benchmarks.spelled(benchmark)
        scenario = (scenario or "offline").lower()
        if scenario not in benchmarks.INFERENCE_SCENARIOS:
            raise ChipcmpError(f"unknown scenario {scenario!r}; choose one of "
                               f"{', '.join(benchmarks.INFERENCE_SCENARIOS)}")
    from chipcmp.model.vocabulary import PRICE_KINDS

    if price_kind not in PRICE_KINDS:
        raise ChipcmpError(f"unknown price kind {price_kind!r}; choose one of "
                           f"{', '.join(PRICE_KINDS)}")
    if kwh_price is not None and not (0 < kwh_price < float("inf")):
        raise ChipcmpError(f"--kwh-price {kwh_price!r}: a positive number of USD a kWh")
    return Request(parse_query(precision or DEFAULT), unit, sparse, assume_unspecified, True,
                   include_flagged, memory_kind, benchmark, scenario, price_kind,
                   region or None, provider or None, kwh_price)


def _filter(**filters: Any) -> Any:
    from chipcmp.analyses.filters import Filter

    return Filter(**filters)


def _ranking_filter(**filters: Any) -> Any:
    """The filter of a ranking (rank, the report's table): like with like, one
    accelerator beside another, unless another kind is asked (filters.RANKED_KINDS)."""
    from chipcmp.analyses.filters import RANKED_KINDS

    return _filter(**{**filters, "kind": filters.get("kind") or RANKED_KINDS})


def filter_names() -> tuple[str, ...]:
    """The filters every command that selects products takes: analyses.filters.Filter's
    fields (the one list; the command line's options are made for these names)."""
    from dataclasses import fields

    from chipcmp.analyses.filters import Filter

    return tuple(f.name for f in fields(Filter))


def option_names() -> tuple[str, ...]:
    """How figures are chosen: figures.select.Request's fields, but the precision (an
    argument of its own) and from_parts (always on)."""
    from dataclasses import fields

    from chipcmp.figures.select import Request

    return tuple(f.name for f in fields(Request) if f.name not in ("precision", "from_parts"))


def _split(options: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    filters, choices = filter_names(), option_names()
    unknown = set(options) - set(filters) - set(choices)
    if unknown:
        raise ChipcmpError(f"unknown option(s) {', '.join(sorted(unknown))}; the filters are "
                           f"{', '.join(filters)} and the options {', '.join(choices)}")
    return ({k: v for k, v in options.items() if k in choices},
            {k: v for k, v in options.items() if k in filters})


class Catalog:
    """The catalogs loaded together, as one view: each product once, every source kept
    (merged as the command line merges them: merge.py, the identity files, precedence)."""

    def __init__(self, view: Any):
        self.view = view

    @property
    def header(self) -> str:
        """The catalogs used, each with its date and terms, and any bundled snapshot a
        user's file replaced: the first line of every command's table."""
        from chipcmp.output.answers.common import catalogs_header

        return catalogs_header(self.view)

    def _id(self, key: str) -> str:
        """The id of the product a key names (an id, or an exact name or alias)."""
        from chipcmp.catalog.search import resolve

        return resolve(self.view, key).id

    def _answer(self, result: Result, core: Any = None) -> Answer:
        result.header = result.header or self.header
        return Answer(result, core)

    @property
    def products(self) -> list[Product]:
        return [Product(self, entry) for entry in self.view]

    @property
    def catalogs(self) -> list[str]:
        return [info.name for info in self.view.infos.values()]

    def product(self, key: str) -> Product:
        """A product by any of its records' ids, or by its name or an alias (exactly, in
        letters and digits); ChipcmpError, with close ids, when none or several match."""
        from chipcmp.catalog.search import resolve

        entry = resolve(self.view, key)
        return Product(self, entry)

    def find(self, text: str) -> list[Product]:
        from chipcmp.catalog.search import find

        return [Product(self, hit.entry) for hit in find(self.view, text)]

    def rank(self, metric: str = "tops-per-watt", precision: str | None = None, *,
             top: int | None = None, ascending: bool | None = None,
             frontier: bool = False, **options: Any) -> Answer:
        """Products ranked by `metric` (a name of analyses.metrics.METRICS: tops,
        tops-per-watt, memory, ...) at `precision`; `options`: how figures are chosen
        (option_names(): unit, sparse, assume_unspecified, include_flagged) and the
        filters (filter_names(): segment, kind, vendor, power, memory, bandwidth and
        release bounds). The records are `chipcmp rank`'s rows."""
        from chipcmp.analyses import field as field_module
        from chipcmp.analyses import metrics
        from chipcmp.output import answers as reports

        chosen = metrics.get_metric(metric)
        request_options, filters = _split(options)
        if not chosen.uses_precision and (precision is not None or
                                          request_options.get("unit", "best") != "best"):
            raise ChipcmpError(f"metric {chosen.name} takes no precision or execution unit: "
                               f"{chosen.description}")
        request = _request(precision, **request_options)
        where = _ranking_filter(**filters)
        only = ({p.entry.id for p in field_module.build(self.view, request, where).frontier}
                if frontier else None)
        ranking = metrics.rank(self.view, chosen, request, where=where, top=top,
                               ascending=ascending, only=only)
        return self._answer(reports.rank_result(ranking, where, top), ranking)

    def compare(self, *ids: str, precision: str | None = None, top: int | None = None,
                **options: Any) -> Answer:
        """Products side by side at one precision, ratios against the first; filters add
        the products they admit."""
        from chipcmp.output import answers as reports

        request_options, filters = _split(options)
        request = _request(precision, **request_options)
        where = _filter(**filters)
        chosen = [self._id(key) for key in ids]
        if where.selects:
            chosen += [e.id for e in self.view if e.id not in chosen
                       and where.admits(self.view, e, request)]
        from chipcmp.analyses.compare import compare

        found = compare(self.view, chosen[:top] if top else chosen, request)
        return self._answer(reports.compare_result(found), found)

    def claims(self, *ids: str, precision: str | None = None, verdict: Iterable[str] = (),
               extraordinary: float = 4.0, assume_unspecified: bool = False,
               include_flagged: bool = False) -> Answer:
        """Vendor claims checked against the specs and one another (all, or `ids`: claim
        ids, or products by id or name, for the claims that name them)."""
        from chipcmp.analyses import claims
        from chipcmp.output import answers as reports
        from chipcmp.model.precision import parse_query

        wanted = list(verdict)
        unknown = [v for v in wanted if v not in claims.VERDICTS]
        if unknown:
            raise ChipcmpError(f"unknown verdict {unknown[0]!r}; choose one of "
                               f"{', '.join(claims.VERDICTS)}")
        settings = claims.ClaimSettings(extraordinary, assume_unspecified,
                                   parse_query(precision) if precision else None,
                                   include_flagged)
        chosen: list[str] = []
        for key in ids:
            if key in self.view.catalog.claims:
                chosen.append(key)
                continue
            try:  # a product: the claims that name it
                entry = self.view.get(self._id(key))
            except ChipcmpError as exc:
                raise ChipcmpError(f"{key!r} is no claim id, and as a product: {exc} "
                                   "('chipcmp claims' lists the claims)") from None
            chosen.extend(c.id for c in self.view.catalog.claims.values()
                          if any(self.view.find(i) is entry for i in (c.subject, c.baseline)
                                 if i))
        results = claims.check_claims(self.view, list(dict.fromkeys(chosen)) or None,
                                      settings) if chosen or not ids else []
        if wanted:
            results = [r for r in results if r.verdict in wanted]
        return self._answer(reports.claims_result(results, settings), results)

    def export(self, precision: str | None = None, **options: Any) -> Answer:
        """One row per product with stable columns (`chipcmp export`)."""
        from chipcmp.output import answers as reports

        from chipcmp.analyses.export import export

        request_options, filters = _split(options)
        found = export(self.view, _request(precision, **request_options), _filter(**filters))
        return self._answer(reports.export_result(found), found)

    def show(self, product_id: str) -> Answer:
        """Everything about one product (`chipcmp show`): figures, sources, claims."""
        from chipcmp.analyses import claims
        from chipcmp.output import answers as reports

        from chipcmp.analyses.sheet import sheet

        product_id = self._id(product_id)
        verdicts = claims.claims_naming(self.view, product_id)
        found = sheet(self.view, self.view.get(product_id), verdicts)
        return self._answer(reports.show_result(found), found)

    def results(self, benchmark: str | None = None, scenario: str | None = None,
                round: str | None = None, submitter: str | None = None,
                product: str | None = None) -> Answer:
        """`chipcmp results`: the measured results loaded (MLPerf), with their value for
        one accelerator and share of peak, best first; `product`: only its own."""
        from chipcmp.analyses import measured
        from chipcmp.output import answers

        found = measured.answer(self.view, self.view.get(self._id(product)) if product
                                else None, benchmark=benchmark, scenario=scenario,
                                round_name=round, submitter=submitter)
        return self._answer(answers.results_result(found), found)

    def search(self, text: str, top: int | None = None) -> Answer:
        """`chipcmp find`: products whose id, name, alias or vendor match."""
        from chipcmp.catalog.search import find
        from chipcmp.output import answers as reports

        hits = find(self.view, text)
        return self._answer(reports.find_result(hits, text, top), hits)

    def about(self) -> Answer:
        """`chipcmp about`: each catalog in use, its title, date, terms and address."""
        from chipcmp.output import answers as reports

        return self._answer(reports.about_result(self.view), self.view.infos)

    def crosscheck(self) -> Answer:
        """What the sources disagree on, and figures that cannot be right."""
        from chipcmp.analyses import crosscheck

        findings = crosscheck.crosscheck(self.view)
        records = [f.as_record() for f in findings]
        lines = "".join(f"{f.code}: {f.message}\n" for f in findings)
        return self._answer(Result([lines] if lines else [], ["code", "products", "message",
                                                         "ratio"], records, records,
                             f"{len(findings)} finding(s)"), findings)

    def identity(self, suggest: bool = False) -> Answer:
        """Which records are one product, and why; the ambiguous names. `suggest`: the
        pairs that give the same figures and nothing different, neither merged nor
        decided apart (analyses/suggest.py), for an identity file to decide."""
        from chipcmp.output import answers as reports

        if suggest:
            from chipcmp.analyses.suggest import suggest as pairs

            found = pairs(self.view)
            return self._answer(reports.suggestions_result(found), found)
        return self._answer(reports.identity_result(self.view))

    def field(self, precision: str | None = None, **options: Any) -> Any:
        """The points of compute against power and the Pareto frontier (field.Field)."""
        from chipcmp.analyses import field as field_module

        request_options, filters = _split(options)
        return field_module.build(self.view, _request(precision, **request_options),
                                  _filter(**filters))

    def rooflines(self, *keys: str, precision: str | None = None, **options: Any) -> Any:
        """Each product's roofline at one precision (analyses/roofline.py): its peak,
        memory bandwidth and ridge point; the products without both, with why."""
        from chipcmp.analyses.roofline import rooflines

        request_options, _ = _split(options)
        entries = [self.view.get(self._id(key)) for key in keys]
        return rooflines(self.view, entries, _request(precision, **request_options))

    def plot(self, output: str | Path | None = None, precision: str | None = None, *,
             label: str = "frontier", roofline: Iterable[str] = (), **options: Any) -> str:
        """`chipcmp plot`: peak compute against power (log-log, the Pareto frontier), or
        with `roofline` (ids or names) those products' rooflines. To `output` (FILE.svg or
        FILE.png: the plot extra) it returns what it wrote, in a line; without, the text
        plot (or the ridge points)."""
        from chipcmp.output import plot as plotting

        keys = list(roofline)
        if keys:
            found = self.rooflines(*keys, precision=precision, **options)
            if output is None:
                return plotting.roofline_text(found)
            plotting.draw_rooflines(found, Path(output))
            return f"wrote {output}: {len(found.roofs)} roofline(s)"
        the_field = self.field(precision, **options)
        if output is None:
            return plotting.text_plot(the_field, label=label)
        plotting.draw(the_field, Path(output), label)
        return f"wrote {output}: {the_field.caption()}"

    def report(self, metric: str = "tops-per-watt", precision: str | None = None,
               roofline: Iterable[str] = (), **options: Any) -> str:
        """The comparison as one self-contained HTML page (`chipcmp report`); `roofline`:
        products (ids or names) whose rooflines the page draws."""
        from chipcmp.output import html
        from chipcmp.analyses import metrics
        from chipcmp.analyses import report as report_module

        request_options, filters = _split(options)
        entries = [self.view.get(self._id(key)) for key in roofline]
        made = report_module.build(self.view, metrics.get_metric(metric),
                                   _request(precision, **request_options),
                                   _ranking_filter(**filters), roofline=entries or None)
        return html.report_page(made)

    def __len__(self) -> int:
        return len(self.view)

    def __repr__(self) -> str:
        return (f"<chipcmp catalog: {len(self.view)} products from "
                f"{', '.join(self.catalogs)}>")


def load(*paths: str | Path, prefer: Iterable[str] = (), identity: Iterable[str | Path] = (),
         merge: bool = True, settings: bool = False,
         corrections: Iterable[str | Path] = ()) -> Catalog:
    """The catalogs as one view. No paths: the bundled catalog ("@bundled" names it
    beside others). `identity`: identity files read after the bundled one; `corrections`:
    corrections files read after the bundled one (which is read when a dataset's catalog
    is loaded). `settings`:
    also read CHIPCMP_CATALOG, CHIPCMP_IDENTITY and the config file, as the command line
    does (off by default: a script says what it loads). ChipcmpError with every located
    problem when a file is broken."""
    from chipcmp.catalog import load as catalog
    from chipcmp.read import settings as config
    from chipcmp.figures import flags
    from chipcmp.catalog import identity as identity_files
    from chipcmp.read import bundled

    chosen = [str(p) for p in paths] or None
    correction_paths = [str(p) for p in corrections]
    if settings:
        resolved = config.resolve(chosen, [str(p) for p in identity] or None,
                                  list(prefer) or None, correction_paths or None)
        chosen, identity_paths, prefer = resolved.catalogs, resolved.identity, resolved.prefer
        correction_paths = resolved.corrections
    else:
        identity_paths = [bundled.KEYWORD] + [str(p) for p in identity]
    loaded = catalog.load(chosen)
    # The bundled corrections are about the datasets; a file the user named is always read.
    datasets = any(a.kind == "dataset" for a in loaded.about.values())
    correction_paths = ([bundled.KEYWORD] if datasets else []) + correction_paths
    if correction_paths:
        loaded.corrections = _corrections(loaded, correction_paths)
    # The bundled decisions matter only across catalogs; a file the user named is always
    # read, so that a missing or broken one is an error, never ignored.
    named = [p for p in identity_paths if str(p) != bundled.KEYWORD]
    decisions = identity_files.load(identity_paths) \
        if len(loaded.files) > 1 or named else None
    catalog = Catalog(flags.build_view(loaded, prefer, merge, decisions))
    if settings and not (paths or identity or corrections) and merge:
        _keep_ids_for_completion(catalog, identity_paths, correction_paths)
    return catalog


def _keep_ids_for_completion(catalog: Catalog, identity: list[str], corrections: list[str]
                             ) -> None:
    """The configured catalogs' product and claim ids, with every file they come from,
    for shell completion to read without loading anything (read/completion_data.py)."""
    from chipcmp.read import bundled, completion_data

    def files(paths: list[str], shipped: str) -> list[str]:
        return [str(bundled.data_file(shipped)) if bundled.is_keyword(p) else str(p)
                for p in paths]

    try:
        loaded = catalog.view.catalog
        completion_data.keep_ids(
            [*loaded.files, *files(identity, bundled.IDENTITY_FILE),
             *files(corrections, bundled.CORRECTIONS_FILE)],
            sorted(entry.id for entry in catalog.view), sorted(loaded.claims))
    except Exception:  # completion is a convenience: a command never fails for it
        pass


def _corrections(loaded: Any, paths: list[str]) -> list[Any]:
    """Read the corrections files, check them against the catalogs loaded (a user's
    correction of a record no catalog has; two corrections of one record that disagree)
    and apply them: ChipcmpError with every problem located."""
    import os

    from chipcmp.catalog import corrections as correction_files
    from chipcmp.catalog.load import prefixes_not_loaded
    from chipcmp.model.problems import CatalogError, Severity
    from chipcmp.read import bundled

    found = correction_files.load(paths)
    shipped = os.path.realpath(bundled.data_file(bundled.CORRECTIONS_FILE))
    named = [f for f in found.files if os.path.realpath(f) != shipped]
    problems = correction_files.conflicts(found) + correction_files.unknown_records(
        found, set(loaded.products), named, prefixes_not_loaded(loaded))
    if any(p.severity is Severity.ERROR for p in problems):
        raise CatalogError(problems, "corrections file")
    return correction_files.apply(loaded, found)


def schema() -> dict[str, Any]:
    """The catalog's JSON Schema (draft 2020-12), made from the models (`chipcmp
    schema`)."""
    from chipcmp.model.schema import json_schema

    return json_schema()


@dataclass(frozen=True)
class Imported:
    """A dataset imported (`chipcmp import`): what was read and reported (located
    problems, counts), and the catalog it makes as YAML text (None when the files could
    not be read as the dataset at all)."""

    result: Any                   # read.importers.common.ImportResult
    text: str | None

    @property
    def problems(self) -> list[Any]:
        return self.result.problems

    @property
    def summary(self) -> str:
        return self.result.summary


def import_dataset(dataset: str, *paths: str | Path, snapshot: str | None = None,
                   names: dict[str, str] | None = None, provider: str | None = None
                   ) -> Imported:
    """Turn a public dataset's files (a name of read.importers.IMPORTERS: laics, epoch,
    mlperf, prices) into a chipcmp catalog; `snapshot`: the date the data is as of;
    `names` (prices): the product each accelerator name is, where the user decides it
    (NAME -> product id). A price table's names are matched against the catalogs every
    command loads, and those no product is are reported with what fits; `provider`
    (prices): whose prices they are, where the files do not say."""
    from chipcmp.model import dates
    from chipcmp.read import importers

    if dataset not in importers.IMPORTERS:
        raise ChipcmpError(f"unknown dataset {dataset!r}; choose one of "
                           f"{', '.join(importers.IMPORTERS)}")
    if snapshot is not None:
        try:
            snapshot = dates.check(snapshot)
        except dates.DateError as exc:
            raise ChipcmpError(f"--snapshot: {exc}") from None
    context = _price_context(dataset, names, provider)
    files = [Path(p) for p in paths]
    if context:
        context["snapshot"] = snapshot
    result = importers.import_paths(importers.IMPORTERS[dataset], files, **context)
    if result.names and not result.unreadable:
        from chipcmp.analyses.costs import unmatched_names

        result.problems.extend(unmatched_names(load(settings=True).view, result.names))
    return Imported(result, None if result.unreadable else
                    importers.to_yaml(result, dataset, files, snapshot))


def _price_context(dataset: str, names: dict[str, str] | None, provider: str | None
                   ) -> dict[str, Any]:
    """What the prices importer is told beside its files; for another dataset, a usage
    error where anything is."""
    if dataset != "prices":
        if names or provider:
            raise ChipcmpError("--name and --provider are about price tables: for prices "
                               "only")
        return {}
    return {"names": names, "provider": provider}


def validate(paths: Iterable[str | Path] | None = None, *, strict: bool = False,
             together: bool = False, documents: Iterable[str | Path] | None = None
             ) -> Validation:
    """Check catalog, identity and corrections files (`chipcmp validate`; none: the
    curated catalog): every problem located, and the exit status they mean."""
    from chipcmp.analyses.validation import validate as check

    return check([Path(p) for p in paths] if paths else None, strict=strict,
                 together=together, documents=[Path(d) for d in documents or ()] or None)


def datasets() -> list[Any]:
    """Each dataset `update` knows, with the copy in use: installed, a bundled snapshot or
    none; its sources, date, checksums and size (`chipcmp update --list`)."""
    from chipcmp.read import downloads

    return downloads.copies()


def update(dataset: str, urls: Iterable[str] = (), progress: Any = None,
           limits: Any = None, names: dict[str, str] | None = None,
           provider: str | None = None) -> Any:
    """Download a public dataset, import it, and install its catalog in the user's data
    folder (`chipcmp update`): only when the catalog loads cleanly beside what commands
    load by default (the bundled catalogs and the other installed datasets), through the
    same validation every command does. `limits`: a read.downloads.Limits. Returns what
    was installed; a downloads.UpdateError (with its problems) on any failure. `names`,
    `provider`: as import_dataset's, for price tables."""
    from chipcmp.read import bundled, downloads

    context = _price_context(dataset, names, provider)

    def loads_cleanly(candidate: Path) -> list[Any]:
        others = [str(p) for p in downloads.installed_catalogs() if p.stem != dataset]
        try:
            load(bundled.KEYWORD, *others, str(candidate))
        except ChipcmpError as exc:
            from chipcmp.model.problems import error

            return list(exc.problems) or [error(str(candidate), 1, 1, "does-not-load",
                                                str(exc))]
        return []

    return downloads.update(dataset, list(urls) or None, progress,
                            limits=limits or downloads.LIMITS, verify=loads_cleanly,
                            context=context)


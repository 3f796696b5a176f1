"""The catalog's data model (pydantic v2). No I/O: catalog.py feeds it parsed YAML.

Every number is a Measure (a float in its kind's canonical unit, see units.py) with a
bound, and names its source; unknown keys are errors. Field-level rules live here;
rules that need the whole catalog (references, duplicate ids, quotes) live in
catalog.py.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Annotated, Any, Literal

from pydantic import (BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator,
                      WithJsonSchema, model_validator)
from pydantic_core import PydanticCustomError

from chipcmp.model import limits, precision
from chipcmp.model import vocabulary
from chipcmp.model.benchmarks import BENCHMARKS
from chipcmp.model.claim_metrics import CLAIM_METRICS
from chipcmp.model.dates import EXAMPLES as _DATE_EXAMPLES, PATTERN as _DATE_PATTERN, DateError
from chipcmp.model.dates import check as check_date
from chipcmp.model.units import Measure, QuantityKind, UnitError, parse_quantity

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,79}$"
Id = Annotated[str, Field(pattern=ID_PATTERN,
                          description="lower-case letters, digits, '.', '_' and '-'")]
Text = Annotated[str, Field(min_length=1, max_length=10_000)]

Precision = Annotated[str, Field(pattern=precision.LABEL_PATTERN,
                                 description=precision.LABEL_HELP)]
ExecutionUnit = Literal["matrix", "vector"]

Bound = Literal["exact", "min", "max", "approx"]
FigureMeasure = Literal["peak", "delivered"]
ProductKind = Literal[vocabulary.KINDS]  # type: ignore[valid-type]
Segment = Literal[vocabulary.SEGMENTS]  # type: ignore[valid-type]
PowerKind = Literal[vocabulary.POWER_KINDS]  # type: ignore[valid-type]
Scope = Literal[vocabulary.SCOPES]  # type: ignore[valid-type]
PriceKind = Literal[vocabulary.PRICE_KINDS]  # type: ignore[valid-type]
HostShare = Literal[vocabulary.HOST_SHARES]  # type: ignore[valid-type]
Status = Literal["in-design", "taped-out", "sampling", "announced", "in-production",
                 "shipping", "research", "cancelled"]
# "secondary": a report of the vendor's figure by someone else, where no vendor document
# could be found (it speaks after the vendor's own).
SourceKind = Literal["article", "datasheet", "paper", "dataset", "web", "secondary"]


def _custom_error(code: str, message: str) -> PydanticCustomError:
    # The message goes in as context: a literal template would treat {} as placeholders.
    return PydanticCustomError(code, "{detail}", {"detail": message})


def _as_text(value: Any) -> str:
    # A function of one argument, not `str` itself: pydantic before 2.8 reads the
    # serializer's signature, and a builtin type has none.
    return str(value)


def quantity(kind: QuantityKind, positive: bool = True) -> Any:
    """An annotated Measure field: read from text such as "75 W", written back as text."""

    def validate(value: Any) -> Measure:
        try:
            measure = parse_quantity(value, kind)
        except UnitError as exc:
            raise _custom_error(exc.code, exc.message) from None
        if positive and not measure.value > 0:
            raise _custom_error("not-positive",
                                f"{value!r} must be greater than zero (a missing figure is "
                                "left out, not written as zero)")
        return measure

    return Annotated[
        Measure,
        PlainValidator(validate),
        PlainSerializer(_as_text, return_type=str),
        WithJsonSchema({"type": "string", "pattern": r"^\s*[+-]?(\d[\d_]*(\.\d*)?|\.\d+)"
                        r"([eE][+-]?\d+)?\s*\S.*$",
                        "description": f"{kind.label} with its unit, like {kind.example!r}",
                        "examples": [kind.example]}),
    ]


def _partial_date(value: Any) -> str:
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    try:
        return check_date(value)
    except DateError as exc:
        raise _custom_error("bad-date", str(exc)) from None


PartialDate = Annotated[str, PlainValidator(_partial_date), WithJsonSchema({
    "anyOf": [{"type": "string", "pattern": _DATE_PATTERN},
              {"type": "integer", "minimum": 1900, "maximum": 2999}],
    "description": _DATE_EXAMPLES})]

_FRACTION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*/\s*(\d+(?:\.\d+)?)\s*$")
_PERCENT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")


def parse_ratio(value: Any) -> float:
    """2, 2.5, "1/5" or "60%" as a positive finite float."""
    number: float | None = None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str):
        if match := _FRACTION.match(value):
            numerator, denominator = float(match[1]), float(match[2])
            number = numerator / denominator if denominator else None
        elif match := _PERCENT.match(value):
            number = float(match[1]) / 100
        else:
            try:
                number = float(value)
            except ValueError:
                number = None
    if number is None or number != number or number in (float("inf"), float("-inf")):
        raise _custom_error("bad-ratio", f"{value!r} is not a ratio: write 2, 2.5, '1/5' or "
                                         "'60%'")
    if number <= 0:
        raise _custom_error("not-positive", f"{value!r}: a ratio must be greater than zero")
    return number


def _ratio_or_range(value: Any) -> float | tuple[float, float]:
    if isinstance(value, (list, tuple)):
        if len(value) != 2:
            raise _custom_error("bad-ratio", "a range is two numbers: [low, high]")
        low, high = parse_ratio(value[0]), parse_ratio(value[1])
        if low > high:
            raise _custom_error("bad-ratio", f"range [{value[0]}, {value[1]}] runs backwards: "
                                             "write [low, high]")
        return (low, high)
    return parse_ratio(value)


RatioValue = Annotated[Any, PlainValidator(_ratio_or_range), WithJsonSchema({
    "oneOf": [{"type": "number", "exclusiveMinimum": 0},
              {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*(/\s*\d+(\.\d+)?|%)?\s*$"},
              {"type": "array", "minItems": 2, "maxItems": 2,
               "items": {"type": ["number", "string"]}}]})]
Fraction = Annotated[float, PlainValidator(parse_ratio), WithJsonSchema({
    "oneOf": [{"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
              {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*%\s*$"}]})]


def empty(factory: type = list) -> Any:
    """An empty default, made new for each model: pydantic deep-copies a literal [] or {}
    default every time it builds a model (a fifth of a catalog's validation). Shown in
    the JSON Schema as the literal would be."""
    return Field(default_factory=factory, json_schema_extra={"default": factory()})


class Strict(BaseModel):
    # Built on first use: only the models validated on their own (Source, ProductSpec, Claim,
    # About) build a validator; the others are compiled into them. A third off start-up.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Source(Strict):
    """Where figures come from: a news article read from a seed document, a datasheet..."""

    title: Text
    kind: SourceKind = "article"
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = None
    document: Annotated[str, Field(pattern=r"^[^/\\]+$",
                                   description="file name of the source document the "
                                               "figures were read from")] | None = None
    publisher: Text | None = None
    published: PartialDate | None = None
    accessed: PartialDate | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _locatable(self) -> Source:
        if self.url is None and self.document is None:
            raise _custom_error("unsourced", "a source needs a url or a document")
        return self


Inferred = Annotated[dict[Annotated[str, Field(pattern=r"^[a-z_]+$")], Text], Field(
    description="attributes the catalog reads into the source rather than finds stated in "
                "it, each with how: {sparse: '8 x 624 TFLOPS sparse = 4,992: the 5 petaFLOPS "
                "count sparsity'}; a number not in its quote names its own field here")]


class SourcedFields(Strict):
    """Fields every figure carries: its source id, the verbatim quote it rests on, and
    what the catalog inferred beyond what the source states (and how)."""

    source: Id
    quote: Text | None = None
    note: Text | None = None
    inferred: Inferred = empty(dict)


class ComputeFigure(SourcedFields):
    """Peak compute at one precision. `unit` says which execution units the figure
    counts: matrix (tensor or matrix engines) or vector (SIMD, CUDA cores); left out
    when the source does not say. `measure: delivered` marks a figure that is not a peak
    (a source's throughput on a workload, "no peak" in LAICS): shown, never ranked as a
    peak."""

    precision: Precision
    unit: ExecutionUnit | None = None
    sparse: bool = False
    measure: FigureMeasure = "peak"
    peak: quantity(QuantityKind.COMPUTE)  # type: ignore[valid-type]
    bound: Bound = "exact"
    scope: Scope | None = None


class PowerFigure(SourcedFields):
    kind: PowerKind
    scope: Scope
    value: quantity(QuantityKind.POWER)  # type: ignore[valid-type]
    bound: Bound = "exact"


class EfficiencyFigure(SourcedFields):
    """A document's TOPS/W where it gives no power to divide by."""

    precision: Precision
    unit: ExecutionUnit | None = None
    sparse: bool = False
    value: quantity(QuantityKind.EFFICIENCY)  # type: ignore[valid-type]
    bound: Bound = "exact"
    scope: Scope


class ProcessFigure(SourcedFields):
    value: quantity(QuantityKind.LENGTH)  # type: ignore[valid-type]
    bound: Bound = "exact"


class PriceFigure(SourcedFields):
    value: quantity(QuantityKind.MONEY)  # type: ignore[valid-type]
    bound: Bound = "exact"
    what: Text | None = None  # "street price on Amazon", "list price"


class MemoryFigure(SourcedFields):
    capacity: quantity(QuantityKind.MEMORY) | None = None  # type: ignore[valid-type]
    bound: Bound = "exact"  # of the capacity
    bandwidth: quantity(QuantityKind.BANDWIDTH) | None = None  # type: ignore[valid-type]
    bandwidth_bound: Bound = "exact"
    type: Text | None = None


class VideoDecode(SourcedFields):
    channels: Annotated[int, Field(gt=0)]
    resolution: Text
    codecs: list[Text] = empty()
    bound: Bound = "exact"


class TextFact(SourcedFields):
    value: Text


class Benchmark(SourcedFields):
    """A measured result: a score (bare number), a frame rate, or a latency (time for one
    item of work); with the peak memory it took, when the source gives it."""

    workload: Text
    score: Annotated[float, Field(gt=0, allow_inf_nan=False)] | None = None
    frame_rate: quantity(QuantityKind.FRAME_RATE) | None = None  # type: ignore[valid-type]
    latency: quantity(QuantityKind.TIME) | None = None  # type: ignore[valid-type]
    bound: Bound = "exact"
    peak_memory: quantity(QuantityKind.MEMORY) | None = None  # type: ignore[valid-type]
    conditions: Text | None = None

    @model_validator(mode="after")
    def _one_result(self) -> Benchmark:
        given = [r for r in (self.score, self.frame_rate, self.latency) if r is not None]
        if len(given) != 1:
            raise _custom_error("bad-benchmark", "give exactly one of 'score', 'frame_rate' "
                                                 "or 'latency'")
        return self


class Feature(SourcedFields):
    """A fact with no number to compare: a maximum decode resolution, a safety island."""

    name: Text
    value: Text


class RentalFigure(SourcedFields):
    """What an hour of the product costs to rent (a cloud price), per the unit named."""

    value: quantity(QuantityKind.RENTAL)  # type: ignore[valid-type]
    bound: Bound = "exact"
    per: Text  # what one hour buys: "TPU core"


class Milestone(SourcedFields):
    event: Literal["announced", "taped-out", "tested", "sampling", "mass-production",
                   "released", "shipping"]
    date: PartialDate
    planned: bool = False  # a date the vendor expects, not one that has happened


class Part(Strict):
    product: Id
    count: Annotated[int, Field(gt=0)] | None = None  # None: the source does not say
    bound: Bound = "exact"  # of the count ("at most 6 cards")
    source: Id | None = None
    quote: Text | None = None
    inferred: Inferred = empty(dict)


class ProductSpec(Strict):
    id: Id
    name: Text
    vendor: Text
    kind: ProductKind
    # False when the source says nothing of the kind and an importer chose one (Epoch's
    # rows are taken as cards): such a record may be one product with a record of another
    # kind, and its figures are read at that product's scope.
    kind_stated: bool = True
    form_factor: Text | None = None  # as the vendor names it: SXM5, PCIe, OAM, M.2, ...
    segment: Segment
    family: Text | None = None
    aliases: list[Text] = empty()
    source: Id | None = None  # where the product itself is named (it may have no figures)
    quote: Text | None = None
    status: Status | None = None
    description: Text | None = None
    contains: list[Part] = empty()
    # The formats the product computes in, when a source says (a correction, usually):
    # a figure given for two formats (fp16/bf16) then answers only for those it has.
    formats: list[Precision] = empty()
    # The formats its matrix (tensor) units compute in, when a source says (its
    # architecture's, usually): at those, a vector figure is not the product's peak.
    matrix_formats: list[Precision] = empty()
    compute: list[ComputeFigure] = empty()
    power: list[PowerFigure] = empty()
    efficiency: list[EfficiencyFigure] = empty()
    process: ProcessFigure | None = None
    price: PriceFigure | None = None
    memory: MemoryFigure | None = None
    interface: TextFact | None = None
    features: list[Feature] = empty()
    rental: RentalFigure | None = None
    video_decode: list[VideoDecode] = empty()
    benchmarks: list[Benchmark] = empty()
    milestones: list[Milestone] = empty()
    note: Text | None = None

    @model_validator(mode="after")
    def _parts_only_in_assemblies(self) -> ProductSpec:
        if self.contains and self.kind in ("chip", "soc"):
            raise _custom_error("bad-contains", f"a {self.kind} cannot contain other products; "
                                                "use kind card, module or system")
        return self


# The claim metrics' names, from their one registry (claim_metrics.py).
ClaimMetricName = Literal[tuple(CLAIM_METRICS)]  # type: ignore[valid-type]
BenchmarkName = Literal[tuple(BENCHMARKS)]  # type: ignore[valid-type]
ClaimKind = Literal["ratio", "composition", "generation", "cost"]


class Reading(Strict):
    """One way to read a claim whose subject, baseline or counts the source leaves open:
    what it replaces, under a label ("one A100 GPU", "one DGX A100")."""

    label: Text
    subject: Id | None = None
    subject_count: Annotated[int, Field(gt=0)] | None = None
    baseline: Id | None = None
    baseline_count: Annotated[int, Field(gt=0)] | None = None
    note: Text | None = None


class Claim(SourcedFields):
    """A vendor's comparative statement. `ratio` is subject / baseline on `metric`
    (a 2-list is a range); cost claims may give `saving` instead (0.6 for "saves 60%")."""

    id: Id
    kind: ClaimKind
    subject: Id
    subject_count: Annotated[int, Field(gt=0)] = 1
    baseline: Id | None = None
    baseline_count: Annotated[int, Field(gt=0)] = 1
    baseline_label: Text | None = None  # a baseline that is not a product: "the human brain"
    metric: ClaimMetricName
    workload: Text | None = None
    precision: Precision | None = None
    ratio: RatioValue | None = None
    saving: Fraction | None = None
    bound: Literal["exact", "min", "max", "approx", "range"] = "exact"
    readings: list[Reading] = empty()  # when the source leaves subject, baseline or counts open
    # The measured benchmark (MLPerf) a claim is set beside: found from `workload` when
    # it names the same model; named here to say so, or (proxy: true) to take another.
    benchmark: BenchmarkName | None = None
    proxy: bool = False

    @model_validator(mode="after")
    def _coherent(self) -> Claim:
        if self.ratio is not None and self.saving is not None:
            raise _custom_error("bad-claim", "give 'ratio' or 'saving', not both")
        if self.saving is not None and not self.saving < 1:
            raise _custom_error("bad-claim", "a saving is a fraction below 1 (0.6 or '60%')")
        if self.kind != "composition" and self.ratio is None and self.saving is None:
            raise _custom_error("bad-claim", f"a {self.kind} claim needs 'ratio' (or 'saving')")
        if self.kind != "composition" and self.baseline is None and self.baseline_label is None:
            raise _custom_error("bad-claim", "name the 'baseline' product, or describe it in "
                                             "'baseline_label' when it is not a product")
        labels = [r.label for r in self.readings]
        if self.readings and (len(labels) < 2 or len(set(labels)) != len(labels)):
            raise _custom_error("bad-claim", "readings come two or more, each with its own "
                                             "label")
        if self.proxy and self.benchmark is None:
            raise _custom_error("bad-claim", "'proxy: true' goes with the 'benchmark' the "
                                             "claim is measured by")
        is_range = isinstance(self.ratio, tuple)
        if is_range != (self.bound == "range"):
            raise _custom_error("bad-bound", "a [low, high] ratio goes with bound: range, and "
                                             "bound: range with a [low, high] ratio")
        return self

    @property
    def subject_over_baseline(self) -> float | tuple[float, float] | None:
        """The claim as subject / baseline on its metric (a saving s becomes 1 - s)."""
        if self.saving is not None:
            return 1 - self.saving
        return self.ratio

    @property
    def effective_bound(self) -> str:
        """The bound on subject_over_baseline: saving at least s means cost at most 1 - s."""
        if self.saving is not None:
            return {"min": "max", "max": "min"}.get(self.bound, self.bound)
        return self.bound


class About(Strict):
    """What a catalog file is: its name (which `--prefer` takes), whether it is curated
    or imported from a survey dataset (curated figures take precedence), and the terms
    under which its data may be used."""

    name: Id | None = None
    kind: Literal["curated", "dataset"] = "curated"
    title: Text | None = None
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = None
    licence: Text | None = None
    attribution: Text | None = None
    snapshot: PartialDate | None = None  # the date the data is as of (a dataset's copy)
    # "required": every figure quotes the line of its source that gives the number (a
    # datasheet catalog's rule: `validate` reports a figure without one).
    quotes: Literal["optional", "required"] = "optional"


class LatencyLimits(Strict):
    """The latency limits an LLM Server or Interactive run was held to (ms)."""

    ttft_ms: Annotated[float, Field(gt=0, allow_inf_nan=False)]   # time to first token
    tpot_ms: Annotated[float, Field(gt=0, allow_inf_nan=False)]   # time per output token


class MeasuredEnergy(Strict):
    """A result's energy: throughput per joule (Offline, Server, Interactive), energy per
    query (SingleStream, MultiStream) or energy to train (Training), of the whole system
    at the wall."""

    value: Annotated[float, Field(gt=0, allow_inf_nan=False)]
    unit: Literal["samples/J", "tokens/J", "mJ/query", "kWh"]   # kWh: energy to train


class MeasuredResult(Strict):
    """A result measured and published (MLPerf): one system's value on one benchmark and
    scenario, scored by the benchmark's rules, with where it was read."""

    id: Id
    round: Text                       # "training v1.0", "inference v0.5"
    division: Text                    # closed, open
    submitter: Text
    system: Text                      # the benchmark's system id
    system_name: Text | None = None
    status: Text | None = None        # available, preview, research, onprem, ...
    accelerator: Text                 # the accelerator as the submission names it
    # Its memory as the submission states it ("40 GB"): picks the SKU a name without its
    # memory size leaves open (A100-SXM4 40 GB or 80 GB).
    accelerator_memory: Text | None = None
    accelerators: Annotated[int, Field(gt=0, le=limits.MAX_ACCELERATORS)]
    benchmark: Text                   # resnet50, bert, ...
    scenario: Literal["offline", "server", "interactive", "singlestream", "multistream",
                      "training"]
    metric: Text                      # throughput, latency, time to train, ...
    value: Annotated[float, Field(gt=0, allow_inf_nan=False)]
    unit: Literal["samples/s", "tokens/s", "ms", "min", "samples"]
    # A Server or Interactive LLM result holds at its latency limits (MLPerf's TTFT and
    # TPOT, in ms): results are compared only at the same limits.
    latency_limits: LatencyLimits | None = None
    # The system's wall power in the run (MLPerf's power results), and what it makes of
    # the result: its throughput per joule, or the energy of one query.
    power_w: Annotated[float, Field(gt=0, allow_inf_nan=False)] | None = None
    energy: MeasuredEnergy | None = None
    valid: bool = True
    precision: Precision | None = None  # the numerics the submission ran, where stated
    runs: Annotated[int, Field(gt=0)] = 1
    files: list[Text] = empty()
    source: Id
    note: Text | None = None

    @model_validator(mode="after")
    def _a_measurement(self) -> MeasuredResult:
        reason = limits.measured_problem(self.value, self.unit)
        if reason is not None:
            raise _custom_error("not-a-measurement", f"value {self.value:g} {self.unit}: "
                                                     f"{reason}")
        return self


class AcceleratorPrice(SourcedFields):
    """What an hour of one accelerator costs: a cloud's instance price over its
    accelerators, or a price a user states; with who charges it, where, how and when."""

    id: Id
    # The accelerator as the price table names it ("A100-80GB", "tpu-v6e"), or a product
    # id; `product` when the importer was told which product the name is.
    accelerator: Text
    accelerator_memory: Text | None = None   # as the table states it ("80 GB")
    vendor: Text | None = None
    product: Id | None = None
    usd_per_accelerator_hour: Annotated[float, Field(
        gt=0, le=limits.MAX_USD_PER_ACCELERATOR_HOUR, allow_inf_nan=False)]
    kind: PriceKind
    provider: Text
    region: Text | None = None
    instance: Text | None = None             # the instance type it was priced in
    accelerators: Annotated[int, Field(gt=0, le=limits.MAX_ACCELERATORS)] | None = None
    usd_per_instance_hour: Annotated[float, Field(gt=0, allow_inf_nan=False)] | None = None
    host: HostShare | None = None
    date: PartialDate


class CatalogFile(Strict):
    """The top level of a catalog file."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True,
                              title="chipcmp catalog")

    about: About | None = None
    sources: dict[Id, Source] = empty(dict)
    products: list[ProductSpec] = empty()
    results: list[MeasuredResult] = empty()
    prices: list[AcceleratorPrice] = empty()
    claims: list[Claim] = empty()


def sourced_mappings(node: Any, path: tuple[Any, ...] = ()) -> Any:
    """(path, mapping) for every mapping in dumped model data that names a source: the
    figures, parts, facts and items that cite something."""
    if isinstance(node, dict):
        if isinstance(node.get("source"), str):
            yield path, node
        for key, value in node.items():
            if isinstance(value, (dict, list)):
                yield from sourced_mappings(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from sourced_mappings(value, path + (index,))


def sourced_models(model: Any, path: tuple[Any, ...] = ()) -> Any:
    """(path, model) for every model inside `model` (itself included) that can carry a
    quote: figures, parts, facts, claims."""
    if isinstance(model, BaseModel):
        fields = model.__dict__  # the field values, without pydantic's attribute lookup
        if "quote" in fields:
            yield path, model
        for name, value in fields.items():
            if isinstance(value, (BaseModel, list)) and value:
                yield from sourced_models(value, path + (name,))
    elif isinstance(model, list):
        for index, value in enumerate(model):
            yield from sourced_models(value, path + (index,))


SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema() -> dict[str, Any]:
    """The catalog file's JSON Schema (draft 2020-12), generated from these models so
    the two cannot drift apart; editors use it to complete keys and flag mistakes."""
    schema = CatalogFile.model_json_schema(mode="validation")
    return {"$schema": SCHEMA_DIALECT,
            "$id": "https://chipcmp.invalid/schema/chips.schema.json",
            **schema,
            "description": "A chipcmp catalog: sources, products and claims, every figure "
                           "with its unit, bound and source."}

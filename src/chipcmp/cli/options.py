"""The command line's options, declared once as `Annotated` aliases that each command
lists among its parameters (where a reader sees them): the choices made from the
registries, and the options several commands share. The names are those of the API's:
the filters are analyses.filters.Filter's fields, the figure options figures.select.
Request's, the catalog options api.load's (tests/acceptance/test_cli.py checks each table against
its dataclass); `chosen` and `catalogs` hand a command's parameters over to the API.
"""

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from chipcmp.analyses.metrics import METRICS
from chipcmp.model.vocabulary import (EXECUTION_UNITS, KINDS, MEMORY_CHOICES,
                                     PRICE_KINDS, SEGMENTS, SPARSE_POLICIES)
from chipcmp.output.formats import FORMATTERS
from chipcmp.read.importers import REGISTRY as DATASETS

if TYPE_CHECKING:
    from chipcmp.api import Catalog

# Choices made from the registries: a new metric, format or dataset is one entry there.
Format = Enum("Format", {name: name for name in FORMATTERS}, type=str)  # type: ignore[misc]
MetricName = Enum("MetricName", {name: name for name in METRICS}, type=str)  # type: ignore[misc]
UnitChoice = Enum("UnitChoice", {n: n for n in EXECUTION_UNITS}, type=str)  # type: ignore[misc]
SparseChoice = Enum("SparseChoice", {n: n for n in SPARSE_POLICIES}, type=str)  # type: ignore[misc]
MemoryChoice = Enum("MemoryChoice", {n: n for n in MEMORY_CHOICES}, type=str)  # type: ignore[misc]
DatasetName = Enum("DatasetName", {n: n for n in DATASETS}, type=str)  # type: ignore[misc]

# ------------------------------------------------------------------ shared options
FlaggedOption = Annotated[bool, typer.Option(
    "--include-flagged", help="Use figures found implausible (a unit slip, sparse posing "
                              "as dense, ...), marked; by default they are left out.")]
OutputOption = Annotated[Optional[Path], typer.Option(
    "--output", "-o", help="Write to this file (whole, and only once the work succeeded); "
                           "a link is written through, a FIFO or device as a stream.")]
PrecisionOption = Annotated[Optional[str], typer.Option(
    help="A precision family (int8; fp16 takes fp16, fp16.16, fp16.32), one variant "
         "exactly (fp16.32), or families joined by commas (fp16,bf16). Default int8.",
    show_default=False)]
UnitOption = Annotated[UnitChoice, typer.Option(
    "--unit", help="Execution unit: best (a matrix figure before one of unstated or vector "
                   "unit), matrix (tensor/matrix engines only) or vector (SIMD/CUDA cores "
                   "only).")]
SparseOption = Annotated[SparseChoice, typer.Option(
    "--sparse", help="A product with only a sparse figure: exclude it (default), or halve "
                     "the figure and mark it derived.")]
AssumeOption = Annotated[bool, typer.Option(
    "--assume-unspecified", help="Use a figure whose precision the source does not state "
                                 "as if it were at --precision, marked as assumed.")]
TopOption = Annotated[Optional[int], typer.Option(
    min=1, help="The first N only (in every format).")]


def format_option(help_text: str = "table for people; csv or json for scripts.") -> Any:
    return typer.Option("--format", help=help_text)


# ------------------------------------------------------------------- price tables
NameOption = Annotated[Optional[list[str]], typer.Option(
    "--name", metavar="NAME=PRODUCT_ID",
    help="(prices) The product a price table's accelerator name is, where the name fits "
         "several (H100=nvidia-h100-sxm5-80gb); repeatable.")]
ProviderNameOption = Annotated[Optional[str], typer.Option(
    "--provider", metavar="NAME",
    help="(prices) The provider of every price table read (aws, gcp, ...); by default the "
         "folder a SkyPilot vms.csv sits in (or its URL's), else the file's name.")]


def decided_names(given: Optional[list[str]]) -> dict[str, str] | None:
    """--name NAME=PRODUCT_ID options as a mapping; a malformed one is a usage error."""
    from chipcmp.model.problems import UsageError

    decided = {}
    for text in given or ():
        accelerator, _, product = text.partition("=")
        if not accelerator.strip() or not product.strip():
            raise UsageError(f"--name {text!r}: NAME=PRODUCT_ID")
        decided[accelerator.strip()] = product.strip()
    return decided or None


# ------------------------------------------------------------------------- filters
SegmentOption = Annotated[Optional[str], typer.Option(
    help=f"Only this segment: {', '.join(SEGMENTS)}; edge also takes embedded, mobile and "
         "automotive.")]
KindOption = Annotated[Optional[str], typer.Option(
    help=f"Only this kind: {', '.join(KINDS)}; accelerator (chip, soc, card or module: what "
         "rank compares by default) or all.")]
VendorOption = Annotated[Optional[str], typer.Option(
    help="Only vendors whose name contains this text (case-insensitive).")]
MaxPowerOption = Annotated[Optional[float], typer.Option(
    "--max-power", metavar="W", help="Only products whose power is at most W watts.")]
MinPowerOption = Annotated[Optional[float], typer.Option(
    "--min-power", metavar="W", help="Only products whose power is at least W watts.")]
AfterOption = Annotated[Optional[str], typer.Option(
    "--released-after", metavar="DATE", help="Only products released on or after DATE "
                                             "(2021, 2021-07, 2021-07-14, 2021-Q3, 2021-H2).")]
BeforeOption = Annotated[Optional[str], typer.Option(
    "--released-before", metavar="DATE", help="Only products released before DATE.")]
MinMemoryOption = Annotated[Optional[float], typer.Option(
    "--min-memory", metavar="GB", help="Only products with at least GB of memory.")]
MinBandwidthOption = Annotated[Optional[float], typer.Option(
    "--min-bandwidth", metavar="GB/S", help="Only products with at least GB/S of memory "
                                            "bandwidth.")]
AnnouncedOption = Annotated[bool, typer.Option(
    "--include-announced", help="Also take parts not released: announced, on a roadmap or "
                                "cancelled (marked wherever shown).")]
# The help of each filter, keyed by the field of analyses.filters.Filter it sets (a test
# checks the keys are the fields): the dataclass is the one list of filters.
FILTER_OPTIONS = {"segment": SegmentOption, "kind": KindOption, "vendor": VendorOption,
                  "max_power": MaxPowerOption, "min_power": MinPowerOption,
                  "min_memory": MinMemoryOption, "min_bandwidth": MinBandwidthOption,
                  "released_after": AfterOption, "released_before": BeforeOption,
                  "include_announced": AnnouncedOption}

# ------------------------------------------------------------------------ catalogs
CatalogOption = Annotated[Optional[list[str]], typer.Option(
    "--catalog", metavar="PATH",
    help="Catalog file to use instead of the bundled one (repeatable); name the bundled one "
         "as @bundled to extend it.")]
PreferOption = Annotated[Optional[list[str]], typer.Option(
    "--prefer", metavar="CATALOG_OR_SOURCE",
    help="Take figures from this catalog (its name or path) or source id first "
         "(repeatable, in order); by default curated catalogs come before survey datasets, "
         "then the order of --catalog.")]
IdentityOption = Annotated[Optional[list[str]], typer.Option(
    "--identity", metavar="PATH",
    help="An identity file (repeatable): which records across catalogs are one product, "
         "and which are not; read after the bundled one.")]
CorrectionsOption = Annotated[Optional[list[str]], typer.Option(
    "--corrections", metavar="PATH",
    help="A corrections file (repeatable): sourced facts that correct what a dataset says "
         "(compositions, formats, segments, figures); read after the bundled one.")]
MergeOption = Annotated[bool, typer.Option(
    "--merge/--no-merge", help="Merge the records that several catalogs give for one "
                               "product (default), or keep every record its own row.")]
# The options of api.load a command passes on (a test checks they are its parameters).
CATALOG_OPTIONS = {"catalog": CatalogOption, "prefer": PreferOption,
                   "identity": IdentityOption, "corrections": CorrectionsOption,
                   "merge": MergeOption}
# How figures are chosen, keyed by the field of figures.select.Request each sets (the
# others, precision and from_parts, are not options of their own).
MemoryKindOption = Annotated[MemoryChoice, typer.Option(
    "--memory-kind", help="Which memory figures are a product's memory and bandwidth: "
                          "off-chip (HBM, GDDR, LPDDR, DDR; a figure of unstated type is "
                          "taken as off-chip), on-chip (SRAM), or any.")]
BenchmarkOption = Annotated[Optional[str], typer.Option(
    "--benchmark", metavar="NAME",
    help="Rank what was measured: the best valid MLPerf result of each product in this "
         "benchmark (llama2-70b, mixtral-8x7b, deepseek-r1, gpt-oss-120b, resnet50, ...), "
         "for one accelerator; --metric throughput is then the default.")]
ScenarioOption = Annotated[Optional[str], typer.Option(
    "--scenario", metavar="SCENARIO",
    help="With --benchmark: offline (default), server or interactive (Server and "
         "Interactive results compared at one set of latency limits).")]
PriceKindChoice = Enum("PriceKindChoice", {n: n for n in PRICE_KINDS}, type=str)  # type: ignore[misc]
PriceKindOption = Annotated[PriceKindChoice, typer.Option(
    "--price-kind", help="Which prices a cost takes (the cheapest of them): on-demand "
                         "(default), spot, reserved or list.")]
RegionOption = Annotated[Optional[str], typer.Option(
    "--region", metavar="REGION", help="Only prices in this region (us-east-1, "
                                       "us-central1, ...), as the price table names it.")]
ProviderOption = Annotated[Optional[str], typer.Option(
    "--provider", metavar="NAME", help="Only prices of this provider (aws, gcp, ...).")]
KwhPriceOption = Annotated[Optional[float], typer.Option(
    "--kwh-price", metavar="USD", help="What a kWh costs: kwh-per-million-* then gives "
                                       "the energy's cost too.")]
FIGURE_OPTIONS = {"unit": UnitOption, "sparse": SparseOption,
                  "assume_unspecified": AssumeOption, "include_flagged": FlaggedOption,
                  "memory_kind": MemoryKindOption, "benchmark": BenchmarkOption,
                  "scenario": ScenarioOption, "price_kind": PriceKindOption,
                  "region": RegionOption, "provider": ProviderOption,
                  "kwh_price": KwhPriceOption}


def catalogs(given: dict[str, Any]) -> "CatalogChoice":
    """The catalogs a command's parameters name (its locals(): --catalog, --prefer,
    --identity, --corrections, --merge)."""
    return CatalogChoice(**{name: given[name] for name in CATALOG_OPTIONS})


def chosen(given: dict[str, Any]) -> dict[str, Any]:
    """The API's filter and figure options among a command's parameters (its locals()):
    those it takes, enum choices as their values."""
    return {name: value.value if isinstance(value, Enum) else value
            for name, value in given.items() if name in FILTER_OPTIONS or
            name in FIGURE_OPTIONS}


class CatalogChoice:
    """The catalogs a command reads, as its options (and the environment and config file,
    read/settings.py) name them; loaded by the API, of which the command line is a client."""

    def __init__(self, catalog: Optional[list[str]], prefer: Optional[list[str]],
                 identity: Optional[list[str]], corrections: Optional[list[str]], merge: bool):
        self.paths, self.prefer, self.identity = catalog or [], prefer or [], identity or []
        self.corrections, self.merge = corrections or [], merge

    def load(self) -> "Catalog":
        from chipcmp import api

        return api.load(*self.paths, prefer=self.prefer, identity=self.identity,
                        merge=self.merge, settings=True, corrections=self.corrections)

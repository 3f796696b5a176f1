"""The command line: the only module that prints, reads the terminal or exits.

Each command parses its options (declared once, in options.py), asks the API for an
answer, and hands its Result to one formatter from the registry (output/formats.py):
0 clean, 1 problems found, 2 usage. Heavy modules (pydantic, pint, rich) are imported
inside the commands that need them, so `chipcmp --help` starts fast.
"""

import contextlib
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from chipcmp import __version__
from chipcmp.cli.options import (AfterOption, AnnouncedOption, AssumeOption, BeforeOption,
                                 BenchmarkOption, ScenarioOption, PriceKindChoice,
                                 PriceKindOption, RegionOption, ProviderOption,
                                 KwhPriceOption, NameOption, ProviderNameOption,
                                 decided_names, CatalogOption, CorrectionsOption, DatasetName, FlaggedOption, Format,
                                 IdentityOption, KindOption, MaxPowerOption, MemoryChoice,
                                 MemoryKindOption, MergeOption,
                                 MetricName, MinBandwidthOption, MinMemoryOption,
                                 MinPowerOption, OutputOption, PrecisionOption, PreferOption,
                                 SegmentOption, SparseChoice, SparseOption, TopOption,
                                 UnitChoice, UnitOption, VendorOption, catalogs, chosen,
                                 format_option)
from chipcmp.analyses.metrics import help_text as metrics_help
from chipcmp.model.precision import CLAIM_ORDER

if TYPE_CHECKING:
    from chipcmp.output.results import Result

SETTINGS: dict[str, Any] = dict(
    name="chipcmp",
    help="Compare AI accelerators from a curated, sourced catalog.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app = typer.Typer(**SETTINGS)

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _version(value: bool) -> None:
    if value:
        typer.echo(f"chipcmp {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: Annotated[Optional[bool], typer.Option(
        "--version", callback=_version, is_eager=True, help="Show the version and exit.")] = None,
) -> None:
    """Compare AI accelerators from a curated, sourced catalog."""


def _emit(result: "Result", output_format: str = "table", output: Optional[Path] = None) -> None:
    """The result in the format asked, to --output (atomically) or stdout; its summary to
    stderr. On a terminal the table format is drawn by rich."""
    from chipcmp.output.formats import draw, render

    if output is not None:
        from chipcmp.output.writing import write_atomically

        write_atomically(output, render(result, output_format))
        typer.echo(f"wrote {output}", err=True)
    elif output_format == "table" and sys.stdout.isatty():
        from rich.console import Console

        draw(result, Console(width=terminal_width()))
    else:
        sys.stdout.write(render(result, output_format))
        sys.stdout.flush()
    if result.summary:
        typer.echo(result.summary, err=True)


NARROWEST, WIDEST, USUAL = 20, 1000, 80  # terminal widths a table is drawn at


def terminal_width() -> int:
    """The width to draw at: COLUMNS when it is a usable width, else the terminal's own
    size, else 80. Zero, negative, not a number or beyond WIDEST is not a width (a table
    would print nothing, or one cell a screen); below NARROWEST, NARROWEST."""
    import os

    try:
        asked = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        asked = 0
    if 0 < asked <= WIDEST:
        return max(asked, NARROWEST)
    try:
        own = os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError):
        own = 0
    return min(max(own, NARROWEST), WIDEST) if own > 0 else USUAL


# ------------------------------------------------------------------------ validate
@app.command()
def validate(
    paths: Annotated[Optional[list[Path]], typer.Argument(
        help="Catalog files to check (default: the bundled catalog).", show_default=False)] = None,
    output_format: Annotated[Format, format_option(
        "table: one 'path:line:col: severity code message' a line; json; csv.")
    ] = Format.table,
    strict: Annotated[bool, typer.Option(help="Fail on warnings too.")] = False,
    together: Annotated[bool, typer.Option(
        help="Check the files as one catalog (ids shared, references across files); "
             "by default each file stands alone.")] = False,
    documents: Annotated[Optional[list[Path]], typer.Option(
        "--documents", metavar="DIR",
        help="Folder holding the source documents (repeatable): quotes are checked "
             "against the documents found there.")] = None,
) -> None:
    """Check catalog files; print every problem with its location."""
    from chipcmp import api
    from chipcmp.output.answers.validate import validation_result

    found = api.validate(paths, strict=strict, together=together, documents=documents)
    _emit(validation_result(found), output_format.value)
    raise typer.Exit(found.status)


# ---------------------------------------------------------------------------- rank
@app.command()
def rank(
    metric: Annotated[Optional[MetricName], typer.Option(
        help="What to rank by: " + metrics_help()
        + ". tops*: TOPS for integer precisions, TFLOPS for float ones. Default: "
          "tops-per-watt; throughput with --benchmark.", show_default=False)
    ] = None,
    precision: PrecisionOption = None,
    top: TopOption = None,
    asc: Annotated[bool, typer.Option("--asc", help="Smallest first.")] = False,
    frontier: Annotated[bool, typer.Option(
        "--frontier", help="Only products on the Pareto frontier of compute against power "
                           "(no other has as much compute for as little power).")] = False,
    output_format: Annotated[Format, format_option()] = Format.table,
    output: OutputOption = None,
    unit: UnitOption = UnitChoice.best,
    sparse: SparseOption = SparseChoice.exclude,
    assume_unspecified: AssumeOption = False,
    include_flagged: FlaggedOption = False,
    memory_kind: MemoryKindOption = MemoryChoice("off-chip"),
    benchmark: BenchmarkOption = None,
    scenario: ScenarioOption = None,
    price_kind: PriceKindOption = PriceKindChoice("on-demand"),
    region: RegionOption = None,
    provider: ProviderOption = None,
    kwh_price: KwhPriceOption = None,
    catalog: CatalogOption = None,
    prefer: PreferOption = None,
    identity: IdentityOption = None,
    corrections: CorrectionsOption = None,
    merge: MergeOption = True,
    segment: SegmentOption = None,
    kind: KindOption = None,
    vendor: VendorOption = None,
    max_power: MaxPowerOption = None,
    min_power: MinPowerOption = None,
    min_memory: MinMemoryOption = None,
    min_bandwidth: MinBandwidthOption = None,
    released_after: AfterOption = None,
    released_before: BeforeOption = None,
    include_announced: AnnouncedOption = False,
) -> None:
    """Rank products by one metric at one precision; products without a figure are listed
    apart with the reason, never ranked as zero."""
    # locals(): the command's parameters, of which the API takes the options it names
    asked = metric.value if metric else ("throughput" if benchmark else "tops-per-watt")
    answer = catalogs(locals()).load().rank(
        asked, precision, top=top, ascending=True if asc else None,
        frontier=frontier, **chosen(locals()))
    _emit(answer.result, output_format.value, output)


# -------------------------------------------------------------------------- export
@app.command()
def export(
    output_format: Annotated[Format, format_option(
        "csv or json (every column); table shows a summary.")] = Format.csv,
    precision: PrecisionOption = None,
    output: OutputOption = None,
    unit: UnitOption = UnitChoice.best,
    sparse: SparseOption = SparseChoice.exclude,
    include_flagged: FlaggedOption = False,
    memory_kind: MemoryKindOption = MemoryChoice("off-chip"),
    catalog: CatalogOption = None,
    prefer: PreferOption = None,
    identity: IdentityOption = None,
    corrections: CorrectionsOption = None,
    merge: MergeOption = True,
    segment: SegmentOption = None,
    kind: KindOption = None,
    vendor: VendorOption = None,
    max_power: MaxPowerOption = None,
    min_power: MinPowerOption = None,
    min_memory: MinMemoryOption = None,
    min_bandwidth: MinBandwidthOption = None,
    released_after: AfterOption = None,
    released_before: BeforeOption = None,
    include_announced: AnnouncedOption = False,
) -> None:
    """The whole catalog, one row per product, with stable columns (units in the names):
    each precision family's figure and the TOPS/W column at --precision (default int8)
    by the rule rank uses."""
    answer = catalogs(locals()).load().export(
        precision, **chosen(locals()))
    _emit(answer.result, output_format.value, output)


# ---------------------------------------------------------------------------- show
@app.command()
def show(
    product_id: Annotated[str, typer.Argument(metavar="ID", help="A product id.")],
    output_format: Annotated[Format, format_option(
        "table for people; json (the product) or csv (its figures).")] = Format.table,
    output: OutputOption = None,
    catalog: CatalogOption = None,
    prefer: PreferOption = None,
    identity: IdentityOption = None,
    corrections: CorrectionsOption = None,
    merge: MergeOption = True,
) -> None:
    """Everything about one product: figures from every source with bounds, sources and
    quotes, which one each command uses, parts, and the claims that name it."""
    answer = catalogs(locals()).load().show(product_id)
    _emit(answer.result, output_format.value, output)


# ------------------------------------------------------------------------- compare
@app.command()
def compare(
    product_ids: Annotated[Optional[list[str]], typer.Argument(
        metavar="[ID...]", help="Products to set side by side, the first the reference; "
                                "with filters, the products they admit join them.",
        show_default=False)] = None,
    precision: PrecisionOption = None,
    top: TopOption = None,
    output_format: Annotated[Format, format_option()] = Format.table,
    output: OutputOption = None,
    unit: UnitOption = UnitChoice.best,
    sparse: SparseOption = SparseChoice.exclude,
    assume_unspecified: AssumeOption = False,
    include_flagged: FlaggedOption = False,
    memory_kind: MemoryKindOption = MemoryChoice("off-chip"),
    catalog: CatalogOption = None,
    prefer: PreferOption = None,
    identity: IdentityOption = None,
    corrections: CorrectionsOption = None,
    merge: MergeOption = True,
    segment: SegmentOption = None,
    kind: KindOption = None,
    vendor: VendorOption = None,
    max_power: MaxPowerOption = None,
    min_power: MinPowerOption = None,
    min_memory: MinMemoryOption = None,
    min_bandwidth: MinBandwidthOption = None,
    released_after: AfterOption = None,
    released_before: BeforeOption = None,
    include_announced: AnnouncedOption = False,
) -> None:
    """Products side by side at one precision, with ratios against the first."""
    answer = catalogs(locals()).load().compare(
        *(product_ids or ()), precision=precision, top=top, **chosen(locals()))
    _emit(answer.result, output_format.value, output)


# -------------------------------------------------------------------------- claims
@app.command("claims")
def claims_command(
    claim_ids: Annotated[Optional[list[str]], typer.Argument(
        metavar="[ID...]", help="Claim ids (default: every claim).", show_default=False)] = None,
    precision: Annotated[Optional[str], typer.Option(
        help="Compare specs at this precision (a family, a variant, or families joined by "
             "commas); default: the first precision both products have, in the order "
             f"{', '.join(CLAIM_ORDER)}.", show_default=False)] = None,
    output_format: Annotated[Format, format_option()] = Format.table,
    verdict: Annotated[Optional[list[str]], typer.Option(
        help="Only claims with this verdict (repeatable): consistent, beyond-spec, "
             "extraordinary, contradicted, unverifiable, depends-on-reading.")] = None,
    strict: Annotated[bool, typer.Option(help="Exit 1 when any claim is contradicted.")] = False,
    extraordinary: Annotated[float, typer.Option(
        help="Implied advantage at or above which a claim is 'extraordinary'.")] = 4.0,
    output: OutputOption = None,
    assume_unspecified: AssumeOption = False,
    include_flagged: FlaggedOption = False,
    catalog: CatalogOption = None,
    prefer: PreferOption = None,
    identity: IdentityOption = None,
    corrections: CorrectionsOption = None,
    merge: MergeOption = True,
) -> None:
    """Check vendor claims against the specs and against one another, with the arithmetic:
    consistent, beyond-spec, extraordinary, contradicted or unverifiable."""
    from chipcmp.analyses.claims import CONTRADICTED

    answer = catalogs(locals()).load().claims(
        *(claim_ids or ()), precision=precision, verdict=verdict or (),
        extraordinary=extraordinary, **chosen(locals()))
    _emit(answer.result, output_format.value, output)
    contradicted = any(r.verdict == CONTRADICTED for r in answer.core)
    raise typer.Exit(EXIT_PROBLEMS if strict and contradicted else EXIT_OK)


# -------------------------------------------------------------------------- schema
@app.command()
def schema(output: OutputOption = None) -> None:
    """Print the catalog's JSON Schema (draft 2020-12), generated from the model."""
    from chipcmp import api
    from chipcmp.output.results import Result

    _emit(Result(document=api.schema()), "json", output)


# ---------------------------------------------------------------------------- plot
class LabelChoice(str, Enum):
    all = "all"
    frontier = "frontier"
    none = "none"


@app.command()
def plot(
    products: Annotated[Optional[list[str]], typer.Argument(
        metavar="[PRODUCT]...", help="With --roofline: the products to draw (ids or names).",
        show_default=False)] = None,
    roofline: Annotated[bool, typer.Option(
        "--roofline", help="Rooflines of the PRODUCTs: attainable compute against "
                           "arithmetic intensity at --precision; without --output, their "
                           "ridge points.")] = False,
    precision: PrecisionOption = None,
    label: Annotated[LabelChoice, typer.Option(
        help="Which points get a name: all, the Pareto frontier, or none.")
    ] = LabelChoice.frontier,
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", help="FILE.svg or FILE.png (needs the plot extra: pip install "
                               "'chipcmp[plot]'); without it, a text plot.")] = None,
    unit: UnitOption = UnitChoice.best,
    sparse: SparseOption = SparseChoice.exclude,
    assume_unspecified: AssumeOption = False,
    include_flagged: FlaggedOption = False,
    memory_kind: MemoryKindOption = MemoryChoice("off-chip"),
    catalog: CatalogOption = None,
    prefer: PreferOption = None,
    identity: IdentityOption = None,
    corrections: CorrectionsOption = None,
    merge: MergeOption = True,
    segment: SegmentOption = None,
    kind: KindOption = None,
    vendor: VendorOption = None,
    max_power: MaxPowerOption = None,
    min_power: MinPowerOption = None,
    min_memory: MinMemoryOption = None,
    min_bandwidth: MinBandwidthOption = None,
    released_after: AfterOption = None,
    released_before: BeforeOption = None,
    include_announced: AnnouncedOption = False,
) -> None:
    """Peak compute against power, log-log, with iso-efficiency lines and the Pareto
    frontier; products without a figure are counted in the caption."""
    from chipcmp.model.problems import UsageError
    from chipcmp.output.results import Result

    if bool(roofline) != bool(products):
        raise UsageError("--roofline draws the products named after it: chipcmp plot "
                         "--roofline ID...")
    made = catalogs(locals()).load().plot(output, precision, label=label.value,
                                          roofline=products or (), **chosen(locals()))
    if output is None:
        _emit(Result([made]))
    else:
        typer.echo(made, err=True)


# -------------------------------------------------------------------------- import
@app.command("import")
def import_command(
    dataset: Annotated[DatasetName, typer.Argument(help="laics, epoch, mlperf or prices.")],
    paths: Annotated[list[Path], typer.Argument(
        metavar="FILE.csv|DIR...", help="The dataset's CSV file (laics, epoch), MLPerf "
                                        "results repositories (mlperf), or price tables "
                                        "(prices: SkyPilot vms.csv files, plain CSVs).")],
    output: OutputOption = None,
    snapshot: Annotated[Optional[str], typer.Option(
        metavar="DATE", help="The date the data is as of (YYYY-MM-DD), kept in the "
                             "catalog's 'about' and shown in every command's header.")
    ] = None,
    name: NameOption = None,
    provider: ProviderNameOption = None,
) -> None:
    """Turn a public dataset (LAICS 2023, Epoch AI ML hardware, MLPerf results, price
    tables) into a chipcmp catalog; every row, file and run is imported or reported with
    its place."""
    from chipcmp import api
    from chipcmp.output.results import Result

    imported = api.import_dataset(dataset.value, *paths, snapshot=snapshot,
                                  names=decided_names(name), provider=provider)
    named = " ".join(str(p) for p in paths)
    for problem in imported.problems:
        typer.echo(str(problem), err=True)
    if imported.text is None:
        typer.echo(f"{named}: {imported.summary}", err=True)
        raise typer.Exit(EXIT_USAGE)
    _emit(Result([imported.text], summary=f"{named}: {imported.summary}"), "table", output)
    raise typer.Exit(EXIT_PROBLEMS if imported.result.errors else EXIT_OK)


# -------------------------------------------------------------------------- report
@app.command()
def report(
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", help="The page to write (FILE.html); without it, to stdout.")
    ] = None,
    metric: Annotated[MetricName, typer.Option(help="What to rank by.")
    ] = MetricName["tops-per-watt"],
    precision: PrecisionOption = None,
    roofline: Annotated[Optional[list[str]], typer.Option(
        "--roofline", metavar="PRODUCT", help="A product whose roofline the page draws "
                                              "(repeatable; an id or a name).")] = None,
    unit: UnitOption = UnitChoice.best,
    sparse: SparseOption = SparseChoice.exclude,
    assume_unspecified: AssumeOption = False,
    include_flagged: FlaggedOption = False,
    memory_kind: MemoryKindOption = MemoryChoice("off-chip"),
    catalog: CatalogOption = None,
    prefer: PreferOption = None,
    identity: IdentityOption = None,
    corrections: CorrectionsOption = None,
    merge: MergeOption = True,
    segment: SegmentOption = None,
    kind: KindOption = None,
    vendor: VendorOption = None,
    max_power: MaxPowerOption = None,
    min_power: MinPowerOption = None,
    min_memory: MinMemoryOption = None,
    min_bandwidth: MinBandwidthOption = None,
    released_after: AfterOption = None,
    released_before: BeforeOption = None,
    include_announced: AnnouncedOption = False,
) -> None:
    """The comparison as one offline HTML page: the ranking (sortable, filterable), the
    field, every product's figures with sources and quotes, the claims with their
    arithmetic."""
    from chipcmp.model.problems import UsageError
    from chipcmp.output.results import Result

    if output is not None and output.suffix.lower() not in (".html", ".htm"):
        raise UsageError(f"--output must end in .html, not {output.name!r}")
    loaded = catalogs(locals()).load()
    page = loaded.report(metric.value, precision, roofline or (), **chosen(locals()))
    if output is not None:
        from chipcmp.output.writing import write_atomically

        write_atomically(output, page)
        typer.echo(f"wrote {output}: a report of {len(loaded)} products, "
                   f"{len(page.encode()) / 1e6:.2f} MB", err=True)
    else:
        _emit(Result([page]))


# ---------------------------------------------------------------------------- find
@app.command()
def find(
    query: Annotated[str, typer.Argument(metavar="TEXT", help="Part of an id, name, alias "
                                                              "or vendor; spelling forgiven.")],
    top: TopOption = None,
    output_format: Annotated[Format, format_option()] = Format.table,
    output: OutputOption = None,
    catalog: CatalogOption = None,
    prefer: PreferOption = None,
    identity: IdentityOption = None,
    corrections: CorrectionsOption = None,
    merge: MergeOption = True,
) -> None:
    """Find products by id, name, alias or vendor: one line each with its id, kind and the
    catalogs it comes from."""
    answer = catalogs(locals()).load().search(query, top)
    _emit(answer.result, output_format.value, output)
    raise typer.Exit(EXIT_OK if answer.records else EXIT_PROBLEMS)


# --------------------------------------------------------------------------- about
@app.command()
def about(
    output_format: Annotated[Format, format_option()] = Format.table,
    output: OutputOption = None,
    catalog: CatalogOption = None,
    prefer: PreferOption = None,
    identity: IdentityOption = None,
    corrections: CorrectionsOption = None,
    merge: MergeOption = True,
) -> None:
    """The catalogs in use: each one's title, the date its data is as of, its terms
    (licence and attribution) and where it comes from."""
    answer = catalogs(locals()).load().about()
    _emit(answer.result, output_format.value, output)


# -------------------------------------------------------------------------- update
@app.command()
def update(
    datasets: Annotated[Optional[list[DatasetName]], typer.Argument(
        metavar="[DATASET]...", help="laics, epoch, mlperf, prices.",
        show_default=False)] = None,
    url: Annotated[Optional[list[str]], typer.Option(
        "--url", metavar="URL",
        help="Where to fetch from instead of the publisher (a mirror, a file, or for "
             "mlperf a results repository's archive or folder; repeatable for mlperf and "
             "prices). Takes one dataset. prices has no default: name each price table "
             "(a SkyPilot vms.csv, a plain CSV).")] = None,
    timeout: Annotated[Optional[float], typer.Option(
        "--timeout", metavar="SECONDS", min=0.1,
        help="The most one download may take, in all (default: an hour); a download "
             "slower than 1 KiB/s over 30 s is cut before that.", show_default=False)
    ] = None,
    max_size: Annotated[Optional[int], typer.Option(
        "--max-size", metavar="BYTES", min=1,
        help="The largest download taken (default: what the dataset's importer reads "
             "at most, 64 MiB; 4 GiB for an MLPerf archive).", show_default=False)] = None,
    list_them: Annotated[bool, typer.Option(
        "--list", help="Show each dataset's copy in use: source, date, checksum, size.")
    ] = False,
    name: NameOption = None,
    provider: ProviderNameOption = None,
    output_format: Annotated[Format, format_option()] = Format.table,
) -> None:
    """Download public datasets from their publishers, import each, and install the
    catalog (in the user's data folder) only when it loads cleanly; installed copies
    load by default after the bundled catalogs, replacing a bundled snapshot of the same
    dataset. A failed, slow or refused download leaves what was installed and exits 2
    (interrupted: 128 + the signal's number)."""
    from dataclasses import replace

    from chipcmp import api
    from chipcmp.model.problems import UsageError
    from chipcmp.output.answers import update as answers
    from chipcmp.read import downloads

    if list_them:
        _emit(answers.list_result(api.datasets()), output_format.value)
        return
    if not datasets:
        raise UsageError("name the datasets to update: " + ", ".join(downloads.DOWNLOADS) +
                         " (or --list)")
    if url and len(datasets) != 1:
        raise UsageError("--url goes with one dataset")
    unknown = [d.value for d in datasets if d.value not in downloads.DOWNLOADS]
    if unknown:
        raise UsageError(f"no download for {', '.join(unknown)}")
    limits = downloads.LIMITS
    if timeout is not None:
        limits = replace(limits, deadline=timeout)
    if max_size is not None:
        limits = replace(limits, max_bytes=max_size)
    installed = []
    with _progress() as progress, _signals_raise():
        for dataset in datasets:
            try:
                installed.append(api.update(dataset.value, url or (), progress, limits,
                                            names=decided_names(name), provider=provider))
            except downloads.UpdateError as exc:
                for problem in exc.problems[:20]:
                    typer.echo(str(problem), err=True)
                typer.echo(f"chipcmp: cannot update {dataset.value} from {exc.url}: "
                           f"{exc.reason}; what was installed is unchanged", err=True)
                raise typer.Exit(EXIT_USAGE)
    _emit(answers.installed_result(installed), output_format.value)


class Interrupted(BaseException):
    """A signal that ends the process (SIGTERM, SIGINT, SIGHUP) while it writes: raised
    so that every `finally` runs (an update's work folder is removed), then exit 128+N."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _signals_raise():
    """Within the block, the ending signals raise Interrupted instead of killing the
    process where it stands (only the main thread can take signals)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: Any) -> None:
        raise Interrupted(signum)

    names = ("SIGTERM", "SIGINT", "SIGHUP")
    taken = [getattr(signal, n) for n in names if hasattr(signal, n)]
    previous = {signum: signal.signal(signum, interrupt) for signum in taken}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextlib.contextmanager
def _progress():
    """A progress bar on a terminal (stderr), nothing elsewhere: the callback update()
    reports each chunk to."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import (BarColumn, DownloadColumn, Progress, TextColumn,
                               TransferSpeedColumn)

    with Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                  TransferSpeedColumn(), transient=True) as bar:
        tasks: dict[str, Any] = {}

        def report(source: str, done: int, total: int | None) -> None:
            if source not in tasks:
                tasks[source] = bar.add_task(source.rsplit("/", 1)[-1], total=total)
            bar.update(tasks[source], completed=done)

        yield report


# ---------------------------------------------------------------------- completion
class Shell(str, Enum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


@app.command()
def completion(
    shell: Annotated[Shell, typer.Argument(help="bash, zsh or fish.")],
) -> None:
    """Print the shell completion script (commands, options, metric and precision names,
    product ids). bash: eval "$(chipcmp completion bash)" in ~/.bashrc; zsh: the same with
    zsh in ~/.zshrc; fish: chipcmp completion fish > ~/.config/fish/completions/chipcmp.fish."""
    from chipcmp.cli import shells

    sys.stdout.write(shells.script(shell.value))


# ------------------------------------------------------------------------- results
@app.command()
def results(
    benchmark: Annotated[Optional[str], typer.Option(
        help="Only this benchmark, by MLPerf's name (resnet50, bert, ...).")] = None,
    scenario: Annotated[Optional[str], typer.Option(
        help="Only this scenario: offline, server, singlestream, multistream, training.")
    ] = None,
    round_name: Annotated[Optional[str], typer.Option(
        "--round", help="Only this round, such as 'training v1.0'.")] = None,
    submitter: Annotated[Optional[str], typer.Option(
        help="Only submitters whose name contains this text.")] = None,
    product: Annotated[Optional[str], typer.Option(
        help="Only results whose accelerator is this product (its id).")] = None,
    output_format: Annotated[Format, format_option()] = Format.table,
    output: OutputOption = None,
    catalog: CatalogOption = None,
    prefer: PreferOption = None,
    identity: IdentityOption = None,
    corrections: CorrectionsOption = None,
    merge: MergeOption = True,
) -> None:
    """Measured results (MLPerf, imported with 'chipcmp import mlperf'): each with its
    value for one accelerator and the share of its peak, best first within a benchmark
    and scenario (a ranking per accelerator)."""
    answer = catalogs(locals()).load().results(benchmark, scenario, round_name, submitter,
                                               product)
    _emit(answer.result, output_format.value, output)


# ------------------------------------------------------------------------ identity
@app.command("identity")
def identity_command(
    output_format: Annotated[Format, format_option()] = Format.table,
    output: OutputOption = None,
    catalog: CatalogOption = None,
    prefer: PreferOption = None,
    identity: IdentityOption = None,
    corrections: CorrectionsOption = None,
    merge: MergeOption = True,
    suggest: Annotated[bool, typer.Option(
        "--suggest", help="List the pairs that give the same figures and nothing "
                          "different, neither merged nor decided apart: for an identity "
                          "file to decide.")] = False,
) -> None:
    """Which records across the catalogs loaded are one product, and why; the names that
    could be several products (left apart, with their candidates); the near misses."""
    _emit(catalogs(locals()).load().identity(suggest=suggest).result, output_format.value,
          output)


# ---------------------------------------------------------------------- crosscheck
@app.command()
def crosscheck(
    output_format: Annotated[Format, format_option()] = Format.table,
    output: OutputOption = None,
    catalog: CatalogOption = None,
    prefer: PreferOption = None,
    identity: IdentityOption = None,
    corrections: CorrectionsOption = None,
    merge: MergeOption = True,
) -> None:
    """Compare sources with one another: the same product with disagreeing figures, a
    figure against its parts, implausible efficiency, precision labels that cannot be right.
    Load several catalogs with --catalog (e.g. @bundled and imported datasets)."""
    _emit(catalogs(locals()).load().crosscheck().result, output_format.value,
          output)


def main(argv: list[str] | None = None) -> int:
    """Entry point: runs the app and turns any error into a message and an exit code.
    Usage errors are typer's (click's) own: a message and exit 2."""
    from chipcmp.model.problems import CatalogError, ChipcmpError

    _replace_what_cannot_be_printed()
    try:
        _app_for(argv if argv is not None else sys.argv[1:])(
            args=argv, prog_name="chipcmp", standalone_mode=True)
    except SystemExit as done:
        code = done.code
        return code if isinstance(code, int) else (0 if code is None else EXIT_PROBLEMS)
    except CatalogError as exc:
        for problem in exc.problems[:20]:
            typer.echo(str(problem), err=True)
        typer.echo(f"chipcmp: error: {exc}", err=True)
        return exc.exit_code
    except ChipcmpError as exc:
        typer.echo(f"chipcmp: error: {exc}", err=True)
        return exc.exit_code
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (| head): nothing worth a message
        return EXIT_OK
    except Interrupted as stop:
        import signal

        typer.echo(f"chipcmp: interrupted ({signal.Signals(stop.signum).name}); nothing "
                   "was left half-written", err=True)
        return 128 + stop.signum
    except Exception as exc:  # a bug: one line that says so, not a traceback
        import os

        if os.environ.get("CHIPCMP_DEBUG"):
            import traceback

            traceback.print_exc()
        typer.echo(f"chipcmp: internal error: {type(exc).__name__}: {exc} (a bug; "
                   "CHIPCMP_DEBUG=1 shows where)", err=True)
        return 70
    return EXIT_OK


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command asked for: typer builds the options of every command
    it holds before it parses one (about 50 ms for all of them, on every commit the hook
    checks). Root options, help and an unknown command get the whole app."""
    name = args[0] if args else None
    for info in app.registered_commands:
        if name is not None and name == (info.name or info.callback.__name__):
            single = typer.Typer(**SETTINGS)
            single.registered_callback = app.registered_callback
            single.registered_commands = [info]
            return single
    return app


def _replace_what_cannot_be_printed() -> None:
    """A terminal or pipe whose encoding lacks a character (PYTHONIOENCODING=ascii, a
    Latin-1 console, a file name that is not UTF-8) gets '?' for it, never an error."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):  # closed, or not a text stream we may change
                pass

"""The command line: the only module that prints, reads the terminal or exits.

Each command parses its options, calls the core, picks a renderer and returns an exit
code: 0 clean, 1 problems found, 2 usage. Heavy modules (pydantic, pint, rich) are
imported inside the commands that need them, so `chipcmp --help` starts fast.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__

app = typer.Typer(
    name="chipcmp",
    help="Compare AI accelerators from a curated, sourced catalog.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class ProblemFormat(str, Enum):
    text = "text"
    json = "json"


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


@app.command()
def validate(
    paths: Annotated[Optional[list[Path]], typer.Argument(
        help="Catalog files to check (default: the bundled catalog).", show_default=False)] = None,
    output_format: Annotated[ProblemFormat, typer.Option(
        "--format", help="text: one 'path:line:col: severity code message' a line; json.")
    ] = ProblemFormat.text,
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
    from . import catalog, rules
    from .problems import Severity

    groups = [None] if not paths else ([list(paths)] if together else [[p] for p in paths])
    problems = []
    for group in groups:
        loaded, found = catalog.check(group)
        problems.extend(found)
        problems.extend(rules.lint(loaded, documents))
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    failed = errors > 0 or (strict and warnings > 0)
    if output_format is ProblemFormat.json:
        payload = {"status": "fail" if failed else "ok",
                   "problems": [p.as_dict() for p in problems]}
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            typer.echo(str(problem))
    files = len(paths) if paths else 1
    summary = (f"{errors} error(s), {warnings} warning(s) in {files} file(s)" if problems
               else f"ok: {files} file(s) clean")
    typer.echo(summary, err=True)
    raise typer.Exit(EXIT_PROBLEMS if failed else EXIT_OK)


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class ShowFormat(str, Enum):
    table = "table"
    json = "json"


class SparsePolicy(str, Enum):
    exclude = "exclude"
    halve = "halve"


CatalogOption = Annotated[Optional[list[str]], typer.Option(
    "--catalog", metavar="PATH",
    help="Catalog file to use instead of the bundled one (repeatable); name the bundled one "
         "as @bundled to extend it.")]
FormatOption = Annotated[OutputFormat, typer.Option(
    "--format", help="table for people; csv or json for scripts.")]
OutputOption = Annotated[Optional[Path], typer.Option(
    "--output", "-o", help="Write to this file (whole, and only once the work succeeded).")]
PrecisionOption = Annotated[str, typer.Option(
    help="One precision at a time: int4, int8, int16, fp8, fp16, bf16, tf32, fp32, fp64, "
         "a mixed form such as fp16.32, or unspecified.")]
SparseOption = Annotated[SparsePolicy, typer.Option(
    "--sparse", help="A product with only a sparse figure: exclude it (default), or halve "
                     "the figure and mark it derived.")]
AssumeOption = Annotated[bool, typer.Option(
    "--assume-unspecified", help="Use a figure whose precision the source does not state "
                                 "as if it were at --precision, marked as assumed.")]


def _load(paths: Optional[list[str]]):
    from . import catalog

    return catalog.load(paths or None)


def _check_filters(segment: Optional[str], kind: Optional[str]) -> None:
    from typing import get_args

    from .model import ProductKind, Segment
    from .problems import UsageError

    for name, value, choices in (("segment", segment, get_args(Segment)),
                                 ("kind", kind, get_args(ProductKind))):
        if value is not None and value not in choices:
            raise UsageError(f"unknown {name} {value!r}; choose one of {', '.join(choices)}")


def _options(precision: str, sparse: SparsePolicy, assume: bool):
    from .metrics import Options, check_precision

    return Options(precision=check_precision(precision), sparse=sparse.value,
                   assume_unspecified=assume)


def _emit(text: str, tables=(), output: Optional[Path] = None, footer=()) -> None:
    """Results to --output (atomically) or stdout. On a terminal, the tables (and the footer
    lines after them) go through rich; elsewhere the plain `text` is written."""
    if output is not None:
        from .files import write_atomically

        write_atomically(output, text)
        typer.echo(f"wrote {output}", err=True)
    elif tables and sys.stdout.isatty():
        from rich.console import Console

        from .render import print_rich

        console = Console()
        for table in tables:
            print_rich(table, console)
        for line in footer:
            console.print(line, markup=False, highlight=False)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def _emit_rows(output_format: OutputFormat, output: Optional[Path], table, columns,
               records) -> None:
    """One set of rows in the format asked: a table for people, CSV or JSON for scripts."""
    from .render import to_csv, to_json, to_text

    if output_format is OutputFormat.table:
        _emit(to_text(table), [table], output)
    elif output_format is OutputFormat.csv:
        _emit(to_csv(columns, records), output=output)
    else:
        _emit(to_json(records), output=output)


METRIC_NAMES = "tops, tops-per-watt, tops-per-dollar, watts, process-nm"


@app.command()
def rank(
    metric: Annotated[str, typer.Option(
        help=f"What to rank by: {METRIC_NAMES}. tops*: TOPS for integer precisions, "
             "TFLOPS for float ones; compute and power of the same scope.")] = "tops-per-watt",
    precision: PrecisionOption = "int8",
    segment: Annotated[Optional[str], typer.Option(
        help="Only this segment: datacenter, edge, automotive, mobile, embedded, desktop, "
             "research.")] = None,
    kind: Annotated[Optional[str], typer.Option(
        help="Only this kind: chip, soc, card, module, system.")] = None,
    top: Annotated[Optional[int], typer.Option(min=1, help="Show the first N only.")] = None,
    asc: Annotated[bool, typer.Option("--asc", help="Smallest first.")] = False,
    frontier: Annotated[bool, typer.Option(
        "--frontier", help="Only products on the Pareto frontier of compute against power "
                           "(no other has as much compute for as little power).")] = False,
    sparse: SparseOption = SparsePolicy.exclude,
    assume_unspecified: AssumeOption = False,
    output_format: FormatOption = OutputFormat.table,
    output: OutputOption = None,
    catalog_paths: CatalogOption = None,
) -> None:
    """Rank products by one metric at one precision; products without a figure are listed
    apart with the reason, never ranked as zero."""
    from . import metrics, reports

    chosen = metrics.get_metric(metric)
    _check_filters(segment, kind)
    options = _options(precision, sparse, assume_unspecified)
    loaded = _load(catalog_paths)
    only = None
    if frontier:
        from . import field as field_module

        only = {p.product.id for p in field_module.build(loaded, options, segment=segment,
                                                         kind=kind).frontier}
    ranking = metrics.rank(loaded, chosen, options, segment=segment, kind=kind,
                           top=top, ascending=True if asc else None, only=only)
    _emit_rows(output_format, output, reports.rank_table(ranking),
               *reports.rank_records(ranking))


@app.command()
def export(
    output_format: Annotated[OutputFormat, typer.Option(
        "--format", help="csv or json (every column); table shows a summary.")
    ] = OutputFormat.csv,
    output: OutputOption = None,
    catalog_paths: CatalogOption = None,
) -> None:
    """The whole catalog, one row per product, with stable columns (units in the names)."""
    from . import reports

    columns, records = reports.export_records(_load(catalog_paths))
    _emit_rows(output_format, output, reports.export_table(columns, records), columns, records)


@app.command()
def show(
    product_id: Annotated[str, typer.Argument(metavar="ID", help="A product id.")],
    output_format: Annotated[ShowFormat, typer.Option("--format")] = ShowFormat.table,
    catalog_paths: CatalogOption = None,
) -> None:
    """Everything about one product: figures with bounds, sources and quotes, parts, and
    the claims that name it."""
    from . import reports
    from .render import to_json, to_text

    view = reports.show(_load(catalog_paths), product_id)
    if output_format is ShowFormat.json:
        record = dict(view.record)
        record["claims"] = [r.as_record() for r in view.verdicts]
        _emit(to_json(record))
        return
    claims = [f"claim {r.claim.id}: {r.verdict}. {' '.join(r.explanation)}"
              for r in view.verdicts]
    tables = [view.facts, view.figures, view.sources]
    text = "\n".join(to_text(table) for table in tables) + \
        ("\n" + "\n".join(claims) + "\n" if claims else "")
    _emit(text, tables, footer=claims)


@app.command()
def compare(
    product_ids: Annotated[list[str], typer.Argument(metavar="ID ID [ID...]")],
    precision: PrecisionOption = "int8",
    sparse: SparseOption = SparsePolicy.exclude,
    assume_unspecified: AssumeOption = False,
    output_format: FormatOption = OutputFormat.table,
    output: OutputOption = None,
    catalog_paths: CatalogOption = None,
) -> None:
    """Products side by side at one precision, with ratios against the first."""
    from . import reports

    options = _options(precision, sparse, assume_unspecified)
    columns, records, table = reports.compare(_load(catalog_paths), product_ids, options)
    _emit_rows(output_format, output, table, columns, records)


class ClaimsFormat(str, Enum):
    table = "table"
    json = "json"


@app.command("claims")
def claims_command(
    claim_ids: Annotated[Optional[list[str]], typer.Argument(
        metavar="[ID...]", help="Claim ids (default: every claim).", show_default=False)] = None,
    output_format: Annotated[ClaimsFormat, typer.Option("--format")] = ClaimsFormat.table,
    strict: Annotated[bool, typer.Option(help="Exit 1 when any claim is contradicted.")] = False,
    extraordinary: Annotated[float, typer.Option(
        help="Implied advantage at or above which a claim is 'extraordinary'.")] = 4.0,
    assume_unspecified: AssumeOption = False,
    output: OutputOption = None,
    catalog_paths: CatalogOption = None,
) -> None:
    """Check vendor claims against the specs and against one another, with the arithmetic:
    consistent, beyond-spec, extraordinary, contradicted or unverifiable."""
    from . import claims, reports
    from .render import to_json

    settings = claims.Settings(threshold=extraordinary, assume_unspecified=assume_unspecified)
    results = claims.check_claims(_load(catalog_paths), claim_ids or None, settings)
    if output_format is ClaimsFormat.json:
        _emit(to_json([r.as_record() for r in results]), output=output)
    else:
        table = reports.claims_table(results, settings)
        _emit(reports.claims_text(results, settings), [table], output)
    contradicted = sum(1 for r in results if r.verdict == claims.CONTRADICTED)
    counts = reports.verdict_counts(results)
    typer.echo(f"{len(results)} claim(s): {counts}", err=True)
    raise typer.Exit(EXIT_PROBLEMS if strict and contradicted else EXIT_OK)


@app.command()
def schema(output: OutputOption = None) -> None:
    """Print the catalog's JSON Schema (draft 2020-12), generated from the model."""
    from .model import json_schema
    from .render import to_json

    _emit(to_json(json_schema()), output=output)


class LabelChoice(str, Enum):
    all = "all"
    frontier = "frontier"
    none = "none"


@app.command()
def plot(
    precision: PrecisionOption = "int8",
    segment: Annotated[Optional[str], typer.Option(help="Only this segment.")] = None,
    kind: Annotated[Optional[str], typer.Option(help="Only this kind.")] = None,
    label: Annotated[LabelChoice, typer.Option(
        help="Which points get a name: all, the Pareto frontier, or none.")
    ] = LabelChoice.frontier,
    sparse: SparseOption = SparsePolicy.exclude,
    assume_unspecified: AssumeOption = False,
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", help="FILE.svg or FILE.png (needs the plot extra: pip install "
                               "'chipcmp[plot]'); without it, a text plot.")] = None,
    catalog_paths: CatalogOption = None,
) -> None:
    """Peak compute against power, log-log, with iso-efficiency lines and the Pareto
    frontier; products without a figure are counted in the caption."""
    from . import field as field_module
    from . import plot as plotting

    _check_filters(segment, kind)
    options = _options(precision, sparse, assume_unspecified)
    the_field = field_module.build(_load(catalog_paths), options, segment=segment, kind=kind)
    if output is None:
        _emit(plotting.text_plot(the_field, label=label.value))
        return
    plotting.draw(the_field, output, label.value)
    typer.echo(f"wrote {output}: {the_field.caption()}", err=True)


class Dataset(str, Enum):
    laics = "laics"
    epoch = "epoch"


@app.command("import")
def import_command(
    dataset: Annotated[Dataset, typer.Argument(help="laics or epoch.")],
    csv_file: Annotated[Path, typer.Argument(metavar="FILE.csv", help="The dataset's CSV.")],
    output: OutputOption = None,
) -> None:
    """Turn a public dataset (LAICS 2023, Epoch AI ML hardware) into a chipcmp catalog;
    every row is imported or reported with its CSV line number."""
    from . import importers

    result = importers.IMPORTERS[dataset.value](csv_file)
    for problem in result.problems:
        typer.echo(str(problem), err=True)
    _emit(importers.to_yaml(result, dataset.value, csv_file), output=output)
    typer.echo(f"{csv_file}: {result.summary}", err=True)
    raise typer.Exit(EXIT_OK if result.imported_rows else EXIT_PROBLEMS)


@app.command()
def crosscheck(
    output_format: Annotated[ClaimsFormat, typer.Option("--format")] = ClaimsFormat.table,
    output: OutputOption = None,
    catalog_paths: CatalogOption = None,
) -> None:
    """Compare sources with one another: the same product with disagreeing figures, a
    figure against its parts, implausible efficiency, precision labels that cannot be right.
    Load several catalogs with --catalog (e.g. @bundled and imported datasets)."""
    from . import crosscheck as checks
    from .render import to_json

    findings = checks.crosscheck(_load(catalog_paths))
    if output_format is ClaimsFormat.json:
        _emit(to_json([f.as_record() for f in findings]), output=output)
    else:
        lines = [f"{f.code}: {f.message}" for f in findings]
        _emit("\n".join(lines) + ("\n" if lines else ""), output=output)
    typer.echo(f"{len(findings)} finding(s)", err=True)


def main(argv: list[str] | None = None) -> int:
    """Entry point: runs the app and turns any error into a message and an exit code.
    Usage errors are typer's (click's) own: a message and exit 2."""
    import gc

    from .problems import CatalogError, ChipcmpError

    # A command is one short process that builds a large object graph once and frees it
    # at exit: the cyclic collector only slows it down (see catalog._collector_paused).
    gc.disable()
    try:
        app(args=argv, prog_name="chipcmp", standalone_mode=True)
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
    except Exception as exc:  # a bug: one line that says so, not a traceback
        typer.echo(f"chipcmp: internal error: {type(exc).__name__}: {exc}", err=True)
        return 70
    return EXIT_OK

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
) -> None:
    """Check catalog files; print every problem with its location."""
    from . import catalog
    from .problems import Severity

    groups = [None] if not paths else ([list(paths)] if together else [[p] for p in paths])
    problems = []
    for group in groups:
        problems.extend(catalog.check(group)[1])
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


def main(argv: list[str] | None = None) -> int:
    """Entry point: runs the app and turns any error into a message and an exit code.
    Usage errors are typer's (click's) own: a message and exit 2."""
    from .problems import ChipcmpError

    try:
        app(args=argv, prog_name="chipcmp", standalone_mode=True)
    except SystemExit as done:
        code = done.code
        return code if isinstance(code, int) else (0 if code is None else EXIT_PROBLEMS)
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

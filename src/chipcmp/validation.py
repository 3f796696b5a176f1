"""The core of `chipcmp validate`: load catalog files, apply the rules, and give every
problem as data (one Result); the CLI prints it and picks the exit code."""

from __future__ import annotations

from pathlib import Path

from . import catalog, identity, rules
from .problems import Problem, Severity
from .results import Result

PROBLEM_COLUMNS = ["path", "line", "col", "severity", "code", "message"]


def validate(paths: list[Path] | None, *, strict: bool = False, together: bool = False,
             documents: list[Path] | None = None) -> tuple[Result, bool]:
    """(the problems as a Result, whether validation failed). A file whose top level is
    `same` and `distinct` is an identity file and is validated as one."""
    groups = [None] if not paths else ([list(paths)] if together else [[p] for p in paths])
    problems: list[Problem] = []
    for group in groups:
        read = [catalog.read_document(path) for path in catalog.resolve_paths(group)]
        catalogs = []
        for document, found in read:
            if document is not None and identity.is_identity_document(document.data):
                problems.extend(found)
                problems.extend(identity.add_document(identity.Decisions(), document))
            else:
                catalogs.append((document, found))
        if catalogs:
            with catalog.collector_paused():
                loaded, found = catalog.check_documents(catalogs)
            problems.extend(found)
            problems.extend(rules.lint(loaded, documents))
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    failed = errors > 0 or (strict and warnings > 0)
    files = len(paths) if paths else 1
    summary = (f"{errors} error(s), {warnings} warning(s) in {files} file(s)" if problems
               else f"ok: {files} file(s) clean")
    records = [p.as_dict() for p in problems]
    lines = "".join(f"{p}\n" for p in problems)
    document = {"status": "fail" if failed else "ok", "problems": records}
    return Result([lines] if lines else [], PROBLEM_COLUMNS, records, document, summary), failed

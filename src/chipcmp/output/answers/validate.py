"""`chipcmp validate`'s answer rendered: one `path:line:col: severity code message` line a
problem, the same as records and a JSON document, and a summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chipcmp.output.results import Result

if TYPE_CHECKING:
    from chipcmp.analyses.validation import Validation

PROBLEM_COLUMNS = ["path", "line", "col", "severity", "code", "message"]


def validation_result(found: Validation) -> Result:
    problems = found.problems
    summary = (f"{found.errors} error(s), {found.warnings} warning(s) in {found.files} "
               "file(s)" if problems else f"ok: {found.files} file(s) clean")
    records = [p.as_dict() for p in problems]
    lines = "".join(f"{p}\n" for p in problems)
    document = {"status": "fail" if found.failed else "ok", "problems": records}
    return Result([lines] if lines else [], PROBLEM_COLUMNS, records, document, summary)

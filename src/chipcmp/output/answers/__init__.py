"""Each command's answer rendered as a Result (output/results.py): tables for people,
records for scripts, a summary; one module a command (common.py: what they share). Each
renders a typed answer made below output/; nothing here prints.

The modules are imported where they are used, not here: a command pays only for the
renderer it needs (the pre-commit hook's `validate` for validate.py alone). The names
below are looked up on first use.
"""

from importlib import import_module
from typing import Any

_HOMES = {
    "common": ("DERIVED_LEGEND", "IDENTITY_COLUMNS", "conflict_text", "describe_request",
               "identity", "legends", "marks", "number", "shown", "taken",
               "catalogs_header"),
    "rank": ("rank_result", "rank_summary", "rank_table"),
    "export": ("export_result", "export_table"),
    "show": ("FIGURE_COLUMNS", "inferred_text", "show_result", "value_text"),
    "compare": ("compare_result",),
    "claims": ("claims_result", "verdict_counts"),
    "identity": ("MATCH_COLUMNS", "SUGGESTION_COLUMNS", "identity_result",
                 "suggestions_result"),
    "find": ("FIND_COLUMNS", "find_result"),
    "about": ("ABOUT_COLUMNS", "about_result"),
    "results": ("RESULT_COLUMNS", "compare_results_table", "product_results_table",
                "results_result"),
    "validate": ("PROBLEM_COLUMNS", "validation_result"),
}
_WHERE = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'chipcmp.output.answers' has no attribute {name!r}")
    return getattr(import_module(f"chipcmp.output.answers.{module}"), name)


def __dir__() -> list[str]:
    return sorted(_WHERE)

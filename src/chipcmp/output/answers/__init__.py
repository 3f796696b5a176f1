"""Each data command's answer as a Result (output/results.py): tables for people, records
for scripts, a summary; one module a command (common.py: what they share). Built from the
view, the figures and the analyses; nothing here prints."""

from chipcmp.output.answers.common import DERIVED_LEGEND, IDENTITY_COLUMNS, LEGEND, UNRANKED_SHOWN, conflict_text, describe_request, identity, marks, number, shown, taken  # noqa: F401
from chipcmp.output.answers.rank import rank_result, rank_summary, rank_table  # noqa: F401
from chipcmp.output.answers.export import export_result, export_table  # noqa: F401
from chipcmp.output.answers.show import FIGURE_COLUMNS, inferred_text, show_result, value_text  # noqa: F401
from chipcmp.output.answers.compare import compare_result  # noqa: F401
from chipcmp.output.answers.claims import claims_result, verdict_counts  # noqa: F401
from chipcmp.output.answers.identity import MATCH_COLUMNS, identity_result  # noqa: F401
from chipcmp.output.answers.find import FIND_COLUMNS, find_result  # noqa: F401
from chipcmp.output.answers.results import (RESULT_COLUMNS, compare_results_table,  # noqa: F401
                                            product_results_table, results_result)

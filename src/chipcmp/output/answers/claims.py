"""`chipcmp claims`' answer: each claim's verdict with its arithmetic."""

from __future__ import annotations

from collections import Counter
from typing import Any

from chipcmp.output.results import Result
from chipcmp.model.units import format_number


# ---------------------------------------------------------------------------- claims
def claims_result(results: list[Any], settings: Any) -> Result:
    records = [r.as_record() for r in results]
    columns = list(records[0]) if records else ["id", "verdict"]
    header = (f"{len(results)} claim(s) checked: {verdict_counts(results)} "
              f"(extraordinary at an implied advantage >= {format_number(settings.threshold)})")
    lines = [header, "claimed and spec are subject / baseline, oriented so that more than 1x "
             "is better (a latency or cost ratio is inverted); advantage = claimed / spec", ""]
    for result in results:
        lines.append(f"{result.claim.id}: {result.summary()}")
        lines.extend(f"  {sentence}" for sentence in result.explanation)
        if result.missing:
            lines.append("  missing: " + "; ".join(result.missing))
        lines.append("")
    return Result(["\n".join(lines)], columns, records,
                  summary=f"{len(results)} claim(s): {verdict_counts(results)}")


def verdict_counts(results: list[Any]) -> str:
    counts = Counter(r.verdict for r in results)
    return ", ".join(f"{n} {verdict}" for verdict, n in sorted(counts.items()))



"""`chipcmp identity`'s answer: which records are one product and why, the ambiguous
names and the near misses."""

from __future__ import annotations


from typing import TYPE_CHECKING

from chipcmp.output.results import Result

if TYPE_CHECKING:
    from chipcmp.analyses.suggest import Suggestion
    from chipcmp.catalog.view import View


# -------------------------------------------------------------------------- identity
MATCH_COLUMNS = ["id", "name", "catalog", "product", "status", "candidates", "why"]


def identity_result(view: View) -> Result:
    """Which records were found to be one product and why, the names left apart as
    ambiguous with their candidates, and the near misses kept apart."""
    records, lines = [], []
    groups = [entry for entry in view if len(entry.records) > 1]
    ambiguous = [entry for entry in view if entry.ambiguous]
    for entry in view:
        status = ("merged" if len(entry.records) > 1 else
                  "ambiguous" if entry.ambiguous else "alone")
        for record in entry.records:
            records.append({"id": record.id, "name": record.product.name,
                            "catalog": record.catalog.name, "product": entry.id,
                            "status": status, "candidates": ", ".join(entry.ambiguous) or None,
                            "why": "; ".join(entry.matched_because) or None})
    lines.append(f"{len(groups)} product(s) found in several catalogs, "
                 f"{sum(len(e.records) for e in groups)} records in all:")
    for entry in groups:
        lines.append(f"  {entry.id}: " + ", ".join(f"{r.id} ({r.catalog.name})"
                                                 for r in entry.records))
        lines.extend(f"    because {why}" for why in entry.matched_because)
    lines.append("")
    lines.append(f"{len(ambiguous)} name(s) that could be several products, left apart:")
    for entry in ambiguous:
        record = entry.records[0]
        lines.append(f"  {entry.id} ({record.catalog.name}) {entry.name!r}: may be "
                     f"{', '.join(entry.ambiguous)}")
    matching = view.matching
    if matching is not None and matching.kept_apart:
        lines.append("")
        lines.append(f"{len(matching.kept_apart)} pair(s) alike but kept apart:")
        lines.extend(f"  {text}" for text in matching.kept_apart)
    if matching is not None and matching.unknown_ids:
        lines.append("")
        lines.append("identity decisions naming records not loaded (inactive): "
                     + ", ".join(matching.unknown_ids))
    if matching is None:
        lines.append("")
        lines.append("one catalog loaded: nothing to match (load several with --catalog, "
                     "CHIPCMP_CATALOG or the config file)")
    summary = (f"{len(view)} products from {sum(len(e.records) for e in view)} records; "
               f"{len(groups)} merged, {len(ambiguous)} ambiguous")
    return Result(["\n".join(lines) + "\n"], MATCH_COLUMNS, records, summary=summary)




# ------------------------------------------------------------------------- suggestions
SUGGESTION_COLUMNS = ["first", "second", "first_name", "second_name", "shared", "hint"]


def suggestions_result(found: list[Suggestion]) -> Result:
    """The pairs that may be one product, each with what they share, and the lines an
    identity file takes to decide it."""
    records = [{**s.as_record(), "shared": "; ".join(s.shared)} for s in found]
    if not found:
        text = "no pairs to decide: every pair of records that give the same figures is " \
               "one product or decided apart\n"
        return Result([text], SUGGESTION_COLUMNS, records, summary="0 pairs to decide")
    lines = [f"{len(found)} pair(s) that give the same figures and nothing different, "
             "neither merged nor decided apart: decide each in an identity file "
             "(--identity), same or distinct, with the reason", ""]
    for s in found:
        lines.append(f"  {s.first.id} ({s.first.name}) and {s.second.id} ({s.second.name}): "
                     f"{s.hint}")
        lines.append(f"    alike: {', '.join(s.shared)}")
    lines += ["", "An identity file decides each as, for example:", "same:",
              f"  - ids: [{found[0].first.id}, {found[0].second.id}]",
              "    reason: why they are one product (or list them under distinct:)"]
    return Result(["\n".join(lines) + "\n"], SUGGESTION_COLUMNS, records,
                  summary=f"{len(found)} pair(s) to decide")

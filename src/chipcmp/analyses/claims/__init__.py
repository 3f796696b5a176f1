"""Checking vendor claims against the specs and against one another.

Each claim gets one result: a verdict and the arithmetic behind it.

- consistent: the specs (or the other claims) allow it as stated.
- beyond-spec: the claim needs the subject to use its hardware k times better than the
  baseline does (k = claimed ratio / ratio of peak specs); k is given.
- extraordinary: as beyond-spec, with k at or above a threshold (ClaimSettings.threshold,
  default 4: against a baseline that reaches a quarter of its peak, the subject would
  need all of its own).
- contradicted: the specs, or a cycle of claims, rule it out; the others are named.
- unverifiable: a figure is missing; it is named.

Checks against one another work per (metric, workload): in log space each claim bounds
log(subject) - log(baseline), a difference constraint, so a set of claims that cannot all
hold is a negative cycle (Bellman-Ford), and shortest paths give derived bounds (A against
C through B), including what two claims imply about scaling (POD64 at 5.3x one DGX A100
and 2.6x two implies two DGX A100 at 2.04x one: super-linear).

The package: result.py (verdicts, a result, what the checks are told), checks.py (each
claim against the specs, one check a claim kind), graph.py (claims against one another),
measured.py (claims beside measured results, MLPerf); this module runs them over a view.
"""

from __future__ import annotations

from chipcmp.analyses import measured as analysed
from chipcmp.analyses.claims import measured
from chipcmp.analyses.claims.checks import CHECKS, SPEC_FIGURES, claim_sentence, figure_name
from chipcmp.analyses.claims.graph import (Edge, check_against_one_another, claim_edges,
                                           find_negative_cycle, shortest_paths)
from chipcmp.analyses.claims.result import (BEYOND, CONSISTENT, CONTRADICTED, DEPENDS,
                                            EXTRAORDINARY, UNVERIFIABLE, VERDICTS,
                                            ClaimResult, ClaimSettings, claimed_ratio)
from chipcmp.catalog.view import View
from chipcmp.model.schema import Claim

__all__ = ["BEYOND", "CHECKS", "CONSISTENT", "CONTRADICTED", "DEPENDS", "EXTRAORDINARY",
           "SPEC_FIGURES", "UNVERIFIABLE", "VERDICTS", "ClaimResult", "ClaimSettings", "Edge",
           "check_against_one_another", "check_claim", "check_claims", "claim_edges",
           "claimed_ratio", "claims_naming", "figure_name", "find_negative_cycle",
           "shortest_paths"]


# ------------------------------------------------------------------- entry point
_READING_FIELDS = ("subject", "subject_count", "baseline", "baseline_count")


def check_claim(view: View, claim: Claim, settings: ClaimSettings,
                index: measured.MeasuredIndex | None = None) -> ClaimResult:
    """One claim's result, against the specs and against what was measured; a claim
    with readings is checked under each, and its verdict is theirs when they agree, else
    depends-on-reading."""
    if index is None:
        index = analysed.index_of(view)

    def check(claim: Claim) -> ClaimResult:
        result = CHECKS[claim.kind](view, claim, settings)
        result.measured = measured.check(view, claim, index)
        if result.measured is not None:
            result.explanation.extend(result.measured.sentences)
            if result.measured.verdict in measured.DECIDING:
                result.spec_verdict = result.verdict
                result.verdict = result.measured.verdict
                result.explanation.append(
                    f"Verdict: {result.verdict}, as measured in MLPerf; the specs alone give "
                    f"{result.spec_verdict} (a spec bounds what the hardware could do, a "
                    "measurement says what it did).")
        return result

    if not claim.readings:
        return check(claim)
    parts = []
    for reading in claim.readings:
        update = {name: getattr(reading, name) for name in _READING_FIELDS
                  if getattr(reading, name) is not None}
        variant = claim.model_copy(update={**update, "readings": []})
        parts.append((reading.label, check(variant)))
    verdicts = {result.verdict for _, result in parts}
    overall = ClaimResult(claim, verdicts.pop() if len(verdicts) == 1 else DEPENDS,
                     claimed=parts[0][1].claimed, readings=parts)
    precisions = {result.precision for _, result in parts}
    overall.precision = precisions.pop() if len(precisions) == 1 else None
    overall.missing = list(dict.fromkeys(m for _, result in parts for m in result.missing))
    overall.explanation.append(claim_sentence(claim, overall.claimed))
    overall.explanation.append(
        f"The source leaves the comparison open: {len(parts)} readings, each checked.")
    for label, result in parts:
        overall.explanation.append(f"Read as {label}: {result.verdict}. " + " ".join(
            sentence for sentence in result.explanation if not sentence.startswith("Claim:")))
    holding = [label for label, r in parts if r.verdict in (CONSISTENT, BEYOND)]
    checked = [label for label, r in parts if r.verdict != UNVERIFIABLE]
    if checked:
        overall.explanation.append(
            "Within what the specs allow (consistent or beyond-spec) under: "
            + (", ".join(holding) if holding else "no reading") + ".")
    return overall


def check_claims(view: View, ids: list[str] | None = None,
                 settings: ClaimSettings = ClaimSettings()) -> list[ClaimResult]:
    """A result for every claim (or the named ones), in catalog order."""
    from chipcmp.model.problems import UsageError

    if not settings.threshold > 1:
        raise UsageError("the extraordinary threshold must be above 1")
    claims = view.catalog.claims
    unknown = [i for i in ids or [] if i not in claims]
    if unknown:
        raise UsageError(f"unknown claim id(s): {', '.join(unknown)}; 'chipcmp claims' lists "
                         "them all")
    index = analysed.index_of(view)
    results = {claim.id: check_claim(view, claim, settings, index)
               for claim in claims.values()}
    check_against_one_another(view, list(claims.values()), results)
    return [results[i] for i in (ids or list(claims))]


def claims_naming(view: View, product_id: str,
                  settings: ClaimSettings = ClaimSettings()) -> list[ClaimResult]:
    """Verdicts of the claims whose subject or baseline is the product (any of its
    records)."""
    entry = view.get(product_id)
    ids = [c.id for c in view.catalog.claims.values()
           if any(view.find(i) is entry for i in (c.subject, c.baseline) if i)]
    return check_claims(view, ids, settings) if ids else []

"""The claim metrics' one registry: the schema's choices, the checks' directions and spec
figures all come from it."""

from chipcmp.analyses import claims
from chipcmp.model.claim_metrics import CLAIM_METRICS, PERFORMANCE
from chipcmp.model.schema import json_schema


def test_the_schema_offers_exactly_the_registered_metrics():
    schema = json_schema()
    metric = schema["$defs"]["Claim"]["properties"]["metric"]
    assert set(metric["enum"]) == set(CLAIM_METRICS)


def test_every_metric_with_a_spec_figure_has_a_function_that_gives_it():
    for metric in CLAIM_METRICS.values():
        assert metric.spec is None or metric.spec in claims.SPEC_FIGURES, metric.name
    assert PERFORMANCE <= set(CLAIM_METRICS)


def test_an_unknown_claim_metric_is_a_located_bad_choice(write):
    from chipcmp.catalog import load as catalog

    path = write("sources:\n  s: {title: T, url: https://example.com}\nproducts:\n"
                 "  - {id: p, name: P, vendor: V, kind: chip, segment: edge}\n"
                 "claims:\n  - {id: c, kind: ratio, subject: p, metric: speediness, "
                 "ratio: 2, source: s}\n")
    _, problems = catalog.check([path])
    assert [(p.line, p.code) for p in problems if p.code == "bad-choice"] == [(6, "bad-choice")]


import pytest

from conftest import DATA, EXTERNAL, import_datasets, view_of
from chipcmp.read import bundled
from chipcmp.analyses import crosscheck

DATASETS = DATA / "datasets"


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    return view_of(import_datasets(tmp_path_factory.mktemp("imported"),
                                   [("laics", DATASETS / "laics_small.csv"),
                                    ("epoch", DATASETS / "epoch_small.csv")]))


def codes_for(findings, product_id):
    return {f.code for f in findings if product_id in f.products}


def test_matching_uses_names_vendors_and_aliases(merged):
    groups = [set(entry.ids) for entry in merged if len(entry.ids) > 1]
    assert {"nvidia-t4", "laics-nvidia-t4-card", "epoch-nvidia-tesla-t4"} in groups
    assert {"nvidia-a100", "epoch-nvidia-a100-sxm4-40-gb"} in groups
    assert {"nvidia-dgx-a100", "laics-nvidia-dgx-a100-system"} in groups


def test_power_disagreement_with_figures_sources_and_ratio(merged):
    finding = next(f for f in crosscheck.crosscheck(merged) if f.code == "power-disagreement")
    assert finding.ratio == pytest.approx(150 / 70)
    assert {fig["source"] for fig in finding.figures} >= {"nvidia-t4-datasheet"}
    assert "150 W" in finding.message and "70 W" in finding.message


def test_sparse_posing_as_dense_shows_as_exactly_2x(merged):
    finding = next(f for f in crosscheck.crosscheck(merged) if f.code == "parts-mismatch")
    assert finding.ratio == pytest.approx(5000 / 2496)
    assert "sparse figure posing as dense" in finding.message


def test_unit_slip_shows_as_orders_of_magnitude(merged):
    findings = crosscheck.crosscheck(merged)
    slips = {f.code: f for f in findings if "cloudblazer-t10" in f.products[0]}
    assert set(slips) == {"implausible-efficiency", "implausible-compute"}
    assert "orders of magnitude below" in slips["implausible-efficiency"].message


def test_agreeing_figures_are_not_findings(merged):
    findings = crosscheck.crosscheck(merged)
    assert not any(f.code == "figure-disagreement" and "nvidia-a100" in f.products
                   for f in findings)  # 312 and 624 agree across the three sources


def test_precision_order_and_disagreement_on_a_small_catalog(write):
    path = write("""\
sources:
  a: {title: A, url: https://example.com/a}
  b: {title: B, url: https://example.com/b}
products:
  - {id: x-one, name: Chip X, vendor: Xco, kind: chip, segment: edge,
     compute: [{precision: int8, peak: 10 TOPS, source: a},
               {precision: int16, peak: 20 TOPS, source: a}]}
""", "one.yaml")
    other = write("""\
sources:
  c: {title: C, url: https://example.com/c}
products:
  - {id: x-two, name: "CHIP-X", vendor: Xco Inc., kind: chip, segment: edge,
     compute: [{precision: int8, peak: 20 TOPS, source: c}]}
""", "two.yaml")
    findings = crosscheck.crosscheck(view_of([path, other]))
    assert {f.code for f in findings} == {"precision-order", "figure-disagreement"}
    disagreement = next(f for f in findings if f.code == "figure-disagreement")
    assert disagreement.ratio == pytest.approx(2) and "sparsity" in disagreement.message


def test_real_datasets_findings(tmp_path):
    paths = import_datasets(tmp_path, [("laics", EXTERNAL / "laics_2023.csv"),
                                       ("epoch", EXTERNAL / "epoch_ml_hardware.csv")])
    findings = crosscheck.crosscheck(view_of(paths))
    found = {(f.code, f.products[0]) for f in findings}
    assert ("power-disagreement", "nvidia-t4") in found            # LAICS: T4 at 150 W
    assert ("parts-mismatch", "laics-nvidia-dgx-a100-system") in found  # 5 PFLOPS sparse
    assert ("implausible-efficiency", "laics-enflame-cloudblazer-t10-card") in found
    assert ("parts-mismatch", "laics-tesla-tesla-full-self-driving-computer-system") in found


def test_claims_can_name_imported_products_as_baselines(merged, write, tmp_path):
    from chipcmp.analyses import claims

    claim_file = write("""\
sources:
  note: {title: A note, url: https://example.com/note}
claims:
  - {id: va1-vs-laics-t4, kind: ratio, subject: vastai-va1, baseline: laics-nvidia-t4-card,
     metric: throughput, ratio: 2, bound: min, source: note}
""", "claims.yaml")
    paths = [bundled.KEYWORD, *merged.catalog.files[1:], claim_file]
    result = claims.check_claims(view_of(paths), ["va1-vs-laics-t4"])[0]
    assert result.verdict == "beyond-spec"
    # the LAICS record is one product with the datasheet's T4: its figure comes first
    assert result.spec.value == pytest.approx(200 / 130)


def test_precision_order_compares_like_with_like(write):
    from chipcmp.analyses import crosscheck as cc
    from chipcmp.figures.flags import build_view
    from chipcmp.catalog import load as catalog

    path = write("sources:\n  s: {title: T, url: https://example.com}\nproducts:\n"
                 "  - id: g\n    name: G\n    vendor: V\n    kind: card\n    segment: datacenter\n"
                 "    compute:\n"
                 "      - {precision: tf32, unit: matrix, peak: 494 TFLOPS, source: s}\n"
                 "      - {precision: fp16, peak: 133 TFLOPS, source: s}\n"
                 "      - {precision: fp16, unit: vector, peak: 120 TFLOPS, source: s}\n")
    findings = cc.crosscheck(build_view(catalog.load([path])))
    assert not [f for f in findings if f.code == "precision-order"]
    path = write("sources:\n  s: {title: T, url: https://example.com}\nproducts:\n"
                 "  - id: h\n    name: H\n    vendor: V\n    kind: card\n    segment: datacenter\n"
                 "    compute:\n"
                 "      - {precision: tf32, unit: matrix, peak: 494 TFLOPS, source: s}\n"
                 "      - {precision: fp16, unit: matrix, peak: 133 TFLOPS, source: s}\n",
                 "h.yaml")
    findings = cc.crosscheck(build_view(catalog.load([path])))
    assert [f.code for f in findings if f.code == "precision-order"] == ["precision-order"]

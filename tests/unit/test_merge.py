"""Which records across catalogs are one product: one fixture catalog per side."""

import pytest

from conftest import DATA, view_of
from chipcmp.catalog import identity
from chipcmp.catalog import matching as merge

MERGE = DATA / "merge"
CATALOGS = [MERGE / "curated.yaml", MERGE / "survey_a.yaml", MERGE / "survey_b.yaml"]


@pytest.fixture(scope="module")
def view():
    return view_of(CATALOGS, decisions=identity.load([MERGE / "identity.yaml"]))


def group_of(view, product_id):
    return sorted(view.get(product_id).ids)


def test_names_are_read_as_vendor_model_and_variant():
    name = merge.read_name("x", "NVIDIA Tesla V100 SXM2 32 GB", "NVIDIA")
    assert (name.model, name.form, name.memory) == (("v100",), "sxm2", "32gb")
    assert merge.read_name("x", "Gaudi2", "Habana").vendors == {"intel"}
    assert merge.read_name("x", "Ampere A100", "NVIDIA Corp.").model == ("a100",)


def test_same_vendor_model_and_variant_merge_across_catalogs_with_line_words_ignored(view):
    assert group_of(view, "acme-t9") == ["a-t9", "acme-t9", "b-t9"]
    assert any("same vendor, model 't9'" in why for why in view.get("acme-t9").matched_because)


def test_a_bare_sxm_fits_sxm4_but_memory_sizes_never_merge(view):
    assert group_of(view, "acme-z100-sxm") == ["acme-z100-sxm", "b-z100-sxm4-40"]
    assert group_of(view, "b-z100-sxm4-80") == ["b-z100-sxm4-80"]
    assert group_of(view, "b-z100-pcie") == ["b-z100-pcie"]


def test_a_name_without_its_variant_is_ambiguous_and_left_apart(view):
    entry = view.get("a-z100")
    assert entry.ids == ["a-z100"]
    assert sorted(entry.ambiguous) == ["acme-z100-sxm", "b-z100-pcie", "b-z100-sxm4-80"]


def test_a_chip_is_never_its_card(view):
    assert view.get("acme-q1") is not view.get("a-q1-card")
    assert any("a-q1-card" in text and "a chip is not its card" in text
               for text in view.matching.kept_apart)


def test_other_vendors_and_one_catalogs_records_stay_apart(view):
    assert group_of(view, "b-other-t9") == ["b-other-t9"]
    assert view.get("b-h200-pcie") is not view.get("b-h200-nvl")


def test_identity_decisions_merge_and_keep_apart(view):
    assert group_of(view, "a-h200") == ["a-h200", "b-h200-sxm5"]
    assert any("only the SXM5 is a 700 W part" in why
               for why in view.get("a-h200").matched_because)
    assert view.get("a-h200-twin") is not view.get("b-h200-nvl")


def test_without_the_identity_file_the_bare_name_is_ambiguous():
    plain = view_of(CATALOGS)
    assert plain.get("a-h200").ids == ["a-h200"]
    assert "b-h200-sxm5" in plain.get("a-h200").ambiguous
    assert plain.get("a-h200-twin") is plain.get("b-h200-nvl")  # same name and variant


def test_a_group_never_takes_two_records_of_one_catalog(write):
    one = write("""\
sources: {s: {title: S, url: https://example.com}}
products:
  - {id: x-one, name: X, vendor: V, kind: card, segment: edge}
""", "one.yaml")
    two = write("""\
sources: {t: {title: T, url: https://example.com}}
products:
  - {id: x-two, name: X, vendor: V, kind: card, segment: edge}
  - {id: x-three, name: V X, vendor: V, kind: card, segment: edge}
""", "two.yaml")
    view = view_of([one, two])
    assert len(view.get("x-one").ids) == 2
    assert any("two records of one catalog" in t for t in view.matching.kept_apart)

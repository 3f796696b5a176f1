"""The bundled datasheet catalog (data/datasheets.yaml): clean, every figure with its
source's spec line, and merged with the datasets' rows for the same products."""

import re
from pathlib import Path

from conftest import view_of
from chipcmp.analyses import rules
from chipcmp.catalog import load as catalog
from chipcmp.read import bundled

LOADED = catalog.load(["@datasheets"])
ROOT = Path(__file__).resolve().parents[2]


def test_it_validates_clean_with_quotes_required():
    loaded, problems = catalog.check([bundled.data_file("datasheets.yaml")])
    assert problems == []
    assert rules.lint(loaded) == []
    assert all(about.quotes == "required" for about in loaded.about.values())


def test_every_source_is_located_and_secondary_ones_say_so():
    kinds = {source.kind for source in LOADED.sources.values()}
    assert kinds <= {"datasheet", "web", "paper", "secondary"}
    assert all(source.url for source in LOADED.sources.values())


def test_at_least_sixty_products_with_compute():
    with_compute = [p for p in LOADED.products.values() if p.compute]
    assert len(with_compute) >= 60


def test_the_docs_state_its_size():
    count = len(LOADED.products)
    for name in ("README.md", "docs/guide.md"):
        stated = {int(n) for n in re.findall(r"(\d+) accelerators (?:of|released)",
                                               (ROOT / name).read_text(encoding="utf-8"))}
        assert stated == {count}, name


def test_a_datasheet_record_speaks_before_the_dataset_row_it_merges_with():
    view = view_of(["@bundled"])
    entry = view.get("epoch-nvidia-h100-sxm5-80gb")
    assert entry.id == "nvidia-h100-sxm5-80gb"
    assert [r.catalog.name for r in entry.records][0] == "datasheets"

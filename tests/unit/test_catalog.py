import os
from pathlib import Path

import pytest

from conftest import DATA
from chipcmp.read import bundled
from chipcmp.catalog import load as catalog
from chipcmp.model.problems import CatalogError

INVALID = sorted((DATA / "invalid").glob("*.yaml"))


def expected_problems(path: Path) -> list[str]:
    """The fixture's `# expect: LINE:COL code` lines. A line or column written `L1-L2` or
    `*` is a range or any: where the YAML library itself places a syntax error is its
    choice, not chipcmp's, and may move between its releases."""
    lines = path.read_bytes().decode("utf-8", errors="replace").splitlines()
    return [line.split("expect:", 1)[1].strip() for line in lines if line.startswith("# expect:")]


def _place_fits(expected: str, actual: int) -> bool:
    if expected == "*":
        return True
    low, _, high = expected.partition("-")
    return int(low) <= actual <= int(high or low)


def fits(expected: list[str], problems: list) -> bool:
    if len(expected) != len(problems):
        return False
    for wanted, problem in zip(expected, problems):
        place, code = wanted.split()
        line, col = place.split(":")
        if not (code == problem.code and _place_fits(line, problem.line)
                and _place_fits(col, problem.col)):
            return False
    return True


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_fixture_gives_exactly_its_located_problems(path):
    _, problems = catalog.check([path])
    found = [f"{p.line}:{p.col} {p.code}" for p in problems]
    assert fits(expected_problems(path), problems), (found, expected_problems(path))
    assert all(p.path == str(path) for p in problems)


def test_every_invalid_fixture_states_its_expectation():
    assert len(INVALID) >= 20
    for path in INVALID:
        assert expected_problems(path), path


def test_valid_fixture_loads():
    loaded = catalog.load([DATA / "valid" / "small.yaml"])
    assert set(loaded.products) == {"alpha-chip", "alpha-card", "beta"}
    assert loaded.products["alpha-card"].contains[0].count == 1
    assert loaded.claims["card-cost"].subject_over_baseline == pytest.approx(0.4)
    path, line, col = loaded.origins[("product", "beta")].locate()
    assert (path.endswith("small.yaml"), line) == (True, 39)


def test_load_raises_with_every_problem():
    with pytest.raises(CatalogError) as caught:
        catalog.load([DATA / "invalid" / "several_problems.yaml"])
    assert len(caught.value.problems) == 4


def test_unreadable_files_do_not_stop_the_others(tmp_path):
    missing = tmp_path / "missing.yaml"
    loaded, problems = catalog.check([tmp_path, missing, DATA / "valid" / "small.yaml"])
    assert [p.code for p in problems] == ["not-a-file", "read-error"]
    assert "alpha-chip" in loaded.products


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(write):
    path = write("sources: {}\n")
    path.chmod(0)
    _, problems = catalog.check([path])
    assert problems[0].code == "read-error"


def test_ids_are_shared_across_files(write, tmp_path):
    small = DATA / "valid" / "small.yaml"
    extra = write("""\
sources:
  other: {title: Other, url: https://example.com/o}
products:
  - {id: beta, name: Beta again, vendor: B, kind: chip, segment: edge}
claims:
  - {id: x, kind: ratio, subject: alpha-chip, baseline: beta, metric: throughput, ratio: 3,
     source: other}
""", "extra.yaml")
    _, problems = catalog.check([small, extra])
    assert [(p.path, p.line, p.code) for p in problems] == [(str(extra), 4, "duplicate-id")]
    assert "already defined at" in problems[0].message


def test_bundled_keyword_names_the_shipped_catalogs():
    loaded = catalog.load([bundled.KEYWORD])
    assert [Path(f).name for f in loaded.files] == ["chips.yaml", "datasheets.yaml",
                                                     "epoch.yaml", "mlperf.yaml"]
    for keyword, name in (("@curated", "chips.yaml"), ("@datasheets", "datasheets.yaml"),
                          ("@epoch", "epoch.yaml"),
                          ("@mlperf", "mlperf.yaml")):
        assert [Path(f).name for f in catalog.load([keyword]).files] == [name]
    assert catalog.load(["@curated"]).files == [str(bundled.catalog_path())]


def test_bundled_catalog_validates_clean():
    _, problems = catalog.check(None)
    assert problems == []

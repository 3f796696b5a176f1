import datetime as dt
from pathlib import Path

import pytest

from conftest import DATA, SEEDS
from chipcmp.catalog import load as catalog
from chipcmp.analyses import rules

LINT = sorted((DATA / "lint").glob("*.yaml"))
DOCUMENTS = [DATA / "lint" / "documents"]


def expected(path: Path) -> list[str]:
    return [line.split("expect:", 1)[1].strip()
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("# expect:")]


@pytest.mark.parametrize("path", LINT, ids=[p.stem for p in LINT])
def test_each_rule_fixture_gives_its_located_problem(path):
    loaded, problems = catalog.check([path])
    assert problems == []  # the schema is satisfied: these are the rules' business
    found = rules.lint(loaded, DOCUMENTS, today=dt.date(2026, 11, 22))
    assert [f"{p.line}:{p.col} {p.code}" for p in found] == expected(path)


def test_every_rule_has_a_fixture():
    covered = {line.split()[-1] for path in LINT for line in expected(path)}
    assert covered == set(rules.RULES)


def test_severities():
    loaded, _ = catalog.check([DATA / "lint" / "quote_not_found.yaml"])
    assert {str(p.severity) for p in rules.lint(loaded, DOCUMENTS)} == {"error"}
    loaded, _ = catalog.check([DATA / "lint" / "unused_source.yaml"])
    assert {str(p.severity) for p in rules.lint(loaded)} == {"warning"}


def test_quotes_are_not_checked_without_the_document():
    loaded, _ = catalog.check([DATA / "lint" / "quote_not_found.yaml"])
    assert rules.lint(loaded, []) == []


def test_bundled_catalog_lints_clean():
    loaded = catalog.load(None)
    documents = [SEEDS] if SEEDS.is_dir() else []
    found = rules.lint(loaded, documents)
    # What is left is the dataset's own slip, kept as Epoch gives it and flagged: MetaX's
    # MXC500 at 18,000 GB/s from 64 GB (ten times what its HBM2e can give).
    assert {(p.code, p.path.endswith("epoch.yaml")) for p in found} == \
        {("implausible-bandwidth", True)}
    assert all("metax-mxc500" in p.message for p in found)
    assert rules.lint(catalog.load(["@curated"]), documents) == []

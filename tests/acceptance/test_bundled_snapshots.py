"""The bundled catalogs (read/bundled.py): the snapshots of public datasets are what
importing the published files makes, a user's own copy of a dataset replaces the bundled
snapshot, and the keywords name the files."""

import json

import pytest

from conftest import SHARED
from chipcmp.read import bundled

EXTERNAL = SHARED / "external"


@pytest.mark.parametrize("snapshot", [b for b in bundled.BUNDLED if b.dataset],
                         ids=lambda b: b.keyword)
def test_each_snapshot_is_what_importing_the_published_files_makes(snapshot):
    if not all((EXTERNAL / source).exists() for source in snapshot.sources):
        pytest.skip("../shared/external is absent")
    from chipcmp.read.snapshots import make

    assert make(snapshot, EXTERNAL) == bundled.data_file(snapshot.file).read_text(
        encoding="utf-8")


def test_the_snapshots_carry_their_terms_and_dates():
    from chipcmp.catalog import load

    loaded = load.load(["@bundled"])
    abouts = {a.name: a for a in loaded.about.values() if a.name}
    assert abouts["epoch-hardware"].licence.startswith("CC BY 4.0")
    assert abouts["epoch-hardware"].snapshot == "2026-03-31"
    assert abouts["mlperf-results"].licence.startswith("Apache License 2.0")
    assert "MLCommons" in abouts["mlperf-results"].attribution
    assert len(loaded.results) > 500 and len(loaded.products) > 200


def test_the_default_is_the_field(cli):
    ranked = cli("rank", "--metric", "tops-per-watt", "--format", "json")
    assert ranked.exit_code == 0
    rows = json.loads(ranked.stdout)
    assert sum(1 for r in rows if r["rank"] is not None) >= 65
    fp16 = cli("rank", "--metric", "tops", "--precision", "fp16", "--top", "5")
    assert fp16.exit_code == 0
    out = fp16.stdout
    assert out.startswith("catalogs: bundled ") and "epoch-hardware 2026-03-31" in out
    about = cli("about").stdout      # the titles and terms the header leaves out
    assert "as of: 2026-03-31" in about and "CC BY 4.0" in about
    assert "Apache License 2.0" in about
    curated = cli("rank", "--catalog", "@curated", "--format", "json")
    assert curated.exit_code == 0
    # SV102 and VA1 were sampling in 2021 with mass production planned; nothing since
    # says they shipped: ranked only when asked for, marked. The DGX A100 (8 GPUs) is a
    # system: ranked among systems, not among single accelerators
    assert {r["id"] for r in json.loads(curated.stdout) if r["rank"]} == {
        "nvidia-t4", "nvidia-a100"}
    everything = cli("rank", "--catalog", "@curated", "--include-announced", "--kind", "all",
                     "--format", "json")
    assert {r["id"] for r in everything.json() if r["rank"]} == {
        "vastai-sv102", "vastai-va1", "nvidia-t4", "nvidia-a100", "nvidia-dgx-a100"}
    systems = cli("rank", "--catalog", "@curated", "--kind", "system", "--format", "json")
    assert {r["id"] for r in systems.json() if r["rank"]} == {"nvidia-dgx-a100"}
    results = cli("results", "--format", "json")
    assert results.exit_code == 0
    # 513 of 2019-2021; 837 of Inference v4.1 and v6.0, 17 of Training v5.0 and v5.1
    assert len(json.loads(results.stdout)) == 1367


def test_a_users_copy_of_a_bundled_dataset_replaces_the_snapshot(tmp_path, cli,
                                                                  monkeypatch):
    mine = tmp_path / "epoch.yaml"
    mine.write_text(bundled.data_file("epoch.yaml").read_text(encoding="utf-8"),
                    encoding="utf-8")
    # a configuration written when @bundled was the curated catalog alone
    monkeypatch.setenv("CHIPCMP_CATALOG", f"@bundled:{mine}")
    ranked = cli("rank", "--top", "1")
    assert ranked.exit_code == 0
    assert "duplicate-id" not in ranked.stderr
    assert f"{mine} is used instead of the bundled snapshot epoch.yaml" in ranked.stdout


def test_validate_still_checks_the_curated_catalog_alone(cli):
    validated = cli("validate", "--format", "json")
    assert validated.exit_code == 0
    assert "ok: 1 file(s) clean" in validated.stderr


def test_validate_reads_only_the_curated_file_by_default(monkeypatch):
    from chipcmp.catalog import load
    from chipcmp.analyses import validation

    read = []
    original = load.read_document
    monkeypatch.setattr(load, "read_document", lambda path, *a, **k: (read.append(path),
                                                                       original(path, *a, **k))[1])
    validation.validate(None)
    assert [p.name for p in read] == ["chips.yaml"]


def test_the_report_page_names_each_catalog_with_its_date_and_terms(tmp_path, cli):
    page = tmp_path / "report.html"
    assert cli("report", "--output", page).exit_code == 0
    text = page.read_text(encoding="utf-8")
    assert "as of 2026-03-31" in text and "CC BY 4.0" in text and "Apache License 2.0" in text


def test_the_report_page_discloses_no_local_path(tmp_path, cli):
    page = tmp_path / "report.html"
    assert cli("report", "--output", page).exit_code == 0
    text = page.read_text(encoding="utf-8")
    assert "<code>chips.yaml</code>" in text
    assert str(bundled.catalog_path().parent) not in text and str(tmp_path) not in text

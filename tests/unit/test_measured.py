"""Measured results beside the specs (analyses/measured.py): the share of its peak an
accelerator delivered, at the precision the submission states or at each it may have
run, and a throughput above what the peak allows as a finding."""

import json

import pytest

from conftest import DATA, view_of
from chipcmp.analyses import measured
from chipcmp.model.benchmarks import BENCHMARKS

FIXTURE = DATA / "claims" / "shares.yaml"
VIEW = view_of([FIXTURE])


def share(result_id, product_id):
    entry = VIEW.find(product_id) if product_id else None
    return measured.delivered(VIEW, entry, VIEW.catalog.results[result_id])


def test_share_at_each_precision_it_may_have_run():
    found = share("r-mid", "mid")
    ops = 2000 * BENCHMARKS["resnet50"].ops_per_sample      # 16.4 TOPS
    assert {s.precision: s.share for s in found.shares} == pytest.approx({"int8": ops / 40e12})


def test_a_share_above_a_peak_rules_that_precision_out():
    found = share("r-mid", "mid")
    assert found.ruled_out == ["164% of the fp16 peak: the run was not at fp16"]
    assert not found.finding


def test_a_throughput_above_every_peak_is_a_finding_and_no_share():
    found = share("r-small", "small")
    assert "164% of small's peak even at int8, its highest peak" in found.finding
    assert "the peak or the precision is wrong" in found.finding
    assert found.shares == []   # a share above 100% is never given as a share


def test_the_stated_precision_alone_and_per_accelerator_and_dense():
    found = share("r-big", "big")
    (only,) = found.shares
    assert only.precision == "fp16" and only.stated
    # 12,000 samples/s over 4 cards at 8.2 G operations, over the 50 TFLOPS dense peak
    assert only.share == pytest.approx(3000 * 8.2e9 / 50e12)
    assert not found.finding


@pytest.mark.parametrize("result_id, product_id, why", [
    ("r-bert", "big", "no cited figure for the operations one bert sample costs"),
    ("r-lat", "big", "a share of peak needs a throughput, not a latency"),
    ("r-bare", "bare", "bare has no dense peak at int8, fp16, bf16, fp8, int4, fp4"),
    ("r-who", None, "no product is matched to the accelerator"),
])
def test_no_share_says_why(result_id, product_id, why):
    found = share(result_id, product_id)
    assert not found.shares and found.why_none == why


def test_every_cited_constant_has_its_source():
    for benchmark in BENCHMARKS.values():
        if benchmark.ops_per_sample is not None:
            assert benchmark.ops_source and benchmark.ops_source.url.startswith("https://")
            assert benchmark.ops_source.quote


def test_results_command_shows_the_share_and_the_finding(cli):
    listed = cli("results", "--catalog", FIXTURE, "--format", "json")
    assert listed.exit_code == 0
    rows = {r["id"]: r for r in json.loads(listed.stdout)}
    assert rows["r-small"]["share_of_peak"] is None and rows["r-small"]["finding"]
    assert [s["precision"] for s in rows["r-mid"]["share_of_peak"]] == ["int8"]
    assert rows["r-mid"]["share_ruled_out"] == "164% of the fp16 peak: the run was not at fp16"
    assert rows["r-big"]["finding"] is None
    assert rows["r-bert"]["share_of_peak"] is None
    assert rows["r-bert"]["share_of_peak_none_because"].startswith("no cited figure")
    text = cli("results", "--catalog", FIXTURE)
    assert text.exit_code == 0
    out = text.stdout
    assert "41% int8" in out and "164%" not in out.split("finding:")[0]
    assert "finding: s1 (inference v1.0 closed)" in out
    assert "Texas Instruments, SPRACZ2" in out


def test_show_lists_the_products_best_results_and_its_share(cli):
    shown = cli("show", "small", "--catalog", FIXTURE)
    assert shown.exit_code == 0
    out = shown.stdout
    assert "measured results (MLPerf), best per accelerator" in out
    assert "- !" in out   # no share: the finding says why
    big = cli("show", "big", "--catalog", FIXTURE, "--format", "json")
    assert big.exit_code == 0
    document = json.loads(big.stdout)
    assert {r["id"] for r in document["results"]} == {"r-big", "r-bert", "r-lat"}


def test_compare_sets_the_measured_results_side_by_side(cli):
    compared = cli("compare", "small", "big", "--catalog", FIXTURE)
    assert compared.exit_code == 0
    out = compared.stdout
    assert "measured (MLPerf): best per accelerator" in out
    assert "2000 samples/s [inference v1.0]" in out       # above its peak: no share
    assert "3000 samples/s [inference v1.0]" in out       # big ran fp16: no int8 share
    assert "1.5 ms" in out


def test_results_of_one_product(cli):
    listed = cli("results", "--catalog", FIXTURE, "--product", "big", "--format", "json")
    assert listed.exit_code == 0
    assert {r["id"] for r in json.loads(listed.stdout)} == {"r-big", "r-bert", "r-lat"}
    assert cli("results", "--catalog", FIXTURE, "--product", "nope").exit_code == 2


def test_export_counts_each_products_measured_results(cli):
    exported = cli("export", "--catalog", FIXTURE, "--format", "json")
    assert exported.exit_code == 0
    rows = {r["id"]: r["measured_results"] for r in json.loads(exported.stdout)}
    assert rows == {"small": 1, "big": 3, "bare": 1, "mid": 1}
    curated = cli("export", "--catalog", "@curated", "--format", "json")
    assert curated.exit_code == 0
    # none loaded: missing, not zero
    assert {r["measured_results"] for r in json.loads(curated.stdout)} == {None}


def test_the_stated_memory_picks_the_sku_a_name_leaves_open(tmp_path):
    import yaml

    from chipcmp import api

    catalog = {
        "sources": {"doc": {"title": "Doc", "url": "https://example.com/doc"},
                    "runs": {"title": "Runs", "url": "https://example.com/r", "kind": "dataset"}},
        "products": [{"id": f"big-{gb}", "name": f"Acme Big SXM {gb} GB", "vendor": "Acme",
                      "kind": "module", "segment": "datacenter"} for gb in (40, 80)],
        "results": [{"id": f"r-{gb}", "round": "inference v1.0", "division": "closed",
                     "submitter": "Acme", "system": f"s{gb}", "accelerator": "Acme Big SXM",
                     **({"accelerator_memory": f"{gb} GB"} if gb else {}),
                     "accelerators": 1, "benchmark": "resnet50", "scenario": "offline",
                     "metric": "throughput", "value": 100, "unit": "samples/s",
                     "source": "runs"} for gb in (40, 80, 0)]}
    path = tmp_path / "catalog.yaml"
    path.write_text(yaml.safe_dump(catalog), encoding="utf-8")
    view = api.load(path).view
    index = measured.index_of(view)
    of = {r.id: index.match(r) for r in index.results}
    assert of["r-40"].entry.id == "big-40" and of["r-80"].entry.id == "big-80"
    assert of["r-0"].entry is None and "several products fit" in of["r-0"].why


def test_a_vendor_written_with_a_hyphen_is_the_vendor():
    from chipcmp.catalog.names import read_name

    assert read_name("x", "T-Head Hanguang 800", "Alibaba").model == ("hanguang", "800")
    assert read_name("x", "A100-SXM4 40 GB", "NVIDIA").model == ("a100",)

"""Memory of different kinds is not ranked as one: on-chip SRAM is left out of memory and
bandwidth rankings unless asked for (--memory-kind), and an off-chip bandwidth beyond what
its capacity can give is flagged."""

import pytest
import yaml

from chipcmp.model.vocabulary import memory_admitted, memory_kind

SOURCES = {"s": {"title": "A source", "url": "https://example.com/s"}}


def part(pid, capacity, bandwidth, kind=None):
    memory = {"capacity": capacity, "bandwidth": bandwidth, "source": "s"}
    if kind:
        memory["type"] = kind
    return {"id": pid, "name": pid, "vendor": "V", "kind": "card", "segment": "datacenter",
            "memory": memory}


@pytest.fixture
def catalog(tmp_path):
    path = tmp_path / "catalog.yaml"
    path.write_text(yaml.safe_dump({"sources": SOURCES, "products": [
        part("hbm-part", "80 GB", "3350 GB/s", "HBM3"),
        part("plain-part", "16 GB", "900 GB/s"),
        part("sram-part", "0.23 GB", "80000 GB/s", "on-chip SRAM"),
        part("slipped-part", "64 GB", "18000 GB/s"),
        part("old-part", "1 GB", "141 GB/s", "GDDR3")]}), encoding="utf-8")
    return path


@pytest.mark.parametrize("text, kind", [("HBM2e", "hbm"), ("GDDR6X", "gddr"),
                                        ("LPDDR5", "lpddr"), ("DDR4", "ddr"),
                                        ("on-chip SRAM", "sram"), ("on-die", "sram"),
                                        ("unknown", None), (None, None)])
def test_a_memory_type_is_read_as_its_kind(text, kind):
    assert memory_kind(text) == kind


def test_an_unstated_type_is_taken_as_off_chip():
    assert memory_admitted(None, "off-chip") and not memory_admitted(None, "on-chip")
    assert memory_admitted("SRAM", "on-chip") and memory_admitted("SRAM", "any")


def test_bandwidth_ranks_off_chip_memory_by_default(cli, catalog):
    ran = cli("rank", "--metric", "bandwidth", "--catalog", catalog, "--format", "json")
    assert ran.exit_code == 0
    rows = {r["id"]: r for r in ran.json()}
    assert [r["id"] for r in ran.json() if r["rank"]] == ["hbm-part", "plain-part",
                                                          "old-part"]
    assert rows["sram-part"]["not_ranked_code"] == "other-memory"
    assert "--memory-kind" in rows["sram-part"]["not_ranked_because"]
    assert rows["slipped-part"]["not_ranked_code"] == "flagged"
    assert "281 GB/s a GB" in rows["slipped-part"]["not_ranked_because"]


def test_memory_kind_on_chip_ranks_the_sram(cli, catalog):
    ran = cli("rank", "--metric", "bandwidth", "--memory-kind", "on-chip", "--catalog",
              catalog, "--format", "json")
    assert [r["id"] for r in ran.json() if r["rank"]] == ["sram-part"]


def test_include_flagged_ranks_the_slipped_bandwidth(cli, catalog):
    ran = cli("rank", "--metric", "bandwidth", "--include-flagged", "--catalog", catalog,
              "--format", "json")
    assert [r["id"] for r in ran.json() if r["rank"]][0] == "slipped-part"


def test_a_memory_kind_that_is_not_one_is_a_usage_error(cli, catalog):
    ran = cli("rank", "--metric", "bandwidth", "--memory-kind", "l3", "--catalog", catalog)
    assert ran.exit_code == 2

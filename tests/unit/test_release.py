"""Release (analyses/filters.release): what the sources say of a product's release. Parts
not released (announced, on a roadmap, cancelled) are left out unless asked for, and
marked wherever they are shown."""

import datetime as dt

import pytest
import yaml

from chipcmp import api
from chipcmp.analyses.filters import release

SOURCES = {"s": {"title": "A source", "url": "https://example.com/s"}}


def product(pid, **extra):
    return {"id": pid, "name": pid.upper(), "vendor": "V", "kind": "chip", "segment": "edge",
            "compute": [{"precision": "int8", "peak": "10 TOPS", "source": "s"}],
            "power": [{"kind": "tdp", "scope": "chip", "value": "5 W", "source": "s"}],
            **extra}


def milestone(event, date, planned=False):
    return {"event": event, "date": date, "planned": planned, "source": "s"}


PRODUCTS = [
    product("shipping", status="shipping"),
    product("dated", milestones=[milestone("released", "2020-05")]),
    product("silent"),
    product("announced", status="announced"),
    product("overdue", status="sampling", milestones=[milestone("mass-production", "2021-Q4",
                                                                planned=True)]),
    product("roadmap", milestones=[milestone("released", "2099-H2", planned=True)]),
    product("cancelled", status="cancelled"),
    product("research", status="research"),
    product("later-shipped", status="announced",
            milestones=[milestone("released", "2022-01")]),
]


@pytest.fixture
def catalog_file(tmp_path):
    path = tmp_path / "catalog.yaml"
    path.write_text(yaml.safe_dump({"sources": SOURCES, "products": PRODUCTS}),
                    encoding="utf-8")
    return path


def test_each_state_follows_the_rule(catalog_file):
    view = api.load(catalog_file).view
    states = {e.id: release(e, today=dt.date(2026, 12, 3)) for e in view}
    assert {k: v.state for k, v in states.items()} == {
        "shipping": "released", "dated": "released", "silent": "unstated",
        "announced": "announced", "overdue": "announced", "roadmap": "roadmap",
        "cancelled": "cancelled", "research": "research", "later-shipped": "released"}
    assert states["overdue"].mark == "announced: sampling; mass-production planned 2021-Q4"
    assert states["roadmap"].mark == "roadmap: released planned 2099-H2"
    assert states["shipping"].mark is None


def test_a_planned_date_that_passes_turns_roadmap_into_announced(catalog_file):
    entry = api.load(catalog_file).view.find("roadmap")
    assert release(entry, today=dt.date(2100, 1, 1)).state == "announced"


def test_parts_not_released_are_left_out_and_counted(cli, catalog_file):
    ran = cli("rank", "--catalog", catalog_file, "--format", "json")
    assert ran.exit_code == 0
    ranked = {r["id"] for r in ran.json() if r["rank"]}
    assert ranked == {"shipping", "dated", "silent", "research", "later-shipped"}
    assert "4 left out by the filters (4 not released (--include-announced))" in ran.stderr


def test_include_announced_ranks_them_marked(cli, catalog_file):
    ran = cli("rank", "--catalog", catalog_file, "--include-announced")
    assert ran.exit_code == 0
    assert "roadmap: released planned 2099-H2" in ran.stdout
    assert "cancelled" in ran.stdout
    rows = cli("rank", "--catalog", catalog_file, "--include-announced", "--format", "json")
    states = {r["id"]: r["release"] for r in rows.json()}
    assert states["roadmap"] == "roadmap" and states["shipping"] == "released"


def test_export_says_each_products_release(cli, catalog_file):
    ran = cli("export", "--catalog", catalog_file, "--include-announced", "--format", "json")
    assert ran.exit_code == 0
    rows = {r["id"]: r for r in ran.json()}
    assert rows["overdue"]["release"] == "announced"
    assert rows["overdue"]["release_detail"] == "sampling; mass-production planned 2021-Q4"
    assert rows["silent"]["release"] == "unstated" and rows["silent"]["release_detail"] is None


def test_include_announced_adds_no_products_to_a_comparison(cli, catalog_file):
    ran = cli("compare", "shipping", "roadmap", "--catalog", catalog_file,
              "--include-announced", "--format", "json")
    assert ran.exit_code == 0
    assert [r["id"] for r in ran.json()] == ["shipping", "roadmap"]


def test_compare_marks_a_part_not_released(cli, catalog_file):
    ran = cli("compare", "shipping", "roadmap", "--catalog", catalog_file)
    assert "roadmap: released planned 2099-H2" in ran.stdout
    rows = cli("compare", "shipping", "roadmap", "--catalog", catalog_file,
               "--format", "json").json()
    assert [r["release"] for r in rows] == ["released", "roadmap"]

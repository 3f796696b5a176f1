"""Price tables as prices per accelerator-hour (read/importers/prices.py): SkyPilot's
vms.csv in two clouds' column orders, a cloud that prices its GPUs apart from the host,
TPU slices, and the plain CSV; every row priced or reported with its place."""

from pathlib import Path

import pytest
import yaml

from conftest import DATA
from chipcmp.read import importers
from chipcmp.read.importers.prices import PRICES

PRICES_DIR = DATA / "prices"
GCP, AWS, PLAIN = PRICES_DIR / "gcp" / "vms.csv", PRICES_DIR / "aws" / "vms.csv", \
    PRICES_DIR / "plain.csv"


def imported(*paths, **context):
    return PRICES.import_paths([Path(p) for p in paths], snapshot="2026-12-01", **context)


def prices(result):
    return {p["id"]: p for p in result.catalog["prices"]}


def per_hour(result, price_id):
    return prices(result)[price_id]["usd_per_accelerator_hour"]


def test_two_clouds_column_orders_give_the_same_kind_of_price():
    result = imported(GCP, AWS)
    found = prices(result)
    # AWS prices whole instances: a p4d.24xlarge's 8 A100s at 32.7726 USD an hour
    assert per_hour(result, "prices-aws-a100-40-gb-us-east-1-on-demand") == \
        pytest.approx(32.7726 / 8)
    aws = found["prices-aws-a100-40-gb-us-east-1-on-demand"]
    assert (aws["instance"], aws["accelerators"], aws["host"], aws["vendor"]) == \
        ("p4d.24xlarge", 8, "included", "NVIDIA")
    # spot: the cheapest zone of the region (us-east-1b at 11.9)
    assert per_hour(result, "prices-aws-a100-40-gb-us-east-1-spot") == pytest.approx(11.9 / 8)
    # of one accelerator in one region, the cheapest instance per accelerator-hour
    assert per_hour(result, "prices-aws-t4-15-gb-us-east-1-on-demand") == pytest.approx(0.526)
    assert per_hour(result, "prices-aws-trainium-us-east-1-on-demand") == \
        pytest.approx(21.5 / 16)
    # an instance without a spot price has none
    assert "prices-aws-h100-80-gb-us-east-1-spot" not in found
    assert per_hour(result, "prices-aws-h100-80-gb-us-east-1-on-demand") == \
        pytest.approx(55.04 / 8)


def test_a_cloud_that_prices_gpus_apart_has_the_host_added():
    result = imported(GCP)
    found = prices(result)
    # 1 A100 (2.93391) + its a2-highgpu-1g host (0.73948); 8 A100s + a2-highgpu-8g
    one, eight = 2.93391 + 0.73948, (23.47126 + 5.91582) / 8
    assert per_hour(result, "prices-gcp-a100-40-gb-us-central1-on-demand") == \
        pytest.approx(min(one, eight))
    assert per_hour(result, "prices-gcp-a100-40-gb-europe-west4-on-demand") == \
        pytest.approx(1.61365 + 0.81406)
    assert per_hour(result, "prices-gcp-a100-40-gb-europe-west4-spot") == \
        pytest.approx(1.1691 + 0.31824)
    h100 = found["prices-gcp-h100-80-gb-us-central1-on-demand"]
    assert h100["usd_per_accelerator_hour"] == pytest.approx((78.0 + 10.0) / 8)
    assert (h100["host"], h100["instance"]) == ("added", "a3-highgpu-8g")
    # a GPU that runs in a machine of the user's choosing: its price alone, said so
    t4 = found["prices-gcp-t4-15-gb-us-central1-on-demand"]
    assert (t4["usd_per_accelerator_hour"], t4["host"]) == (0.35, "not-included")


def test_tpu_slices_are_priced_per_chip():
    result = imported(GCP)
    v6e = prices(result)["prices-gcp-tpu-v6e-us-central1-on-demand"]
    assert (v6e["accelerator"], v6e["accelerators"], v6e["instance"]) == \
        ("TPU v6e", 8, "tpu-v6e-8")
    assert v6e["usd_per_accelerator_hour"] == pytest.approx(21.6 / 8)
    # v4 slices are named by cores: tpu-v4-8 is 4 chips
    assert per_hour(result, "prices-gcp-tpu-v4-us-central2-on-demand") == \
        pytest.approx(12.88 / 4)


def test_placeholders_and_fractions_are_reported_never_priced():
    result = imported(GCP, AWS)
    codes = {(Path(p.path).parent.name, p.line, p.code) for p in result.problems}
    assert ("gcp", 13, "placeholder-price") in codes and ("gcp", 14, "placeholder-price") in codes
    assert ("aws", 10, "fraction-of-accelerator") in codes
    assert not any("southamerica" in i for i in prices(result))
    assert not any("t4g" in i for i in prices(result))
    assert all(str(p.severity) == "warning" for p in result.problems)


def test_the_plain_form():
    result = imported(PLAIN)
    found = prices(result)
    lambda_h100 = found["prices-lambda-nvidia-h100-sxm5-80gb-us-east-on-demand"]
    assert lambda_h100["usd_per_accelerator_hour"] == 2.99
    assert lambda_h100["date"] == "2026-11-01"
    assert result.catalog["sources"][lambda_h100["source"]]["url"] == "https://lambda.ai/pricing"
    quoted = found["prices-coreweave-b200-reserved"]
    assert quoted["kind"] == "reserved" and quoted["date"] == "2026-10"
    # a source that is not an address: the file is the source, its line quoted
    assert quoted["quote"] == "B200,5.49,reserved,,coreweave,2026-10,contract quote"
    # no date: the date of the import
    assert found["prices-vast-h100-spot"]["date"] == "2026-12-01"


def test_the_catalog_it_makes_loads(tmp_path):
    from chipcmp.catalog import load

    result = imported(GCP, AWS, PLAIN)
    path = tmp_path / "prices.yaml"
    path.write_text(importers.to_yaml(result, "prices", [GCP, AWS, PLAIN]), encoding="utf-8")
    loaded = load.load([str(path)])
    assert len(loaded.prices) == len(result.catalog["prices"])
    assert yaml.safe_load(path.read_text())["about"]["snapshot"] == "2026-12-01"


def test_a_users_decision_names_the_product():
    result = imported(PLAIN, names={"H100": "nvidia-h100-sxm5-80gb"})
    assert prices(result)["prices-vast-h100-spot"]["product"] == "nvidia-h100-sxm5-80gb"


@pytest.mark.parametrize("row, code, column", [
    ("X1,abc,on-demand,,p,,", "bad-price", 2),
    ("X1,-1,on-demand,,p,,", "bad-price", 2),
    ("X1,,on-demand,,p,,", "no-price", 2),
    (",1.0,on-demand,,p,,", "no-product", 1),
    ("X1,1.0,weekly,,p,,", "bad-kind", 3),
    ("X1,1.0,on-demand,,p,last week,", "bad-date", 6),
    ("X1,5000,on-demand,,p,,", "implausible-price", 2),
])
def test_a_bad_plain_row_is_reported_at_its_cell(tmp_path, row, code, column):
    path = tmp_path / "mine.csv"
    header = "product,usd_per_accelerator_hour,kind,region,provider,date,source\n"
    path.write_text(header + "Good G1,1.5,on-demand,,p,,\n" + row + "\n", encoding="utf-8")
    result = imported(path)
    (problem,) = result.problems
    assert (problem.code, problem.line, str(problem.severity)) == (code, 3, "error")
    starts = [0] + [i + 1 for i, c in enumerate(row) if c == ","]
    assert problem.col == starts[column - 1] + 1
    assert [p["accelerator"] for p in result.catalog["prices"]] == ["Good G1"]


def test_a_bad_skypilot_cell_is_reported(tmp_path):
    path = tmp_path / "oci" / "vms.csv"
    path.parent.mkdir()
    path.write_text("InstanceType,AcceleratorName,AcceleratorCount,Price,SpotPrice,Region\n"
                    "big.8,A100,eight,20.0,,r1\n"
                    "big.4,A100,4,lots,,r1\n"
                    "big.2,A100,2,8.0,,r1\n"
                    "huge,A100,1e12,8.0,,r1\n"
                    "free,A100,1,0,inf,r1\n", encoding="utf-8")
    result = imported(path)
    assert [(p.line, p.code) for p in result.problems] == [
        (2, "bad-count"), (3, "bad-price"), (5, "bad-count"), (6, "bad-price"),
        (6, "bad-price")]
    (price,) = result.catalog["prices"]
    assert price["usd_per_accelerator_hour"] == 4.0 and price["provider"] == "oci"


def test_not_a_price_table(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    result = imported(path)
    assert result.unreadable
    assert [p.code for p in result.problems] == ["not-the-dataset"]


def test_ids_are_stable_and_the_provider_comes_from_the_folder_or_the_name(tmp_path):
    first, second = imported(GCP, AWS), imported(AWS, GCP)
    assert sorted(prices(first)) == sorted(prices(second))
    named = tmp_path / "lambda_vms.csv"
    named.write_text("InstanceType,AcceleratorName,AcceleratorCount,Price\n"
                     "gpu_1x_h100,H100,1,2.49\n", encoding="utf-8")
    (price,) = imported(named).catalog["prices"]
    assert price["provider"] == "lambda"
    from_url = PRICES.import_paths([named], origins=["https://x.org/catalogs/v8/nebius/vms.csv"])
    assert from_url.catalog["prices"][0]["provider"] == "nebius"


def test_a_plain_table_as_a_person_writes_it(tmp_path):
    """Column names in any case and spacing, a dollar sign or a unit with the price, the
    kind spelled "On Demand" or "on_demand"; SkyPilot's README spells GpuInfo GPUInfo."""
    path = tmp_path / "mine.csv"
    path.write_text("Product,USD per accelerator hour,Kind,Provider\n"
                    "H100 SXM,$2.99,On Demand,lambda\n"
                    "B200,5.5 USD,on_demand,x\n"
                    "B300,6/h,Spot,x\n", encoding="utf-8")
    result = imported(path)
    assert not result.problems
    assert sorted((p["accelerator"], p["usd_per_accelerator_hour"], p["kind"])
                  for p in result.catalog["prices"]) == [
        ("B200", 5.5, "on-demand"), ("B300", 6.0, "spot"), ("H100 SXM", 2.99, "on-demand")]
    sky = tmp_path / "x" / "vms.csv"
    sky.parent.mkdir()
    sky.write_text("instancetype,acceleratorname,acceleratorcount,price,GPUInfo\n"
                   "big,A100,2,8.0,\"{'Gpus': [{'MemoryInfo': {'SizeInMiB': 81920}}]}\"\n",
                   encoding="utf-8")
    (price,) = imported(sky).catalog["prices"]
    assert (price["usd_per_accelerator_hour"], price["accelerator_memory"]) == (4.0, "80 GB")


def test_of_one_accelerator_provider_region_and_kind_the_latest_then_the_cheapest(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("product,usd_per_accelerator_hour,kind,region,provider,date\n"
                    "B200,4.0,on-demand,east,x,2026-06-01\n"
                    "B200,6.0,on-demand,east,x,2026-11-01\n"
                    "B200,5.0,on-demand,east,x,2026-11-01\n"
                    "B200,3.0,on-demand,west,x,2026-01-01\n", encoding="utf-8")
    found = {p["region"]: p["usd_per_accelerator_hour"]
             for p in imported(path).catalog["prices"]}
    assert found == {"east": 5.0, "west": 3.0}


def test_a_decision_about_a_name_no_table_gives_is_reported():
    result = imported(PLAIN, names={"Nope": "nvidia-t4"})
    assert [(p.code, str(p.severity)) for p in result.problems] == [("unused-name", "warning")]

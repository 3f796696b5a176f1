"""Prices and costs from the command line: `chipcmp import prices`, `update prices --url`,
and `rank` by cost per unit of work, in JSON with the price and result each cost used."""

import http.server
import json

import pytest
import yaml

from conftest import DATA, serve

PRICES = DATA / "prices"
COSTS = PRICES / "costs.yaml"
FILES = (PRICES / "gcp" / "vms.csv", PRICES / "aws" / "vms.csv", PRICES / "plain.csv")


def test_import_reports_every_row_it_does_not_price_and_every_name_it_cannot_match(
        cli, tmp_path):
    out = tmp_path / "prices.yaml"
    ran = cli("import", "prices", *FILES, "--output", out)
    assert ran.exit_code == 0, ran.output
    assert "gcp/vms.csv:13:66: warning placeholder-price" in ran.stderr
    assert "aws/vms.csv:10:16: warning fraction-of-accelerator" in ran.stderr
    # "H100" fits the SXM and the PCIe module: named, not guessed
    assert "warning unmatched-name 'H100' (80 GB) of aws: several products fit" in ran.stderr
    assert "--name 'H100=PRODUCT_ID'" in ran.stderr
    assert cli("validate", out).exit_code == 0
    decided = cli("import", "prices", *FILES, "--name", "H100=nvidia-h100-sxm5-80gb",
                  "--output", tmp_path / "decided.yaml")
    assert decided.exit_code == 0 and "unmatched-name" not in decided.stderr


def test_import_usage_errors(cli, tmp_path):
    assert cli("import", "laics", FILES[2], "--name", "A=b").exit_code == 2
    assert cli("import", "prices", FILES[2], "--name", "no-equals-sign").exit_code == 2
    wrong = cli("import", "prices", FILES[2], "--name", "H100=nvidia-h100-sxm",
                "--output", tmp_path / "p.yaml")
    assert wrong.exit_code == 1 and "error unknown-product" in wrong.stderr
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    refused = cli("import", "prices", other)
    assert refused.exit_code == 2 and "not-the-dataset" in refused.stderr


def test_rank_by_cost_per_million_tokens_in_json(cli):
    ran = cli("rank", "--catalog", COSTS, "--metric", "cost-per-million-tokens",
              "--benchmark", "llama2-70b", "--scenario", "offline", "--format", "json")
    assert ran.exit_code == 0, ran.output
    records = json.loads(ran.stdout)
    ranked = [r for r in records if r["rank"] is not None]
    assert [r["product"] for r in ranked] == ["fast", "slow"]
    fast = ranked[0]
    assert {k: fast[k] for k in ("usd_per_accelerator_hour", "per_accelerator", "result_id",
                                 "unit")} == {"usd_per_accelerator_hour": 5.4,
                                              "per_accelerator": 3000, "result_id": "r-fast",
                                              "unit": "USD per million tokens"}
    assert fast["cost_per_million"] == pytest.approx(5.4 / (3000 * 3600) * 1e6)
    assert fast["price_source"].startswith("b west on-demand")
    # every record has the same keys, ranked or not
    assert len({tuple(r) for r in records}) == 1
    assert "an MLPerf system is not the cloud instance" in ran.stderr


def test_the_table_names_price_and_result_and_carries_the_caveats(cli):
    ran = cli("rank", "--catalog", COSTS, "--metric", "cost-per-million-tokens",
              "--benchmark", "llama2-70b", "--price-kind", "spot")
    assert ran.exit_code == 0
    assert "the cheapest spot taken" in ran.stdout
    assert "spot prices can vanish" in ran.stdout
    assert "USD/M tokens" in ran.stdout


def test_costs_on_the_bundled_results_use_the_throughput_rank_gives(cli, tmp_path):
    """The cost's throughput is the product's own `rank --metric throughput` value: one
    rule chooses the result."""
    plain = tmp_path / "mine.csv"
    plain.write_text("product,usd_per_accelerator_hour,kind,region,provider,date,source\n"
                     "nvidia-h100-sxm5-80gb,2.99,on-demand,us-east,lambda,2026-11-01,"
                     "https://lambda.ai/pricing\n"
                     "nvidia-h200-sxm-141gb,3.79,on-demand,,lambda,2026-11-01,"
                     "https://lambda.ai/pricing\n", encoding="utf-8")
    out = tmp_path / "prices.yaml"
    assert cli("import", "prices", plain, "--output", out).exit_code == 0
    common = ("--catalog", "@bundled", "--catalog", out, "--benchmark", "llama2-70b",
              "--format", "json")
    costs = {r["id"]: r for r in json.loads(cli("rank", "--metric", "cost-per-million-tokens",
                                                *common).stdout) if r["rank"]}
    speeds = {r["id"]: r for r in json.loads(cli("rank", "--metric", "throughput",
                                                 *common).stdout) if r["rank"]}
    assert set(costs) == {"nvidia-h100-sxm5-80gb", "nvidia-h200-sxm-141gb"}
    for product, cost in costs.items():
        assert cost["per_accelerator"] == pytest.approx(speeds[product]["per_accelerator"])
        assert cost["cost_per_million"] == pytest.approx(
            cost["usd_per_accelerator_hour"] / (cost["per_accelerator"] * 3600) * 1e6)


@pytest.mark.parametrize("args", [
    ("--price-kind", "weekly"), ("--kwh-price", "-1"), ("--kwh-price", "nan"),
])
def test_bad_cost_options_exit_2(cli, args):
    ran = cli("rank", "--catalog", COSTS, "--metric", "kwh-per-million-tokens",
              "--benchmark", "llama2-70b", *args)
    assert ran.exit_code == 2 and "Traceback" not in ran.output


def test_a_cost_without_a_benchmark_or_of_the_wrong_item_is_a_usage_error(cli):
    assert cli("rank", "--catalog", COSTS, "--metric", "cost-per-million-tokens"
               ).exit_code == 2
    wrong = cli("rank", "--catalog", COSTS, "--metric", "cost-per-million-tokens",
                "--benchmark", "resnet50")
    assert wrong.exit_code == 2 and "cost-per-million-samples" in wrong.stderr


class Files(http.server.SimpleHTTPRequestHandler):
    """The price tables of tests/data/prices, served as files."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(PRICES), **kwargs)

    def log_message(self, *args):
        pass


def test_update_prices_installs_a_users_tables_which_then_load(cli, data_home):
    base, httpd = serve(Files)
    try:
        ran = cli("update", "prices", "--url", f"{base}/gcp/vms.csv",
                  "--url", f"{base}/plain.csv")
    finally:
        httpd.shutdown()
    assert ran.exit_code == 0, ran.output
    installed = (data_home / "prices.yaml").read_text(encoding="utf-8")
    assert "provider: gcp" in installed and "provider: lambda" in installed
    ranked = cli("rank", "--metric", "usd-per-peak-tops-hour", "--format", "json")
    assert "google-tpu-v6e" in {r["id"] for r in json.loads(ranked.stdout) if r["rank"]}


def test_update_prices_has_no_default_download(cli, data_home):
    ran = cli("update", "prices")
    assert ran.exit_code == 2 and "--url" in ran.stderr
    assert not (data_home / "prices.yaml").exists()


def test_the_report_page_gains_a_cost_table(cli, tmp_path):
    page = tmp_path / "report.html"
    assert cli("report", "--catalog", COSTS, "--output", page).exit_code == 0
    text = page.read_text(encoding="utf-8")
    assert 'id="costs-heading"' in text
    assert "usd-per-peak-tops-hour" in text and "cost-per-million-tokens" in text
    plain = tmp_path / "plain.html"
    assert cli("report", "--catalog", DATA / "claims" / "shares.yaml",
               "--output", plain).exit_code == 0
    assert 'id="costs-heading"' not in plain.read_text(encoding="utf-8")


def test_show_lists_a_products_prices(cli):
    ran = cli("show", "fast", "--catalog", COSTS)
    assert "prices per accelerator-hour" in ran.stdout
    assert "a price without its host is shown, never taken for a cost" in ran.stdout
    document = json.loads(cli("show", "fast", "--catalog", COSTS, "--format", "json").stdout)
    assert [p["id"] for p in document["prices"]] == ["p-fast-alone", "p-fast-b", "p-fast-a",
                                                     "p-fast-spot"]
    assert document["prices"][1]["price_source"].startswith("b west on-demand")


def test_update_and_import_take_the_users_names_and_provider(cli, data_home, tmp_path):
    base, httpd = serve(Files)
    try:
        ran = cli("update", "prices", "--url", f"{base}/gcp/vms.csv", "--provider", "google",
                  "--name", "H100=nvidia-h100-sxm5-80gb")
    finally:
        httpd.shutdown()
    assert ran.exit_code == 0, ran.output
    installed = yaml.safe_load((data_home / "prices.yaml").read_text(encoding="utf-8"))
    assert {p["provider"] for p in installed["prices"]} == {"google"}
    assert {p.get("product") for p in installed["prices"] if p["accelerator"] == "H100"} == \
        {"nvidia-h100-sxm5-80gb"}
    assert cli("update", "laics", "--name", "A=b").exit_code == 2
    out = tmp_path / "p.yaml"
    assert cli("import", "prices", FILES[1], "--provider", "amazon", "-o", out).exit_code == 0
    assert {p["provider"] for p in yaml.safe_load(out.read_text())["prices"]} == {"amazon"}

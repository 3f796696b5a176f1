import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA
from chipcmp.cli.app import app

INVALID = sorted(str(p) for p in (DATA / "invalid").glob("*.yaml"))
LOCATED = re.compile(r"^(.+):(\d+):(\d+): (error|warning) ([a-z0-9-]+) .+$")


def test_validate_bundled_catalog_is_clean(cli):
    result = cli("validate")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "clean" in result.stderr


def test_validate_invalid_fixtures_reports_every_one_located(cli):
    result = cli("validate", *INVALID)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert all(LOCATED.match(line) for line in lines), lines
    assert {LOCATED.match(line)[1] for line in lines} == set(INVALID)
    assert "Traceback" not in result.output
    assert "error(s)" in result.stderr


def test_validate_json_format(cli):
    result = cli("validate", "--format", "json", str(DATA / "invalid" / "zero.yaml"))
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["status"] == "fail"
    problem = payload["problems"][0]
    assert set(problem) == {"path", "line", "col", "severity", "code", "message"}
    assert (problem["line"], problem["code"]) == (10, "not-positive")


def test_validate_json_ok(cli):
    payload = json.loads(cli("validate", "--format", "json").stdout)
    assert payload == {"status": "ok", "problems": []}


def test_validate_together_shares_ids(cli, write):
    other = write("products:\n  - {id: alpha-chip, name: A, vendor: V, kind: chip, "
                  "segment: edge}\n")
    small = str(DATA / "valid" / "small.yaml")
    assert cli("validate", small, str(other)).exit_code == 0
    together = cli("validate", "--together", small, str(other))
    assert together.exit_code == 1
    assert "duplicate-id" in together.stdout


def test_usage_errors_exit_2(cli):
    assert cli("validate", "--format", "xml").exit_code == 2
    assert cli("no-such-command").exit_code == 2


def test_main_returns_exit_codes_without_traceback(cli):
    runs = [cli("validate", DATA / "invalid" / "empty.yaml"), cli("--version"),
            cli("validate", "--bogus")]
    assert [r.exit_code for r in runs] == [1, 0, 2]
    assert not any("Traceback" in r.output for r in runs)


def test_installed_command_runs_from_any_directory(tmp_path):
    """The console script (or python -m chipcmp) finds the bundled catalog from elsewhere."""
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-m", "chipcmp", "validate"], cwd=tmp_path,
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    bad = subprocess.run([sys.executable, "-m", "chipcmp", "validate", *INVALID],
                         cwd=tmp_path, capture_output=True, text=True, env=env, timeout=60)
    assert bad.returncode == 1
    assert "Traceback" not in bad.stdout + bad.stderr
    assert len(bad.stdout.splitlines()) >= len(INVALID)


RANKING = str(DATA / "valid" / "ranking.yaml")


EXPECTED_RANK_TABLE = """\
catalogs: ranking (chipcmp about: titles and terms)

tops-per-watt (TOPS/W, int8, dense, tensor figures first): top 3 of 5 ranked, 5 without a figure
#  name           kind  TOPS/W  TOPS    W  id             basis
-  -------------  ----  ------  ----  ---  -------------  ------------------------------------------------
1  Alpha          chip   2.667   200   75  alpha          200 TOPS int8 (doc); 75 W max (doc)
1  Theta          chip   2.667    20  7.5  theta-tie      20 TOPS int8 (doc); 7.5 W tdp (doc)
3  Epsilon board  card    2.5*  400*  160  epsilon-board  2 x Alpha (200 TOPS int8 (doc)); 160 W tdp (doc)
figures taken: from parts 1, int8 unit not stated by the source 2
* estimated: summed from parts, halved from a sparse figure, an assumed precision, or a figure its source gives for either of two precisions (the basis says which)
not ranked: 1 no compute figure, 1 no power, 1 power at another scope only, 1 sparse only, 1 unspecified precision (--format csv lists each with its reason)
"""


def test_rank_table_exact_output_for_fixture(cli):
    result = cli("rank", "--metric", "tops-per-watt", "--catalog", RANKING, "--top", "3")
    assert result.exit_code == 0
    assert result.stdout == EXPECTED_RANK_TABLE


def test_rank_json_is_sorted_and_leaves_missing_unranked(cli):
    result = cli("rank", "--metric", "tops-per-watt", "--format", "json")
    rows = json.loads(result.stdout)
    ranked = [r for r in rows if r["rank"] is not None]
    values = [r["tops_per_watt_int8"] for r in ranked]
    assert values == sorted(values, reverse=True)
    by_id = {r["id"]: r for r in rows}
    assert round(by_id["nvidia-t4"]["tops_per_watt_int8"], 2) == 1.86
    assert "vastai-sv102" not in by_id   # sampling in 2021, no release since: left out
    everything = json.loads(cli("rank", "--metric", "tops-per-watt", "--format", "json",
                                "--include-announced").stdout)
    by_id = {r["id"]: r for r in everything}
    assert by_id["vastai-sv102"]["rank"] < by_id["nvidia-t4"]["rank"]
    assert round(by_id["vastai-sv102"]["tops_per_watt_int8"], 2) == 2.67
    assert by_id["vastai-sv102"]["release"] == "announced"
    assert by_id["rockchip-rv1106"]["rank"] is None
    assert by_id["rockchip-rv1106"]["tops_per_watt_int8"] is None


@pytest.mark.parametrize("args", [["rank", "--metric", "flops"], ["rank", "--precision", "int7"],
                                  ["rank", "--format", "xml"], ["show", "no-such-id"],
                                  ["compare", "alpha"], ["rank", "--segment", "space"]])
def test_bad_requests_exit_2_with_a_message(args, cli):
    refused = cli(*args, "--catalog", RANKING)
    assert refused.exit_code == 2
    err = refused.stderr
    assert "Traceback" not in err and err.strip()


def test_export_csv_matches_json_with_csv_module_and_pandas(cli):
    import csv
    import io

    csv_text = cli("export", "--format", "csv", "--include-announced").stdout
    records = json.loads(cli("export", "--format", "json", "--include-announced").stdout)
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert [r["id"] for r in rows] == [r["id"] for r in records]
    for row, record in zip(rows, records):
        for key, value in record.items():
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                assert float(row[key]) == pytest.approx(value), key
            elif value is None:
                assert row[key] == "", key
    pandas = pytest.importorskip("pandas")
    frame = pandas.read_csv(io.StringIO(csv_text))
    sv102 = frame.set_index("id").loc["vastai-sv102"]
    assert sv102["peak_int8_tops"] == 200 and sv102["power_w"] == 75
    assert list(frame.columns) == list(records[0].keys())


def test_export_neutralises_formula_names(cli):
    text = cli("export", "--format", "csv", "--catalog", RANKING).stdout
    assert "'=HYPERLINK" in text and "'+vendor" in text
    assert json.loads(cli("export", "--format", "json", "--catalog", RANKING).stdout)[-1][
        "name"].startswith("=HYPERLINK")  # JSON carries the text as it is


def test_output_file_is_written_whole(cli, tmp_path):
    target = tmp_path / "rank.csv"
    result = cli("rank", "--format", "csv", "--output", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("rank,id,")
    assert [p.name for p in tmp_path.iterdir()] == ["rank.csv"]


def test_output_to_unwritable_path_leaves_nothing(tmp_path, cli):
    target = tmp_path / "missing-dir" / "out.json"
    exported = cli("export", "--format", "json", "--output", target)
    assert exported.exit_code == 2
    assert not target.exists()
    assert "cannot write" in exported.stderr


def test_failed_work_writes_no_file(tmp_path, cli):
    target = tmp_path / "out.csv"
    assert cli("rank", "--metric", "nope", "--output", target).exit_code == 2
    assert not target.exists()


def test_show_formats(cli):
    text = cli("show", "vastai-sv102")
    assert text.exit_code == 0 and "最大功耗为75W" in text.stdout
    record = json.loads(cli("show", "vastai-sv102", "--format", "json").stdout)
    assert record["id"] == "vastai-sv102" and record["power"][0]["value"] == "75 W"


def test_compare_formats(cli):
    table = cli("compare", "vastai-sv102", "nvidia-t4")
    assert table.exit_code == 0 and "0.65x" in table.stdout
    rows = json.loads(cli("compare", "vastai-sv102", "nvidia-t4", "--format", "json").stdout)
    assert rows[1]["peak_int8_tops_vs_first"] == pytest.approx(0.65)
    csv_text = cli("compare", "vastai-sv102", "nvidia-t4", "--format", "csv").stdout
    assert csv_text.startswith("id,name,vendor,kind,segment,peak_int8_tops")


def test_broken_catalog_gives_problems_and_exit_1(cli):
    ranked = cli("rank", "--catalog", DATA / "invalid" / "zero.yaml")
    assert ranked.exit_code == 1
    err = ranked.stderr
    assert "zero.yaml:10:39: error not-positive" in err


CLAIMS = str(DATA / "claims" / "checks.yaml")


def test_claims_json_fields(cli):
    rows = json.loads(cli("claims", "--format", "json").stdout)
    required = {"id", "kind", "subject", "baseline", "verdict", "explanation", "claimed_ratio",
                "spec_ratio", "implied_advantage"}
    assert all(required <= set(row) for row in rows)
    va1 = next(r for r in rows if r["id"] == "va1-resnet50-vs-t4")
    assert va1["verdict"] == "beyond-spec" and round(va1["implied_advantage"], 2) == 1.3


def test_claims_strict_exits_1_on_contradiction(cli):
    assert cli("claims", "--catalog", CLAIMS).exit_code == 0
    assert cli("claims", "--strict", "--catalog", CLAIMS).exit_code == 1
    assert cli("claims", "--strict", "--catalog", CLAIMS, "within-spec").exit_code == 0


def test_claims_text_and_unknown_id(cli):
    result = cli("claims", "va1-resnet50-vs-t4")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("catalogs: bundled ")
    assert result.stdout.splitlines()[5].startswith("va1-resnet50-vs-t4: beyond-spec")
    assert cli("claims", "no-such-claim").exit_code == 2


def test_show_lists_claim_verdicts(cli):
    text = cli("show", "nvidia-t4").stdout
    assert "claim va1-resnet50-vs-t4: beyond-spec" in text
    record = json.loads(cli("show", "nvidia-t4", "--format", "json").stdout)
    assert record["claims"][0]["verdict"] == "beyond-spec"


def test_validate_warnings_pass_unless_strict(cli):
    path = str(DATA / "lint" / "unused_source.yaml")
    relaxed = cli("validate", path)
    assert relaxed.exit_code == 0 and "warning unused-source" in relaxed.stdout
    assert cli("validate", "--strict", path).exit_code == 1


def test_validate_checks_quotes_against_documents(cli):
    path = str(DATA / "lint" / "quote_not_found.yaml")
    assert cli("validate", path).exit_code == 0
    result = cli("validate", "--documents", str(DATA / "lint" / "documents"), path)
    assert result.exit_code == 1 and "error quote-not-found" in result.stdout


def test_plot_text_and_files(cli, tmp_path):
    text = cli("plot", "--catalog", RANKING, "--label", "all")
    assert text.exit_code == 0 and "alpha:" in text.stdout
    pytest.importorskip("matplotlib")
    for name in ("field.png", "field.svg"):
        result = cli("plot", "--output", str(tmp_path / name))
        assert result.exit_code == 0 and (tmp_path / name).stat().st_size > 1000


def test_plot_without_matplotlib_exits_2(monkeypatch, tmp_path, cli):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    plotted = cli("plot", "--output", tmp_path / "f.svg")
    assert plotted.exit_code == 2
    assert "pip install 'chipcmp[plot]'" in plotted.stderr
    assert not (tmp_path / "f.svg").exists()


def test_rank_frontier(cli):
    rows = json.loads(cli("rank", "--frontier", "--format", "json", "--catalog",
                             RANKING).stdout)
    assert {r["id"] for r in rows} == {"gamma", "theta-tie", "beta", "alpha", "epsilon-board"}


def test_import_and_crosscheck_commands(cli, tmp_path):
    laics = str(DATA / "datasets" / "laics_small.csv")
    printed = cli("import", "laics", laics)
    # every row imported; what cannot be ranked is a warning (exit 0)
    assert printed.exit_code == 0 and printed.stdout.startswith("# Imported by")
    assert "laics_small.csv:9:30: warning analog-compute" in printed.stderr
    target = tmp_path / "laics.yaml"
    assert cli("import", "laics", laics, "--output", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8") == printed.stdout
    # a damaged row is left out and makes the exit code 1; the rest is written
    damaged = tmp_path / "damaged.csv"
    damaged.write_text(Path(laics).read_text(encoding="utf-8-sig")
                       + "Acme,Broken,Acme,lots,int8,2,x,inference,Chip,NE,,NE,,1/1/20,,,a\n",
                       encoding="utf-8")
    broken = cli("import", "laics", str(damaged))
    assert broken.exit_code == 1 and "damaged.csv:12:18: error unreadable-cell" in \
        broken.stderr
    assert cli("validate", str(target)).exit_code == 0
    rows = json.loads(cli("crosscheck", "--format", "json", "--catalog", "@bundled",
                             "--catalog", str(target)).stdout)
    assert {"power-disagreement", "parts-mismatch", "implausible-efficiency"} <= \
        {r["code"] for r in rows}
    assert all({"code", "products", "message", "ratio", "figures"} <= set(r) for r in rows)
    assert cli("import", "bogus", laics).exit_code == 2


# ------------------------------------------------------------------ issue 15's papercuts
def test_duplicate_source_names_the_line_of_the_first_definition(cli, write):
    first = write("sources:\n  a:\n    title: A\n    url: https://example.com/a\n"
                  "products:\n  - {id: p, name: P, vendor: V, kind: chip, segment: edge, "
                  "source: a}\n", "first.yaml")
    second = write("sources:\n  a: {title: A2, url: https://example.com/b}\n", "second.yaml")
    result = cli("validate", "--together", str(first), str(second))
    assert f"source id 'a' is already defined at {first}:2" in result.stdout


def test_a_catalog_error_names_the_files_to_validate(cli):
    bad = str(DATA / "invalid" / "zero.yaml")
    ranked = cli("rank", "--catalog", bad)
    assert ranked.exit_code == 1
    assert f"'chipcmp validate {bad}' lists every problem" in ranked.stderr


def test_an_unreadable_import_exits_2_like_an_unwritable_output(tmp_path, cli):
    imported = cli("import", "epoch", tmp_path / "missing.csv")
    exported = cli("export", "--output", tmp_path / "no-folder" / "x.csv")
    assert imported.exit_code == exported.exit_code == 2
    assert "missing.csv:1:1: error read-error no such dataset file" in imported.stderr
    assert "cannot write" in exported.stderr


def test_a_metric_without_precision_refuses_one(cli):
    ranked = cli("rank", "--metric", "watts", "--precision", "fp16")
    assert ranked.exit_code == 2
    assert "takes no precision" in ranked.stderr


def test_validate_flags_a_card_figure_off_by_orders_of_magnitude(cli, write):
    path = write("""\
sources: {s: {title: T, url: https://example.com}}
products:
  - {id: t10, name: T10, vendor: E, kind: card, segment: datacenter,
     compute: [{precision: bf16, peak: 80 FLOPS, source: s}],
     power: [{kind: max, scope: card, value: 225 W, source: s}]}
""")
    codes = {line.split()[2] for line in cli("validate", str(path)).stdout.splitlines()}
    assert {"implausible-compute", "implausible-efficiency"} <= codes


def test_top_limits_every_format(cli):
    rows = json.loads(cli("rank", "--format", "json", "--top", "3").stdout)
    assert len(rows) == 3
    csv_lines = cli("rank", "--format", "csv", "--top", "2").stdout.splitlines()
    assert len(csv_lines) == 3  # the header and two rows


def test_rank_an_unknown_segment_exits_2_naming_the_segments(cli):
    space = cli("rank", "--segment", "space")
    assert space.exit_code == 2
    assert "choose one of datacenter, edge" in space.stderr
    edge = json.loads(cli("rank", "--segment", "edge", "--metric", "tops",
                             "--assume-unspecified", "--format", "json").stdout)
    assert {r["segment"] for r in edge} <= {"edge", "embedded", "mobile", "automotive"}
    assert any(r["rank"] for r in edge)


def test_find_lists_matches_and_exits_1_on_none(cli):
    found = cli("find", "t4")
    assert found.exit_code == 0 and "nvidia-t4" in found.stdout
    rows = json.loads(cli("find", "xavier", "--format", "json").stdout)
    assert rows[0]["id"] == "nvidia-jetson-agx-xavier" and rows[0]["catalogs"] == "bundled"
    assert cli("find", "zzzzqqq").exit_code == 1


def test_claims_verdict_filter(cli):
    rows = json.loads(cli("claims", "--verdict", "beyond-spec", "--format", "json").stdout)
    assert [r["id"] for r in rows] == ["va1-resnet50-vs-t4"]
    assert cli("claims", "--verdict", "maybe").exit_code == 2


def test_tops_per_dollar_says_how_many_products_have_a_price(cli):
    text = cli("rank", "--metric", "tops-per-dollar", "--catalog", "@curated",
               "--kind", "all").stdout
    assert "prices: 1 of 29 products have one (1 from bundled (street price on Amazon))" in text


def test_compare_takes_its_candidates_from_filters(cli):
    rows = json.loads(cli("compare", "vastai-va1", "--vendor", "nvidia", "--kind", "card",
                             "--catalog", "@curated", "--format", "json").stdout)
    assert [r["id"] for r in rows][:1] == ["vastai-va1"]
    assert {r["id"] for r in rows[1:]} == {"nvidia-t4", "nvidia-quadro-p6000",
                                           "nvidia-rtx-2080-ti"}


def test_export_carries_dates_memory_and_catalogs(cli):
    records = json.loads(cli("export", "--format", "json").stdout)
    t4 = next(r for r in records if r["id"] == "nvidia-t4")
    assert (t4["memory_gb"], t4["bandwidth_gb_s"], t4["bandwidth_gb_s_bound"]) == (16, 320, "min")
    assert t4["catalogs"] == "bundled;epoch-hardware"   # the curated T4 and Epoch's, merged
    yitu = next(r for r in records if r["id"] == "yitu-questcore")
    assert yitu["released"] == "2019-05"


def test_every_command_that_reads_catalogs_takes_the_same_catalog_options():
    import click
    import typer.main


    group = typer.main.get_command(app)
    readers = []
    for name, command in group.commands.items():
        flags = {flag for param in command.params for flag in getattr(param, "opts", [])}
        if "--catalog" in flags:
            readers.append(name)
            assert {"--prefer", "--identity", "--merge", "--output"} <= flags | \
                {f for p in command.params for f in getattr(p, "secondary_opts", [])}, name
    assert len(readers) >= 10
    assert not any(isinstance(p, click.Option) and "--no-merge" in p.secondary_opts
                   for p in group.params)  # not a root option: it goes after the command


def test_no_merge_goes_after_the_command_name(cli):
    paths = ["--catalog", str(DATA / "merge" / "survey_a.yaml"), "--catalog",
             str(DATA / "merge" / "survey_b.yaml")]
    merged = cli("rank", *paths, "--format", "json")
    apart = cli("rank", *paths, "--no-merge", "--format", "json")
    assert merged.exit_code == apart.exit_code == 0
    assert len(merged.json()) < len(apart.json())


def test_the_cli_options_are_the_apis_one_definition():
    """The filters are Filter's fields, the figure options Request's, the catalog options
    api.load's parameters: the command line's tables are keyed by those names, and every
    command that takes one group takes it whole, under the same names."""
    import inspect

    import typer.main

    from chipcmp import api
    from chipcmp.cli import options

    assert set(options.FILTER_OPTIONS) == set(api.filter_names())
    assert set(options.FIGURE_OPTIONS) == set(api.option_names())
    assert set(options.CATALOG_OPTIONS) == set(inspect.signature(
        options.CatalogChoice).parameters)
    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        taken = {p.name for p in command.params}
        for table in (options.FILTER_OPTIONS, options.CATALOG_OPTIONS):
            assert not taken & set(table) or set(table) <= taken, (name, set(table) - taken)
        assert taken & set(options.FIGURE_OPTIONS) <= set(api.option_names()), name


def test_no_command_rewrites_its_signature():
    """Each command's options are where a reader sees them: its own parameters."""


    for info in app.registered_commands:
        assert not hasattr(info.callback, "__wrapped__"), info.callback.__name__

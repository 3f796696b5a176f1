"""The first screen: what `chipcmp rank` shows a buyer in an 80x24 terminal. Ranked
products one a line with their TOPS and W beside TOPS/W, a one-line header, legends for
the marks shown only, the products not ranked as one line of counts; every value printed
at 40 columns; an unusable COLUMNS falls back to a usable width."""

import io
import re

import pytest
from rich.console import Console

import chipcmp
from chipcmp.cli import app as cli_app
from chipcmp.output import formats


def drawn(width: int, metric: str = "tops-per-watt", **options) -> list[str]:
    result = chipcmp.load().rank(metric, **options).result
    buffer = io.StringIO()
    formats.draw(result, Console(file=buffer, width=width, color_system=None))
    return buffer.getvalue().splitlines()


RANKED_ROW = re.compile(r"^\s*(\d+)\s+\S.*?\s{2,}(>= |<= |~ )?[\d.]+\*?\s+(>= |<= |~ )?[\d.]+\*?"
                        r"\s+(>= |<= |~ )?[\d.]+\*?(\s|$)")


def test_at_80_columns_the_first_24_lines_rank_ten_products_with_their_inputs():
    lines = drawn(80)
    assert all(len(line) <= 80 for line in lines)
    header = [line for line in lines if "TOPS/W" in line and "TOPS " in line and " W" in line]
    assert header and "name" in header[0] and "kind" in header[0]
    ranked = [line for line in lines[:24] if RANKED_ROW.match(line)]
    assert len(ranked) >= 10
    assert lines[0].startswith("catalogs: bundled ") and "chipcmp about" in " ".join(lines[:2])
    assert "CC BY" not in "\n".join(lines[:3])  # the terms are `chipcmp about`'s


def test_the_footer_counts_what_was_not_ranked_on_one_line_and_explains_only_shown_marks():
    text = "\n".join(drawn(200))
    assert "not ranked: " in text and "(--format csv lists each with its reason)" in text
    assert ": no int8 figure" not in text          # no per-product list under the table
    assert "? no bound" not in text                # no ratio of two minima on the screen
    assert "cancelled" not in text                 # no such mark shown


@pytest.mark.parametrize("metric", ["tops-per-watt", "bytes-per-op", "tops"])
def test_at_40_columns_every_value_still_prints(metric):
    lines = drawn(40, metric)
    result = chipcmp.load().rank(metric).result
    table = result.blocks[0]
    column = table.headers.index(next(h for h in table.headers if h not in ("#", "name",
                                                                          "kind")))
    text = "\n".join(lines)
    for row in table.rows[:20]:
        assert row[column] in text


@pytest.mark.parametrize("columns, width", [("0", 80), ("-3", 80), ("99999999", 80),
                                            ("wide", 80), ("120", 120), ("5", 20)])
def test_an_unusable_columns_falls_back_to_a_usable_width(monkeypatch, columns, width):
    monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.setattr("os.get_terminal_size", _no_terminal)
    assert cli_app.terminal_width() == width


def _no_terminal(*args):
    raise OSError("not a terminal")


def test_about_gives_each_catalog_its_title_date_and_terms(cli):
    ran = cli("about")
    assert ran.exit_code == 0
    out = ran.stdout
    assert "epoch-hardware\n" in out and "licence: CC BY 4.0" in out
    assert "as of: 2026-03-31" in out and "Apache License 2.0" in out
    records = {r["catalog"]: r for r in cli("about", "--format", "json").json()}
    assert records["bundled"]["kind"] == "curated" and records["epoch-hardware"]["url"]


def drawn_answer(answer, width: int) -> str:
    buffer = io.StringIO()
    formats.draw(answer.result, Console(file=buffer, width=width, color_system=None))
    return buffer.getvalue()


def test_compare_on_a_narrow_terminal_turns_products_into_columns():
    catalog = chipcmp.load()
    ids = ["nvidia-h100-sxm5-80gb", "nvidia-b200", "amd-instinct-mi300x"]
    answer = catalog.compare(*ids)
    text = drawn_answer(answer, 80)
    assert all(len(line) <= 80 for line in text.splitlines())
    lines = text.splitlines()
    assert any(line.startswith("TOPS/W ") for line in lines)   # a row a figure
    for record in answer.records:
        assert str(record["peak_int8_tops"]).split(".")[0] in text


def test_show_on_a_narrow_terminal_keeps_each_figure_its_value_and_source():
    text = drawn_answer(chipcmp.load().show("nvidia-h100-sxm5-80gb"), 80)
    assert all(len(line) <= 80 for line in text.splitlines())
    assert re.search(r"^peak int8\s+1979 TOPS\s+tensor\s", text, re.M)
    assert "not shown at 80 columns: " in text and "quote" in text


def test_results_on_a_narrow_terminal_keep_the_values_whole():
    answer = chipcmp.load().results(product="nvidia-a100")
    text = drawn_answer(answer, 80)
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "per accelerator" in text and "14345.1 samples/s" in text

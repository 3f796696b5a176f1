import csv
import io
import json

import pytest

from chipcmp.output import formats
from chipcmp.output.formats import csv_text, display_width, json_text, neutralise, table_text
from chipcmp.output.results import Result, Table


def test_text_table_is_aligned_and_exact():
    table = Table("T", ["a", "b"], [["x", "1"], ["yy", "22"]], ["l", "r"], ["note"])
    assert table_text(table) == "T\na    b\n--  --\nx    1\nyy  22\nnote\n"


def test_cjk_width_counts_two_cells():
    assert display_width("瀚博") == 4
    table = Table("", ["n"], [["瀚博"], ["ab"]])
    assert table_text(table).splitlines()[-1] == "ab"


def test_neutralise_formula_text_only():
    assert neutralise("=1+1") == "'=1+1"
    for start in "+-@":
        assert neutralise(start + "x").startswith("'")
    assert neutralise(-5) == -5
    assert neutralise("ok") == "ok"


def test_csv_is_rfc4180_and_reads_back():
    text = csv_text(["id", "v", "flag"], [{"id": "a,b", "v": 2.5, "flag": True},
                                        {"id": "=x", "v": None}])
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0] == {"id": "a,b", "v": "2.5", "flag": "true"}
    assert rows[1] == {"id": "'=x", "v": "", "flag": ""}


def test_json_keeps_unicode_and_numbers():
    assert json.loads(json_text([{"v": 1.5, "n": "瀚博"}])) == [{"v": 1.5, "n": "瀚博"}]
    assert "瀚博" in json_text([{"n": "瀚博"}])


RESULT = Result([Table("T", ["id", "v"], [["a", "1"]], ["l", "r"], ["note"]), "plain\n"],
                ["id", "v"], [{"id": "a", "v": 1.0}], summary="1 row")


@pytest.mark.parametrize("name", list(formats.FORMATTERS))
def test_every_formatter_renders_any_result(name):
    text = formats.render(RESULT, name)
    assert text.endswith("\n") and "a" in text


def test_table_format_gives_the_blocks_in_order():
    assert formats.render(RESULT, "table") == "T\nid  v\n--  -\na   1\nnote\n\nplain\n"


def test_json_gives_the_document_when_there_is_one():
    assert formats.render(Result(document={"k": 1}), "json") == '{\n  "k": 1\n}\n'
    assert formats.render(RESULT, "json").startswith("[")


def test_the_terminal_draws_rich_tables_in_colour_and_keeps_ids_whole():
    """The path a person at a terminal sees: rich, with colour codes, ids never folded."""
    import io

    from rich.console import Console

    long_id = "laics-axelera-axelera-test-core-chip"
    result = Result([Table("Title", ["id", "basis"], [[long_id, "x " * 60]])])
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, color_system="standard", width=60)
    formats.draw(result, console)
    drawn = buffer.getvalue()
    assert "\x1b[" in drawn  # colour and style codes: a terminal, not a pipe
    assert long_id in drawn  # whole on one line, even at 60 columns
    assert "Title" in drawn


def test_a_narrow_terminal_leaves_out_droppable_columns_and_keeps_rows_on_one_line():
    import io

    from rich.console import Console

    rows = [[str(n), f"product-{n}", "card", f"{n}.5", "a long basis " * 8]
            for n in range(1, 6)]
    result = Result([Table("T", ["#", "id", "kind", "TOPS/W", "basis"], rows,
                           droppable=("basis",))])
    buffer = io.StringIO()
    formats.draw(result, Console(file=buffer, width=50, color_system=None))
    drawn = buffer.getvalue()
    assert "a long basis" not in drawn
    assert "not shown at 50 columns: basis" in drawn
    assert all(len(line) <= 50 for line in drawn.splitlines())
    assert sum("product-" in line for line in drawn.splitlines()) == 5  # one line a row
    wide = io.StringIO()
    formats.draw(result, Console(file=wide, width=200, color_system=None))
    assert "a long basis" in wide.getvalue() and "not shown" not in wide.getvalue()

import csv
import io
import json

from chipcmp.render import Table, display_width, neutralise, to_csv, to_json, to_text


def test_text_table_is_aligned_and_exact():
    table = Table("T", ["a", "b"], [["x", "1"], ["yy", "22"]], ["l", "r"], ["note"])
    assert to_text(table) == "T\na    b\n--  --\nx    1\nyy  22\nnote\n"


def test_cjk_width_counts_two_cells():
    assert display_width("瀚博") == 4
    table = Table("", ["n"], [["瀚博"], ["ab"]])
    assert to_text(table).splitlines()[-1] == "ab"


def test_neutralise_formula_text_only():
    assert neutralise("=1+1") == "'=1+1"
    for start in "+-@":
        assert neutralise(start + "x").startswith("'")
    assert neutralise(-5) == -5
    assert neutralise("ok") == "ok"


def test_csv_is_rfc4180_and_reads_back():
    text = to_csv(["id", "v", "flag"], [{"id": "a,b", "v": 2.5, "flag": True},
                                        {"id": "=x", "v": None}])
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0] == {"id": "a,b", "v": "2.5", "flag": "true"}
    assert rows[1] == {"id": "'=x", "v": "", "flag": ""}


def test_json_keeps_unicode_and_numbers():
    assert json.loads(to_json([{"v": 1.5, "n": "瀚博"}])) == [{"v": 1.5, "n": "瀚博"}]
    assert "瀚博" in to_json([{"n": "瀚博"}])

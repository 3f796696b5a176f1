"""Reading damaged CSV: every row parsed or reported with its place, never an exception."""

from chipcmp.read import csvfile as csvread

HEADER = "a,b,c\n"


def read(text):
    table = csvread.read("f.csv", text)
    return table, [(r.line, r.problem.code if r.problem else None) for r in table.rows]


def test_quoted_cells_keep_the_line_their_row_starts_on():
    table, rows = read(HEADER + '1,"two\nlines",3\n4,5,6\n')
    assert rows == [(2, None), (4, None)]
    assert table.rows[0].cells[1] == "two\nlines"
    assert table.rows[0].places[2] == (3, 8)


def test_short_long_and_truncated_rows():
    _, rows = read(HEADER + "1,2\n1,2,3,4\n5,6,7\n8")
    assert rows == [(2, "short-row"), (3, "long-row"), (4, None), (5, "truncated")]


def test_a_file_cut_inside_a_quoted_cell_is_truncated_at_the_rows_start():
    table, rows = read(HEADER + '1,2,3\n4,"cut\noff')
    assert rows == [(2, None), (3, "truncated")]
    assert "starts at line 3" in table.rows[-1].problem.message


def test_text_after_a_closing_quote_nul_bytes_and_huge_cells():
    big = "x" * (csvread.MAX_CELL + 1)
    table, rows = read(HEADER + '"a"b,2,3\n1,2\x003,3\n1,' + big + ",3\n7,8,9\n")
    assert rows == [(2, "bad-quote"), (3, "nul-byte"), (4, "cell-too-large"), (5, None)]
    assert table.rows[2].problem.col == 3


def test_a_repeated_header_column_is_reported_and_the_first_is_read():
    table = csvread.read("f.csv", "a,b,a\n1,2,3\n")
    assert [(p.line, p.col, p.code) for p in table.problems] == [(1, 5, "duplicate-column")]
    assert table.column("a") == 0


def test_bom_crlf_and_lf_line_ends():
    _, rows = read("\ufeff" + HEADER.replace("\n", "\r\n") + "1,2,3\r\n4,5,6\n7,8,9")
    assert rows == [(2, None), (3, None), (4, None)]


def test_a_lone_carriage_return_is_text_not_a_line_break():
    table, rows = read(HEADER + "1,x\ry,3\r\n4,5,6\n")
    assert rows == [(2, None), (3, None)]
    assert table.rows[0].cells[1] == "x\ry" and table.rows[0].places[2] == (2, 7)


def test_a_two_line_file_reports_its_problems_on_its_two_lines():
    table, rows = read("a,b,a\r1,2\n")  # the CR is damage inside the header line
    assert [p.code for p in table.problems] == []  # 'a\r1' is a cell, not a line break
    assert rows == []  # one header line of four cells, and nothing after it: no row
    table, rows = read("a,b,a\n1,2\r,3\n")
    assert [(p.line, p.col, p.code) for p in table.problems] == [(1, 5, "duplicate-column")]
    assert rows == [(2, None)]


def test_an_empty_file_has_no_header():
    table = csvread.read("f.csv", "")
    assert [p.code for p in table.problems] == ["empty-file"]

"""Dates as sources give them, each a real calendar date, one reader for every use."""

import datetime as dt

import pytest

from chipcmp.model import dates


@pytest.mark.parametrize("text, first, last", [
    ("2021", dt.date(2021, 1, 1), dt.date(2021, 12, 31)),
    ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
    ("2023-12", dt.date(2023, 12, 1), dt.date(2023, 12, 31)),
    ("2021-07-14", dt.date(2021, 7, 14), dt.date(2021, 7, 14)),
    ("2021-Q3", dt.date(2021, 7, 1), dt.date(2021, 9, 30)),
    ("2021-Q4", dt.date(2021, 10, 1), dt.date(2021, 12, 31)),
    ("2021-H2", dt.date(2021, 7, 1), dt.date(2021, 12, 31)),
])
def test_a_partial_date_covers_its_days(text, first, last):
    assert dates.parse(text) == (first, last)


@pytest.mark.parametrize("text", ["2020-13-45", "2023-02-30", "2023-99", "2023-00",
                                  "2021-Q5", "21", "2021/07", "last year", "", "2021-7"])
def test_what_is_not_a_calendar_date_is_refused(text):
    with pytest.raises(dates.DateError):
        dates.parse(text)


@pytest.mark.parametrize("value", ["2020-13-45", "2023-02-30", "2023-99"])
@pytest.mark.parametrize("option", ["--released-after", "--released-before"])
def test_a_date_option_takes_only_calendar_dates(cli, option, value):
    ranked = cli("rank", option, value)
    assert ranked.exit_code == 2
    err = ranked.stderr
    assert value in err and "2021-07-14" in err  # names the accepted forms


def test_a_quarter_compares_by_the_day_it_starts(cli):
    # Snapdragon 888 was released in 2021-01: after 2020-Q4 starts, before 2021-Q2 does.
    ranked = cli("rank", "--precision", "int8", "--released-after", "2020-Q4",
                 "--released-before", "2021-Q2", "--format", "json", "--assume-unspecified")
    assert ranked.exit_code == 0
    exported = cli("export", "--format", "json", "--released-after", "2020-Q4",
                   "--released-before", "2021-Q2")
    assert exported.exit_code == 0
    assert '"qualcomm-snapdragon-888"' in ranked.stdout + exported.stdout

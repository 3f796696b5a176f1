"""Dates as sources give them: a year, a month, a day, a quarter or a half (2021, 2021-07,
2021-07-14, 2021-Q3, 2021-H2). One reader for catalog fields, date options and importers,
so that a date one of them accepts is a date for all, and every one is a real calendar
date: 2023-02-30, 2020-13-45 and 2023-99 are refused.
"""

from __future__ import annotations

import datetime as dt
import re

FORMS = "YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn (quarter) or YYYY-Hn (half)"
EXAMPLES = "2021, 2021-07, 2021-07-14, 2021-Q4 or 2021-H2"
PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?|-Q[1-4]|-H[12])?$"

_FORM = re.compile(r"^(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])|H([12])))?$")


class DateError(ValueError):
    """Not a date in one of the FORMS, or not a day the calendar has."""


def parse(text: str) -> tuple[dt.date, dt.date]:
    """The first and last day a partial date covers; DateError when it is not one."""
    match = _FORM.match(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise DateError(f"{text!r} is not a date: write {EXAMPLES}")
    year, month, day, quarter, half = match.groups()
    try:
        if quarter or half:
            months = 3 if quarter else 6
            first = (int(quarter or half) - 1) * months + 1
            return dt.date(int(year), first, 1), _month_end(int(year), first + months - 1)
        if month is None:
            return dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)
        if day is None:
            return dt.date(int(year), int(month), 1), _month_end(int(year), int(month))
        day_date = dt.date(int(year), int(month), int(day))
        return day_date, day_date
    except ValueError:
        raise DateError(f"{text!r} is not a day of the calendar: write {EXAMPLES}") from None


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def check(text: str) -> str:
    """`text` when it is a date (stripped); DateError otherwise."""
    parse(text)
    return text.strip()


def start(text: str) -> dt.date:
    """The first day a date covers (2021-Q3 starts on 2021-07-01)."""
    return parse(text)[0]

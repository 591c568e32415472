"""A :class:`~timeline.model.When` as an EDTF string (Library of Congress
Extended Date/Time Format, ISO 8601-2), so an export keeps what the text
said: ``2012-06`` for June 2012 rather than its first and last day.

The mapping, finest first:

* a day ``2011-03-29``; a span of days ``2011-03-29/2011-03-30``;
* a month ``2012-06``; whole months ``2012-11/2013-02``;
* a season ``2016-21`` .. ``2016-24`` (spring, summer, autumn, winter:
  level 1), a quarter ``2016-33`` .. ``2016-36`` and a half ``2016-40`` /
  ``2016-41`` (level 2 sub-year groupings);
* a year ``2013``; whole years ``2012/2013`` (a century, which runs
  1901-2000 in the model, is written as that interval, since ``19XX``
  would name 1900-1999);
* a decade ``199X`` (level 1 unspecified digit);
* approximate: ``~`` after each date, so "mid-2013" (May to August, hedged)
  is ``2013-05~/2013-08~``. EDTF does not qualify a season or a sub-year
  grouping, so an approximate one is written as its months.

A relative date ("the next day") is written as the day it was resolved to:
EDTF has no notion of "relative", and the export's own ``relative`` field
says it.
"""

from __future__ import annotations

from typing import Literal

from timeline.day import Day
from timeline.model import Granularity, When, month_end

Precision = Literal["day", "month", "year"]

# First month of each season, as the model spans them, and its EDTF code.
SEASON_CODES = {3: 21, 6: 22, 9: 23, 12: 24}
QUARTER_CODE_BASE = 33  # Q1 is 33 .. Q4 is 36
HALF_CODE_BASE = 40  # the first half is 40, the second 41


def edtf_year(year: int) -> str:
    """A year in EDTF: four digits, signed before year 1 (astronomical
    numbering: -489 is 490 BC, written ``-0489``; 0 is 1 BC, ``0000``), and
    with the ``Y`` prefix past four digits (``Y17000``)."""
    if abs(year) > 9999:
        return f"Y{year}"
    return f"-{-year:04d}" if year < 0 else f"{year:04d}"


def edtf_month(day: Day) -> str:
    """``YYYY-MM`` of the month holding ``day``."""
    return f"{edtf_year(day.year)}-{day.month:02d}"


def edtf_day(day: Day) -> str:
    """``YYYY-MM-DD``."""
    return f"{edtf_month(day)}-{day.day:02d}"


def whole_months(when: When) -> bool:
    """True when the span starts on a first and ends on a last of a month."""
    return when.start.day == 1 and when.end == month_end(when.end.year, when.end.month)


def whole_years(when: When) -> bool:
    """True when the span runs from a 1 January to a 31 December."""
    return (when.start.month, when.start.day, when.end.month, when.end.day) == (1, 1, 12, 31)


def precision(when: When) -> Precision:
    """The finest unit both ends of the span need: a date stated to the day
    stays a day even when it covers a whole month; otherwise the coarsest
    calendar unit whose boundaries the span keeps."""
    if when.granularity is Granularity.DAY:
        return "day"
    if whole_years(when):
        return "year"
    if whole_months(when):
        return "month"
    return "day"


def _month_count(when: When) -> int:
    """How many whole months the span covers (0 when it does not keep to
    month boundaries)."""
    if not whole_months(when):
        return 0
    return (when.end.year - when.start.year) * 12 + when.end.month - when.start.month + 1


def _named_unit(when: When) -> str | None:
    """The EDTF code of an exact season, quarter, half or decade, else None."""
    g, start, year = when.granularity, when.start, edtf_year(when.start.year)
    if g is Granularity.DECADE and whole_years(when) and start.year % 10 == 0 \
            and when.end.year == start.year + 9:
        return f"{year[:3]}X" + ("~" if when.approximate else "")
    if when.approximate:
        return None  # EDTF puts no "~" on a season or sub-year grouping
    months = _month_count(when)
    if g is Granularity.SEASON and months == 3 and start.month in SEASON_CODES:
        return f"{year}-{SEASON_CODES[start.month]}"
    if g is Granularity.QUARTER and months == 3 and start.month % 3 == 1:
        return f"{year}-{QUARTER_CODE_BASE + start.month // 3}"
    if g is Granularity.HALF and months == 6 and start.month in (1, 7):
        return f"{year}-{HALF_CODE_BASE + (start.month == 7)}"
    return None


_FORMATTERS = {"day": edtf_day, "month": edtf_month, "year": lambda d: edtf_year(d.year)}


def when_to_edtf(when: When) -> str:
    """``when`` as an EDTF string (see the module's docstring for the forms)."""
    named = _named_unit(when)
    if named is not None:
        return named
    write = _FORMATTERS[precision(when)]
    mark = "~" if when.approximate else ""
    first, last = write(when.start), write(when.end)
    return f"{first}{mark}" if first == last else f"{first}{mark}/{last}{mark}"

"""Calendar days of any year, including before the common era.

Python's ``datetime.date`` holds years 1 to 9999 only, while a history may
reach back to "490 BC" or "the third millennium BCE". A day in that range is
kept as a plain ``date`` (fast, and what every library expects); a day outside
it is an :class:`ExtendedDay`, which offers the part of ``date``'s interface
the project uses (``year``, ``month``, ``day``, ``toordinal``, ``isoformat``,
``weekday``, arithmetic with ``timedelta``, comparison with dates, ``%B``
formatting). ``Day`` names either.

Years are astronomical, as in ISO 8601 and EDTF: year 0 is 1 BC and year
-489 is 490 BC. The calendar is the proleptic Gregorian one, and ordinals
continue ``date.toordinal`` downwards (day 1 is 0001-01-01, day 0 is
0000-12-31). Build days with :func:`make_day` and :func:`day_from_ordinal`,
which pick the right type, so that one day always has one representation.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Any

_EPOCH_ORDINAL = 719163  # date(1970, 1, 1).toordinal()
# Days from 0000-03-01 (a year starting in March puts the leap day last) to 1970-01-01.
_EPOCH_SHIFT = 719468
_DAYS_PER_400_YEARS = 146097
_MIN_ORDINAL = 1
_MAX_ORDINAL = date.max.toordinal()
_ISO = re.compile(r"([+-]?)(\d{4,9})-(\d\d)-(\d\d)")


def days_from_civil(year: int, month: int, day: int) -> int:
    """Days from 1970-01-01 to the proleptic Gregorian date (astronomical ``year``)."""
    year -= month <= 2
    era = year // 400
    year_of_era = year - era * 400
    march_month = (month + 9) % 12
    day_of_year = (153 * march_month + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * _DAYS_PER_400_YEARS + day_of_era - _EPOCH_SHIFT


def civil_from_days(days: int) -> tuple[int, int, int]:
    """The (year, month, day) ``days`` after 1970-01-01; the inverse of ``days_from_civil``."""
    days += _EPOCH_SHIFT
    era = days // _DAYS_PER_400_YEARS
    day_of_era = days - era * _DAYS_PER_400_YEARS
    year_of_era = (day_of_era - day_of_era // 1460 + day_of_era // 36524
                   - day_of_era // 146096) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    march_month = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * march_month + 2) // 5 + 1
    month = march_month + 3 if march_month < 10 else march_month - 9
    return year_of_era + era * 400 + (month <= 2), month, day


def year_name(year: int, era: bool = False) -> str:
    """``year`` as people write it: "490 BC" for year -489; "AD 43" when ``era`` asks."""
    if year <= 0:
        return f"{1 - year} BC"
    if era and year < 1000:
        return f"AD {year}"
    return str(year)


def iso_year(year: int) -> str:
    """ISO 8601 year: four digits for 0-9999, else signed and expanded (``-0489``)."""
    if 0 <= year <= 9999:
        return f"{year:04d}"
    return f"{year:+05d}"


class ExtendedDay:
    """A day outside ``date``'s range (before year 1 or after 9999)."""

    __slots__ = ("_ordinal", "day", "month", "year")

    year: int
    month: int
    day: int

    def __init__(self, year: int, month: int, day: int) -> None:
        if not 1 <= month <= 12:
            raise ValueError(f"month must be in 1..12, not {month}")
        if not 1 <= day <= calendar.monthrange(year % 400 + 2000, month)[1]:
            raise ValueError(f"day is out of range for month: {year}-{month}-{day}")
        self.year, self.month, self.day = year, month, day
        self._ordinal = days_from_civil(year, month, day) + _EPOCH_ORDINAL

    # --- what date offers
    def toordinal(self) -> int:
        return self._ordinal

    def isoformat(self) -> str:
        return f"{iso_year(self.year)}-{self.month:02d}-{self.day:02d}"

    __str__ = isoformat

    def __repr__(self) -> str:
        return f"ExtendedDay({self.year}, {self.month}, {self.day})"

    def weekday(self) -> int:
        return (self._ordinal + 6) % 7

    def isoweekday(self) -> int:
        return self.weekday() + 1

    def replace(self, year: int | None = None, month: int | None = None,
                day: int | None = None) -> Day:
        return make_day(self.year if year is None else year,
                        self.month if month is None else month,
                        self.day if day is None else day)

    def _twin(self) -> date:
        """A date with the same month, day, weekday and leap year, 400·k years away,
        to let ``date`` do the formatting of everything but the year."""
        return date(self.year % 400 + 2000, self.month, self.day)

    def strftime(self, fmt: str) -> str:
        fmt = fmt.replace("%Y", iso_year(self.year).replace("%", "%%"))
        return self._twin().strftime(fmt)

    def __format__(self, spec: str) -> str:
        return self.strftime(spec) if spec else self.isoformat()

    # --- arithmetic
    def __add__(self, other: object) -> Day:
        if isinstance(other, timedelta):
            return day_from_ordinal(self._ordinal + other.days)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other: object) -> Any:
        if isinstance(other, timedelta):
            return day_from_ordinal(self._ordinal - other.days)
        if isinstance(other, (date, ExtendedDay)):
            return timedelta(days=self._ordinal - other.toordinal())
        return NotImplemented

    def __rsub__(self, other: object) -> Any:
        if isinstance(other, date):
            return timedelta(days=other.toordinal() - self._ordinal)
        return NotImplemented

    # --- comparison (with dates too, by ordinal)
    def _key(self, other: object) -> int | None:
        if isinstance(other, (date, ExtendedDay)) and not hasattr(other, "hour"):
            return other.toordinal()
        return None

    def __eq__(self, other: object) -> bool:
        key = self._key(other)
        return NotImplemented if key is None else self._ordinal == key

    def __lt__(self, other: object) -> bool:
        key = self._key(other)
        return NotImplemented if key is None else self._ordinal < key

    def __le__(self, other: object) -> bool:
        key = self._key(other)
        return NotImplemented if key is None else self._ordinal <= key

    def __gt__(self, other: object) -> bool:
        key = self._key(other)
        return NotImplemented if key is None else self._ordinal > key

    def __ge__(self, other: object) -> bool:
        key = self._key(other)
        return NotImplemented if key is None else self._ordinal >= key

    def __hash__(self) -> int:
        # Never equal to a date (dates cover the other ordinals), so any hash will do.
        return hash(("ExtendedDay", self._ordinal))

    def __reduce__(self) -> tuple[Any, ...]:
        return ExtendedDay, (self.year, self.month, self.day)


Day = date | ExtendedDay
"""Any calendar day: a ``date`` for years 1-9999, an :class:`ExtendedDay` beyond."""


def make_day(year: int, month: int, day: int) -> Day:
    """The day ``year-month-day`` (astronomical year) as a date where one can hold it."""
    if 1 <= year <= 9999:
        return date(year, month, day)
    return ExtendedDay(year, month, day)


def day_from_ordinal(ordinal: int) -> Day:
    """The day with ``date.toordinal() == ordinal``, for any ordinal."""
    if _MIN_ORDINAL <= ordinal <= _MAX_ORDINAL:
        return date.fromordinal(ordinal)
    return ExtendedDay(*civil_from_days(ordinal - _EPOCH_ORDINAL))


def day_from_iso(text: str) -> Day:
    """Read ``YYYY-MM-DD`` or an expanded year (``-0489-01-01``, ``+12000-01-01``)."""
    match = _ISO.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not an ISO 8601 day: {text!r}")
    sign, year, month, day = match.groups()
    return make_day(-int(year) if sign == "-" else int(year), int(month), int(day))


def month_end(year: int, month: int) -> Day:
    """The last day of a month of any year."""
    return make_day(year, month, calendar.monthrange(year % 400 + 2000, month)[1])

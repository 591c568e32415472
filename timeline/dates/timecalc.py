"""Calendar arithmetic for the normaliser: parts of years and months, seasons,
quarters, weeks, and resolving month names and weekdays against a reference day.

Every function returns inclusive ``(start, end)`` day pairs or :class:`When`
values; none of them looks at text.
"""

from __future__ import annotations

from datetime import date, timedelta

from timeline.day import Day, make_day
from timeline.model import Granularity, When, month_end

DayPair = tuple[Day, Day]

# Which months (1-based, inclusive) of a year a vague part names. "early" and
# "late" are thirds; "beginning" and "end" are the outer quarters.
YEAR_PARTS: dict[str, tuple[int, int]] = {
    "early": (1, 4), "mid": (5, 8), "middle": (5, 8), "late": (9, 12),
    "beginning": (1, 3), "start": (1, 3), "end": (10, 12),
}
# Which days of a month a vague part names (31 stands for the month's last day).
MONTH_PARTS: dict[str, tuple[int, int]] = {
    "early": (1, 10), "mid": (11, 20), "middle": (11, 20), "late": (21, 31),
    "beginning": (1, 7), "start": (1, 7), "end": (24, 31),
}
# Which years of a decade, and which of a century, a vague part names.
DECADE_PARTS: dict[str, tuple[int, int]] = {
    "early": (0, 3), "mid": (4, 6), "middle": (4, 6), "late": (7, 9),
    "beginning": (0, 2), "start": (0, 2), "end": (7, 9),
}
CENTURY_PARTS: dict[str, tuple[int, int]] = {
    "early": (0, 32), "mid": (33, 66), "middle": (33, 66), "late": (67, 99),
    "beginning": (0, 24), "start": (0, 24), "end": (75, 99),
}


def clamp_day(year: int, month: int, day: int) -> Day:
    """The day ``year-month-day`` with day clamped to the month's length."""
    return make_day(year, month, min(day, month_end(year, month).day))


def year_span(year: int, part: str | None = None) -> DayPair:
    """The whole year, or the part of it named by ``part``."""
    first, last = YEAR_PARTS.get(part or "", (1, 12))
    return make_day(year, first, 1), month_end(year, last)


def month_span(year: int, month: int, part: str | None = None) -> DayPair:
    """The whole month, or the part of it named by ``part``."""
    first, last = MONTH_PARTS.get(part or "", (1, 31))
    return clamp_day(year, month, first), clamp_day(year, month, last)


def decade_span(first_year: int, part: str | None = None) -> DayPair:
    lo, hi = DECADE_PARTS.get(part or "", (0, 9))
    return make_day(first_year + lo, 1, 1), make_day(first_year + hi, 12, 31)


def century_span(number: int, part: str | None = None, size: int = 100) -> DayPair:
    """The ``number``-th century (the 20th is 1901-2000), or a part of it; a
    negative ``number`` counts before the era (-5 is the 5th century BC,
    500-401 BC, astronomical years -499 to -400). ``size`` 1000 makes it a
    millennium, whose parts scale with it."""
    first = (number - 1) * size + 1 if number > 0 else number * size + 1
    lo, hi = CENTURY_PARTS.get(part or "", (0, 99))
    scale = size // 100
    return make_day(first + lo * scale, 1, 1), make_day(first + hi * scale + scale - 1, 12, 31)


def season_span(year: int, first_month: int) -> DayPair:
    """Three months from ``first_month``; winter runs into the next year."""
    end_year, end_month = (year + 1, first_month - 10) if first_month > 10 else (
        year, first_month + 2)
    return make_day(year, first_month, 1), month_end(end_year, end_month)


def quarter_span(year: int, quarter: int) -> DayPair:
    first = 3 * (quarter - 1) + 1
    return make_day(year, first, 1), month_end(year, first + 2)


def half_span(year: int, half: int) -> DayPair:
    first = 1 if half == 1 else 7
    return make_day(year, first, 1), month_end(year, first + 5)


def week_span(day: Day) -> DayPair:
    """Monday to Sunday of the week holding ``day``."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """``(year, month)`` moved by ``delta`` months."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def nearest_year(month: int, ref: date, direction: int = 0) -> int:
    """The year that puts ``month`` nearest to ``ref``.

    ``direction`` -1 means strictly before ref's month ("last March"), +1
    strictly after ("next March"), 0 the nearest either way, ties to the past
    (statements more often look back than ahead).
    """
    if direction < 0:
        return ref.year if month < ref.month else ref.year - 1
    if direction > 0:
        return ref.year if month > ref.month else ref.year + 1
    diff = month - ref.month
    if diff > 6:
        return ref.year - 1
    if diff < -6:
        return ref.year + 1
    return ref.year


def year_by_tense(month: int, ref: date, tense: int) -> int:
    """The year of a month named without one, from the tense it is spoken in:
    past (-1) means this month or before, future (+1) this month or after,
    and neither the nearest either way."""
    if tense < 0:
        return ref.year if month <= ref.month else ref.year - 1
    if tense > 0:
        return ref.year if month >= ref.month else ref.year + 1
    return nearest_year(month, ref)


def nearest_weekday(weekday: int, ref: date, direction: int = 0) -> date:
    """The day named ``weekday`` (Monday 0) nearest ``ref``.

    -1: the last one strictly before ref; +1: the next one strictly after;
    0: ref itself if it is that day, else the most recent one in the past
    week (news says "said Friday" of the past few days).
    """
    back = (ref.weekday() - weekday) % 7
    if direction > 0:
        return ref + timedelta(days=(weekday - ref.weekday()) % 7 or 7)
    if direction < 0:
        return ref - timedelta(days=back or 7)
    return ref - timedelta(days=back)


def when(span: DayPair, granularity: Granularity, approximate: bool = False,
         relative: bool = False) -> When:
    """A :class:`When` from a day pair."""
    return When(span[0], span[1], granularity, approximate, relative)

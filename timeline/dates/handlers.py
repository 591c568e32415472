"""Handlers for the date forms (:mod:`forms`): check the context of a match
and normalise it.

A handler returns a :class:`Reading` (placed, or unplaced with a reason) or
None to reject the match, in which case other rules get their turn.
"""

from __future__ import annotations

import re
from datetime import date

from timeline.dates import relative
from timeline.dates import timecalc as tc
from timeline.dates.context import is_cued, month_word_ok, tense, year_context_ok
from timeline.dates.lexicon import CARDINALS, MONTHS, ORDINALS, SEASONS
from timeline.dates.patterns import DAY, FLAGS, MONTH, YEAR, S
from timeline.dates.reading import Context, Reading, needs_reference
from timeline.dates.story import story_year
from timeline.model import Granularity as G
from timeline.model import When

_DIGITS = re.compile(r"\d+")
# A second day with its year right after a day without one ("30 April and
# 2 May 2018"): the year written once closes both.
_CLOSING_YEAR = re.compile(
    rf"(?:,?{S}(?:and|&|or)|,){S}(?:the{S})?(?:(?P<m1>{MONTH}){S}{DAY}|{DAY}(?:{S}of)?{S}"
    rf"(?P<m2>{MONTH})),?{S}(?P<y>{YEAR})", FLAGS)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
NOT_A_DAY = "not a day of the calendar"


def number(token: str) -> int:
    """The leading number of a token such as ``29th``."""
    found = _DIGITS.match(token)
    return int(found.group()) if found else CARDINALS[" ".join(token.lower().split())]


def month_number(token: str) -> int:
    return MONTHS[token.rstrip(".").lower()]


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def is_and(separator: str) -> bool:
    return separator.strip().lower() in {"and", "&"}


def day_range(start: date | None, end: date | None, relative: bool) -> Reading | None:
    if start is None or end is None or end < start:
        return None
    return Reading(When(start, end, G.DAY, relative=relative))


def year_for_month(ctx: Context, month: int, year: str | None, direction: int = 0
                   ) -> tuple[int | None, bool]:
    """The written year, or the one the story has reached (:mod:`story`), or
    the one nearest the reference; and whether it was inferred."""
    if year:
        return int(year), False
    told = story_year(ctx, month) if not direction else None
    if told is not None:
        return told, True
    if ctx.ref is None:
        return None, True
    if direction:
        return tc.nearest_year(month, ctx.ref, direction), True
    return tc.year_by_tense(month, ctx.ref, tense(ctx.text, ctx.match.start())), True


def range_dmy(ctx: Context) -> Reading | None:
    g = ctx.group
    if g("m1") and is_and(g("sep")) and not _BETWEEN_BEFORE.search(
            ctx.text, max(0, ctx.match.start() - 12), ctx.match.start()):
        return None  # "30 April and 2 May 2018": two days; "between 4 May and 30 June" a span
    if not month_word_ok(g("m2"), with_day=True, has_year=bool(g("y2"))):
        return None
    m2 = month_number(g("m2"))
    m1 = month_number(g("m1")) if g("m1") else m2
    y2, inferred = year_for_month(ctx, m2, g("y2"))
    if y2 is None:
        return needs_reference()
    y1 = int(g("y1")) if g("y1") else (y2 if m1 <= m2 else y2 - 1)
    return day_range(safe_date(y1, m1, number(g("d1"))), safe_date(y2, m2, number(g("d2"))),
                     inferred)


def range_mdy(ctx: Context) -> Reading | None:
    g = ctx.group
    if g("y1") and is_and(g("sep")):
        return None
    m1 = month_number(g("m1"))
    m2 = month_number(g("m2")) if g("m2") else m1
    y2 = int(g("y2"))
    y1 = int(g("y1")) if g("y1") else (y2 if m1 <= m2 else y2 - 1)
    return day_range(safe_date(y1, m1, number(g("d1"))), safe_date(y2, m2, number(g("d2"))),
                     False)


def range_my(ctx: Context) -> Reading | None:
    g = ctx.group
    if (g("y1") and is_and(g("sep"))) or not month_word_ok(g("m1"), has_year=True):
        return None
    m1, m2, y2 = month_number(g("m1")), month_number(g("m2")), int(g("y2"))
    y1 = int(g("y1")) if g("y1") else (y2 if m1 <= m2 else y2 - 1)
    if (y1, m1) >= (y2, m2):
        return None
    return Reading(When(date(y1, m1, 1), tc.month_span(y2, m2)[1], G.MONTH))


def range_y(ctx: Context) -> Reading | None:
    g = ctx.group
    if is_and(g("sep")) and not g("kw"):
        return None
    y1, tail = int(g("y1")), g("y2")
    y2 = y1 - y1 % 100 + int(tail) if len(tail) == 2 else int(tail)
    if not y1 < y2 <= y1 + 200:
        return None
    if g("sep") == "/" and len(tail) == 4 and y2 != y1 + 1:
        return None  # "1998/2005" is more likely a code than a span
    start = ctx.match.start("y1") if g("kw") else None
    return Reading(When(date(y1, 1, 1), date(y2, 12, 31), G.YEAR), start=start)


def iso(ctx: Context) -> Reading | None:
    g = ctx.group
    if g("s1") != g("s2"):
        return None
    day = safe_date(int(g("y")), int(g("m")), int(g("d")))
    return Reading(When(day, day, G.DAY)) if day else Reading(None, NOT_A_DAY)


def numeric(ctx: Context) -> Reading | None:
    g = ctx.group
    if g("s1") != g("s2"):
        return None
    a, b, year = int(g("a")), int(g("b")), int(g("y"))
    # Day first (Commonwealth usage) unless only month-first makes a date.
    day = safe_date(year, b, a) or safe_date(year, a, b)
    return Reading(When(day, day, G.DAY)) if day else None


def single_day(ctx: Context) -> Reading | None:
    """``dmy`` and ``mdy``: one day, its year written or taken from the reference."""
    g = ctx.group
    if not month_word_ok(g("m"), with_day=True, has_year=bool(g("y"))):
        return None
    month = month_number(g("m"))
    closing = None if g("y") else _CLOSING_YEAR.match(ctx.text, ctx.match.end())
    year: int | None
    if closing is not None:
        later = month_number(closing.group("m1") or closing.group("m2"))
        year, inferred = int(closing.group("y")) - (later < month), False
    else:
        year, inferred = year_for_month(ctx, month, g("y"))
    if year is None:
        return needs_reference()
    day = safe_date(year, month, number(g("d")))
    if day is None:
        return Reading(None, NOT_A_DAY)
    return Reading(When(day, day, G.DAY, relative=inferred))


def month_year(ctx: Context) -> Reading | None:
    g = ctx.group
    if not month_word_ok(g("m"), has_year=True):
        return None
    return Reading(tc.when(tc.month_span(int(g("y")), month_number(g("m"))), G.MONTH))


def part(ctx: Context) -> Reading | None:
    """mid-2013, late January 2015, the end of the 1990s, early next year."""
    g = ctx.group
    name = (g("pof") or g("part")).lower()
    if g("m"):
        if not month_word_ok(g("m"), has_year=bool(g("y")), cued=True):
            return None
        month = month_number(g("m"))
        year, inferred = year_for_month(ctx, month, g("y"))
        if year is None:
            return needs_reference()
        return Reading(tc.when(tc.month_span(year, month, name), G.MONTH, True, inferred))
    if g("yy"):
        return Reading(tc.when(tc.year_span(int(g("yy")), name), G.YEAR, True))
    if g("dec"):
        return Reading(tc.when(tc.decade_span(int(g("dec")), name), G.DECADE, True))
    return relative.unit_part(ctx, name)


def part_range(ctx: Context) -> Reading | None:
    """``mid-March to early April 2014``, ``late 2012 to early 2013``: from the
    first part's start to the second's end; one year written closes both."""
    g = ctx.group
    first, last = g("p1").lower(), g("p2").lower()
    if g("yy2"):
        if g("m1"):
            return None
        start_year = int(g("yy1")) if g("yy1") else None
        if start_year is None or start_year > int(g("yy2")):
            return None
        span = (tc.year_span(start_year, first)[0], tc.year_span(int(g("yy2")), last)[1])
        return Reading(tc.when(span, G.YEAR, True))
    if not g("m1") or not month_word_ok(g("m1"), cued=True):
        return None
    m1, m2, y2 = month_number(g("m1")), month_number(g("m2")), int(g("y2"))
    y1 = int(g("y1")) if g("y1") else (y2 if m1 <= m2 else y2 - 1)
    span = (tc.month_span(y1, m1, first)[0], tc.month_span(y2, m2, last)[1])
    if span[1] < span[0]:
        return None
    return Reading(tc.when(span, G.MONTH, True))


def quarter(ctx: Context) -> Reading | None:
    """the second half of 2004, the third quarter of 2019, Q1 2020, H2 2021."""
    g = ctx.group
    if g("ord"):
        is_half = g("hq").lower() == "half"
        key = g("ord").lower()
        n = 2 if is_half and key in {"final", "last"} else ORDINALS.get(key) or number(key)
        if not g("y"):
            return relative.unit_quarter(ctx, n, is_half)
        year = int(g("y"))
    else:
        n = int(g("q") or g("q2") or g("h") or g("q3"))
        is_half = bool(g("h"))
        year = int(g("y2") or g("y3"))
    if is_half and n > 2:
        return None
    span = tc.half_span(year, n) if is_half else tc.quarter_span(year, n)
    return Reading(tc.when(span, G.HALF if is_half else G.QUARTER))


def season(ctx: Context) -> Reading | None:
    """autumn 2016, the winter of 2010, last summer."""
    g = ctx.group
    word = g("s") or g("s2")
    if word.lower() == "fall" and word[0].islower() and "the" not in ctx.text_lower:
        return None  # "prices fall 2012" is a verb, "the fall of 2012" a season
    first = SEASONS[word.lower()]
    if g("y2") and (first != 12 or int(g("y2")) != (int(g("y")) + 1) % 100):
        return None  # only a winter straddles two years: "winter 2010–11"
    if g("dir"):
        return relative.season(ctx, first)
    start, end = tc.season_span(int(g("y")), first)
    if g("part"):
        offset = {"early": 0, "mid": 1, "late": 2}[g("part").lower()]
        y, m = tc.add_months(start.year, start.month, offset)
        start, end = tc.month_span(y, m)
    return Reading(When(start, end, G.SEASON, approximate=True))


def decade(ctx: Context) -> Reading | None:
    g = ctx.group
    first = int(g("y")) if g("y") else (2000 if int(g("yy")) < 20 else 1900) + int(g("yy"))
    name = g("part").lower() if g("part") else None
    return Reading(tc.when(tc.decade_span(first, name), G.DECADE, bool(name)))


def fiscal(ctx: Context) -> Reading | None:
    """fiscal 2012, FY13, fiscal 2010-11 (a year that straddles two)."""
    token, tail = ctx.group("y"), ctx.group("y2")
    year = int(token) if len(token) == 4 else 2000 + int(token)
    last = year - year % 100 + int(tail) if tail else year
    if last not in (year, year + 1):
        return None
    return Reading(When(date(year, 1, 1), date(last, 12, 31), G.YEAR))


def month_alone(ctx: Context) -> Reading | None:
    g = ctx.group
    token = g("m")
    if token.rstrip(".").lower() not in _FULL_MONTHS:
        return None
    cued = bool(g("dir")) or is_cued(ctx.text, ctx.match.start())
    if not month_word_ok(token, has_year=False, cued=cued):
        return None
    direction = {"last": -1, "next": 1, "coming": 1}.get((g("dir") or "").lower(), 0)
    month = month_number(token)
    year, _inferred = year_for_month(ctx, month, None, direction)
    if year is None:
        return needs_reference()
    return Reading(tc.when(tc.month_span(year, month), G.MONTH, relative=True))


def year_alone(ctx: Context) -> Reading | None:
    year = int(ctx.group("y"))
    if not year_context_ok(ctx.text, ctx.match.start(), ctx.match.end(), year):
        return None
    return Reading(tc.when(tc.year_span(year), G.YEAR))


def vague(ctx: Context) -> Reading:
    words = ctx.match.group().lower()
    if words in {"now", "currently", "nowadays"} or words.startswith(("at", "these")):
        return Reading(None, "the present time, not a date")
    return Reading(None, "too vague to place on a timeline")


_FULL_MONTHS = frozenset(k for k in MONTHS if len(k) > 3 or k == "may") - {"sept"}

"""Handlers for expressions that mean nothing without a reference day:
``yesterday``, ``last year``, ``earlier this month``, ``on Friday``,
``three weeks ago``, ``early next year``, ``last summer``."""

from __future__ import annotations

from datetime import date, timedelta

from timeline.dates import timecalc as tc
from timeline.dates.context import future_cued
from timeline.dates.lexicon import CARDINALS, WEEKDAYS
from timeline.dates.reading import Context, Reading, needs_reference
from timeline.day import Day
from timeline.model import Granularity as G
from timeline.model import When

DayPair = tuple[Day, Day]
_STEP = {"this": 0, "the": 0, "last": -1, "next": 1}
_DAY_OFFSET = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def _relative(span: DayPair, granularity: G, approximate: bool = False) -> Reading:
    return Reading(When(span[0], span[1], granularity, approximate, relative=True))


def unit_span(ref: date, unit: str, step: int) -> tuple[DayPair, G]:
    """The week/month/quarter/year/decade/century ``step`` units from ref's."""
    if unit == "week":
        return tc.week_span(ref + timedelta(weeks=step)), G.DAY
    if unit == "weekend":
        monday = tc.week_span(ref + timedelta(weeks=step))[0]
        return (monday + timedelta(days=5), monday + timedelta(days=6)), G.DAY
    if unit == "month":
        year, month = tc.add_months(ref.year, ref.month, step)
        return tc.month_span(year, month), G.MONTH
    if unit == "quarter":
        year, month = tc.add_months(ref.year, ref.month, 3 * step)
        return tc.quarter_span(year, (month - 1) // 3 + 1), G.QUARTER
    if unit == "year":
        return tc.year_span(ref.year + step), G.YEAR
    if unit == "decade":
        return tc.decade_span(ref.year - ref.year % 10 + 10 * step), G.DECADE
    return tc.century_span((ref.year - 1) // 100 + 1 + step), G.CENTURY


def rel_day(ctx: Context) -> Reading:
    """today, yesterday morning, tomorrow, the day before yesterday, this morning."""
    if ctx.ref is None:
        return needs_reference()
    g = ctx.group
    if g("ba"):
        offset = -2 if g("ba").lower().startswith("before") else 2
    else:
        offset = _DAY_OFFSET.get((g("w") or "today").lower(), 0)
    day = ctx.ref + timedelta(days=offset)
    return _relative((day, day), G.DAY)


def rel_unit(ctx: Context) -> Reading:
    """last year, next week, this month, earlier this month, later this year."""
    if ctx.ref is None:
        return needs_reference()
    g = ctx.group
    span, granularity = unit_span(ctx.ref, g("unit").lower(), _STEP[(g("dir") or "this").lower()])
    if not g("ea"):
        return _relative(span, granularity)
    # "earlier this month" ends at the reference day, "later this year" starts there.
    if g("ea").lower() == "earlier":
        span = (span[0], min(span[1], max(span[0], ctx.ref)))
    else:
        span = (max(span[0], min(span[1], ctx.ref)), span[1])
    return _relative(span, granularity, approximate=True)


def weekday(ctx: Context) -> Reading | None:
    """on Friday, last Tuesday, next Monday, Wednesday night."""
    g = ctx.group
    if not g("wd")[0].isupper():
        return None
    if ctx.ref is None:
        return needs_reference()
    word = (g("dir") or "").lower()
    direction = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(word, 0)
    if direction == 0 and (word == "this" or future_cued(ctx.text, ctx.match.start())):
        direction = 0 if WEEKDAYS[g("wd").lower()] == ctx.ref.weekday() else 1
    day = tc.nearest_weekday(WEEKDAYS[g("wd").lower()], ctx.ref, direction)
    return _relative((day, day), G.DAY)


def ago(ctx: Context) -> Reading:
    """three years ago, 10 days ago, two weeks from now."""
    if ctx.ref is None:
        return needs_reference()
    g = ctx.group
    token = " ".join(g("n").lower().split())
    count = int(token) if token.isdigit() else CARDINALS[token]
    step = count if g("fut") else -count
    unit = g("unit").lower()
    if unit == "day":
        day = ctx.ref + timedelta(days=step)
        return _relative((day, day), G.DAY)
    span, granularity = unit_span(ctx.ref, unit, step)
    return _relative(span, granularity)


def unit_part(ctx: Context, part: str) -> Reading:
    """early next year, the end of this month, mid-last decade."""
    if ctx.ref is None:
        return needs_reference()
    g = ctx.group
    unit = g("unit").lower()
    (start, _end), granularity = unit_span(ctx.ref, unit, _STEP[(g("dir") or "this").lower()])
    if unit == "month":
        span = tc.month_span(start.year, start.month, part)
    elif unit == "year":
        span = tc.year_span(start.year, part)
    elif unit == "decade":
        span = tc.decade_span(start.year, part)
    else:
        span = tc.century_span((start.year - 1) // 100 + 1, part)
    return _relative(span, granularity, approximate=True)


def unit_quarter(ctx: Context, n: int, is_half: bool) -> Reading | None:
    """the first half of next year, the fourth quarter of this year."""
    g = ctx.group
    if g("unit").lower() != "year":
        return None
    if ctx.ref is None:
        return needs_reference()
    year = ctx.ref.year + _STEP[(g("dir") or "this").lower()]
    if is_half:
        return _relative(tc.half_span(year, n), G.HALF) if n <= 2 else None
    return _relative(tc.quarter_span(year, n), G.QUARTER)


def season(ctx: Context, first_month: int) -> Reading:
    """this summer, last winter, next spring (northern-hemisphere seasons)."""
    if ctx.ref is None:
        return needs_reference()
    # The season's year is the year it starts in: a reference in February
    # is still in the winter that began the December before.
    current = ctx.ref.year - (1 if first_month == 12 and ctx.ref.month < 3 else 0)
    year = current + _STEP[ctx.group("dir").lower()]
    return _relative(tc.season_span(year, first_month), G.SEASON, approximate=True)

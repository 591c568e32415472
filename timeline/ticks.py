"""Ticks for a two-level date axis, chosen without Qt.

The lower row ticks the finest unit whose labels fit side by side (days,
weeks, months, quarters, years, then multiples of years up to millennia); the
upper band names the larger unit those ticks sit in (the month and year for
days and weeks, the year for months and quarters), with its leftmost label
pinned to the left edge so the year in view is always named.

x coordinates are epoch seconds (UTC). The calendar is the proleptic Gregorian
one with astronomical year numbers (year 0 is 1 BC), computed with integer
arithmetic (:mod:`timeline.day`) because Python's ``datetime`` stops at years
1 and 9999, while a collection may reach into antiquity or the far future.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from timeline.day import civil_from_days, days_from_civil, year_name
from timeline.index import SECONDS_PER_DAY

TextWidth = Callable[[str], float]

LABEL_PAD_PX = 4.0   # a label starts this far right of the tick or edge it belongs to
MIN_GAP_PX = 8.0     # the least free space between one label and the next

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


# ----------------------------------------------------------------- calendar
def weekday(days: int) -> int:
    """Day of the week, Monday 0, of the day ``days`` after 1970-01-01 (a Thursday)."""
    return (days + 3) % 7


def day_index(t: float) -> int:
    """The day (since 1970-01-01) holding epoch second ``t``."""
    return math.floor(t / SECONDS_PER_DAY)


# -------------------------------------------------------------------- units
class Step(NamedTuple):
    """A tick spacing: ``count`` of a calendar ``base`` (day, week, month or year)."""

    base: str
    count: int
    unit: str      # what a reader calls it: "days", "quarters", "decades", ...
    multiple: int  # how many of ``unit`` one step is (2 for every two years)
    seconds: float  # about how long one step is, to skip steps far too fine


def _steps() -> tuple[Step, ...]:
    year = 365.2425 * SECONDS_PER_DAY
    steps = [Step("day", 1, "days", 1, SECONDS_PER_DAY),
             Step("week", 1, "weeks", 1, 7 * SECONDS_PER_DAY),
             Step("month", 1, "months", 1, year / 12),
             Step("month", 3, "quarters", 1, year / 4)]
    units = ((1, "years"), (10, "decades"), (100, "centuries"))
    for size, unit in units:
        steps += [Step("year", size * m, unit, m, size * m * year) for m in (1, 2, 5)]
    # Millennia in multiples up to five billion years, far beyond any date a text states.
    for power in range(3, 10):
        steps += [Step("year", m * 10**power, "millennia", m * 10 ** (power - 3),
                       m * 10**power * year) for m in (1, 2, 5)]
    return tuple(steps)


STEPS = _steps()
DAY_STEP, _, MONTH_STEP, _, YEAR_STEP = STEPS[:5]
YEAR_UNITS = frozenset({"years", "decades", "centuries", "millennia"})


# ------------------------------------------------------------------ results
class Tick(NamedTuple):
    """A tick at epoch second ``t``, ``x`` pixels from the left edge."""

    t: float
    x: float


class Label(NamedTuple):
    """A label drawn with its left edge ``x`` pixels from the left edge of the axis."""

    text: str
    x: float


class Span(NamedTuple):
    """One period of the upper band, from ``x0`` to ``x1`` (clipped to the axis)."""

    x0: float
    x1: float
    label: Label | None


@dataclass(frozen=True)
class AxisTicks:
    """What a date axis draws for one range and width."""

    unit: str                  # the lower row's unit: "days" ... "millennia"
    multiple: int              # ticks every ``multiple`` of ``unit``
    ticks: tuple[Tick, ...]    # lower ticks inside the range, in order
    labels: tuple[Label, ...]  # lower row labels, each after its tick (one may be pinned)
    band_unit: str             # "months", "years" or "" when the band is empty
    spans: tuple[Span, ...]    # upper band periods, in order


EMPTY = AxisTicks("", 0, (), (), "", ())


# ------------------------------------------------------------ tick dates
def _day_dates(d0: int, d1: int, every: int = 1) -> Iterator[int]:
    yield from range(d0, d1 + 1, every)


def _week_dates(d0: int, d1: int) -> Iterator[int]:
    first_monday = d0 + (-weekday(d0)) % 7
    yield from range(first_monday, d1 + 1, 7)


def _month_dates(d0: int, d1: int, every: int) -> Iterator[int]:
    y0, m0, _ = civil_from_days(d0)
    y1, m1, _ = civil_from_days(d1)
    first = y0 * 12 + m0 - 1
    first += (-first) % every
    for month in range(first, y1 * 12 + m1, every):
        yield days_from_civil(month // 12, month % 12 + 1, 1)


def round_years(y0: int, y1: int, every: int) -> list[int]:
    """Years from ``y0`` to ``y1`` that begin a step of ``every`` years, in order.

    Before year 1 a step falls on round BC numbers (500 BC, 490 BC: astronomical
    -499, -489) as a reader expects. There is no year 0 to count from, so from
    500 BC to AD 500 would be a double step: AD 1 is ticked in between.
    """
    years = []
    if y0 <= 0:
        # BC numbers n = 1 - year run downwards as the years run upwards.
        n_high, n_low = 1 - y0, 1 - min(y1, 0)
        n_low += (-n_low) % every
        years += [1 - n for n in range(n_high - n_high % every, n_low - 1, -every)]
    if y1 >= 1:
        start = max(y0, 1)
        start += (-start) % every
        if y0 <= 0 and every > 1:
            years.append(1)
        years += list(range(start, y1 + 1, every))
    return years


def _year_dates(d0: int, d1: int, every: int) -> Iterator[int]:
    y0 = civil_from_days(d0)[0]
    y1 = civil_from_days(d1)[0]
    for year in round_years(y0, y1, every):
        yield days_from_civil(year, 1, 1)


def tick_days(step: Step, d0: int, d1: int) -> Iterator[int]:
    """Days from ``d0`` to ``d1`` (inclusive) on which ``step`` puts a tick."""
    if step.base == "day":
        return _day_dates(d0, d1, step.count)
    if step.base == "week":
        return _week_dates(d0, d1)
    if step.base == "month":
        return _month_dates(d0, d1, step.count)
    return _year_dates(d0, d1, step.count)


# ------------------------------------------------------------------ labels
def tick_texts(step: Step, days: int, era: bool) -> tuple[str, ...]:
    """Labels for a tick of ``step`` on ``days``, longest first."""
    year, month, day = civil_from_days(days)
    if step.base == "day":
        return f"{WEEKDAYS[weekday(days)]} {day}", str(day)
    if step.base == "week":
        return f"{day} {MONTHS[month - 1][:3]}", str(day)
    if step.unit == "quarters":
        return (f"Q{(month - 1) // 3 + 1}",)
    if step.base == "month":
        return MONTHS[month - 1], MONTHS[month - 1][:3]
    return (year_name(year, era),)


def band_texts(unit: str, days: int, era: bool) -> tuple[str, ...]:
    """Labels for the upper band's period starting on ``days``, longest first."""
    year, month, _ = civil_from_days(days)
    name = year_name(year, era)
    if unit == "months":
        return f"{MONTHS[month - 1]} {name}", f"{MONTHS[month - 1][:3]} {name}"
    return (name,)


# -------------------------------------------------------------- choosing
class _View(NamedTuple):
    t0: float
    t1: float
    width: float
    era: bool  # the range holds BC years, so AD years below 1000 say "AD"

    def x(self, t: float) -> float:
        return (t - self.t0) / (self.t1 - self.t0) * self.width


def _ticks_of(step: Step, view: _View) -> list[Tick]:
    days = tick_days(step, day_index(view.t0), day_index(view.t1))
    ticks = (d * SECONDS_PER_DAY for d in days)
    return [Tick(t, view.x(t)) for t in ticks if view.t0 <= t <= view.t1]


def _lower_labels(step: Step, ticks: list[Tick], view: _View,
                  text_width: TextWidth, gap: float) -> list[Label] | None:
    """Labels for ``ticks`` in the longest form that fits, or None if none fits."""
    forms = [tick_texts(step, day_index(tick.t), view.era) for tick in ticks]
    for form in range(max((len(f) for f in forms), default=1)):
        texts = [f[min(form, len(f) - 1)] for f in forms]
        widths = [text_width(text) for text in texts]
        labels = _fitting_labels(ticks, texts, widths, view.width, gap)
        if labels is not None:
            return labels
    return None


def _fitting_labels(ticks: list[Tick], texts: list[str], widths: list[float],
                    width: float, gap: float) -> list[Label] | None:
    """Labels after their ticks if each ends ``gap`` before the next tick, else None."""
    labels = []
    for i, tick in enumerate(ticks):
        end = tick.x + LABEL_PAD_PX + widths[i]
        if i + 1 < len(ticks) and end + gap > ticks[i + 1].x + LABEL_PAD_PX:
            return None
        if end <= width:  # the last label may run off the right edge: leave it out
            labels.append(Label(texts[i], tick.x + LABEL_PAD_PX))
    return labels


def _pinned_day(view: _View, ticks: list[Tick], text_width: TextWidth,
                gap: float) -> Label | None:
    """The day at the left edge, named when its own tick is off-screen.

    Only days need it: at a day's zoom one or two ticks are in view, and the day
    the view opens on would otherwise go unnamed.
    """
    room = ticks[0].x if ticks else view.width
    for text in tick_texts(DAY_STEP, day_index(view.t0), view.era):
        if LABEL_PAD_PX + text_width(text) + gap <= room:
            return Label(text, LABEL_PAD_PX)
    return None


def _band_spans(unit: str, view: _View, text_width: TextWidth, gap: float) -> list[Span]:
    """The upper band's periods in view, each named if its name fits inside it."""
    step = MONTH_STEP if unit == "months" else YEAR_STEP
    d0, d1 = day_index(view.t0), day_index(view.t1)
    starts = [d for d in tick_days(step, d0, d1) if d * SECONDS_PER_DAY < view.t1]
    if not starts or starts[0] * SECONDS_PER_DAY > view.t0:
        starts.insert(0, _period_start(unit, d0))
    ends = [*starts[1:], None]
    spans = []
    for start, end in zip(starts, ends, strict=True):
        x0 = view.x(start * SECONDS_PER_DAY)
        x1 = view.width if end is None else view.x(end * SECONDS_PER_DAY)
        texts = band_texts(unit, start, view.era)
        label = (_pinned_band_label(texts, x1, view.width, text_width, gap) if x0 <= 0
                 else _band_label(texts, x0, x1, view.width, text_width, gap))
        spans.append(Span(max(x0, 0.0), min(x1, view.width), label))
    if all(span.label is None for span in spans):
        # Too narrow for any name to fit: name the first period anyway, clipped.
        texts = band_texts(unit, starts[0], view.era)
        spans[0] = spans[0]._replace(label=Label(texts[-1], LABEL_PAD_PX))
    return spans


def _period_start(unit: str, days: int) -> int:
    year, month, _ = civil_from_days(days)
    return days_from_civil(year, month if unit == "months" else 1, 1)


def _band_label(texts: tuple[str, ...], x0: float, x1: float, width: float,
                text_width: TextWidth, gap: float) -> Label | None:
    for text in texts:
        end = x0 + LABEL_PAD_PX + text_width(text)
        if end + gap <= x1 + LABEL_PAD_PX and end <= width:
            return Label(text, x0 + LABEL_PAD_PX)
    return None


def _pinned_band_label(texts: tuple[str, ...], x1: float, width: float,
                       text_width: TextWidth, gap: float) -> Label | None:
    """The first period's name, held at the left edge while it fits before the next."""
    for text in texts:
        if LABEL_PAD_PX + text_width(text) + gap <= min(x1, width + gap):
            return Label(text, LABEL_PAD_PX)
    return None


def _band_unit(step: Step) -> str:
    if step.base in ("day", "week"):
        return "months"
    return "years" if step.base == "month" else ""


def axis_ticks(t0: float, t1: float, width_px: float, text_width: TextWidth,
               band_text_width: TextWidth | None = None,
               min_gap_px: float = MIN_GAP_PX) -> AxisTicks:
    """Ticks and the upper band for epoch seconds ``t0``..``t1`` drawn ``width_px`` wide.

    ``text_width`` measures a lower label in pixels; ``band_text_width`` an upper
    one (the same function unless the band uses another font). The lower unit is
    the finest step whose labels all fit with ``min_gap_px`` between them.
    """
    if not (math.isfinite(t0) and math.isfinite(t1) and t1 > t0 and width_px > 0):
        return EMPTY
    band_width = band_text_width or text_width
    view = _View(t0, t1, float(width_px), civil_from_days(day_index(t0))[0] <= 0)
    seconds_per_px = (t1 - t0) / width_px
    narrowest = LABEL_PAD_PX + min_gap_px + text_width("0")
    for step in STEPS:
        if step.seconds / seconds_per_px < narrowest:
            continue
        ticks = _ticks_of(step, view)
        labels = _lower_labels(step, ticks, view, text_width, min_gap_px)
        if labels is not None:
            return _result(step, view, ticks, labels, text_width, band_width, min_gap_px)
    return _result(STEPS[-1], view, [], [], text_width, band_width, min_gap_px)


def _result(step: Step, view: _View, ticks: list[Tick], labels: list[Label],
            text_width: TextWidth, band_width: TextWidth, gap: float) -> AxisTicks:
    if step.unit == "days":
        pinned = _pinned_day(view, ticks, text_width, gap)
        labels = [pinned, *labels] if pinned else labels
    band_unit = _band_unit(step)
    if not band_unit and not labels:
        band_unit = "years"  # no year label fits below: name the year above instead
    spans = _band_spans(band_unit, view, band_width, gap) if band_unit else []
    return AxisTicks(step.unit, step.multiple, tuple(ticks), tuple(labels), band_unit,
                     tuple(spans))


# ---------------------------------------------------------------- checking
def overlapping_tick_labels(ticks: AxisTicks, text_width: TextWidth,
                            band_text_width: TextWidth | None = None) -> int:
    """How many pairs of labels in the same row of ``ticks`` overlap."""
    band_width = band_text_width or text_width
    band = [span.label for span in ticks.spans if span.label is not None]
    return _overlaps(ticks.labels, text_width) + _overlaps(band, band_width)


def _overlaps(labels: tuple[Label, ...] | list[Label], text_width: TextWidth) -> int:
    extents = sorted((label.x, label.x + text_width(label.text)) for label in labels)
    count = 0
    for i, (_, end) in enumerate(extents):
        for start, _ in extents[i + 1:]:
            if start >= end:
                break
            count += 1
    return count

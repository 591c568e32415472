"""The date axis's tick choice and calendar arithmetic, without Qt."""

from __future__ import annotations

import math
import re
import subprocess
import sys
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.ticks import (
    EMPTY,
    STEPS,
    YEAR_UNITS,
    AxisTicks,
    Label,
    axis_ticks,
    civil_from_days,
    days_from_civil,
    overlapping_tick_labels,
    round_years,
    weekday,
    year_name,
)

DAY = 86400.0
YEAR = 365.2425 * DAY
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()

# Advance widths of a 9 pt sans-serif font at 96 dpi, roughly (within about 5% of
# DejaVu Sans on these labels): narrow letters, wide ones, capitals, digits of one
# width. Bold text is about a tenth wider.
NARROW, WIDE = set("fijlrt.,' "), set("MWmw")


def text_width(text: str) -> float:
    width = 0.0
    for char in text:
        if char in NARROW:
            width += 4.0
        elif char in WIDE:
            width += 10.8
        elif char.isdigit():
            width += 7.6
        elif char.isupper():
            width += 8.8
        else:
            width += 7.4
    return width


def bold_width(text: str) -> float:
    return 1.11 * text_width(text)


# ------------------------------------------------------------------ calendar
def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _next_day(year: int, month: int, day: int) -> tuple[int, int, int]:
    lengths = (31, 29 if _is_leap(year) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    if day < lengths[month - 1]:
        return year, month, day + 1
    return (year, month + 1, 1) if month < 12 else (year + 1, 1, 1)


def test_days_match_python_dates_for_years_1_to_9999():
    for ordinal in [*range(1, date.max.toordinal() + 1, 9973), date.max.toordinal(),
                    date(2000, 2, 29).toordinal(), date(1900, 3, 1).toordinal()]:
        when = date.fromordinal(ordinal)
        days = ordinal - EPOCH_ORDINAL
        assert days_from_civil(when.year, when.month, when.day) == days
        assert civil_from_days(days) == (when.year, when.month, when.day)
        assert weekday(days) == when.weekday()


def test_days_run_one_calendar_day_at_a_time_across_year_zero():
    # From 1201 BC to AD 30, day by day: each day number is the next calendar day.
    first = days_from_civil(-1200, 1, 1)
    civil = (-1200, 1, 1)
    for days in range(first, days_from_civil(30, 1, 1)):
        assert civil_from_days(days) == civil
        civil = _next_day(*civil)


@pytest.mark.parametrize("days", [-10**9, -5 * 10**7, -146097 * 3 - 1, -1, 0, 59, 10**8, 10**9])
def test_round_trip_far_from_the_epoch(days):
    assert days_from_civil(*civil_from_days(days)) == days


def test_leap_years_before_year_one_follow_the_gregorian_rule():
    def february(year):
        return days_from_civil(year, 3, 1) - days_from_civil(year, 2, 1)

    assert february(0) == 29      # 1 BC, divisible by 400
    assert february(-100) == 28   # 101 BC
    assert february(-400) == 29
    assert february(-4) == 29
    assert february(-1) == 28


@pytest.mark.parametrize(("year", "era", "name"), [
    (-489, False, "490 BC"), (0, False, "1 BC"), (1, True, "AD 1"), (43, True, "AD 43"),
    (43, False, "43"), (999, True, "AD 999"), (1000, True, "1000"), (2013, False, "2013"),
])
def test_year_names(year, era, name):
    assert year_name(year, era) == name


def test_round_years_fall_on_round_bc_and_ad_numbers():
    def names(y0, y1, every):
        return [year_name(y, era=True) for y in round_years(y0, y1, every)]

    assert names(-25, 25, 10) == ["20 BC", "10 BC", "AD 1", "AD 10", "AD 20"]
    assert names(-2, 2, 1) == ["3 BC", "2 BC", "1 BC", "AD 1", "AD 2"]
    assert names(-1200, 600, 500) == ["1000 BC", "500 BC", "AD 1", "AD 500"]
    assert names(-1200, -400, 500) == ["1000 BC", "500 BC"]
    assert names(1, 1200, 500) == ["AD 500", "1000"]


# ----------------------------------------------------------------- overlaps
def test_overlapping_labels_are_counted_per_row():
    labels = (Label("2013", 0.0), Label("2014", 10.0), Label("2015", 100.0))
    ticks = AxisTicks("years", 1, (), labels, "", ())
    assert overlapping_tick_labels(ticks, text_width) == 1
    spread = AxisTicks("years", 1, (), (Label("2013", 0.0), Label("2014", 40.0)), "", ())
    assert overlapping_tick_labels(spread, text_width) == 0


def test_a_range_that_cannot_be_drawn_gives_no_ticks():
    assert axis_ticks(5.0, 5.0, 800, text_width) == EMPTY
    assert axis_ticks(0.0, float("nan"), 800, text_width) == EMPTY
    assert axis_ticks(0.0, DAY, 0, text_width) == EMPTY


# -------------------------------------------------------------- every scale
def at(year: int, month: int = 1, day: int = 1) -> float:
    return days_from_civil(year, month, day) * DAY


# Spans in view from 2,000 years down to one day, each about 1.5-2.5x the next.
SCALES = [2000 * YEAR, 900 * YEAR, 400 * YEAR, 180 * YEAR, 80 * YEAR, 40 * YEAR, 20 * YEAR,
          10 * YEAR, 6 * YEAR, 4 * YEAR, 2.5 * YEAR, 1.5 * YEAR, YEAR, 200 * DAY, 120 * DAY,
          80 * DAY, 50 * DAY, 30 * DAY, 20 * DAY, 12 * DAY, 7 * DAY, 4 * DAY, 2 * DAY, DAY]
CENTRES = [at(2011, 3, 29) + 0.3 * DAY, at(1, 1, 1) + 11 * DAY, at(-489, 9, 12),
           at(1970, 12, 31) + 0.9 * DAY, at(3021, 7, 4)]
WIDTHS = [1600, 900]


def _year_of(text: str) -> int | None:
    """The astronomical year a label names at its end ("March 2013", "490 BC"), if any."""
    match = re.search(r"(?:AD )?(\d+)( BC)?$", text)
    if match is None:
        return None
    number = int(match.group(1))
    return 1 - number if match.group(2) else number


def _visible_years(result: AxisTicks, width: float) -> list[int]:
    """Years named by labels drawn wholly inside the axis."""
    named = [(span.label, bold_width) for span in result.spans if span.label]
    if result.unit in YEAR_UNITS:
        named += [(label, text_width) for label in result.labels]
    years = []
    for label, measure in named:
        year = _year_of(label.text)
        if year is not None and label.x >= 0 and label.x + measure(label.text) <= width:
            years.append(year)
    return years


def _cases():
    for centre in CENTRES:
        for span in SCALES:
            for width in WIDTHS:
                yield centre - span / 2, centre + span / 2, width


@pytest.mark.parametrize(("t0", "t1", "width"), list(_cases()))
def test_labels_fit_and_name_the_year_at_every_scale(t0, t1, width):
    result = axis_ticks(t0, t1, width, text_width, bold_width)
    assert overlapping_tick_labels(result, text_width, bold_width) == 0
    times = [tick.t for tick in result.ticks]
    assert times == sorted(times)
    assert all(t0 <= t <= t1 for t in times)
    assert all(0 <= tick.x <= width for tick in result.ticks)
    assert all(label.x >= 0 and label.x + text_width(label.text) <= width
               for label in result.labels)
    years = _visible_years(result, width)
    assert years, "no year named"
    for year in years:
        assert at(year) <= t1 and at(year + 1) > t0, f"{year} is not in view"


@pytest.mark.parametrize("centre", CENTRES)
def test_zooming_in_never_coarsens_the_ticks(centre):
    order = [STEPS.index(next(s for s in STEPS if (s.unit, s.multiple) == (r.unit, r.multiple)))
             for r in (axis_ticks(centre - span / 2, centre + span / 2, 1600, text_width)
                       for span in SCALES)]
    assert order == sorted(order, reverse=True)
    assert order[0] > order[-1]


def test_a_few_years_in_view_are_ticked_finer_than_years():
    # What the issue saw: with 1-4 years in view only years were ticked.
    for years in (1, 2, 4):
        result = axis_ticks(at(2011), at(2011 + years), 1600, text_width, bold_width)
        assert result.unit not in YEAR_UNITS
        assert result.band_unit in ("months", "years")


def test_day_ticks_name_their_own_days_under_the_month():
    t0, t1 = at(2013, 3, 27) + 0.5 * DAY, at(2013, 4, 3) + 0.5 * DAY
    result = axis_ticks(t0, t1, 1200, text_width, bold_width)
    assert result.unit == "days"
    for tick, label in zip(result.ticks, result.labels[1:], strict=False):
        assert label.text.split()[-1] == str(date.fromordinal(
            int(tick.t // DAY) + EPOCH_ORDINAL).day)
    assert [span.label.text for span in result.spans] == ["March 2013", "April 2013"]
    # The day the view opens on is named although its tick is off-screen.
    assert result.labels[0].text.endswith("27") and result.labels[0].x < result.ticks[0].x


def test_one_day_in_view_still_names_the_day_month_and_year():
    result = axis_ticks(at(2011, 3, 29) + 0.1 * DAY, at(2011, 3, 30) + 0.1 * DAY, 1600,
                        text_width, bold_width)
    assert [label.text for label in result.labels] == ["Tue 29", "Wed 30"]
    assert [span.label.text for span in result.spans] == ["March 2011"]


def test_band_periods_begin_on_the_first_of_the_month():
    t0, t1 = at(2012, 11, 20), at(2013, 4, 10)
    result = axis_ticks(t0, t1, 1400, text_width, bold_width)
    assert result.band_unit == "months"
    for span in result.spans[1:]:
        days = int((t0 + span.x0 / 1400 * (t1 - t0)) / DAY + 0.5)
        assert civil_from_days(days)[2] == 1
    first, second = (span.label.text for span in result.spans[:2])
    assert first in ("November 2012", "Nov 2012")  # pinned, short if the long one is cut
    assert second == "December 2012"


def test_ad_is_written_only_when_bc_years_are_in_view():
    across = axis_ticks(at(-30), at(40), 1600, text_width)
    assert {"10 BC", "AD 10"} <= {label.text for label in across.labels}
    after = axis_ticks(at(20), at(90), 1600, text_width)
    assert "30" in {label.text for label in after.labels}
    assert not any(label.text.startswith("AD") for label in after.labels)


def test_a_narrow_axis_still_names_a_year():
    result = axis_ticks(at(2011, 2, 3), at(2011, 2, 20), 120, text_width, bold_width)
    assert _visible_years(result, 120) or any(
        _year_of(span.label.text) == 2011 for span in result.spans if span.label)


@settings(max_examples=300, deadline=None)
@given(start_year=st.floats(-3000, 5000), log_days=st.floats(0, math.log(2000 * 365.25)),
       width=st.integers(300, 2400))
def test_any_range_and_width_keeps_labels_apart_and_names_a_year(start_year, log_days, width):
    t0 = start_year * YEAR + at(1970)
    t1 = t0 + math.exp(log_days) * DAY
    result = axis_ticks(t0, t1, width, text_width, bold_width)
    assert overlapping_tick_labels(result, text_width, bold_width) == 0
    years = _visible_years(result, width)
    assert years, "no year named"
    assert all(at(year) <= t1 and at(year + 1) > t0 for year in years)


def test_the_tick_module_runs_without_qt():
    code = ("import sys, timeline.ticks\n"
            "print(sorted(k for k in sys.modules if k.split('.')[0] in "
            "('PySide6', 'pyqtgraph', 'shiboken6')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"

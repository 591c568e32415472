"""Days of any year: ``ExtendedDay`` must agree with ``date`` wherever both
exist, and carry the same calendar past year 1 and 9999."""

from __future__ import annotations

import pickle
from datetime import date, timedelta

import pytest

from timeline.day import (
    ExtendedDay,
    day_from_iso,
    day_from_ordinal,
    make_day,
    month_end,
)

# 400 Gregorian years hold a whole number of weeks and the same leap years,
# so a day 400·k years away has the same weekday and month lengths.
CYCLE_YEARS = 400
CYCLE_DAYS = 146097


@pytest.mark.parametrize("day", [date(1, 1, 1), date(2000, 2, 29), date(1970, 1, 1),
                                 date(9999, 12, 31), date(1582, 10, 15)])
def test_the_calendar_continues_past_year_one_with_the_same_weekdays(day: date) -> None:
    for k in (1, 5, 30):
        far = ExtendedDay(day.year - CYCLE_YEARS * k, day.month, day.day)
        assert far.toordinal() == day.toordinal() - CYCLE_DAYS * k
        assert far.weekday() == day.weekday()
        assert f"{far:%A %B}" == f"{day:%A %B}"


def test_ordinals_round_trip_across_the_start_of_the_era() -> None:
    for ordinal in range(-800, 800, 7):
        day = day_from_ordinal(ordinal)
        assert day.toordinal() == ordinal
        assert day_from_iso(day.isoformat()) == day


def test_one_day_has_one_representation() -> None:
    assert type(make_day(2011, 3, 29)) is date
    assert type(make_day(-489, 1, 1)) is ExtendedDay
    assert type(make_day(0, 12, 31) + timedelta(days=1)) is date  # 1 January AD 1
    assert make_day(0, 12, 31) + timedelta(days=1) == date(1, 1, 1)


def test_iso_text_is_expanded_only_outside_four_digit_years() -> None:
    assert make_day(-489, 1, 1).isoformat() == "-0489-01-01"
    assert make_day(0, 6, 1).isoformat() == "0000-06-01"
    assert make_day(12000, 1, 1).isoformat() == "+12000-01-01"
    assert make_day(2011, 3, 29).isoformat() == "2011-03-29"


def test_comparison_and_subtraction_mix_with_dates() -> None:
    bc, ad = make_day(-43, 3, 15), date(14, 8, 19)
    assert bc < ad and ad > bc and bc != ad
    assert sorted([ad, bc]) == [bc, ad]
    assert (ad - bc).days == ad.toordinal() - bc.toordinal()
    assert (bc - ad).days == -(ad - bc).days
    assert max(bc, ad) is ad


def test_leap_years_before_the_era_follow_the_proleptic_rule() -> None:
    assert month_end(-4, 2).day == 29    # 5 BC: divisible by 4
    assert month_end(-100, 2).day == 28  # 101 BC: a century not divisible by 400
    assert month_end(-400, 2).day == 29
    with pytest.raises(ValueError):
        make_day(-1, 2, 29)


def test_an_extended_day_survives_pickling_and_hashing() -> None:
    day = make_day(-489, 9, 12)
    assert pickle.loads(pickle.dumps(day)) == day
    assert len({day, make_day(-489, 9, 12), make_day(-489, 9, 13)}) == 2

"""Where the nearest events are around an empty view, and why a typed date
could not be read (no display needed)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from timeline.gui.dateparse import DateInputError, parse_user_date
from timeline.gui.nearest import (
    Nearest,
    distance_words,
    empty_view_message,
    empty_view_words,
    nearest_events,
)
from timeline.index import SECONDS_PER_DAY, seconds

DAY = SECONDS_PER_DAY


def items(*spans: tuple[date, date]) -> tuple[np.ndarray, np.ndarray]:
    """Sorted starts and exclusive ends, as the index holds them."""
    spans = sorted(spans)
    starts = np.array([seconds(a) for a, _b in spans])
    ends = np.array([seconds(b) + DAY for _a, b in spans])
    return starts, ends


def test_an_empty_view_finds_the_events_on_either_side():
    starts, ends = items((date(2004, 6, 8), date(2004, 6, 8)),
                         (date(2003, 1, 1), date(2004, 12, 31)),  # a long one, ending later
                         (date(2011, 10, 12), date(2011, 10, 12)))
    found = nearest_events(starts, ends, seconds(date(2006, 1, 1)), seconds(date(2010, 1, 1)))
    assert found == Nearest(seconds(date(2005, 1, 1)), seconds(date(2011, 10, 12)))


def test_a_view_with_an_event_in_it_is_not_empty():
    starts, ends = items((date(2000, 1, 1), date(2009, 12, 31)))  # spans the whole view
    assert nearest_events(starts, ends, seconds(date(2006, 1, 1)),
                          seconds(date(2007, 1, 1))) is None
    assert nearest_events(np.empty(0), np.empty(0), 0.0, 1.0) is None


def test_an_event_ending_where_the_view_starts_is_outside_it():
    starts, ends = items((date(2005, 12, 31), date(2005, 12, 31)))
    found = nearest_events(starts, ends, seconds(date(2006, 1, 1)), seconds(date(2007, 1, 1)))
    assert found == Nearest(seconds(date(2006, 1, 1)), None)


def test_the_message_names_the_days_and_the_distances():
    t0, t1 = seconds(date(2006, 1, 1)), seconds(date(2010, 1, 1))
    nearest = Nearest(seconds(date(2004, 6, 9)), seconds(date(2011, 10, 12)))
    message = empty_view_message(nearest, t0, t1)
    assert message == ("No events from 1 January 2006 to 1 January 2010. "
                       "Nearest before: 8 June 2004, 1 year earlier. "
                       "Nearest after: 12 October 2011, 1 year later.")
    only_after = empty_view_words(Nearest(None, nearest.after), t0, t1)
    assert only_after.before is None and only_after.after.startswith("Nearest after")


@pytest.mark.parametrize(("days", "words"), [(0.2, "less than a day"), (1, "1 day"),
                                             (13, "1 week"), (62, "2 months"),
                                             (800, "2 years")])
def test_distances_in_words(days, words):
    assert distance_words(days * DAY) == words


@pytest.mark.parametrize(("text", "why"), [
    ("31 February 2011", "February 2011 has 28 days, not 31"),
    ("Feb 30 2012", "February 2012 has 29 days, not 30"),
    ("2011-02-30", "February 2011 has 28 days, not 30"),
    ("Blah 2011", "“Blah” is not a month name"),
    ("soon-ish", "No date found in “soon-ish”"),
    ("   ", "Type a date"),
])
def test_an_unreadable_date_says_why(text, why):
    with pytest.raises(DateInputError) as info:
        parse_user_date(text, today=date(2020, 1, 1))
    assert why in info.value.reason
    assert "March 2011" in info.value.reason  # and shows a form that works


@pytest.mark.parametrize(("text", "meant"), [("31 Febuary 2011", "February"),
                                             ("Sptember 2012", "September")])
def test_a_misspelt_month_gets_a_suggestion(text, meant):
    with pytest.raises(DateInputError) as info:
        parse_user_date(text, today=date(2020, 1, 1))
    assert info.value.reason.endswith(f"Did you mean {meant}?")

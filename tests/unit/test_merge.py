"""The merge rules on their own: when two dates fit, when two titles name the
same thing, and which date a merged event keeps."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.events.merge import combine, dates_fit, titles_match
from timeline.events.titles import make_title
from timeline.model import Granularity, Kind, When

DAY, MONTH, YEAR = Granularity.DAY, Granularity.MONTH, Granularity.YEAR


def span(a: str, b: str, granularity: Granularity = DAY, approximate: bool = False) -> When:
    return When(date.fromisoformat(a), date.fromisoformat(b), granularity, approximate)


MARCH_29_30 = span("2011-03-29", "2011-03-30")
MARCH_30 = span("2011-03-30", "2011-03-30")
MARCH = span("2011-03-01", "2011-03-31", MONTH)
YEAR_2011 = span("2011-01-01", "2011-12-31", YEAR)


@pytest.mark.parametrize(("a", "b", "fits"), [
    (MARCH_30, MARCH_29_30, True),                                      # day inside range
    (MARCH, MARCH_30, True),                                            # month holds day
    (YEAR_2011, MARCH, True),                                           # year holds month
    (span("2011-03-28", "2011-03-29"), MARCH_29_30, True),              # day ranges overlap
    (span("2011-03-31", "2011-03-31"), MARCH_29_30, False),             # next day
    (span("2011-02-01", "2011-03-31", MONTH), span("2011-03-01", "2011-04-30", MONTH), False),
    (span("2012-03-30", "2012-03-30"), MARCH_30, False),                # another year
], ids=["day-in-range", "month-day", "year-month", "overlap", "adjacent", "months-overlap",
        "other-year"])
def test_dates_fit(a: When, b: When, fits: bool) -> None:
    assert dates_fit(a, b) is fits
    assert dates_fit(b, a) is fits


def title(text: str, head: str, ordinal: int | None = None):
    return make_title(text, head, ordinal, Kind.OTHER)


@pytest.mark.parametrize(("a", "b", "match"), [
    (title("Fourth Bali Regional Ministerial Conference", "conference", 4),
     title("Fourth Bali Process Regional Ministerial Conference", "conference", 4), True),
    (title("Fifth Ministerial Conference of the Bali Process", "conference", 5),
     title("Fifth Bali Process Regional Ministerial Conference", "conference", 5), True),
    (title("Senior Officials Meeting", "meeting"),
     title("Meeting of senior officials", "meeting"), True),
    (title("Fifth Bali Conference", "conference", 5),
     title("Sixth Bali Conference", "conference", 6), False),
    (title("Bali Process Senior Officials Meeting", "meeting"),
     title("Bali Process Ministerial Meeting", "meeting"), False),
    (title("Bali Workshop", "workshop"), title("Bali Meeting", "meeting"), False),
    (title("Third workshop, hosted by Australia", "workshop", 3),
     title("Third workshop, hosted by Thailand", "workshop", 3), False),
    (title("Workshop", "workshop"), title("Bali Workshop", "workshop"), True),
    (title("Ministerial Conference", "conference"),
     title("Fourth Bali Regional Ministerial Conference", "conference", 4), False),
], ids=["fourth", "fifth-reordered", "senior-officials", "ordinals", "different-meetings",
        "different-nouns", "different-hosts", "generic", "one-shared-word"])
def test_titles_match(a, b, match: bool) -> None:
    assert titles_match(a, b) is match
    assert titles_match(b, a) is match


@pytest.mark.parametrize(("a", "b", "expected"), [
    (MARCH_30, MARCH_29_30, MARCH_29_30),                        # widest day span
    (MARCH, MARCH_30, MARCH_30),                                 # finest granularity
    (YEAR_2011, MARCH, MARCH),
    (span("2011-03-28", "2011-03-29"), MARCH_29_30, span("2011-03-28", "2011-03-30")),
    (span("2011-03-29", "2011-03-30", approximate=True), MARCH_30, MARCH_30),
], ids=["widest", "finest", "month-over-year", "union", "exact-over-approximate"])
def test_combine(a: When, b: When, expected: When) -> None:
    assert combine(a, b) == expected
    assert combine(b, a) == expected

"""EDTF strings for every kind of date the model holds, each read back with
the ``edtf`` package (an independent reader of the Library of Congress
format) and compared with the span it came from."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from edtf import parse_edtf
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.export.edtf import edtf_year, when_to_edtf
from timeline.model import Granularity, When
from timeline.pipeline import extract_corpus

G = Granularity
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def bounds(text: str) -> tuple[date, date, bool]:
    """First and last day the EDTF string names, and whether it is hedged
    (its fuzzy bounds reach past its strict ones)."""
    parsed = parse_edtf(text)
    low, high = parsed.lower_strict(), parsed.upper_strict()
    first = date(low.tm_year, low.tm_mon, low.tm_mday)
    last = date(high.tm_year, high.tm_mon, high.tm_mday)
    hedged = parsed.lower_fuzzy()[:3] != low[:3] or parsed.upper_fuzzy()[:3] != high[:3]
    return first, last, hedged


# The examples the EDTF forms are chosen for, as the specification writes them.
SPEC_EXAMPLES = [
    (When(date(2011, 3, 29), date(2011, 3, 30), G.DAY), "2011-03-29/2011-03-30"),
    (When(date(2012, 6, 1), date(2012, 6, 30), G.MONTH), "2012-06"),
    (When(date(2016, 3, 1), date(2016, 5, 31), G.SEASON), "2016-21"),
    (When(date(2013, 5, 1), date(2013, 8, 31), G.YEAR, approximate=True), "2013-05~/2013-08~"),
    (When(date(2019, 7, 1), date(2019, 9, 30), G.QUARTER), "2019-35"),
    (When(date(2004, 7, 1), date(2004, 12, 31), G.HALF), "2004-41"),
    (When(date(1990, 1, 1), date(1999, 12, 31), G.DECADE), "199X"),
    (When(date(2013, 1, 1), date(2013, 12, 31), G.YEAR), "2013"),
    (When(date(2011, 10, 12), date(2011, 10, 12), G.DAY), "2011-10-12"),
]


@pytest.mark.parametrize(("when", "expected"), SPEC_EXAMPLES)
def test_the_forms_the_specification_names(when: When, expected: str) -> None:
    assert when_to_edtf(when) == expected


EVERY_KIND = [
    When(date(2011, 3, 29), date(2011, 3, 29), G.DAY),
    When(date(2011, 3, 29), date(2011, 4, 2), G.DAY),
    When(date(2011, 3, 29), date(2011, 3, 29), G.DAY, approximate=True),
    When(date(2011, 3, 29), date(2011, 3, 29), G.DAY, relative=True),
    When(date(2012, 6, 1), date(2012, 6, 30), G.MONTH, approximate=True),
    When(date(2012, 6, 11), date(2012, 6, 20), G.MONTH, approximate=True),  # mid-June
    When(date(2012, 11, 1), date(2013, 2, 28), G.MONTH),
    When(date(2016, 6, 1), date(2016, 8, 31), G.SEASON),
    When(date(2016, 9, 1), date(2016, 11, 30), G.SEASON),
    When(date(2016, 3, 1), date(2016, 5, 31), G.SEASON, approximate=True),
    When(date(2019, 1, 1), date(2019, 3, 31), G.QUARTER),
    When(date(2019, 10, 1), date(2019, 12, 31), G.QUARTER),
    When(date(2004, 1, 1), date(2004, 6, 30), G.HALF),
    When(date(2004, 1, 1), date(2004, 6, 30), G.HALF, approximate=True),
    When(date(2013, 1, 1), date(2013, 12, 31), G.YEAR, approximate=True),
    When(date(2012, 1, 1), date(2013, 12, 31), G.YEAR),
    When(date(1990, 1, 1), date(1999, 12, 31), G.DECADE, approximate=True),
    When(date(1977, 1, 1), date(1979, 12, 31), G.DECADE, approximate=True),  # late 1970s
    When(date(1901, 1, 1), date(2000, 12, 31), G.CENTURY),
    When(date(1, 1, 1), date(9, 12, 31), G.DECADE),
    When(date(9999, 1, 1), date(9999, 12, 31), G.YEAR),
]


@pytest.mark.parametrize("when", EVERY_KIND, ids=when_to_edtf)
def test_every_kind_parses_to_the_same_days_and_hedge(when: When) -> None:
    first, last, hedged = bounds(when_to_edtf(when))
    assert (first, last) == (when.start, when.end)
    assert hedged == when.approximate


def test_winter_crosses_into_the_next_year() -> None:
    """Winter is season 24 of the year it starts in. The edtf package ends
    season 24 on 31 December of that year, so only its start and its code
    are compared here."""
    winter = When(date(2010, 12, 1), date(2011, 2, 28), G.SEASON)
    text = when_to_edtf(winter)
    assert text == "2010-24"
    assert bounds(text)[0] == winter.start


@pytest.mark.parametrize(("year", "expected"), [
    (-489, "-0489"), (0, "0000"), (1, "0001"), (2013, "2013"), (-12000, "Y-12000"),
    (17000, "Y17000"),
])
def test_years_before_one_and_past_four_digits(year: int, expected: str) -> None:
    assert edtf_year(year) == expected
    parsed = parse_edtf(edtf_year(year))
    assert parsed.lower_strict().tm_year == year


@st.composite
def whens(draw: st.DrawFn) -> When:
    start = draw(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
    end = draw(st.dates(min_value=start, max_value=date(9999, 12, 31)))
    return When(start, end, draw(st.sampled_from(list(G))), draw(st.booleans()),
                draw(st.booleans()))


@settings(max_examples=150, deadline=None)
@given(whens())
def test_any_span_parses_back_to_its_days(when: When) -> None:
    text = when_to_edtf(when)
    first, last, hedged = bounds(text)
    assert first == when.start
    if not text.endswith("-24"):  # winter: see above
        assert last == when.end
    assert hedged == when.approximate


def test_every_seed_event_parses() -> None:
    events = extract_corpus([str(SEEDS)]).events
    assert events
    for event in events:
        first, last, _ = bounds(when_to_edtf(event.when))
        assert (first, last) == (event.when.start, event.when.end), event.title

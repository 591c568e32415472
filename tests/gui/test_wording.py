"""Dates in words, typed dates, and filters: the window's Qt-free helpers."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.day import make_day
from timeline.gui.dateparse import DateInputError, parse_user_date
from timeline.gui.filters import EventFilter, FilterState
from timeline.gui.wording import explain, when_with_precision, when_words
from timeline.model import Corpus, Document, Event, Granularity, Kind, Mention, When

G = Granularity

WORDS = [
    (When(date(2011, 10, 12), date(2011, 10, 12), G.DAY), "12 October 2011"),
    (When(date(2011, 3, 29), date(2011, 3, 30), G.DAY), "29–30 March 2011"),
    (When(date(2011, 3, 30), date(2011, 4, 2), G.DAY), "30 March – 2 April 2011"),
    (When(date(2011, 12, 30), date(2012, 1, 2), G.DAY), "30 December 2011 – 2 January 2012"),
    (When(date(2012, 6, 1), date(2012, 6, 30), G.MONTH), "June 2012"),
    (When(date(2012, 6, 1), date(2012, 8, 31), G.SEASON, approximate=True), "summer 2012"),
    (When(date(2010, 12, 1), date(2011, 2, 28), G.SEASON, approximate=True), "winter 2010–11"),
    (When(date(2013, 5, 1), date(2013, 8, 31), G.YEAR, approximate=True), "mid-2013"),
    (When(date(2004, 9, 1), date(2004, 12, 31), G.YEAR, approximate=True), "late 2004"),
    (When(date(2015, 10, 1), date(2015, 12, 31), G.YEAR, approximate=True), "the end of 2015"),
    (When(date(2015, 1, 21), date(2015, 1, 31), G.MONTH, approximate=True), "late January 2015"),
    (When(date(1977, 1, 1), date(1979, 12, 31), G.DECADE, approximate=True), "the late 1970s"),
    (When(date(2004, 7, 1), date(2004, 12, 31), G.HALF), "the second half of 2004"),
    (When(date(2019, 7, 1), date(2019, 9, 30), G.QUARTER), "Q3 2019"),
    (When(date(2012, 11, 1), date(2013, 2, 28), G.MONTH), "November 2012 – February 2013"),
    (When(date(2013, 1, 1), date(2013, 12, 31), G.YEAR), "2013"),
    (When(date(2012, 1, 1), date(2013, 12, 31), G.YEAR), "2012–2013"),
    (When(date(1990, 1, 1), date(1999, 12, 31), G.DECADE), "the 1990s"),
    (When(date(2001, 1, 1), date(2100, 12, 31), G.CENTURY), "the 21st century"),
]


def test_table_has_no_duplicates():
    assert len({w for w, _ in WORDS}) == len(WORDS)


@pytest.mark.parametrize(("when", "words"), WORDS)
def test_when_words(when, words):
    assert when_words(when) == words


def test_precision_is_named_and_approximation_flagged():
    month = When(date(2012, 6, 1), date(2012, 6, 30), G.MONTH)
    assert when_with_precision(month) == "June 2012 (month)"
    mid = When(date(2013, 5, 1), date(2013, 8, 31), G.YEAR, approximate=True)
    assert when_with_precision(mid) == "mid-2013 (approximate)"
    odd = When(date(2013, 4, 1), date(2013, 9, 30), G.HALF, approximate=True)
    assert when_with_precision(odd) == "April–September 2013 (approximate)"


def test_explain_names_the_anchor_of_a_relative_date():
    doc = Document("d", "/d.txt", "D", date(2013, 3, 5), "last year the group met")
    when = When(date(2012, 1, 1), date(2012, 12, 31), G.YEAR, relative=True)
    mention = Mention("d", (0, 9), "last year", when, (0, 23))
    lines = explain(when, mention, doc)
    assert "Relative to the document's date, 5 March 2013." in lines
    assert any(line.startswith("Written as “last year”") for line in lines)
    assert any("any day from 1 January 2012 to 31 December 2012" in line for line in lines)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("March 2011", date(2011, 3, 1), date(2011, 3, 31)),
    ("mar 2011", date(2011, 3, 1), date(2011, 3, 31)),
    ("2013", date(2013, 1, 1), date(2013, 12, 31)),
    ("12 October 2011", date(2011, 10, 12), date(2011, 10, 12)),
    ("Oct 12, 2011", date(2011, 10, 12), date(2011, 10, 12)),
    ("2011-10-12", date(2011, 10, 12), date(2011, 10, 12)),
    ("2011-10", date(2011, 10, 1), date(2011, 10, 31)),
])
def test_typed_dates(text, start, end):
    when = parse_user_date(text, today=date(2020, 1, 1))
    assert (when.start, when.end) == (start, end)


@pytest.mark.parametrize("text", ["", "soon-ish", "Marchuary 2011", "13-45"])
def test_unreadable_typed_dates_say_so(text):
    with pytest.raises(DateInputError) as info:
        parse_user_date(text, today=date(2020, 1, 1))
    assert info.value.text == text


def _corpus() -> Corpus:
    text = "The workshop met in Bali on 2 May 2011. Ministers gathered in 2013."
    doc_a = Document("a", "/a.txt", "A", None, text)
    doc_b = Document("b", "/b.txt", "B", None, text)
    day = When(date(2011, 5, 2), date(2011, 5, 2), G.DAY)
    year = When(date(2013, 1, 1), date(2013, 12, 31), G.YEAR)
    e0 = Event("e0", "Workshop", Kind.WORKSHOP, (), day, (Mention("a", (28, 38), "2 May 2011",
                                                               day, (0, 39)),))
    e1 = Event("e1", "Ministers", Kind.MEETING, (), year, (Mention("b", (62, 66), "2013",
                                                              year, (40, 67)),))
    return Corpus((doc_a, doc_b), (e0, e1))


def test_filters_combine_search_kind_document_and_precision():
    f = EventFilter(_corpus())
    ids = lambda state: [e.id for e in f.apply(state)]  # noqa: E731
    assert ids(FilterState()) == ["e0", "e1"]
    assert ids(FilterState(text="bali")) == ["e0"]          # from the source sentence
    assert ids(FilterState(text="MINISTERS gathered")) == ["e1"]
    assert ids(FilterState(kinds=frozenset({Kind.MEETING}))) == ["e1"]
    assert ids(FilterState(documents=frozenset({"a"}))) == ["e0"]
    assert ids(FilterState(precisions=frozenset({G.YEAR}))) == ["e1"]
    assert ids(FilterState(text="bali", kinds=frozenset({Kind.MEETING}))) == []
    assert not FilterState().active and FilterState(text=" x").active


@pytest.mark.parametrize(("when", "words"), [
    (When(make_day(-489, 1, 1), make_day(-489, 12, 31), G.YEAR), "490 BC"),
    (When(make_day(-263, 1, 1), make_day(-240, 12, 31), G.YEAR), "264–241 BC"),
    (When(make_day(-26, 1, 1), make_day(14, 12, 31), G.YEAR), "27 BC – AD 14"),
    (When(make_day(43, 1, 1), make_day(43, 12, 31), G.YEAR), "AD 43"),
    (When(make_day(-43, 3, 15), make_day(-43, 3, 15), G.DAY), "15 March 44 BC"),
    (When(make_day(-489, 8, 1), make_day(-489, 8, 31), G.MONTH), "August 490 BC"),
    (When(make_day(-499, 1, 1), make_day(-400, 12, 31), G.CENTURY), "the 5th century BC"),
    (When(make_day(-2999, 1, 1), make_day(-2000, 12, 31), G.MILLENNIUM),
     "the 3rd millennium BC"),
    (When(make_day(1001, 1, 1), make_day(2000, 12, 31), G.MILLENNIUM), "the 2nd millennium"),
    (When(make_day(-498, 1, 1), make_day(-489, 12, 31), G.DECADE), "the 490s BC"),
])
def test_dates_before_the_era_in_words(when: When, words: str) -> None:
    assert when_words(when) == words


@pytest.mark.parametrize(("text", "start"), [
    ("490 BC", make_day(-489, 1, 1)), ("490 bc", make_day(-489, 1, 1)),
    ("-0489-09-12", make_day(-489, 9, 12)), ("the 5th century bc", make_day(-499, 1, 1)),
    ("ad 43", make_day(43, 1, 1)),
])
def test_go_to_date_reads_years_before_the_era(text: str, start: object) -> None:
    assert parse_user_date(text, today=date(2020, 1, 1)).start == start

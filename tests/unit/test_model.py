"""The data model: invariants, calendar units and the JSON shape."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.model import Document, Event, Granularity, Kind, Mention, When, unit_bounds

G = Granularity


@pytest.mark.parametrize(("day", "granularity", "first", "last"), [
    (date(2012, 2, 14), G.DAY, date(2012, 2, 14), date(2012, 2, 14)),
    (date(2012, 2, 14), G.MONTH, date(2012, 2, 1), date(2012, 2, 29)),
    (date(2013, 2, 14), G.MONTH, date(2013, 2, 1), date(2013, 2, 28)),
    (date(2012, 5, 14), G.QUARTER, date(2012, 4, 1), date(2012, 6, 30)),
    (date(2012, 8, 1), G.HALF, date(2012, 7, 1), date(2012, 12, 31)),
    (date(2012, 8, 1), G.YEAR, date(2012, 1, 1), date(2012, 12, 31)),
    (date(1987, 8, 1), G.DECADE, date(1980, 1, 1), date(1989, 12, 31)),
    (date(2000, 8, 1), G.CENTURY, date(1901, 1, 1), date(2000, 12, 31)),
    (date(2001, 1, 1), G.CENTURY, date(2001, 1, 1), date(2100, 12, 31)),
])
def test_unit_bounds(day: date, granularity: Granularity, first: date, last: date) -> None:
    assert unit_bounds(day, granularity) == (first, last)


def test_when_rejects_an_end_before_its_start() -> None:
    with pytest.raises(ValueError, match="ends before it starts"):
        When(date(2012, 1, 2), date(2012, 1, 1), G.DAY)


def test_when_range_and_measures() -> None:
    single = When(date(2011, 3, 30), date(2011, 3, 30), G.DAY)
    span = When(date(2011, 3, 29), date(2011, 3, 30), G.DAY)
    month = When.unit(date(2012, 6, 5), G.MONTH)
    assert not single.is_range and span.is_range and not month.is_range
    assert span.days == 2 and month.days == 30
    assert span.contains(single) and not single.contains(span)
    assert month.overlaps(When.unit(date(2012, 6, 30), G.DAY))
    assert not month.overlaps(When.unit(date(2012, 7, 1), G.DAY))
    assert span.midpoint == date(2011, 3, 29)


def test_granularity_ranks_finest_first() -> None:
    ranks = [g.rank for g in Granularity]
    assert ranks == sorted(ranks) and G.DAY.rank < G.MONTH.rank < G.CENTURY.rank


def test_event_json_round_trip() -> None:
    when = When(date(2013, 5, 1), date(2013, 8, 31), G.YEAR, approximate=True)
    mention = Mention("doc", (10, 18), "mid-2013", when, (0, 40))
    event = Event("e1", "VRS-MSRC launch", Kind.LAUNCH, ("UNODC",), when, (mention,))
    data = event.to_json()
    assert data["when"] == {"start": "2013-05-01", "end": "2013-08-31", "granularity": "year",
                            "approximate": True, "relative": False}
    assert data["mentions"][0]["span"] == [10, 18]
    assert Event.from_json(data) == event


def test_document_json_and_pages() -> None:
    doc = Document("d", "/x/d.pdf", "Title", date(2013, 3, 5), "a" * 30, page_starts=(0, 10, 20))
    assert doc.to_json() == {"id": "d", "path": "/x/d.pdf", "title": "Title",
                             "date": "2013-03-05", "chars": 30}
    assert [doc.page_at(i) for i in (0, 9, 10, 25)] == [1, 1, 2, 3]
    assert Document("t", "t.txt", "T", None, "abc").page_at(1) is None

"""A document's own date, from its dateline, heading or opening sentence."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline.dates.docdate import document_date

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.mark.parametrize(("text", "expected"), [
    ("On 12 October 2011, the Co-Chairs hosted the meeting.", date(2011, 10, 12)),
    ("SEVENTH MEETING\nSYDNEY, AUSTRALIA, 5 MARCH 2013\nSTATEMENT", date(2013, 3, 5)),
    ("Senior Officials Meeting, Brisbane, 7 to 8 June 2004\n\nReport", date(2004, 6, 8)),
    ("WASHINGTON, March 22, 2013 — Officials said", date(2013, 3, 22)),
    ("The conference took place in Bali, Indonesia on 2 April 2013.", date(2013, 4, 2)),
])
def test_document_date_from_the_opening(text: str, expected: date) -> None:
    assert document_date(text) == expected


@pytest.mark.parametrize("text", [
    "No dates here at all.",
    "Members met yesterday and will meet again next week.",
    "Progress since 2012 and during June 2013 was reviewed.",
    "x" * 2000 + " on 5 March 2013",
])
def test_no_day_precise_date_near_the_top_means_none(text: str) -> None:
    assert document_date(text) is None


def test_seed_statements_have_their_meeting_dates() -> None:
    dates = {p.name[:3]: document_date(p.read_text(encoding="utf-8"))
             for p in sorted(SEEDS.glob("*.txt"))}
    assert dates == {"000": date(2011, 10, 12), "001": date(2013, 3, 5),
                     "002": date(2017, 10, 31), "003": date(2013, 4, 2),
                     "004": date(2004, 6, 8)}

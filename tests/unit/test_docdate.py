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
    # A header field's date, even below a subject that holds another date.
    ("From: Tove <tove@harbour.example>\nSubject: Moved to 5 December 2019\n"
     "Date: Thu, 7 Nov 2019 09:12:44 +0100\n\nText", date(2019, 11, 7)),
    ("From: Tove\nSubject: Review on 5 December 2019\nSent: Thursday, November 7, 2019 9:12 AM",
     date(2019, 11, 7)),
    # A changelog is dated by its newest entry's sign-off.
    ("pkg (1.2-1) unstable; urgency=low\n\n  * Fix.\n\n -- Jo Roe <jo@x.example>  "
     "Mon, 12 Mar 2018 10:00:00 +0100\n\n -- Jo Roe <jo@x.example>  "
     "Fri, 02 Feb 2018 09:15:00 +0100",
     date(2018, 3, 12)),
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

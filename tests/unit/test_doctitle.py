"""Document titles: prose first lines give way to the event the document records."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.events.doctitle import (
    looks_like_sentence,
    own_event_title,
    reads_as_heading,
    refine_titles,
    text_title,
)
from timeline.events.wording import heading_case
from timeline.model import Document, Event, Granularity, Kind, Mention, When

DAY = When(date(2011, 10, 12), date(2011, 10, 12), Granularity.DAY)
OTHER_DAY = When(date(2011, 3, 30), date(2011, 3, 30), Granularity.DAY)
PROSE = "On 12 October 2011, the Co-Chairs of the Bali Process on People Smuggling hosted…"


def event(title: str, when: When, start: int, doc: str = "d") -> Event:
    return Event(title, title, Kind.MEETING, (), when, (Mention(doc, (start, start + 5), "x", when,
                                                                  (0, 10)),))


def document(title: str) -> Document:
    return Document("d", "d.txt", title, date(2011, 10, 12), "x" * 2000)


def test_prose_title_takes_the_own_date_event_title() -> None:
    events = [event("Fourth Conference", OTHER_DAY, 50), event("Fifth Meeting", DAY, 3)]
    (doc,) = refine_titles([document(PROSE)], events)
    assert doc.title == "Fifth Meeting"


def test_own_date_event_far_from_the_top_is_not_used() -> None:
    (doc,) = refine_titles([document(PROSE)], [event("Late Meeting", DAY, 1500)])
    assert doc.title == PROSE


def test_a_good_heading_is_kept() -> None:
    (doc,) = refine_titles([document("Report to Ministers")], [event("Fifth Meeting", DAY, 3)])
    assert doc.title == "Report to Ministers"


def test_shouted_heading_is_title_cased() -> None:
    (doc,) = refine_titles([document("SEVENTH MEETING OF AD HOC GROUP SENIOR OFFICIALS")], [])
    assert doc.title == "Seventh Meeting of Ad Hoc Group Senior Officials"


def test_sentence_detection_and_title_case() -> None:
    assert looks_like_sentence(PROSE) and looks_like_sentence("It ended.")
    assert not looks_like_sentence("Key Themes")
    assert heading_case("THE WAY FORWARD IN ASIA") == "The Way Forward in Asia"
    assert heading_case("REPORT OF THE AHG CO-CHAIRS") == "Report of the AHG Co-Chairs"


def test_without_a_title_of_its_own_a_document_takes_its_event_then_its_file_name() -> None:
    untitled = Document("harbour_notes", "harbour_notes.txt", "", date(2011, 10, 12), "x" * 2000)
    (named,) = refine_titles([untitled], [event("Fifth Meeting", DAY, 3, untitled.id)])
    (unnamed,) = refine_titles([untitled], [event("Fourth Conference", OTHER_DAY, 3, untitled.id)])
    assert (named.title, unnamed.title) == ("Fifth Meeting", "harbour_notes")


def test_a_story_is_named_after_its_lead_from_the_days_before_its_date() -> None:
    saturday = When(date(2011, 10, 8), date(2011, 10, 8), Granularity.DAY)
    month_before = When(date(2011, 9, 12), date(2011, 9, 12), Granularity.DAY)
    assert own_event_title(date(2011, 10, 12), [(40, saturday, "Pier opened")]) == "Pier opened"
    assert own_event_title(date(2011, 10, 12), [(40, month_before, "Talks")]) is None
    # An event on the document's own date comes first, wherever it stands.
    assert own_event_title(date(2011, 10, 12), [(40, saturday, "Pier opened"),
                                                (90, DAY, "Fifth Meeting")]) == "Fifth Meeting"


@pytest.mark.parametrize(("text", "title"), [
    ("Report to Ministers\n\nThe meeting was held on 5 May 2004.", "Report to Ministers"),
    ("# Tram line 4 opens\n\nThe line opened on 2 May 2022.", "Tram line 4 opens"),
    ("From: Tove Lindgren <tove@harbour.example>\nDate: Tue, 3 Mar 2020 08:05:12 +0100\n"
     "Subject: Re: Crane inspection moved\n\nThe inspection was moved.", "Crane inspection moved"),
    ("MEMORANDUM\nTo: All staff\nFrom: Facilities\nRe: Closure of the east wing\n\nText.",
     "Closure of the east wing"),
    ("Annual report 2019 | Page 1 of 12\nNorthern Ports Board\n\nThe board met.",
     "Northern Ports Board"),
])
def test_what_the_text_calls_itself(text: str, title: str) -> None:
    assert text_title(text) == title


@pytest.mark.parametrize("text", [
    "WASHINGTON, March 4, 2019 — Shares fell 3% on Monday after the bank spoke.",
    "LIMA, 1 August 1965 — The port opened",
    "3. Senior officials noted that the workshop had agreed",
    "1. Introduction\n\nThe meeting opened.",
    "harbourctl (2.4.1-1) stable; urgency=low\n\n  * Read tide tables from the new feed.",
    "From: Tove Lindgren <tove@harbour.example>\nTo: Pier staff <staff@harbour.example>\n\nHi.",
    "12 March 2021\n\nDear Ms Holm,",
    "Dear colleagues,\n\nThe review was moved.",
    "On 12 October 2011, the Co-Chairs hosted the meeting.",
])
def test_lines_that_do_not_name_a_document(text: str) -> None:
    assert text_title(text) == ""


def test_a_heading_is_more_than_a_date_or_code() -> None:
    assert reads_as_heading("2017 Workshops") and reads_as_heading("Key Themes")
    # Longer than a sentence-like first line may be, but a heading all the same.
    assert reads_as_heading("Report of the Regional Conference on Migration and Development")
    assert not reads_as_heading("The regional conference on migration and development met twice")
    assert not reads_as_heading("5 May 2019") and not reads_as_heading("x = 3")


def test_a_distribution_mark_is_not_a_heading() -> None:
    for mark in ("FOR IMMEDIATE RELEASE", "Embargoed until publication", "MEDIA ADVISORY"):
        assert not reads_as_heading(mark), mark
    assert reads_as_heading("Press Freedom Report")

"""Document titles: prose first lines give way to the event the document records."""

from __future__ import annotations

from datetime import date

from timeline.events.doctitle import looks_like_sentence, refine_titles
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

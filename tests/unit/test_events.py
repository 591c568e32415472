"""build_events on hand-built documents and mentions (dates given as When
values, so nothing here depends on the date tagger)."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.events.build import UnknownDocumentError, build_events
from timeline.events.sentences import sentence_at, split_sentences
from timeline.model import Document, Event, Granularity, Kind, Mention, When

DAY, MONTH, YEAR = Granularity.DAY, Granularity.MONTH, Granularity.YEAR


def day(y: int, m: int, d: int, last: int | None = None) -> When:
    return When(date(y, m, d), date(y, m, last or d), DAY)


def month(y: int, m: int) -> When:
    return When.unit(date(y, m, 1), MONTH)


def year(y: int) -> When:
    return When.unit(date(y, 1, 1), YEAR)


def doc(doc_id: str, text: str) -> Document:
    return Document(doc_id, f"{doc_id}.txt", doc_id, None, text)


def mention(document: Document, needle: str, when: When, nth: int = 0) -> Mention:
    """The ``nth`` occurrence of ``needle`` in the document, as the pipeline ties it."""
    start = -1
    for _ in range(nth + 1):
        start = document.text.index(needle, start + 1)
    end = start + len(needle)
    sentence = sentence_at(split_sentences(document.text), start, end)
    return Mention(document.id, (start, end), needle, when, sentence)


STATEMENT_2011 = doc("s2011", (
    "On 12 October 2011, the Co-Chairs hosted the fifth Meeting of Ad Hoc Group Senior "
    "Officials in Sydney, Australia.\nThe purpose of the meeting was to progress outcomes "
    "from the Fourth Bali Regional Ministerial Conference on People Smuggling, Trafficking "
    "in Persons and Related Transnational Crime, held in Bali on 30 March 2011, to take "
    "forward the Regional Cooperation Framework (RCF)."))

STATEMENT_2013 = doc("s2013", (
    "1. The Co-Chairs hosted the Seventh Meeting of Ad Hoc Group (AHG) Senior Officials in "
    "Sydney, Australia on 5 March 2013.\n2. The purpose of the meeting was to assess AHG "
    "activities since the\nFourth Bali Process Regional Ministerial Conference on People "
    "Smuggling,\nTrafficking in Persons and Related Transnational Crime, held in Bali from "
    "29-30\nMarch 2011.\n8. Members welcomed the Regional Roundtable on Irregular Movements "
    "by Sea to be\nco-hosted by UNHCR and Indonesia from 18-20 March 2013.\n"
    "23. Responses be strengthened in light of outcomes of the Regional Roundtable on "
    "Irregular Movements by Sea cohosted by Indonesia and UNHCR from 18-20 March 2013;"))

REPORT_2004 = doc("r2004", (
    "8. She noted that three substantive regional workshops had been held. The third, "
    "hosted by Australia, and organised jointly with the Budapest process, in May 2004 was "
    "on returns.\n\n9. Three workshops had taken place since Bali II. The third, again\n\n"
    "hosted by Thailand in May 2004, was a pilot workshop developed by the Australian "
    "Federal Police."))


def events_of(*pairs: tuple[Document, list[Mention]]) -> list[Event]:
    documents = [d for d, _ in pairs]
    return build_events(documents, [m for _, ms in pairs for m in ms])


def only(events: list[Event], word: str) -> Event:
    found = [e for e in events if word in e.title]
    assert len(found) == 1, [e.title for e in events]
    return found[0]


def test_conference_merged_across_documents() -> None:
    a = mention(STATEMENT_2011, "30 March 2011", day(2011, 3, 30))
    b = mention(STATEMENT_2013, "29-30\nMarch 2011", day(2011, 3, 29, 30))
    events = events_of((STATEMENT_2011, [a]), (STATEMENT_2013, [b]))
    assert len(events) == 1
    event = events[0]
    assert event.mentions == (a, b)
    assert event.when == day(2011, 3, 29, 30)  # the widest day-precise span
    assert event.title == "Fourth Bali Regional Ministerial Conference"
    assert event.kind is Kind.CONFERENCE


def test_roundtable_mentioned_twice_in_one_document() -> None:
    first = mention(STATEMENT_2013, "18-20 March 2013", day(2013, 3, 18, 20))
    second = mention(STATEMENT_2013, "18-20 March 2013", day(2013, 3, 18, 20), nth=1)
    assert first.sentence != second.sentence
    [event] = events_of((STATEMENT_2013, [first, second]))
    assert event.title == "Regional Roundtable on Irregular Movements by Sea"
    assert event.mentions == (first, second)
    assert event.actors[:2] == ("United Nations High Commissioner for Refugees (UNHCR)",
                                "Indonesia")


def test_two_workshops_in_one_month_stay_apart() -> None:
    australia = mention(REPORT_2004, "May 2004", month(2004, 5))
    thailand = mention(REPORT_2004, "May 2004", month(2004, 5), nth=1)
    events = events_of((REPORT_2004, [australia, thailand]))
    assert [e.title for e in events] == ["Third workshop, hosted by Australia",
                                         "Third workshop, hosted by Thailand"]
    assert [e.mentions for e in events] == [(australia,), (thailand,)]
    assert all(e.kind is Kind.WORKSHOP for e in events)


def test_every_mention_in_exactly_one_event_sorted() -> None:
    mentions = [
        mention(STATEMENT_2011, "12 October 2011", day(2011, 10, 12)),
        mention(STATEMENT_2011, "30 March 2011", day(2011, 3, 30)),
        mention(STATEMENT_2013, "5 March 2013", day(2013, 3, 5)),
        mention(STATEMENT_2013, "29-30\nMarch 2011", day(2011, 3, 29, 30)),
        mention(STATEMENT_2013, "18-20 March 2013", day(2013, 3, 18, 20)),
    ]
    events = build_events([STATEMENT_2011, STATEMENT_2013], mentions)
    held = [m for e in events for m in e.mentions]
    assert sorted(held, key=id) == sorted(mentions, key=id)
    keys = [(e.when.start, e.when.end, e.title) for e in events]
    assert keys == sorted(keys)
    assert len({e.id for e in events}) == len(events)


def test_ids_are_stable_and_independent_of_input_order() -> None:
    a = mention(STATEMENT_2011, "30 March 2011", day(2011, 3, 30))
    b = mention(STATEMENT_2013, "29-30\nMarch 2011", day(2011, 3, 29, 30))
    c = mention(STATEMENT_2013, "5 March 2013", day(2013, 3, 5))
    docs = [STATEMENT_2011, STATEMENT_2013]
    once = build_events(docs, [a, b, c])
    again = build_events(docs, [c, b, a])
    assert [e.id for e in once] == [e.id for e in again]
    assert once == again


def test_generic_titles_in_different_sentences_stay_apart() -> None:
    text = doc("g", "They held a workshop in May 2012. Later a workshop in May 2012 followed.")
    first = mention(text, "May 2012", month(2012, 5))
    second = mention(text, "May 2012", month(2012, 5), nth=1)
    events = events_of((text, [first, second]))
    assert [e.title for e in events] == ["Workshop", "Workshop"]


def test_generic_title_joins_named_event_on_the_same_day_in_one_document() -> None:
    text = doc("n", "Officials attended the Bali Workshop on 3 May 2012. "
                    "The workshop on 3 May 2012 was productive.")
    first = mention(text, "3 May 2012", day(2012, 5, 3))
    second = mention(text, "3 May 2012", day(2012, 5, 3), nth=1)
    [event] = events_of((text, [first, second]))
    assert event.title == "Bali Workshop"


def test_different_ordinals_stay_apart() -> None:
    text = doc("o", "The Fifth Bali Conference was held in 2013. The Sixth Bali Conference "
                    "was also held in 2013.")
    first = mention(text, "2013", year(2013))
    second = mention(text, "2013", year(2013), nth=1)
    assert len(events_of((text, [first, second]))) == 2


def test_coarse_mention_joins_the_one_event_it_fits() -> None:
    text = doc("c", "The Bali Conference opened on 3 May 2012. The Bali Conference of 2012 "
                    "was a success.")
    fine = mention(text, "3 May 2012", day(2012, 5, 3))
    coarse = mention(text, "2012", year(2012), nth=1)
    [event] = events_of((text, [coarse, fine]))
    assert event.when == day(2012, 5, 3)
    assert event.mentions == (fine, coarse)


def test_coarse_mention_fitting_two_events_joins_neither() -> None:
    text = doc("a", "The Bali Conference met on 3 May 2012. The Bali Conference met on 9 "
                    "June 2012. The Bali Conference of 2012 was a success.")
    may = mention(text, "3 May 2012", day(2012, 5, 3))
    june = mention(text, "9 June 2012", day(2012, 6, 9))
    coarse = mention(text, "2012", year(2012), nth=2)
    events = events_of((text, [may, june, coarse]))
    assert len(events) == 3


def test_actors_of_a_merged_event_in_mention_order() -> None:
    a = doc("a", "Australia hosted the Bali Workshop on 3 May 2012.")
    b = doc("b", "Indonesia and Australia attended the Bali Workshop on 3 May 2012.")
    [event] = events_of((a, [mention(a, "3 May 2012", day(2012, 5, 3))]),
                        (b, [mention(b, "3 May 2012", day(2012, 5, 3))]))
    assert event.actors == ("Australia", "Indonesia")


def test_sentence_that_is_only_a_date_takes_the_document_title() -> None:
    text = Document("d", "d.txt", "Annual report", None, "12 October 2011")
    [event] = build_events([text], [mention(text, "12 October 2011", day(2011, 10, 12))])
    assert event.title == "Annual report"


def test_unknown_document_is_a_value_error() -> None:
    stray = Mention("missing", (0, 4), "2012", year(2012), (0, 4))
    with pytest.raises(UnknownDocumentError) as caught:
        build_events([STATEMENT_2011], [stray])
    assert isinstance(caught.value, ValueError)
    assert caught.value.document == "missing"


def test_no_mentions_no_events() -> None:
    assert build_events([STATEMENT_2011], []) == []


def test_a_long_list_of_dates_one_per_line() -> None:
    lines = [f"Meeting of the Board {i} on {1 + i % 28} March 2012" for i in range(3000)]
    text = doc("list", "\n".join(lines))
    spans = split_sentences(text.text)
    mentions = []
    for line_no in range(0, 3000, 3):
        needle = f"Board {line_no} on {1 + line_no % 28} March 2012"
        start = text.text.index(needle) + needle.index(" on ") + 4
        end = start + len(needle) - needle.index(" on ") - 4
        when = day(2012, 3, 1 + line_no % 28)
        mentions.append(Mention("list", (start, end), text.text[start:end], when,
                                sentence_at(spans, start, end)))
    events = build_events([text], mentions)
    assert sum(len(e.mentions) for e in events) == len(mentions)
    assert all("March" not in e.title for e in events)
    assert {e.title for e in events} >= {"Meeting of the Board 0", "Meeting of the Board 999"}


def test_a_dateline_is_titled_after_its_document() -> None:
    text = Document("n", "n.txt", "Assembly opens", None,
                    "GENEVA, 14 May 2019 - The World Health Assembly opened in Geneva.")
    [event] = build_events([text], [mention(text, "14 May 2019", day(2019, 5, 14))])
    assert event.title == "Assembly opens"
    assert event.kind is Kind.PUBLICATION


def test_ids_do_not_depend_on_document_order() -> None:
    a = mention(STATEMENT_2011, "30 March 2011", day(2011, 3, 30))
    b = mention(STATEMENT_2013, "29-30\nMarch 2011", day(2011, 3, 29, 30))
    one = build_events([STATEMENT_2011, STATEMENT_2013], [a, b])
    other = build_events([STATEMENT_2013, STATEMENT_2011], [b, a])
    assert [e.id for e in one] == [e.id for e in other]
    assert other[0].mentions == (b, a)  # mentions follow the documents' order

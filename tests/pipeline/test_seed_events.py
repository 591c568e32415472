"""The whole pipeline on the sample statements in seeds/: the events a
reader of those statements would list, merged where two mentions are one
event and kept apart where they are not."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline.model import Corpus, Event, Granularity, Kind
from timeline.pipeline import extract_corpus

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
STATEMENT_2011 = "000_0eaa550fbbf1f1bb"
STATEMENT_2013 = "001_2f70fb264fca3dd3"
STATEMENT_2017 = "002_bc0ce573bed44578"
MINISTERIAL_2013 = "003_8b406a61c8545d09"
REPORT_2004 = "004_24bbf3ac24f8018d"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return extract_corpus([SEEDS])


def titled(corpus: Corpus, title: str) -> list[Event]:
    return [e for e in corpus.events if e.title == title]


def holding(corpus: Corpus, document: str, text: str) -> list[Event]:
    """Events with a mention of ``text`` (whitespace-insensitive) in ``document``."""
    wanted = " ".join(text.split())
    return [e for e in corpus.events
            if any(m.document == document and " ".join(m.text.split()) == wanted
                   for m in e.mentions)]


def test_all_seeds_read(corpus: Corpus) -> None:
    assert len(corpus.documents) == 5
    assert not corpus.problems


def test_every_mention_belongs_to_one_event(corpus: Corpus) -> None:
    spans = [(m.document, m.span) for e in corpus.events for m in e.mentions]
    assert len(spans) == len(set(spans))
    assert len({e.id for e in corpus.events}) == len(corpus.events)


def test_fourth_ministerial_conference_merged_across_statements(corpus: Corpus) -> None:
    [event] = titled(corpus, "Fourth Bali Regional Ministerial Conference")
    assert {m.document for m in event.mentions} == {STATEMENT_2011, STATEMENT_2013}
    assert holding(corpus, STATEMENT_2011, "30 March 2011") == [event]
    assert holding(corpus, STATEMENT_2013, "29-30 March 2011") == [event]
    assert event.when.start == date(2011, 3, 29)
    assert event.when.end == date(2011, 3, 30)
    assert event.when.granularity is Granularity.DAY
    assert event.kind is Kind.CONFERENCE


def test_roundtable_mentioned_twice_is_one_event(corpus: Corpus) -> None:
    [event] = titled(corpus, "Regional Roundtable on Irregular Movements by Sea")
    assert len(event.mentions) == 2
    assert {m.document for m in event.mentions} == {STATEMENT_2013}
    assert (event.when.start, event.when.end) == (date(2013, 3, 18), date(2013, 3, 20))
    assert "Indonesia" in event.actors


def test_two_may_2004_workshops_stay_apart(corpus: Corpus) -> None:
    may = holding(corpus, REPORT_2004, "May 2004")
    assert len(may) == 2
    assert {e.title for e in may} == {"Third workshop, hosted by Australia",
                                      "Third workshop, hosted by Thailand"}
    assert all(e.kind is Kind.WORKSHOP and len(e.mentions) == 1 for e in may)


@pytest.mark.parametrize(("document", "date_text", "title"), [
    (STATEMENT_2011, "12 October 2011", "Fifth Meeting of Ad Hoc Group Senior Officials"),
    (STATEMENT_2013, "5 March 2013", "Seventh Meeting of Ad Hoc Group Senior Officials"),
    (STATEMENT_2013, "1 April 2013", "Bali Process Senior Officials Meeting"),
    (STATEMENT_2013, "June 2012", "Sixth Meeting of AHG Senior Officials"),
    (STATEMENT_2013, "December 2012", "Workshop"),
    (STATEMENT_2013, "mid-2013",
     "Australia-Asia Program to Combat Trafficking in Persons (AAPTIP) begins"),
    (STATEMENT_2017, "13 October 2017", "First Meeting of the Consultation Mechanism"),
    (STATEMENT_2017, "23-24 February 2017", "First Ad Hoc Group RBDES Workshop"),
    (STATEMENT_2017, "31 October 2017",
     "Twelfth Meeting of the Ad Hoc Group Senior Officials (AHG SOM)"),
    (REPORT_2004, "September 2003", "First workshop, hosted by the Republic of Korea (ROK)"),
], ids=["fifth-ahg", "seventh-ahg", "som-2013", "sixth-ahg", "workshop-2012", "aaptip",
        "consultation", "rbdes", "twelfth-ahg", "rok-workshop"])
def test_titles_of_named_events(corpus: Corpus, document: str, date_text: str,
                                title: str) -> None:
    assert title in [e.title for e in holding(corpus, document, date_text)]


def test_vrs_msrc_launch(corpus: Corpus) -> None:
    [event] = titled(corpus, "VRS-MSRC launch")
    assert event.kind is Kind.LAUNCH
    assert event.when.start.year == 2013


def test_seventh_meeting_heading_and_paragraph_merge(corpus: Corpus) -> None:
    [event] = holding(corpus, STATEMENT_2013, "5 March 2013")
    assert len(event.mentions) == 2  # the title block and paragraph 1
    assert event.when == event.mentions[1].when


def test_fifth_ministerial_conference_merged_across_documents(corpus: Corpus) -> None:
    [event] = holding(corpus, MINISTERIAL_2013, "2 April 2013")
    assert {m.document for m in event.mentions} == {STATEMENT_2013, MINISTERIAL_2013}
    assert event.kind is Kind.CONFERENCE


def test_titles_are_tidy(corpus: Corpus) -> None:
    for event in corpus.events:
        assert event.title == " ".join(event.title.split())
        assert 0 < len(event.title) <= 80
        for m in event.mentions:
            assert " ".join(m.text.split()) not in event.title


def test_actors_from_seed_sentences(corpus: Corpus) -> None:
    [meeting] = holding(corpus, STATEMENT_2011, "12 October 2011")
    assert meeting.actors == ("Australia",)
    [workshop] = holding(corpus, REPORT_2004, "April 2004")
    assert workshop.actors == ("Fiji", "United Nations High Commissioner for Refugees (UNHCR)")


def test_ids_stable_across_runs(corpus: Corpus) -> None:
    again = extract_corpus([SEEDS])
    assert [e.id for e in again.events] == [e.id for e in corpus.events]

"""Event titles from one sentence and the dates in it (no date tagger: the
date spans are given by hand)."""

from __future__ import annotations

import pytest

from timeline.events.titles import MAX_TITLE, Title, sentence_titles
from timeline.model import Kind


def titles_for(sentence: str, *dates: str, before: str = "") -> list[str]:
    return [t.text for t in _titles(sentence, *dates, before=before)]


def _titles(sentence: str, *dates: str, before: str = "") -> list[Title]:
    """Titles for the dates in ``sentence``, which follows ``before`` in the text."""
    text = before + sentence
    spans = []
    for d in dates:
        start = text.index(d, len(before))
        spans.append((start, start + len(d)))
    return sentence_titles(text, (len(before), len(text)), spans)


# (case id, sentence, date text, expected title)
CASES = [
    ("named conference, date after a long tail",
     "The purpose was to progress outcomes from the Fourth Bali Regional Ministerial "
     "Conference on People Smuggling, Trafficking in Persons and Related Transnational "
     "Crime, held in Bali on 30 March 2011, to take forward the RCF.",
     "30 March 2011", "Fourth Bali Regional Ministerial Conference"),
    ("roundtable with connector name",
     "In particular,\nmembers welcomed the Regional Roundtable on Irregular Movements by Sea "
     "to be\nco-hosted by UNHCR and Indonesia from 18-20 March 2013.",
     "18-20 March 2013", "Regional Roundtable on Irregular Movements by Sea"),
    ("nearest of two workshop phrases",
     "Bali Process Ad Hoc Group Regional Biometric Data Exchange Solution (RBDES) Workshop "
     "– First Ad Hoc Group RBDES Workshop – Bangkok, Thailand, 23-24 February 2017",
     "23-24 February 2017", "First Ad Hoc Group RBDES Workshop"),
    ("acronym inside the name, place left out",
     "The Co-Chairs hosted the Seventh Meeting of Ad Hoc\nGroup (AHG) Senior Officials in "
     "Sydney, Australia on 5 March 2013.",
     "5 March 2013", "Seventh Meeting of Ad Hoc Group (AHG) Senior Officials"),
    ("lower-case ordinal capitalised, date far before",
     "On 12 October 2011, the Co-Chairs of the Bali Process on People Smuggling, "
     "Trafficking in Persons and Related Transnational Crime hosted the fifth Meeting of "
     "Ad Hoc Group Senior Officials in Sydney, Australia.",
     "12 October 2011", "Fifth Meeting of Ad Hoc Group Senior Officials"),
    ("lower-case head before a name",
     "The meeting reviewed the activities undertaken since the sixth meeting of AHG\n"
     "Senior Officials in June 2012 and welcomed reports by countries.",
     "June 2012", "Sixth Meeting of AHG Senior Officials"),
    ("indefinite workshop", "Thailand and Australia advised the meeting of outcomes from "
     "a workshop in\nDecember 2012 at which participants spoke.", "December 2012", "Workshop"),
    ("passive launch", "Members welcomed advice that the VRS-MSRC would be launched in\n"
     "mid-2013.", "mid-2013", "VRS-MSRC launch"),
    ("launch of", "Members noted the launch of the VRS-MSRC in June 2013.", "June 2013",
     "VRS-MSRC launch"),
    ("program to begin",
     "The meeting welcomed a\npresentation on Australia’s work on trafficking, including "
     "the new Australia-Asia\nProgram to Combat Trafficking in Persons (AAPTIP) to begin "
     "from mid-2013.", "mid-2013",
     "Australia-Asia Program to Combat Trafficking in Persons (AAPTIP) begins"),
    ("signed agreement", "Indonesia and Australia signed the Lombok Treaty on 13 November "
     "2006.", "13 November 2006", "Lombok Treaty signed"),
    ("heading in capitals becomes title case",
     "SEVENTH MEETING OF AD HOC GROUP SENIOR OFFICIALS\nSYDNEY, AUSTRALIA, 5 MARCH 2013\n"
     "CO-CHAIRS' STATEMENT", "5 MARCH 2013",
     "Seventh Meeting of Ad Hoc Group Senior Officials"),
    ("reference after the date loses to the phrase before it",
     "Australia and Indonesia co-chaired a meeting of senior officials involved in the Bali "
     "process in Brisbane from 7 to 8 June 2004, as mandated by Ministers at the second Bali "
     "Ministerial Conference on this subject.", "7 to 8 June 2004",
     "Meeting of senior officials"),
    ("lower-case object of an event verb",
     "The company published its annual report on 3 March 2020.", "3 March 2020",
     "Annual report published"),
    ("anniversary", "The meeting recalled that 2012 had marked the 10th Anniversary of the "
     "Bali Process.", "2012", "10th Anniversary of the Bali Process"),
    ("clause fallback",
     "Ministers acknowledged the unprecedented number of irregular movements by sea through "
     "the Asia Pacific region in 2012 and its impact.", "2012",
     "Ministers acknowledged the unprecedented number of irregular movements"),
    ("clause fallback after a leading date", "In 2012, the regional office opened its doors.",
     "2012", "The regional office opened its doors"),
]


@pytest.mark.parametrize(("sentence", "date", "expected"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_title(sentence: str, date: str, expected: str) -> None:
    assert titles_for(sentence, date) == [expected]


def test_case_ids_are_unique() -> None:
    ids = [c[0] for c in CASES]
    assert len(ids) == len(set(ids))


def test_each_date_takes_its_own_event() -> None:
    sentence = ("The purpose was to assess progress since the\nFourth Bali Process Regional "
                "Ministerial Conference on People Smuggling,\nTrafficking in Persons and "
                "Related Transnational Crime, held in Bali from 29-30\nMarch 2011, and to make "
                "recommendations to the Bali Process Senior Officials\nMeeting on 1 April 2013 "
                "and the Fifth Bali Process Regional Ministerial Conference\non 2 April 2013.")
    assert titles_for(sentence, "29-30\nMarch 2011", "1 April 2013", "2 April 2013") == [
        "Fourth Bali Process Regional Ministerial Conference",
        "Bali Process Senior Officials Meeting",
        "Fifth Bali Process Regional Ministerial Conference",
    ]


def test_a_date_in_another_clause_does_not_borrow_the_event() -> None:
    sentence = ("The company published its annual report on 3 March 2020, and the new office "
                "opened in June 2020.")
    assert titles_for(sentence, "3 March 2020", "June 2020") == [
        "Annual report published", "The new office opened"]


def test_two_dates_one_plural_name() -> None:
    sentence = ("Officials noted the two Bali Regional Ministerial Conferences, co-hosted by "
                "Australia and Indonesia in February 2002 and April 2003.")
    assert titles_for(sentence, "February 2002", "April 2003") == [
        "Bali Regional Ministerial Conference"] * 2


def test_ordinal_refers_back_to_the_events_counted_before() -> None:
    before = "She noted that three substantive regional workshops had been held. "
    sentence = ("The third, hosted by Australia, and organised jointly with the Budapest "
                "process, in May 2004 was on returns.")
    assert titles_for(sentence, "May 2004", before=before) == [
        "Third workshop, hosted by Australia"]


def test_ordinal_without_events_before_is_a_clause() -> None:
    sentence = "The third, hosted by Australia, in May 2004 was on returns."
    [title] = _titles(sentence, "May 2004", before="Nothing to count here. ")
    assert title.fallback
    assert "workshop" not in title.text.lower()


def test_two_workshops_in_one_month_get_different_titles() -> None:
    first = titles_for("The third, again\n\nhosted by Thailand in May 2004, was a pilot "
                       "workshop.", "May 2004", before="Three workshops had taken place. ")
    second = titles_for("The third, hosted by Australia, in May 2004 was on returns.",
                        "May 2004", before="Three workshops had been held. ")
    assert first == ["Third workshop, hosted by Thailand"]
    assert second == ["Third workshop, hosted by Australia"]


@pytest.mark.parametrize(("sentence", "date", "kind"), [
    ("The Bali Conference opened on 3 May 2011.", "3 May 2011", Kind.CONFERENCE),
    ("A workshop on biometrics was held on 3 May 2011.", "3 May 2011", Kind.WORKSHOP),
    ("The Seventh Meeting of Officials was on 3 May 2011.", "3 May 2011", Kind.MEETING),
    ("The Bali Declaration was adopted on 3 May 2011.", "3 May 2011", Kind.AGREEMENT),
    ("The portal would be launched in June 2013.", "June 2013", Kind.LAUNCH),
    ("The AHG Progress Report was released on 3 May 2011.", "3 May 2011", Kind.PUBLICATION),
    ("The Bali Process marked its 10th Anniversary in 2012.", "2012", Kind.OTHER),
    ("Ministers signed it on 3 May 2011.", "3 May 2011", Kind.AGREEMENT),
], ids=["conference", "workshop", "meeting", "agreement", "launch", "publication", "other",
        "clause verb"])
def test_kind(sentence: str, date: str, kind: Kind) -> None:
    assert _titles(sentence, date)[0].kind is kind


def test_title_never_holds_the_date_and_stays_short() -> None:
    sentence = ("Members also adopted a statement for the Asia-Pacific Regional Preparatory "
                "Meeting on the Global Compact for Safe, Orderly and Regular Migration and the "
                "Very Long Named International Conference on Everything Anyone Could Ever "
                "Think Of held in Bangkok on 6-8 November 2017.")
    [title] = titles_for(sentence, "6-8 November 2017")
    assert "2017" not in title and "November" not in title
    assert 0 < len(title) <= MAX_TITLE
    assert "\n" not in title and "  " not in title


def test_generic_and_named_flags() -> None:
    generic = _titles("They held a workshop in December 2012.", "December 2012")[0]
    named = _titles("They held the Bali Workshop in December 2012.", "December 2012")[0]
    assert generic.generic and not named.generic
    assert generic.head == named.head == "workshop"
    assert named.words == frozenset({"bali"})


def test_a_dateline_dates_the_document_not_the_event_after_it() -> None:
    sentence = "GENEVA, 14 May 2019 - The World Health Assembly opened on 20 May 2019."
    dateline, opening = _titles(sentence, "14 May 2019", "20 May 2019")
    assert dateline.text == "" and dateline.kind is Kind.PUBLICATION
    assert opening.text == "World Health Assembly"


def test_a_date_after_a_place_without_a_dash_is_no_dateline() -> None:
    sentence = "SYDNEY, AUSTRALIA, 5 MARCH 2013 SEVENTH MEETING OF OFFICIALS"
    assert titles_for(sentence, "5 MARCH 2013") == ["Seventh Meeting of Officials"]


def test_a_capitalised_word_after_the_head_is_not_part_of_the_name() -> None:
    assert titles_for("2017 Workshops Members welcomed the plan.", "2017") == ["Workshops"]


def test_a_clause_title_does_not_open_with_an_auxiliary() -> None:
    [title] = titles_for("The third, in May 2004 was on assisting states to identify issues.",
                         "May 2004")
    assert title.split()[0].lower() not in {"was", "the", "in"}

"""Sentence splitting on text shaped like the seeds: wrapped lines, numbered
paragraphs, bullets, headings, page numbers, abbreviations."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.events.sentences import MAX_SENTENCE, sentence_at, split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


# (case id, text, expected sentences as written in the text)
CASES = [
    ("plain", "The meeting opened. Ministers spoke.",
     ["The meeting opened.", "Ministers spoke."]),
    ("wrapped line is not a break",
     "The Co-Chairs hosted the meeting in\nSydney on 5 March 2013. It ended.",
     ["The Co-Chairs hosted the meeting in\nSydney on 5 March 2013.", "It ended."]),
    ("line ending a sentence", "It was held in Bali.\nMinisters attended.",
     ["It was held in Bali.", "Ministers attended."]),
    ("numbered paragraphs",
     "1. The Co-Chairs met\nin Sydney.\n2. The purpose was\nto assess progress.",
     ["The Co-Chairs met\nin Sydney.", "The purpose was\nto assess progress."]),
    ("two-digit numbers, leading space",
     " 11. Thailand and Australia advised\nthe meeting.\n12. Members agreed.",
     ["Thailand and Australia advised\nthe meeting.", "Members agreed."]),
    ("parenthesised numbers", "1) first item\n2) second item",
     ["first item", "second item"]),
    ("dash bullets", "Participants:\n- agreed to expand the mandate.\n- recognised the need.",
     ["Participants:", "agreed to expand the mandate.", "recognised the need."]),
    ("lone bullet, blank line, then item",
     "the following:\n•\n\na fifth meeting of the group;\n\n•\n\na workshop on biometrics; and",
     ["the following:", "a fifth meeting of the group;", "a workshop on biometrics; and"]),
    ("bullet item wrapped over lines",
     "• the RSO be tasked to develop guides\nfor practitioners;\n• members work together.",
     ["the RSO be tasked to develop guides\nfor practitioners;", "members work together."]),
    ("capital headings form one title block",
     "SEVENTH MEETING OF AD HOC GROUP SENIOR OFFICIALS\nSYDNEY, AUSTRALIA, 5 MARCH 2013\n"
     "CO-CHAIRS' STATEMENT\n\n1. The Co-Chairs hosted it.",
     ["SEVENTH MEETING OF AD HOC GROUP SENIOR OFFICIALS\nSYDNEY, AUSTRALIA, 5 MARCH 2013\n"
      "CO-CHAIRS' STATEMENT", "The Co-Chairs hosted it."]),
    ("title-case headings between paragraphs",
     "on 2 April 2013.\nProceedings\n3. The Co-Chairs recalled it.\nKey Themes\n"
     "7. The meeting recalled that 2012 had marked it.",
     ["on 2 April 2013.", "Proceedings", "The Co-Chairs recalled it.", "Key Themes",
      "The meeting recalled that 2012 had marked it."]),
    ("heading starting with a year", "the SOM.\n2017 Workshops\nBali Process Workshop – Bangkok",
     ["the SOM.", "2017 Workshops", "Bali Process Workshop – Bangkok"]),
    ("heading, then a paragraph without a number",
     "Outcomes\nParticipants agreed to meet again.",
     ["Outcomes", "Participants agreed to meet again."]),
    ("bare page number inside a paragraph", "the effective implementation of\nthe RCF.\n\n1\n\n"
     "6. The meeting agreed.", ["the effective implementation of\nthe RCF.",
                                 "The meeting agreed."]),
    ("running footer between sentences", "The board met in 2019.\n"
     "Northern Ports Board, Annual Report 2019 - Page 2 of 12\nDredging began in November.",
     ["The board met in 2019.", "Dredging began in November."]),
    ("running header in capitals", "It ended.\nANNUAL REPORT 2019 | PAGE 3\nThe next began.",
     ["It ended.", "The next began."]),
    ("a page cited in prose stays in its sentence",
     "The figures on page 5 of the report show\nthat traffic grew.",
     ["The figures on page 5 of the report show\nthat traffic grew."]),
    ("page break inside a sentence, lower-case continuation",
     "consistent with the voluntary and non-binding\n\nnature of the process, Ministers spoke.",
     ["consistent with the voluntary and non-binding\n\nnature of the process, Ministers "
      "spoke."]),
    ("page break after a function word", "Following discussion of the\n\nAHEG reports, "
     "officials agreed.", ["Following discussion of the\n\nAHEG reports, officials agreed."]),
    ("blank line after a finished sentence is a break", "It ended.\n\nThe next began.",
     ["It ended.", "The next began."]),
    ("abbreviations", "Mr. Smith met Dr. Jones in the U.S. on Feb. 2, 2007. No. 5 was "
     "signed, e.g. by Japan. Then it ended.",
     ["Mr. Smith met Dr. Jones in the U.S. on Feb. 2, 2007.",
      "No. 5 was signed, e.g. by Japan.", "Then it ended."]),
    ("circa, born and died before a year", "Tools appear c. 1200 BC. The poet (b. 1340, "
     "d. 1400) wrote it.", ["Tools appear c. 1200 BC.", "The poet (b. 1340, d. 1400) wrote it."]),
    ("abbreviation before a number only", "The answer was no. Then it ended.",
     ["The answer was no.", "Then it ended."]),
    ("question and exclamation", "Was it held? Yes! It was.", ["Was it held?", "Yes!",
                                                                "It was."]),
    ("closing quote stays with its sentence", 'He said "it is done." Then he left.',
     ['He said "it is done."', "Then he left."]),
    ("decimal numbers do not split", "Japan pledged 10.5 million. It arrived.",
     ["Japan pledged 10.5 million.", "It arrived."]),
    ("CRLF line ends", "It was held.\r\nMinisters attended.\r\n",
     ["It was held.", "Ministers attended."]),
    ("empty", "", []),
    ("only blanks", " \n\n \t\n", []),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_case_ids_are_unique() -> None:
    ids = [c[0] for c in CASES]
    assert len(ids) == len(set(ids))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .A1\n•-()?:;\t’")), max_size=200))
def test_spans_are_ordered_trimmed_and_non_overlapping(text: str) -> None:
    previous_end = 0
    for start, end in split_sentences(text):
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        previous_end = end


SENTENCES = [(0, 10), (12, 30), (40, 55)]


@pytest.mark.parametrize(("start", "end", "expected"), [
    (0, 4, (0, 10)),          # inside the first sentence
    (13, 20, (12, 30)),       # inside the second
    (28, 42, (12, 55)),       # straddles two: widened to both
    (31, 35, (31, 35)),       # in a gap between sentences: the span itself
    (33, 45, (33, 55)),       # starts in a gap, ends in a sentence
    (56, 60, (56, 60)),       # after the last sentence
], ids=["first", "second", "straddle", "gap", "gap-into", "after"])
def test_sentence_at(start: int, end: int, expected: tuple[int, int]) -> None:
    assert sentence_at(SENTENCES, start, end) == expected


def test_sentence_at_with_no_sentences() -> None:
    assert sentence_at([], 3, 8) == (3, 8)


def test_sentence_at_holds_every_date_of_a_paragraph() -> None:
    text = "1. The Co-Chairs met on 5 March 2013.\n2. Ministers met\non 2 April 2013."
    spans = split_sentences(text)
    for needle in ("5 March 2013", "2 April 2013"):
        start = text.index(needle)
        s, e = sentence_at(spans, start, start + len(needle))
        assert text[s:e].startswith(("The Co-Chairs", "Ministers"))
        assert s <= start and start + len(needle) <= e


def test_a_long_stretch_without_stops_is_cut_at_line_breaks() -> None:
    table = "\n".join(f"Row {i} opened in 20{i % 90:02d} and closed later" for i in range(200))
    spans = split_sentences(table)
    assert len(spans) == 200
    assert all(e - s <= MAX_SENTENCE for s, e in spans)
    assert table[spans[7][0]:spans[7][1]] == "Row 7 opened in 2007 and closed later"


def test_a_long_wrapped_sentence_under_the_cap_stays_whole() -> None:
    wrapped = "Members agreed" + "\nand further agreed" * 60 + " to meet."
    assert len(wrapped) < MAX_SENTENCE
    assert sentences(wrapped + " Then it ended.") == [wrapped, "Then it ended."]


def test_a_short_line_alone_before_a_paragraph_is_a_heading_in_any_case() -> None:
    text = "Harbour history\n\nThe first quay was built in 1852. It burned."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Harbour history", "The first quay was built in 1852.", "It burned."]
    page_break = "The ministers discussed the\n\nAHEG reports at length."
    assert len(split_sentences(page_break)) == 1

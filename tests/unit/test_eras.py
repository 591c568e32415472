"""Dates before the common era, from the text to JSON, the store and the
exports: read as astronomical years (490 BC is -489), kept exactly on the
way through, and written as ISO 8601 expanded years."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from timeline.dates.temporal import find_times
from timeline.day import make_day
from timeline.export import export_events
from timeline.model import Corpus, Document, Event, Granularity, When
from timeline.pipeline import corpus_from_documents

G = Granularity


def read(text: str) -> list[tuple[str, When | None]]:
    return [(m.text, m.when) for m in find_times(text, date(2020, 1, 1))]


def years(first: int, last: int | None = None, approximate: bool = False) -> When:
    return When(make_day(first, 1, 1), make_day(last if last is not None else first, 12, 31),
                G.YEAR, approximate)


@pytest.mark.parametrize(("text", "said", "when"), [
    ("Sparta and Athens made peace between 446 and 445 BC.", "446 and 445 BC",
     None),  # "and" joins two years as often as it closes a range: not read as one
    ("The war ran from 431 to 404 BC.", "431 to 404 BC", years(-430, -403)),
    ("The tablets date from c. 2100 BC.", "c. 2100 BC", years(-2099, approximate=True)),
    ("The tablets date from ca. 2100 BCE.", "ca. 2100 BCE", years(-2099, approximate=True)),
    ("Hadrian's Wall was begun in AD 122.", "AD 122", years(122)),
    ("the reign of Augustus (27 BC – AD 14)", "27 BC – AD 14", years(-26, 14)),
    ("Hunters crossed the land bridge by 13,000 BC.", "13,000 BC", years(-12999)),
    ("The second century BC saw Rome's expansion.", "The second century BC",
     When(make_day(-199, 1, 1), make_day(-100, 12, 31), G.CENTURY)),
    ("In the late 1st millennium BC iron spread.", "the late 1st millennium BC",
     When(make_day(-999 + 670, 1, 1), make_day(0, 12, 31), G.MILLENNIUM, True)),
])
def test_era_dates_in_sentences(text: str, said: str, when: When | None) -> None:
    found = dict(read(text))
    if when is None:
        assert said not in found
    else:
        assert found.get(said) == when, found


@pytest.mark.parametrize("text", [
    "In 2010 BC Hydro raised its rates.",     # a company after a modern year
    "The ad 44 campaign ran all summer.",     # lower-case ad is a word
    "Samples 12 ce were discarded.",
    "He scored 490 bc points.",
])
def test_era_words_that_are_not_eras(text: str) -> None:
    assert all(when is None or when.start.year > 0 for _, when in read(text))


def test_the_story_time_runs_on_before_the_era() -> None:
    text = ("The Persian fleet landed at Marathon in August 490 BC. In September the "
            "Athenians defeated it. The next year, Miltiades sailed against Paros.")
    found = dict(read(text))
    september = found["September"]
    assert (september.start, september.end) == (make_day(-489, 9, 1), make_day(-489, 9, 30))
    assert found["The next year"].start == make_day(-488, 1, 1)


def corpus_of(text: str) -> Corpus:
    doc = Document("d", "/tmp/history.txt", "History", None, text)
    return corpus_from_documents([doc])


HISTORY = ("Athens fought at Marathon in 490 BC. The Punic Wars began in 264 BC. "
           "Rome invaded Britain in AD 43. The city was founded in the 5th century BC.")


def test_json_writes_expanded_years_and_reads_them_back() -> None:
    corpus = corpus_of(HISTORY)
    data = json.loads(json.dumps([e.to_json() for e in corpus.events]))
    starts = {e["when"]["start"] for e in data}
    assert {"-0489-01-01", "-0263-01-01", "0043-01-01", "-0499-01-01"} <= starts
    assert [Event.from_json(e) for e in data] == list(corpus.events)


def test_the_store_keeps_years_before_the_era(tmp_path: Path) -> None:
    from timeline.collection import read_store, update_store

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "history.txt").write_text(HISTORY, encoding="utf-8")
    update_store([tmp_path / "docs"], tmp_path / "c.sqlite")
    stored = {e.when for e in read_store(tmp_path / "c.sqlite").events}
    assert stored == {e.when for e in corpus_of(HISTORY).events}
    assert make_day(-489, 1, 1) in {when.start for when in stored}


def test_exports_write_every_year_and_say_what_a_calendar_cannot_hold() -> None:
    corpus = corpus_of(HISTORY)
    notes: list[str] = []
    written = export_events(corpus, "ics", io.StringIO(), notes=notes)
    assert written == 1 and "3 events dated before year 1" in notes[0]
    slides = json.loads(_text(corpus, "timelinejs"))["events"]
    assert sorted(s["start_date"]["year"] for s in slides) == [-500, -490, -264, 43]
    sketch = _text(corpus, "timesketch")
    assert "-0489-01-01T00:00:00+00:00" in sketch
    assert str((make_day(-489, 1, 1).toordinal() - date(1970, 1, 1).toordinal())
               * 86_400_000_000) in sketch


def _text(corpus: Corpus, fmt: str) -> str:
    out = io.StringIO()
    export_events(corpus, fmt, out)
    return out.getvalue()

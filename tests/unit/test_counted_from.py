"""What a relative date was counted from: kept on the mention, in its JSON,
and said in the detail pane's explanation."""

from __future__ import annotations

import json
from datetime import date

from timeline.gui.wording import explain
from timeline.model import CountedFrom, Document, Mention
from timeline.pipeline import analyse_document

TEXT = ("Germany invaded Norway on 9 April 1940. The king left Oslo. "
        "The government followed him north. The next day the king refused to yield.")


def findings() -> tuple[Document, list[Mention]]:
    doc = Document("norway", "norway.txt", "Norway", date(2020, 5, 1), TEXT)
    return doc, list(analyse_document(doc).mentions)


def test_a_story_counted_mention_records_the_date_it_was_counted_from() -> None:
    _doc, mentions = findings()
    next_day = next(m for m in mentions if m.text == "The next day")
    assert next_day.when.start == date(1940, 4, 10)
    assert next_day.counted_from is not None
    start, end = next_day.counted_from.span
    assert TEXT[start:end] == "9 April 1940"
    assert next_day.counted_from.when.start == date(1940, 4, 9)
    stated = next(m for m in mentions if m.text == "9 April 1940")
    assert stated.counted_from is None


def test_counted_from_round_trips_through_json_and_is_absent_when_unset() -> None:
    _doc, mentions = findings()
    for mention in mentions:
        data = json.loads(json.dumps(mention.to_json()))
        back = Mention.from_json(data)
        assert back.counted_from == mention.counted_from
        assert ("counted_from" in data) == (mention.counted_from is not None)


def test_the_explanation_names_the_date_and_how_far_back_it_was_stated() -> None:
    doc, mentions = findings()
    next_day = next(m for m in mentions if m.text == "The next day")
    lines = explain(next_day.when, next_day, doc)
    assert "Counted from 9 April 1940, stated three sentences earlier." in lines
    assert not any("document's date" in line for line in lines)


def test_the_explanation_of_a_date_in_the_same_or_next_sentence() -> None:
    text = "The siege began on 1 May 1940 and ended two days later. The next day all was quiet."
    doc = Document("d", "d.txt", "D", None, text)
    found = {m.text: m for m in analyse_document(doc).mentions}
    assert "Counted from 1 May 1940, stated earlier in the same sentence." in \
        explain(found["two days later"].when, found["two days later"], doc)
    assert "Counted from 3 May 1940, stated in the sentence before." in \
        explain(found["The next day"].when, found["The next day"], doc)


def test_a_news_relative_still_says_the_document_date() -> None:
    doc = Document("n", "n.txt", "N", date(2013, 3, 22), "The mayor spoke yesterday.")
    mention = analyse_document(doc).mentions[0]
    assert mention.counted_from is None
    assert "Relative to the document's date, 22 March 2013." in explain(mention.when, mention, doc)


def test_older_mention_json_without_the_key_reads_as_before() -> None:
    data = {"document": "d", "span": [0, 5], "text": "today", "sentence": [0, 10],
            "when": {"start": "2013-03-22", "end": "2013-03-22", "granularity": "day",
                     "relative": True}}
    assert Mention.from_json(data).counted_from is None
    assert isinstance(CountedFrom.from_json(
        {"when": data["when"], "span": [1, 2]}).span, tuple)


def test_the_store_and_a_project_keep_what_a_date_was_counted_from(tmp_path):
    from timeline.collection import update_store
    from timeline.project import Project, open_project, save_project
    from timeline.store import Store

    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "war.txt").write_text(
        "A short history\n\nPublished on 5 May 2020.\n\nGermany invaded Poland on "
        "1 September 1939. The next day, Britain sent an ultimatum to Berlin.\n",
        encoding="utf-8")
    corpus, _report = update_store([folder], tmp_path / "c.sqlite")

    def counted(c):
        return {m.text: m.counted_from for e in c.events for m in e.mentions
                if m.counted_from is not None}

    found = counted(corpus)
    assert found, "the next day is counted from 1 September 1939"
    with Store(tmp_path / "c.sqlite") as store:
        assert counted(store.read_corpus()) == found
    save_project(tmp_path / "p.timeline", Project((str(folder),), corpus, (), {}))
    assert counted(open_project(tmp_path / "p.timeline").corpus) == found

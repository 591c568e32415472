"""Planned or happened: the flag read from a sentence, how an event takes it
from its mentions, and every place that keeps it (JSON, the collection
store, project files, exports)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from timeline.edits import EventState
from timeline.events.tense import is_planned
from timeline.export.rows import ExportState, record_of
from timeline.model import Corpus, Document, Event, Granularity, Kind, Mention, Status, When
from timeline.pipeline import corpus_from_documents
from timeline.project import Project, open_project, save_project
from timeline.store import SCHEMA_VERSION, Store

MAY_2024 = When(date(2024, 5, 1), date(2024, 5, 31), Granularity.MONTH)
YEAR_2030 = When(date(2030, 1, 1), date(2030, 12, 31), Granularity.YEAR)
YEAR_1990 = When(date(1990, 1, 1), date(1990, 12, 31), Granularity.YEAR)
MID_MAY = date(2024, 5, 10)


def planned(sentence: str, needle: str, when: When, on: date | None = MID_MAY) -> bool:
    """The flag for ``needle`` in ``sentence``, written on ``on``."""
    start = sentence.index(needle)
    return is_planned(sentence, (0, len(sentence)), (start, start + len(needle)), when, on)


# ------------------------------------------------------------ the sentence
@pytest.mark.parametrize("sentence", [
    "The summit will be held in May.",
    "The summit shall take place in May.",
    "The ministers are to meet in May.",
    "The report is due to be published in May.",
    "The plant is expected to open in May.",
    "The company plans to open a second plant in May.",
    "The council intends to vote in May.",
    "The agency aims to finish the survey in May.",
    "The launch is scheduled for May.",
])
def test_a_future_or_intention_cue_makes_the_month_of_the_document_planned(
        sentence: str) -> None:
    assert planned(sentence, "May", MAY_2024)


@pytest.mark.parametrize("sentence", [
    "The summit was held in May.",
    "The ministers met in May.",
    "The company opened a second plant in May.",
    "In May the council voted on the budget.",
])
def test_past_forms_or_no_cue_leave_the_month_of_the_document_happened(sentence: str) -> None:
    assert not planned(sentence, "May", MAY_2024)


def test_a_date_after_the_document_is_planned_whatever_the_tense() -> None:
    # The postponement happened; the summit dated 2030 has not.
    assert planned("The summit was postponed to 2030.", "2030", YEAR_2030)
    assert planned("Emissions are expected to halve by 2030.", "2030", YEAR_2030)


def test_a_date_before_the_document_happened_whatever_the_tense() -> None:
    sentence = "The firm, founded in 1990, will open a plant in 2030."
    assert not planned(sentence, "1990", YEAR_1990)
    assert planned(sentence, "2030", YEAR_2030)


def test_without_a_document_date_the_nearest_verb_group_decides() -> None:
    sentence = "The firm, founded in 1990, will open a plant in 2030."
    assert not planned(sentence, "1990", YEAR_1990, on=None)  # "founded" is nearer
    assert planned(sentence, "2030", YEAR_2030, on=None)
    assert not planned("The summit was postponed to 2030.", "2030", YEAR_2030, on=None)


def test_a_cue_of_another_clause_loses_to_the_dates_own_verb() -> None:
    sentence = "In May the plant opened, and the firm will hire more staff."
    assert not planned(sentence, "May", MAY_2024)


# -------------------------------------------------------------- extraction
def news(doc_id: str, text: str, on: date) -> Document:
    return Document(doc_id, f"{doc_id}.txt", doc_id, on, text)


def event_at(corpus: Corpus, text: str) -> Event:
    return next(e for e in corpus.events if any(m.text == text for m in e.mentions))


def test_extracted_events_carry_the_status_of_their_sentences() -> None:
    corpus = corpus_from_documents([news(
        "a", "The regional water summit will be held on 14 June 2024 in Suva. "
             "The previous water summit was held on 3 March 2023 in Apia.",
        date(2024, 5, 2))])
    assert event_at(corpus, "14 June 2024").status is Status.PLANNED
    assert event_at(corpus, "3 March 2023").status is Status.HAPPENED
    assert any(m.planned for m in event_at(corpus, "14 June 2024").mentions)


def test_one_report_of_it_done_makes_a_planned_event_happened() -> None:
    before = news("a", "The Pacific Islands water summit will be held on 14 June 2024.",
                  date(2024, 5, 2))
    after = news("b", "The Pacific Islands water summit was held on 14 June 2024.",
                 date(2024, 7, 1))
    alone = event_at(corpus_from_documents([before]), "14 June 2024")
    both = event_at(corpus_from_documents([before, after]), "14 June 2024")
    assert alone.status is Status.PLANNED
    assert len(both.mentions) == 2
    assert both.status is Status.HAPPENED


# -------------------------------------------------------------------- JSON
def an_event(status: Status = Status.PLANNED) -> Event:
    mention = Mention("a", (10, 14), "2030", YEAR_2030, (0, 30),
                      planned=status is Status.PLANNED)
    return Event("e1", "Summit", Kind.MEETING, (), YEAR_2030, (mention,), status)


def test_json_round_trip_keeps_the_status() -> None:
    for status in Status:
        event = an_event(status)
        data = json.loads(json.dumps(event.to_json()))
        assert data["status"] == status.value
        assert Event.from_json(data) == event


def test_json_without_the_status_reads_as_happened() -> None:
    data = an_event(Status.PLANNED).to_json()
    del data["status"]
    for m in data["mentions"]:
        del m["planned"]
    old = Event.from_json(data)  # as written before the flag was extracted
    assert old.status is Status.HAPPENED
    assert not any(m.planned for m in old.mentions)


# ------------------------------------------------------------------ stores
@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("planned")
    (root / "notice.txt").write_text(
        "Suva, 2 May 2024\n\nThe regional water summit will be held on 14 June 2024. "
        "The previous water summit was held on 3 March 2023.\n", encoding="utf-8")
    return root


def statuses(corpus: Corpus) -> dict[str, Status]:
    return {m.text: e.status for e in corpus.events for m in e.mentions}


def test_the_collection_store_keeps_the_status(folder: Path, tmp_path: Path) -> None:
    from timeline.collection import update_store
    store = tmp_path / "c.sqlite"
    corpus, _report = update_store([folder], store)
    assert statuses(corpus)["14 June 2024"] is Status.PLANNED
    assert statuses(corpus)["3 March 2023"] is Status.HAPPENED
    again, _report = update_store([folder], store)  # read back from the rows
    assert statuses(again) == statuses(corpus)
    with Store(store) as opened:
        assert opened.read_corpus() == again


def downgrade_store(path: Path) -> None:
    """Make ``path`` look as a schema 1 store did: no status columns (and no
    column for what a relative date was counted from, added in schema 3)."""
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE mentions DROP COLUMN planned")
    db.execute("ALTER TABLE mentions DROP COLUMN counted_from")
    db.execute("ALTER TABLE events DROP COLUMN status")
    db.execute("UPDATE meta SET value = '1' WHERE key = 'schema'")
    db.commit()
    db.close()


def test_an_old_collection_store_is_migrated(folder: Path, tmp_path: Path) -> None:
    from timeline.collection import update_store
    store = tmp_path / "c.sqlite"
    corpus, _report = update_store([folder], store)
    downgrade_store(store)
    with Store(store) as migrated:
        assert migrated.schema_version() == SCHEMA_VERSION
        old = migrated.read_corpus()
    assert {e.status for e in old.events} == {Status.HAPPENED}  # nothing said: happened
    assert [e.id for e in old.events] == [e.id for e in corpus.events]
    with Store(store) as migrated:  # new rows go in as before
        columns = [r[1] for r in migrated._db.execute("PRAGMA table_info(mentions)")]
        assert columns[-3:] == ["planned", "counted_from", "event_id"]


def test_a_project_keeps_the_status_and_an_old_one_opens(folder: Path, tmp_path: Path) -> None:
    from timeline.collection import update_store
    corpus, _report = update_store([folder], tmp_path / "c.sqlite")
    project = Project((str(folder),), corpus, (), {})
    target = tmp_path / "work.timeline"
    save_project(target, project)
    assert statuses(open_project(target).corpus) == statuses(corpus)
    db = sqlite3.connect(target)
    db.execute("ALTER TABLE mentions DROP COLUMN planned")
    db.execute("ALTER TABLE mentions DROP COLUMN counted_from")
    db.execute("ALTER TABLE events DROP COLUMN status")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    old = open_project(target).corpus
    assert {e.status for e in old.events} == {Status.HAPPENED}
    assert [e.id for e in old.events] == [e.id for e in corpus.events]


# ----------------------------------------------------------------- exports
def test_exports_use_the_events_status_unless_the_user_set_one() -> None:
    event = an_event(Status.PLANNED)
    assert record_of(event, ExportState(), {}).status == "planned"
    assert record_of(replace(event, status=Status.HAPPENED), ExportState(), {}).status \
        == "happened"
    said = EventState(status=Status.HAPPENED)
    assert record_of(event, said, {}).status == "happened"  # the user's choice wins

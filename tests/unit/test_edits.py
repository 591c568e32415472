"""The user's edits (timeline.edits): each kind applied to a real
extraction, undo as applying a prefix, edits kept through a new extraction
of changed documents, and the rule that finds a passage again."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from two_statements import REPORT, STATEMENT, write

from timeline.edits import (
    Anchor,
    CorpusIndex,
    Edit,
    EditError,
    EditKind,
    Status,
    add_edit,
    anchor_of,
    apply_edits,
    hide_edit,
    merge_edit,
    new_edit,
    note_edit,
    passage_anchor,
    relocate,
    set_edit,
    show_edit,
    split_edit,
    star_edit,
    text_hash,
)
from timeline.events.build import event_order
from timeline.model import Corpus, Document, Event, Granularity, Kind, Mention, When
from timeline.pipeline import extract_corpus


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    return extract_corpus([write(tmp_path / "docs", a=STATEMENT, b=REPORT)])


def event_with(corpus: Corpus, date_text: str, doc: str | None = None) -> Event:
    """The one event with a mention reading ``date_text`` (in ``doc``)."""
    found = [e for e in corpus.events
             if any(m.text == date_text and doc in (None, m.document) for m in e.mentions)]
    assert len(found) == 1, [e.title for e in found]
    return found[0]


def mention_at(event: Event, doc: str) -> Mention:
    return next(m for m in event.mentions if m.document == doc)


def day(text: str) -> When:
    d = date.fromisoformat(text)
    return When(d, d, Granularity.DAY)


# ------------------------------------------------------------ each kind
def test_set_changes_the_fields_given_and_marks_the_event_edited(corpus: Corpus) -> None:
    index = CorpusIndex(corpus)
    sydney = event_with(corpus, "12 October 2011")
    when = When(date(2011, 10, 11), date(2011, 10, 13), Granularity.DAY, approximate=True)
    edit = set_edit(sydney, index, title="Fifth Ad Hoc Group meeting", when=when,
                    kind=Kind.MEETING, actors=["Ad Hoc Group", "UNHCR"],
                    status=Status.HAPPENED)
    applied = apply_edits(corpus, [edit], index)
    changed = next(e for e in applied.corpus.events if e.id == sydney.id)
    assert (changed.title, changed.when, changed.kind, changed.actors) == (
        "Fifth Ad Hoc Group meeting", when, Kind.MEETING, ("Ad Hoc Group", "UNHCR"))
    assert changed.mentions == sydney.mentions
    state = applied.state(sydney.id)
    assert state.edited and state.status is Status.HAPPENED and state.edits == (edit.id,)
    assert not applied.orphans


def test_set_leaves_fields_not_given_and_events_not_targeted(corpus: Corpus) -> None:
    index = CorpusIndex(corpus)
    sydney = event_with(corpus, "12 October 2011")
    applied = apply_edits(corpus, [set_edit(sydney, index, title="Renamed")], index)
    changed = next(e for e in applied.corpus.events if e.id == sydney.id)
    assert (changed.when, changed.kind, changed.actors) == (sydney.when, sydney.kind,
                                                            sydney.actors)
    others = [e for e in applied.corpus.events if e.id != sydney.id]
    assert all(any(e is o for o in corpus.events) for e in others)  # the same objects
    assert set(applied.states) == {sydney.id}


def test_a_new_date_moves_the_event_into_date_order(corpus: Corpus) -> None:
    index = CorpusIndex(corpus)
    workshop = event_with(corpus, "mid-2013")
    applied = apply_edits(corpus, [set_edit(workshop, index, when=day("2010-01-05"))], index)
    assert applied.corpus.events[0].id == workshop.id
    assert list(applied.corpus.events) == sorted(applied.corpus.events, key=event_order)


def test_hide_keeps_the_event_marked_and_show_brings_it_back(corpus: Corpus) -> None:
    index = CorpusIndex(corpus)
    bangkok = event_with(corpus, "5 June 2012")
    hide = hide_edit(bangkok, index)
    hidden = apply_edits(corpus, [hide], index)
    assert hidden.hidden == {bangkok.id}
    assert bangkok in hidden.corpus.events  # the filter can show it again
    assert not hidden.state(bangkok.id).edited
    show = show_edit(bangkok, index)
    shown = apply_edits(corpus, [hide, show], index)
    assert shown.hidden == frozenset()
    assert shown.state(bangkok.id).edits == (hide.id, show.id)


def test_note_and_star(corpus: Corpus) -> None:
    index = CorpusIndex(corpus)
    bangkok = event_with(corpus, "5 June 2012")
    edits = [note_edit(bangkok, index, "Check the date with the minutes."),
             star_edit(bangkok, index)]
    state = apply_edits(corpus, edits, index).state(bangkok.id)
    assert (state.note, state.starred, state.edited) == (
        "Check the date with the minutes.", True, False)
    edits += [star_edit(bangkok, index, on=False), note_edit(bangkok, index, "")]
    state = apply_edits(corpus, edits, index).state(bangkok.id)
    assert (state.note, state.starred) == ("", False)


def test_merge_joins_mentions_into_the_first_event(corpus: Corpus) -> None:
    index = CorpusIndex(corpus)
    sydney, bangkok = event_with(corpus, "12 October 2011"), event_with(corpus, "5 June 2012")
    edits = [star_edit(bangkok, index), merge_edit([sydney, bangkok], index)]
    applied = apply_edits(corpus, edits, index)
    ids = [e.id for e in applied.corpus.events]
    assert sydney.id in ids and bangkok.id not in ids
    merged = next(e for e in applied.corpus.events if e.id == sydney.id)
    assert (merged.title, merged.when) == (sydney.title, sydney.when)
    assert [m.text for m in merged.mentions] == ["12 October 2011", "5 June 2012"]
    assert set(merged.actors) == set(sydney.actors) | set(bangkok.actors)
    state = applied.state(sydney.id)
    assert state.edited and state.starred  # the star of the event merged in is kept
    assert state.edits == tuple(e.id for e in edits)
    assert bangkok.id not in applied.states


def test_edits_after_a_merge_reach_the_merged_event_through_either_passage(
        corpus: Corpus) -> None:
    index = CorpusIndex(corpus)
    sydney, bangkok = event_with(corpus, "12 October 2011"), event_with(corpus, "5 June 2012")
    merge = merge_edit([sydney, bangkok], index)
    # Made from the event as it was before the merge: its anchor is Bangkok's.
    rename = set_edit(bangkok, index, title="Two meetings")
    applied = apply_edits(corpus, [merge, rename], index)
    assert next(e for e in applied.corpus.events if e.id == sydney.id).title == "Two meetings"


def test_split_takes_one_mention_into_an_event_of_its_own(corpus: Corpus) -> None:
    index = CorpusIndex(corpus)
    conference = event_with(corpus, "29-30 March 2011", "a")
    assert len(conference.mentions) == 2
    taken = mention_at(conference, "b")
    edit = split_edit(taken, index)
    applied = apply_edits(corpus, [edit], index)
    held = [e for e in applied.corpus.events if any(m == taken for m in e.mentions)]
    assert len(held) == 1 and held[0].mentions == (taken,)
    assert held[0].id != conference.id and held[0].title == conference.title
    rest = next(e for e in applied.corpus.events if e.id == conference.id)
    assert rest.mentions == (mention_at(conference, "a"),)
    assert applied.state(held[0].id).edited and applied.state(conference.id).edited
    assert len(applied.corpus.events) == len(corpus.events) + 1


def test_split_of_a_lone_mention_changes_nothing(corpus: Corpus) -> None:
    index = CorpusIndex(corpus)
    bangkok = event_with(corpus, "5 June 2012")
    applied = apply_edits(corpus, [split_edit(bangkok.mentions[0], index)], index)
    assert applied.corpus.events == corpus.events
    assert not applied.state(bangkok.id).edited


def test_add_makes_an_event_from_the_selected_passage(corpus: Corpus) -> None:
    index = CorpusIndex(corpus)
    doc = corpus.document("b")
    phrase = "agreed the Regional Cooperation Framework"
    start = doc.text.index(phrase)
    when = day("2011-03-30")
    edit = add_edit("b", (start, start + len(phrase)), index, "Framework agreed", when,
                    Kind.AGREEMENT, status=Status.HAPPENED)
    applied = apply_edits(corpus, [edit], index)
    added = [e for e in applied.corpus.events if e.title == "Framework agreed"]
    assert len(added) == 1
    (mention,) = added[0].mentions
    assert (mention.document, mention.text, mention.sentence) == (
        "b", phrase, (start, start + len(phrase)))
    assert (added[0].when, added[0].kind) == (when, Kind.AGREEMENT)
    assert applied.state(added[0].id).status is Status.HAPPENED
    # The added event can be edited like any other.
    rename = set_edit(added[0], index, title="Framework adopted")
    again = apply_edits(corpus, [edit, rename], index)
    assert [e.id for e in again.corpus.events if e.title == "Framework adopted"] == [added[0].id]


def test_edits_that_cannot_be_made_are_refused(corpus: Corpus) -> None:
    index = CorpusIndex(corpus)
    bangkok = event_with(corpus, "5 June 2012")
    with pytest.raises(EditError, match="two or more"):
        merge_edit([bangkok, bangkok], index)
    with pytest.raises(EditError, match="select"):
        add_edit("b", (10, 10), index, "Nothing", day("2012-01-01"))
    with pytest.raises(EditError, match="title"):
        set_edit(bangkok, index, title="  ")
    with pytest.raises(EditError, match="nothing to change"):
        new_edit(EditKind.SET, [index.anchor(bangkok.mentions[0])])


# ------------------------------------------------------- undo and redo
def edit_steps(corpus: Corpus, index: CorpusIndex) -> list:
    """Edits made one at a time from the collection as it stands after the
    ones before, as the window makes them."""
    def current(edits: list) -> Corpus:
        return apply_edits(corpus, edits, index).corpus

    edits: list = []
    steps = [
        lambda c: set_edit(event_with(c, "12 October 2011"), index, title="AHG meeting"),
        lambda c: star_edit(event_with(c, "12 October 2011"), index),
        lambda c: split_edit(mention_at(event_with(c, "29-30 March 2011", "b"), "b"), index),
        lambda c: merge_edit([event_with(c, "12 October 2011"), event_with(c, "5 June 2012")],
                             index),
        lambda c: hide_edit(event_with(c, "mid-2013"), index),
        lambda c: note_edit(event_with(c, "5 June 2012"), index, "two meetings?"),
        lambda c: set_edit(event_with(c, "mid-2013"), index, when=day("2013-06-01"),
                           status=Status.PLANNED),
        lambda c: show_edit(event_with(c, "mid-2013"), index),
    ]
    for make in steps:
        edits.append(make(current(edits)))
    return edits


def test_applying_a_prefix_gives_exactly_the_state_before_the_later_edits(
        corpus: Corpus) -> None:
    index = CorpusIndex(corpus)
    edits = edit_steps(corpus, index)
    states = [apply_edits(corpus, edits[:k], CorpusIndex(corpus)) for k in range(len(edits) + 1)]
    assert states[0].corpus == corpus and not states[0].states
    assert len({repr(s) for s in states}) == len(states)  # each edit changed something
    # Undo all the way back and redo all the way forward, with the index kept.
    for k in [*range(len(edits), -1, -1), *range(len(edits) + 1)]:
        assert apply_edits(corpus, edits[:k], index) == states[k]


# ------------------------------------------------------------ records
def test_edits_go_to_json_and_back_unchanged(corpus: Corpus) -> None:
    index = CorpusIndex(corpus)
    edits = edit_steps(corpus, index)
    edits.append(add_edit("a", (0, 9), index, "Opening", day("2011-01-01"), Kind.LAUNCH,
                          ["Co-Chairs"], Status.PLANNED))
    text = json.dumps([e.to_json() for e in edits])
    again = [Edit.from_json(d) for d in json.loads(text)]
    assert again == edits
    assert {e.kind for e in again} == set(EditKind)  # every kind is in the list


def test_an_anchor_holds_its_passage_and_the_hash_of_its_document(corpus: Corpus) -> None:
    doc = corpus.document("a")
    mention = event_with(corpus, "mid-2013").mentions[0]
    anchor = anchor_of(mention, corpus)
    assert anchor == anchor_of(mention, CorpusIndex(corpus)) == anchor_of(
        mention, {"a": doc})
    assert (anchor.doc_hash, anchor.span, anchor.path, anchor.text) == (
        text_hash(doc.text), mention.span, doc.path, "mid-2013")
    assert doc.text[:mention.span[0]].endswith(anchor.before)
    assert doc.text[mention.span[1]:].startswith(anchor.after)


# ------------------------------------------------------- re-extraction
def test_a_new_extraction_keeps_edits_whose_passage_remains_and_lists_the_others(
        tmp_path: Path) -> None:
    folder = write(tmp_path / "docs", a=STATEMENT, b=REPORT)
    before = extract_corpus([folder])
    index = CorpusIndex(before)
    edits = [set_edit(event_with(before, "12 October 2011"), index, title="AHG meeting"),
             star_edit(event_with(before, "mid-2013"), index),
             hide_edit(event_with(before, "5 June 2012"), index)]
    # A paragraph is put before everything in a.txt; b.txt loses its Bangkok sentence.
    write(folder, a=STATEMENT.replace("Statement of the Co-Chairs\n",
                                      "Statement of the Co-Chairs\n\nAdded preamble.\n"),
          b=REPORT.split(" A workshop")[0] + "\n")
    after = extract_corpus([folder])
    applied = apply_edits(after, edits)
    sydney = event_with(after, "12 October 2011")
    assert next(e for e in applied.corpus.events if e.id == sydney.id).title == "AHG meeting"
    assert applied.state(event_with(after, "mid-2013").id).starred
    assert [o.edit for o in applied.orphans] == [edits[2]]
    assert "5 June 2012" in applied.orphans[0].reason and "b.txt" in applied.orphans[0].reason


def test_a_document_gone_makes_its_edits_orphans_and_a_moved_one_keeps_them(
        tmp_path: Path) -> None:
    folder = write(tmp_path / "docs", a=STATEMENT, b=REPORT)
    before = extract_corpus([folder])
    index = CorpusIndex(before)
    edits = [note_edit(event_with(before, "mid-2013"), index, "in a"),
             note_edit(event_with(before, "5 June 2012"), index, "in b")]
    (folder / "a.txt").rename(folder / "renamed.txt")
    (folder / "b.txt").unlink()
    after = extract_corpus([folder])
    applied = apply_edits(after, edits)
    assert applied.state(event_with(after, "mid-2013").id).note == "in a"
    assert [(o.edit, o.reason) for o in applied.orphans] == [
        (edits[1], "b.txt is no longer in the collection")]


def test_an_event_joined_by_a_new_extraction_keeps_the_edit_of_either_part(
        tmp_path: Path) -> None:
    folder = write(tmp_path / "docs", a=STATEMENT, b=REPORT)
    before = extract_corpus([folder])
    index = CorpusIndex(before)
    conference = event_with(before, "29-30 March 2011", "a")
    edits = [split_edit(mention_at(conference, "b"), index)]
    split = apply_edits(before, edits, index).corpus
    part = event_with(split, "29-30 March 2011", "b")
    edits.append(set_edit(part, index, title="Conference as the report tells it"))
    applied = apply_edits(before, edits, index)
    assert event_with(applied.corpus, "29-30 March 2011", "b").title == (
        "Conference as the report tells it")
    assert event_with(applied.corpus, "29-30 March 2011", "a").title == conference.title


# ------------------------------------------------- finding a passage again
def anchor_in(text: str, passage: str, occurrence: int = 0) -> Anchor:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(passage, start + 1)
    doc = Document("d", "/docs/d.txt", "D", None, text)
    return passage_anchor(doc, (start, start + len(passage)))


def test_a_passage_moved_by_an_insertion_is_found_where_it_went() -> None:
    old = "Intro. The summit met on 4 May 2010 in Jakarta. Close."
    anchor = anchor_in(old, "4 May 2010")
    new = "A new first paragraph.\n\n" + old
    span = relocate(new, anchor)
    assert span is not None and new[span[0]:span[1]] == "4 May 2010"
    assert span[0] == anchor.span[0] + len("A new first paragraph.\n\n")


def test_a_repeated_passage_is_told_apart_by_what_surrounds_it() -> None:
    old = ("The first review took place in 2012 in Bangkok. "
           "The second review took place in 2012 in Manila.")
    anchor = anchor_in(old, "2012", occurrence=1)  # the Manila one
    new = "Preface added. " + old.replace("second review", "later review")
    span = relocate(new, anchor)
    assert span is not None and new[span[1]:].startswith(" in Manila")


def test_a_repeated_passage_whose_surroundings_changed_is_not_guessed() -> None:
    old = "Talks in 2012 went well. More talks in 2012 went badly."
    anchor = anchor_in(old, "2012", occurrence=1)
    assert relocate("Totally new words in 2012 and once more in 2012 here.", anchor) is None
    # Found when the bare text occurs once, whatever surrounds it.
    assert relocate("Only one mention of 2012 now.", anchor) is not None
    assert relocate("No such year here.", anchor) is None


def test_a_passage_is_found_in_a_copy_of_its_document_under_another_path() -> None:
    text = "Talks were held on 3 March 2009 in Bali."
    doc = Document("d", "/old/place.txt", "D", None, text)
    anchor = passage_anchor(doc, (19, 31))
    moved = Corpus(documents=(Document("x", "/new/place.txt", "D", None, text),))
    where = CorpusIndex(moved).locate(anchor)
    assert where == ("x", (19, 31))


def test_a_passage_found_where_the_mention_now_reads_wider_targets_that_mention() -> None:
    text = "Ministers met on 29-30 March 2011 in Bali."
    doc = Document("d", "/docs/d.txt", "D", None, text)
    narrow = Mention("d", (23, 33), "March 2011", When(date(2011, 3, 1), date(2011, 3, 31),
                                                        Granularity.MONTH), (0, len(text)))
    wide = Mention("d", (17, 33), "29-30 March 2011", day("2011-03-29"), (0, len(text)))
    old_event = Event("e1", "Ministers met", Kind.MEETING, (), narrow.when, (narrow,))
    new_event = Event("e2", "Ministers met", Kind.MEETING, (), wide.when, (wide,))
    old = Corpus((doc,), (old_event,))
    edit = set_edit(old_event, CorpusIndex(old), title="Bali ministerial")
    applied = apply_edits(Corpus((doc,), (new_event,)), [edit])
    assert applied.corpus.events[0].title == "Bali ministerial" and not applied.orphans


def test_a_merge_missing_one_of_its_events_is_done_in_part_and_listed(
        tmp_path: Path) -> None:
    folder = write(tmp_path / "docs", a=STATEMENT, b=REPORT)
    before = extract_corpus([folder])
    index = CorpusIndex(before)
    trio = [event_with(before, t) for t in ("12 October 2011", "mid-2013", "5 June 2012")]
    edits = [merge_edit(trio, index)]
    write(folder, b=REPORT.split(" A workshop")[0] + "\n")
    after = extract_corpus([folder])
    applied = apply_edits(after, edits)
    merged = next(e for e in applied.corpus.events if e.id == trio[0].id)
    assert [m.text for m in merged.mentions] == ["12 October 2011", "mid-2013"]
    assert len(applied.orphans) == 1 and applied.orphans[0].applied


def test_edits_follow_a_collection_moved_to_another_folder_even_where_it_changed(
        tmp_path: Path) -> None:
    before = extract_corpus([write(tmp_path / "mine", a=STATEMENT, b=REPORT)])
    index = CorpusIndex(before)
    edits = [note_edit(event_with(before, "mid-2013"), index, "in a"),
             note_edit(event_with(before, "5 June 2012"), index, "in b")]
    after = extract_corpus([write(tmp_path / "theirs", a=STATEMENT,
                                  b="Foreword by the editor.\n\n" + REPORT)])
    applied = apply_edits(after, edits)
    assert not applied.orphans
    assert applied.state(event_with(after, "5 June 2012").id).note == "in b"
    assert applied.state(event_with(after, "mid-2013").id).note == "in a"

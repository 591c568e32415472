"""Editing in the window: every edit kind through the session and the
window's commands, undo and redo restoring exactly, hidden events, marks
in the table and on the canvas, the context menu, the edit dialog."""

from __future__ import annotations

import dataclasses
from datetime import date

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from timeline.edits import EditKind, Status, apply_edits, hide_edit, star_edit
from timeline.gui import editing
from timeline.gui.edit_dialog import EventDialog, EventFields, read_date
from timeline.gui.editing import EditSession
from timeline.gui.table_order import TITLE
from timeline.model import Granularity, Kind, When


def _event(window, n: int):
    return window.controller.corpus.events[n]


def _select(window, event):
    window.controller.select(event)
    assert window.controller.selected is event
    return event


def _title_cell(window, event_id: str) -> str:
    model = window.table.source_model
    return model.data(model.index(model.row_of(event_id), TITLE))


def _select_text(window, start: int, end: int) -> None:
    """Select document offsets ``start``-``end`` in the detail pane's passage."""
    view = window.detail.source
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def _merged_pair(window):
    """Two events of the same document, the second nearest in time to the first."""
    events = window.controller.corpus.events
    first = events[0]
    return first, editing.merge_candidates(window.controller.corpus, first)[0]


# ------------------------------------------------------------------ session
def test_every_edit_kind_undone_and_redone_restores_exactly(window, seeds_corpus):
    session, stack = window.edit_session, window.edit_session.undo_stack
    a = _select(window, _event(window, 2))
    editing.edit_event(window, dataclasses.replace(
        editing.fields_of(window, a), title="Workshop, corrected", kind=Kind.CONFERENCE,
        when=read_date("mid-2013"), actors=("Alpha", "Beta"), status=Status.PLANNED,
        note="checked against the minutes"))
    assert editing.toggle_star(window)
    assert editing.toggle_hidden(window)
    b, c = _merged_pair(window)
    _select(window, window.controller.event_by_id(b.id))
    assert editing.merge_with(window, c.id)
    merged = window.controller.event_by_id(b.id)
    assert len(merged.mentions) == len(b.mentions) + len(c.mentions)
    window.detail.show_event(merged, len(merged.mentions) - 1)
    assert editing.split_mention(window)
    d = _select(window, _event(window, 5))
    span = d.mentions[0].sentence
    window.detail.show_event(d)
    _select_text(window, span[0], span[1])
    assert editing.add_from_selection(window, EventFields(
        "Added by hand", read_date("29-30 March 2011"), Kind.MEETING, ("Gamma",), None,
        "a note"))
    assert window.controller.selected.title == "Added by hand"
    kinds = [e.kind for e in session.edits()]
    assert set(kinds) == set(EditKind) - {EditKind.SHOW}
    edited = window.controller.corpus.events
    states = dict(session.states())
    assert edited != seeds_corpus.events

    while stack.canUndo():
        window.acts["undo"].trigger()
    assert window.controller.corpus.events == seeds_corpus.events
    assert session.edits() == [] and session.states() == {}
    assert len(window.controller.shown) == len(seeds_corpus.events)
    while stack.canRedo():
        window.acts["redo"].trigger()
    assert window.controller.corpus.events == edited
    assert dict(session.states()) == states
    # What is shown is exactly the edits applied to the extraction.
    assert apply_edits(seeds_corpus, session.edits()).corpus.events == edited


def test_set_base_keeps_or_clears_the_history(qtbot, seeds_corpus):
    session = EditSession()
    seen = []
    session.changed.connect(lambda: seen.append(session.fresh))
    session.set_base(seeds_corpus)
    event = seeds_corpus.events[0]
    star = star_edit(event, session.index)
    session.push(star, "Star event")
    assert session.edits() == [star] and not session.is_clean()
    session.set_clean()
    assert session.is_clean()
    # A refresh of the same collection: edits and history stay.
    session.set_base(seeds_corpus, session.edits(), keep_undo=True)
    assert session.edits() == [star] and session.undo_stack.canUndo()
    session.undo_stack.undo()
    assert session.edits() == [] and session.applied().states == {}
    session.undo_stack.redo()
    # An opened project: its edits in force, no history.
    hide = hide_edit(seeds_corpus.events[1], session.index)
    session.set_base(seeds_corpus, [star, hide])
    assert session.edits() == [star, hide] and not session.undo_stack.canUndo()
    assert session.applied().hidden == {seeds_corpus.events[1].id}
    assert session.states()[event.id].starred
    assert seen == [True, False, False, False, False, True]
    # Pushing after an undo drops what was undone.
    session.push(hide_edit(event, session.index), "Hide event")
    session.undo_stack.undo()
    session.push(star_edit(event, session.index, False), "Unstar event")
    assert [e.kind for e in session.edits()] == [EditKind.STAR, EditKind.HIDE, EditKind.STAR]
    assert not session.undo_stack.canRedo()


# ----------------------------------------------------------------- window
def test_hidden_events_leave_the_views_unless_asked_for(window):
    event = _select(window, _event(window, 4))
    total = len(window.controller.shown)
    editing.toggle_hidden(window)
    assert event.id not in {e.id for e in window.controller.shown}
    assert window.table.source_model.row_of(event.id) < 0
    assert len(window.controller.shown) == total - 1
    assert window.acts["toggle_hidden"].text().replace("&", "") == "Show Event"
    window.acts["show_hidden"].trigger()
    assert window.controller.filters.show_hidden
    position = window.controller.position(window.controller.event_by_id(event.id))
    assert position >= 0 and window.canvas.item.faded[position]
    assert int(window.canvas.item.faded.sum()) == 1
    assert "⊘" in _title_cell(window, event.id)
    window.acts["show_hidden"].trigger()
    assert len(window.controller.shown) == total - 1
    window.acts["show_hidden"].trigger()  # to take it back: shown, selected, Show Event
    _select(window, window.controller.event_by_id(event.id))
    window.acts["toggle_hidden"].trigger()
    window.acts["show_hidden"].trigger()
    assert not window.controller.filters.show_hidden
    assert len(window.controller.shown) == total


def test_edited_and_starred_events_are_marked(window):
    plain, starred, edited = (_event(window, n) for n in (1, 6, 9))
    _select(window, starred)
    window.acts["toggle_star"].trigger()
    assert window.acts["toggle_star"].isChecked()
    _select(window, edited)
    editing.edit_event(window, dataclasses.replace(editing.fields_of(window, edited),
                                                   actors=("Someone",)))
    marked = window.canvas.item.marked
    assert len(marked) == len(window.controller.shown)
    c = window.controller
    positions = {e.id: c.position(c.event_by_id(e.id)) for e in (plain, starred, edited)}
    assert marked[positions[starred.id]] and marked[positions[edited.id]]
    assert not marked[positions[plain.id]] and int(marked.sum()) == 2
    assert _title_cell(window, starred.id).startswith("★ ")
    assert _title_cell(window, edited.id).startswith("✎ ")
    assert _title_cell(window, plain.id) == " ".join(plain.title.split())
    # Sorting by title still goes by the titles alone.
    window.table.sortByColumn(TITLE, Qt.SortOrder.AscendingOrder)
    model = window.table.source_model
    titles = [model.columns.titles[model.position_at(r)] for r in range(model.rowCount())]
    assert titles == sorted(titles, key=lambda t: t.lower()) or titles == sorted(titles)
    window.canvas.view.repaint()  # the marks are drawn without error


def test_only_changed_fields_make_the_edit_and_the_note_shows(window):
    event = _select(window, _event(window, 3))
    before = editing.fields_of(window, event)
    editing.edit_event(window, dataclasses.replace(before, title="Renamed"))
    (edit,) = window.edit_session.edits()
    assert edit.kind is EditKind.SET
    assert edit.payload.title == "Renamed"
    assert edit.payload.when is None and edit.payload.kind is None
    assert edit.payload.actors is None and edit.payload.status is None
    editing.edit_note(window, "Seen in the minutes too")
    assert "Seen in the minutes too" in window.detail.header.text()
    assert not editing.edit_event(window, editing.fields_of(window, window.controller.selected))


def test_right_click_on_an_event_offers_its_edits(qtbot, window):
    c = window.controller
    drawn = window.canvas.drawn_events()
    position = int(drawn[len(drawn) // 2])
    pixel = window.canvas.event_point(position)
    with qtbot.waitSignal(window.canvas.eventMenuRequested) as signal:
        window.canvas._on_context_menu(pixel)
    assert signal.args[0] == position
    menu = editing.event_menu(window, c.shown[position])
    assert c.selected is c.shown[position]
    texts = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    for wanted in ("Edit Event…", "Hide Event", "Star", "Note…", "Merge With…",
                   "Copy as Citation"):
        assert wanted in texts
    assert all(a.isEnabled() for a in menu.actions() if not a.isSeparator())
    # The window opens it where the mouse is (a popup: nothing blocks).
    c.select(None)
    window._on_canvas_menu(position, window.canvas.mapToGlobal(pixel))
    assert window.event_menu.isVisible() and c.selected is c.shown[position]
    window.event_menu.close()
    # And on a row of the table.
    row = 2
    point = window.table.visualRect(window.table.source_model.index(row, TITLE)).center()
    window._on_table_menu(point)
    assert c.selected.id == window.table.id_at_row(row)
    window.event_menu.close()


def test_split_is_offered_only_on_a_merged_event(window):
    first, other = _merged_pair(window)
    assert "Split Mention Out" not in [a.text().replace("&", "") for a in
                                       editing.event_menu(window, first).actions()]
    editing.merge_with(window, other.id)
    merged = window.controller.selected
    assert len(merged.mentions) >= 2 and window.detail.split_button.isVisible()
    menu = editing.event_menu(window, merged)
    assert "Split Mention Out" in [a.text().replace("&", "") for a in menu.actions()]
    window.detail.show_event(merged, 1)
    assert editing.split_mention(window)
    assert len(window.controller.event_by_id(first.id).mentions) == len(merged.mentions) - 1


def test_add_from_selection_prefills_from_the_passage(window):
    event = _select(window, _event(window, 0))
    mention = event.mentions[0]
    _select_text(window, *mention.sentence)
    assert window.acts["add_from_selection"].isEnabled()
    doc_id, span, text = window.detail.selection()
    assert doc_id == mention.document and span == mention.sentence
    start, written = editing.prefill(text, event, date(2011, 1, 1))
    assert start.title.split()[0] == text.split()[0]
    assert written in " ".join(text.split()) and start.when == read_date(written)
    start, written = editing.prefill("no date here at all", event)
    assert start.when == event.when and start.title == "no date here at all"


# ------------------------------------------------------------------ dialog
def test_the_dialog_reads_dates_as_written_and_keeps_unreadable_text(qtbot):
    when = When(date(2011, 3, 29), date(2011, 3, 30), Granularity.DAY)
    fields = EventFields("Bali meeting", when, Kind.MEETING, ("Bali Process",))
    dialog = EventDialog(fields)
    qtbot.addWidget(dialog)
    assert dialog.fields() == fields  # nothing touched, nothing changed
    assert "29–30 March 2011 (day)" in dialog.reading.text()
    dialog.date.setText("mid-2013")
    dialog.date.textEdited.emit("mid-2013")
    assert dialog.approximate.isChecked() and "2013" in dialog.reading.text()
    dialog.date.setText("32 Smarch 2011")
    dialog.date.textEdited.emit("32 Smarch 2011")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.date_problem and dialog.date.text() == "32 Smarch 2011"
    assert dialog.fields() is None
    dialog.date.setText("about May 2010")
    dialog.date.textEdited.emit("about May 2010")
    dialog.planned.setChecked(True)
    dialog.actors.setText("Bali Process, Australia, ")
    answer = dialog.fields()
    assert answer.when.start == date(2010, 5, 1) and answer.when.approximate
    assert answer.changed(fields) == {"when": answer.when, "actors": ("Bali Process",
                                                                      "Australia"),
                                      "status": Status.PLANNED}
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted


@pytest.mark.parametrize("text, days, granularity", [
    ("29-30 March 2011", (date(2011, 3, 29), date(2011, 3, 30)), Granularity.DAY),
    ("March 2011", (date(2011, 3, 1), date(2011, 3, 31)), Granularity.MONTH),
    ("2013-05-04", (date(2013, 5, 4), date(2013, 5, 4)), Granularity.DAY),
])
def test_dates_typed_as_written(text, days, granularity):
    when = read_date(text)
    assert (when.start, when.end, when.granularity) == (*days, granularity)


def test_mark_arrays_follow_the_shown_events(window):
    c = window.controller
    event = c.shown[3]
    session = window.edit_session
    session.push(star_edit(c.event_by_id(event.id), session.index), "Star event")
    marked, faded = editing.mark_arrays(c.columns, c.shown_indices, session.states())
    assert np.flatnonzero(marked).tolist() == [c.position(c.event_by_id(event.id))]
    assert not faded.any()

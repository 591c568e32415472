"""The user's edits in the window: an :class:`EditSession` keeping the
collection as extracted and the edits in force, with undo and redo.

The session never changes the extracted collection: what is shown is
always ``apply_edits(base, edits)`` (see :mod:`timeline.edits`), so undo
and redo are moving along a list of edits and applying it again, with one
:class:`~timeline.edits.CorpusIndex` kept per extraction so that costs
only the edits. Each undo step is a command on a :class:`QUndoStack`
holding the edits it made (one, or several for a dialog that changed the
fields and the note at once); the edits in force are those given with the
collection (an opened project's) followed by the commands done so far.

Below the session, the window's edit commands (Edit ▸ Edit Event…, Hide,
Star, Note…, Merge With…, Split Mention Out, Add Event from Selection…,
the context menu on events) and the marks the views draw. Each command
takes the answer its dialog would give as an argument, so tests drive it
without a modal dialog.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QDialog, QInputDialog, QMenu

from timeline.edits import (
    UNTOUCHED,
    Applied,
    CorpusIndex,
    Edit,
    EditError,
    EditKind,
    EventState,
    Payload,
    add_edit,
    apply_edits,
    hide_edit,
    merge_edit,
    new_edit,
    note_edit,
    set_edit,
    show_edit,
    split_edit,
    star_edit,
)
from timeline.gui.columns import CorpusColumns
from timeline.gui.display import qt_safe
from timeline.gui.edit_dialog import EventDialog, EventFields
from timeline.gui.wording import when_words
from timeline.model import Corpus, Event, Granularity, Kind, When

if TYPE_CHECKING:
    from timeline.gui.main_window import MainWindow

MERGE_CHOICES = 40
"""Events offered by Merge With…: those nearest in time to the selected one."""
TITLE_WORDS = 8
"""Words of a selection that make a new event's first title."""


class _EditCommand(QUndoCommand):
    """One undo step: the edits it made and its place on the stack (the
    number of steps in force once it is done)."""

    def __init__(self, session: EditSession, edits: tuple[Edit, ...], text: str,
                 place: int) -> None:
        super().__init__(text)
        self.session = session
        self.edits = edits
        self.place = place

    def redo(self) -> None:
        self.session._set_done(self.place + 1)

    def undo(self) -> None:
        self.session._set_done(self.place)


class EditSession(QObject):
    """The extracted collection (``base``), the edits in force and their
    undo history; ``changed`` fires whenever the edits in force change."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.base = Corpus()
        self._index: CorpusIndex | None = None
        self._given: tuple[Edit, ...] = ()  # in force before any step on the stack
        self._steps: list[_EditCommand] = []  # the stack's commands, in order
        self._done = 0  # how many of them are in force
        self._applied: Applied | None = None
        self._fresh = False

    # ---------------------------------------------------------------- reading
    def edits(self) -> list[Edit]:
        """The edits in force, in order."""
        found = list(self._given)
        for step in self._steps[:self._done]:
            found.extend(step.edits)
        return found

    def applied(self) -> Applied | None:
        """The last result of :func:`~timeline.edits.apply_edits`."""
        return self._applied

    def states(self) -> Mapping[str, EventState]:
        """Each touched event's state, by event id."""
        return self._applied.states if self._applied is not None else {}

    @property
    def index(self) -> CorpusIndex:
        """The look-ups over :attr:`base` the edits are made and applied with."""
        if self._index is None or self._index.corpus is not self.base:
            self._index = CorpusIndex(self.base)
        return self._index

    @property
    def fresh(self) -> bool:
        """True while ``changed`` is announcing a new collection (a
        :meth:`set_base` without ``keep_undo``): the view starts afresh."""
        return self._fresh

    def is_clean(self) -> bool:
        return self.undo_stack.isClean()

    def set_clean(self) -> None:
        self.undo_stack.setClean()

    # ---------------------------------------------------------------- changes
    def set_base(self, corpus: Corpus, edits: Sequence[Edit] = (),
                 keep_undo: bool = False) -> None:
        """Show ``corpus`` (as extracted) with ``edits`` applied. Without
        ``keep_undo`` the history is cleared (another collection, an opened
        project). With it (the same collection read again) the history
        stays when ``edits`` ends with the steps done so far, as
        :meth:`edits` gives them; other edits clear it."""
        done = [e for step in self._steps[:self._done] for e in step.edits]
        edits = tuple(edits)
        keep = keep_undo and (not done or edits[len(edits) - len(done):] == tuple(done))
        self.base = corpus
        if keep:
            self._given = edits[:len(edits) - len(done)]
        else:
            self._clear_history()
            self._given = edits
        self._fresh = not keep_undo
        try:
            self._apply()
        finally:
            self._fresh = False

    def push(self, edit: Edit, text: str) -> None:
        """Make ``edit`` an undo step named ``text`` ("Hide event")."""
        self.push_all((edit,), text)

    def push_all(self, edits: Sequence[Edit], text: str) -> None:
        """Make ``edits`` one undo step named ``text``."""
        if not edits:
            return
        # Pushing drops the steps that were undone, as the stack does.
        del self._steps[self._done:]
        step = _EditCommand(self, tuple(edits), text, self._done)
        self._steps.append(step)
        self.undo_stack.push(step)  # runs step.redo()

    def _clear_history(self) -> None:
        self.undo_stack.clear()  # undoes nothing: the steps are simply dropped
        self._steps = []
        self._done = 0

    def _set_done(self, done: int) -> None:
        self._done = done
        self._apply()

    def _apply(self) -> None:
        self._applied = apply_edits(self.base, self.edits(), self.index)
        self.changed.emit()


# ------------------------------------------------------------ the window's
def selected(w: MainWindow) -> Event | None:
    return w.controller.selected


def state_of(w: MainWindow, event: Event) -> EventState:
    return w.edit_session.states().get(event.id, UNTOUCHED)


def fields_of(w: MainWindow, event: Event) -> EventFields:
    """What the Edit Event dialog starts from for ``event``."""
    state = state_of(w, event)
    return EventFields(event.title, event.when, event.kind, tuple(event.actors),
                       state.status, state.note)


def _refused(w: MainWindow, error: EditError) -> bool:
    w.statusBar().showMessage(str(error), 6000)
    return False


def edit_event(w: MainWindow, answer: EventFields | None = None) -> bool:
    """Edit ▸ Edit Event…: change the selected event's fields and note (one
    undo step). ``answer`` stands for what the dialog would give."""
    event = selected(w)
    if event is None:
        return False
    before = fields_of(w, event)
    if answer is None:
        dialog = EventDialog(before, w)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.fields() is None:
            return False
        answer = dialog.fields()
    session = w.edit_session
    edits = []
    try:
        changes = answer.changed(before)
        if changes:
            edits.append(set_edit(event, session.index, **changes))
        if answer.note != before.note:
            edits.append(note_edit(event, session.index, answer.note))
    except EditError as error:
        return _refused(w, error)
    session.push_all(edits, "Edit event" if changes else "Note")
    return bool(edits)


def toggle_hidden(w: MainWindow) -> bool:
    """Edit ▸ Hide Event / Show Event: the selected event is (not) an event."""
    event = selected(w)
    if event is None:
        return False
    session = w.edit_session
    if state_of(w, event).hidden:
        session.push(show_edit(event, session.index), "Show event")
    else:
        session.push(hide_edit(event, session.index), "Hide event")
    return True


def toggle_star(w: MainWindow) -> bool:
    """Edit ▸ Star: star the selected event, or take its star off."""
    event = selected(w)
    if event is None:
        return False
    on = not state_of(w, event).starred
    w.edit_session.push(star_edit(event, w.edit_session.index, on),
                        "Star event" if on else "Unstar event")
    return True


def edit_note(w: MainWindow, text: str | None = None) -> bool:
    """Edit ▸ Note…: the selected event's note (empty: none). ``text``
    stands for what the dialog would give."""
    event = selected(w)
    if event is None:
        return False
    old = state_of(w, event).note
    if text is None:
        text, ok = QInputDialog.getMultiLineText(w, "Note", "A note on this event:", old)
        if not ok:
            return False
    text = text.strip()
    if text == old:
        return False
    w.edit_session.push(note_edit(event, w.edit_session.index, text),
                        "Note" if text else "Remove note")
    return True


def merge_candidates(corpus: Corpus, event: Event, most: int = MERGE_CHOICES) -> list[Event]:
    """The events nearest in time to ``event``, nearest first."""
    day = event.when.midpoint.toordinal()
    others = [e for e in corpus.events if e.id != event.id]
    others.sort(key=lambda e: (abs(e.when.midpoint.toordinal() - day), e.title))
    return others[:most]


def merge_with(w: MainWindow, other_id: str | None = None) -> bool:
    """Edit ▸ Merge With…: merge another event into the selected one (which
    keeps its title and date). ``other_id`` stands for the event chosen
    from the list of those nearest in time."""
    event = selected(w)
    if event is None:
        return False
    if other_id is None:
        choices = merge_candidates(w.controller.corpus, event)
        if not choices:
            return False
        names = [qt_safe(f"{when_words(e.when)} — {' '.join(e.title.split())}")
                 for e in choices]
        name, ok = QInputDialog.getItem(
            w, "Merge with", f"Merge into “{qt_safe(' '.join(event.title.split()))}”:",
            names, 0, False)
        if not ok or name not in names:
            return False
        other_id = choices[names.index(name)].id
    other = w.controller.event_by_id(other_id)
    if other is None:
        return False
    try:
        edit = merge_edit([event, other], w.edit_session.index)
    except EditError as error:
        return _refused(w, error)
    w.edit_session.push(edit, "Merge events")
    return True


def split_mention(w: MainWindow) -> bool:
    """Split Mention Out: the mention the detail pane shows leaves its
    merged event for an event of its own."""
    event = w.detail.current
    if event is None or len(event.mentions) < 2:
        return False
    mention = event.mentions[w.detail.mention_index]
    w.edit_session.push(split_edit(mention, w.edit_session.index), "Split mention out")
    return True


def add_from_selection(w: MainWindow, answer: EventFields | None = None) -> bool:
    """Add Event from Selection…: a new event whose source passage is the
    text selected in the detail pane; the dialog starts from the
    selection's first words and the date it holds. ``answer`` stands for
    what the dialog would give."""
    found = w.detail.selection()
    if found is None:
        w.statusBar().showMessage("Select the passage the event comes from in the "
                                  "detail pane first.", 6000)
        return False
    doc_id, span, text = found
    if answer is None:
        document = next((d for d in w.controller.corpus.documents if d.id == doc_id), None)
        start, date_text = prefill(text, w.detail.current,
                                   document.date if document is not None else None)
        dialog = EventDialog(start, w, "Add event", date_text=date_text)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.fields() is None:
            return False
        answer = dialog.fields()
    session = w.edit_session
    try:
        edit = add_edit(doc_id, span, session.index, answer.title, answer.when,
                        answer.kind, answer.actors, answer.status)
    except EditError as error:
        return _refused(w, error)
    edits = [edit]
    if answer.note:  # on the new event's passage: the same undo step
        edits.append(new_edit(EditKind.NOTE, edit.anchors, Payload(note=answer.note)))
    session.push_all(edits, "Add event")
    made = next((i for i, s in session.states().items() if edit.id in s.edits), None)
    if made is not None:
        w.controller.select(w.controller.event_by_id(made))
    return True


def prefill(text: str, near: Event | None,
            reference: date | None = None) -> tuple[EventFields, str]:
    """A new event's first fields from a selected passage, and the date
    box's first text: the passage's first words as the title, its first
    date as written (relative dates read from ``reference``, the
    document's date), else the date of the event shown."""
    from timeline.dates.temporal import find_times  # only when adding an event

    words = text.split()
    title = " ".join(words[:TITLE_WORDS]) + ("…" if len(words) > TITLE_WORDS else "")
    found = [m for m in find_times(text, reference or date.today()) if m.when is not None]
    if found:
        when, written = found[0].when, " ".join(found[0].text.split())
    else:
        today = date.today()
        when = near.when if near is not None else When(today, today, Granularity.DAY)
        written = when_words(when)
    kind = near.kind if near is not None else Kind.OTHER
    return EventFields(title, when, kind), written


# ---------------------------------------------------------------- the menu
EVENT_ACTIONS = ("edit_event", "toggle_hidden", "toggle_star", "edit_note", "merge_with",
                 "split_mention", None, "open_source", "copy_citation")


def update_actions(w: MainWindow) -> None:
    """The edit actions' texts and whether they apply, for the selection."""
    event = selected(w)
    state = state_of(w, event) if event is not None else UNTOUCHED
    acts = w.acts
    for name in ("edit_event", "toggle_hidden", "toggle_star", "edit_note", "merge_with"):
        acts[name].setEnabled(event is not None)
    acts["toggle_hidden"].setText("S&how Event" if state.hidden else "&Hide Event")
    acts["toggle_star"].setChecked(state.starred)
    shown = w.detail.current
    acts["split_mention"].setEnabled(shown is not None and len(shown.mentions) > 1)
    acts["add_from_selection"].setEnabled(w.detail.selection() is not None)


def event_menu(w: MainWindow, event: Event) -> QMenu:
    """The context menu of ``event`` (selected first), not yet shown."""
    w.controller.select(event)
    update_actions(w)
    menu = QMenu(w)
    for name in EVENT_ACTIONS:
        if name is None:
            menu.addSeparator()
        elif name != "split_mention" or w.acts[name].isEnabled():
            menu.addAction(w.acts[name])
    return menu


def popup_event_menu(w: MainWindow, event: Event | None, at: QPoint) -> QMenu | None:
    """Right-click on an event: its menu at ``at`` (global pixels)."""
    if event is None:
        return None
    menu = event_menu(w, event)
    menu.popup(at)
    w.event_menu = menu  # kept while it is open
    return menu


# ------------------------------------------------------------------- marks
def mark_arrays(columns: CorpusColumns, shown: np.ndarray,
                states: Mapping[str, EventState]) -> tuple[np.ndarray, np.ndarray]:
    """Per shown event: (edited or starred, hidden), for the canvas."""
    marked = np.zeros(len(columns), dtype=bool)
    hidden = np.zeros(len(columns), dtype=bool)
    marked[columns.positions(i for i, s in states.items() if s.edited or s.starred)] = True
    hidden[columns.positions(i for i, s in states.items() if s.hidden)] = True
    return marked[shown], hidden[shown]

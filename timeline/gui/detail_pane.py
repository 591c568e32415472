"""The detail pane: an event, how its date was read, and its source passage.

The document is shown whole, scrolled to the passage: the sentence highlighted,
the date expression emphasised, every other date expression in the document
marked and clickable (a click selects that event), and the expressions that
could not be placed listed underneath.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from timeline.gui import theme
from timeline.gui.columns import CorpusColumns
from timeline.gui.display import as_rich, qt_safe, shown_name
from timeline.gui.file_urls import file_url
from timeline.gui.source_view import Mark, SourceView
from timeline.gui.wording import explain, when_with_precision
from timeline.model import Corpus, Event, Mention, Unplaced, shown_path

TALL_PANE = 520  # below this height the unplaced list starts closed

EMPTY_TEXT = "Select an event on the timeline or in the table to see where it comes from."


class DetailPane(QWidget):
    """Shows the selected event and its evidence."""

    eventRequested = Signal(str)  # an event id, from a click on a date in the text
    editRequested = Signal()      # the Edit… button
    splitRequested = Signal()     # Split Mention Out, on a merged event
    addRequested = Signal()       # Add Event from Selection

    state_of = None
    """Set by the window: event -> its edit state (status, note, marks)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.corpus = Corpus()
        self.columns: CorpusColumns | None = None
        self.current: Event | None = None
        self.mention_index = 0
        self._by_document: dict[str, list[tuple[Mention, str]]] = {}
        self._unplaced: dict[str, list[Unplaced]] = {}
        self._build()
        self.show_event(None)
        theme.notifier().changed.connect(self.apply_theme)

    def _build(self) -> None:
        self.header = QLabel(textFormat=Qt.TextFormat.RichText, wordWrap=True)
        # Selectable by keyboard too, so F6 has somewhere to land before any
        # event is selected (it makes the label take the focus).
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                            | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.header.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.where = QLabel(textFormat=Qt.TextFormat.RichText, wordWrap=True)
        self.previous_button = QPushButton("◀ Previous mention")
        self.next_button = QPushButton("Next mention ▶")
        self.open_button = QPushButton("Open file")
        self.open_button.setToolTip("Open the source document in its usual application")
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setToolTip("Edit this event's title, date, kind, actors, status "
                                    "and note (F2)")
        self.split_button = QPushButton("Split out")
        self.split_button.setToolTip("Make this mention an event of its own")
        self.add_button = QPushButton("Add from selection…")
        self.add_button.setToolTip("Add an event whose source is the text selected below")
        self.edit_button.clicked.connect(self.editRequested)
        self.split_button.clicked.connect(self.splitRequested)
        self.add_button.clicked.connect(self.addRequested)
        for button in (self.previous_button, self.next_button, self.open_button,
                       self.edit_button, self.split_button, self.add_button):
            button.setAutoDefault(False)
        self.previous_button.clicked.connect(lambda: self.step_mention(-1))
        self.next_button.clicked.connect(lambda: self.step_mention(1))
        self.open_button.clicked.connect(self.open_file)
        nav = QHBoxLayout()
        nav.addWidget(self.previous_button)
        nav.addWidget(self.next_button)
        nav.addStretch(1)
        nav.addWidget(self.open_button)
        edit_row = QHBoxLayout()
        for button in (self.edit_button, self.split_button, self.add_button):
            edit_row.addWidget(button)
        edit_row.addStretch(1)
        self.source = SourceView()
        self.source.markClicked.connect(self._on_mark_clicked)
        self.source.selectionChanged.connect(self._enable_add)
        self.unplaced_label = QLabel()
        self.unplaced_toggle = QToolButton()
        self.unplaced_toggle.setCheckable(True)
        self.unplaced_toggle.setAutoRaise(True)
        self.unplaced_toggle.toggled.connect(self._on_unplaced_toggled)
        self._unplaced_open: bool | None = None  # None: as the pane's height suits
        self.unplaced_list = QListWidget()
        self.unplaced_list.setMaximumHeight(96)
        self.unplaced_list.itemActivated.connect(self._on_unplaced)
        self.unplaced_list.itemClicked.connect(self._on_unplaced)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        for widget in (self.header, self.where):
            layout.addWidget(widget)
        layout.addLayout(nav)
        layout.addLayout(edit_row)
        layout.addWidget(self.source, 1)
        unplaced_row = QHBoxLayout()
        unplaced_row.addWidget(self.unplaced_label, 1)
        unplaced_row.addWidget(self.unplaced_toggle)
        layout.addLayout(unplaced_row)
        layout.addWidget(self.unplaced_list)

    def set_corpus(self, corpus: Corpus, columns: CorpusColumns | None = None) -> None:
        """Use ``corpus`` for documents, date marks and unplaced expressions;
        ``columns`` (its events as columns) find a document's events quickly."""
        self.corpus = corpus
        self.columns = columns
        self._by_document = {}
        self._unplaced = {}
        for u in corpus.unplaced:
            self._unplaced.setdefault(u.document, []).append(u)
        self.show_event(None)

    # ----------------------------------------------------------------- display
    def show_event(self, event: Event | None, mention_index: int = 0) -> None:
        """Show ``event`` at its ``mention_index``-th mention (None: the empty state)."""
        self.current = event
        self.mention_index = mention_index
        if event is None:
            self.header.setText(f"<p style='color:{theme.MUTED_TEXT}'>{EMPTY_TEXT}</p>")
            self.where.clear()
            self.source.show_document("", [], None)
            self.source.hide()
            self._show_unplaced(None)
            self._enable_nav()
            return
        self.source.show()
        self._show_mention()

    def _show_mention(self) -> None:
        event = self.current
        mention = event.mentions[self.mention_index]
        document = self._document(mention.document)
        self.header.setText(self._header(event, mention, document))
        self.where.setText(self._where_html(mention, document))
        marks = self._marks(mention)
        self.source.show_document(document.text if document else "", marks, mention.sentence)
        self._show_unplaced(mention.document)
        self._enable_nav()

    def apply_theme(self) -> None:
        """Write the rich text and mark the passage again in the theme's
        current colours, leaving the passage where it is scrolled to."""
        if self.current is None:
            self.show_event(None)
            return
        mention = self.current.mentions[self.mention_index]
        document = self._document(mention.document)
        self.header.setText(self._header(self.current, mention, document))
        self.where.setText(self._where_html(mention, document))
        self.source.apply_theme()

    def _header(self, event: Event, mention: Mention, document) -> str:
        state = self.state_of(event) if self.state_of is not None else None
        return header_html(event, mention, document) + (state_html(state) if state else "")

    def selection(self) -> tuple[str, tuple[int, int], str] | None:
        """The text selected in the passage: (document id, span, text), or None."""
        span = self.source.selected_span() if self.current is not None else None
        if span is None:
            return None
        doc_id = self.current.mentions[self.mention_index].document
        return doc_id, span, self.source.text[span[0]:span[1]]

    def _enable_add(self) -> None:
        self.add_button.setEnabled(self.selection() is not None)

    def _document(self, doc_id: str):
        try:
            return self.corpus.document(doc_id)
        except KeyError:
            return None

    def _where_html(self, mention: Mention, document) -> str:
        n = len(self.current.mentions)
        name = html.escape(qt_safe(document.title if document else mention.document))
        page = document.page_at(mention.span[0]) if document else None
        place = f" — page {page}" if page is not None else ""
        path = html.escape(shown_name(document.path)) if document else ""
        return (f"<b>Mention {self.mention_index + 1} of {n}</b> · {name}{place}"
                f" <span style='color:{theme.MUTED_TEXT}'>({path})</span>")

    def _marks(self, current: Mention) -> list[Mark]:
        marks = [Mark(m.span[0], m.span[1], event_id, m == current)
                 for m, event_id in self._mentions_in(current.document)]
        marks += [Mark(u.span[0], u.span[1], None, False)
                  for u in self._unplaced.get(current.document, [])]
        return marks

    def _mentions_in(self, doc_id: str) -> list[tuple[Mention, str]]:
        """Every mention in document ``doc_id`` with its event's id, in corpus
        order; looked up when the document is first shown."""
        if doc_id not in self._by_document:
            if self.columns is not None:
                events = [self.columns.events[i] for i in self.columns.citing(doc_id).tolist()]
            else:
                events = list(self.corpus.events)
            self._by_document[doc_id] = [(m, e.id) for e in events for m in e.mentions
                                         if m.document == doc_id]
        return self._by_document[doc_id]

    def _show_unplaced(self, doc_id: str | None) -> None:
        self.unplaced_list.clear()
        found = self._unplaced.get(doc_id, []) if doc_id else []
        for u in found:
            item = QListWidgetItem(f"“{' '.join(u.text.split())}” — {u.reason}")
            item.setData(Qt.ItemDataRole.UserRole, u.span[0])
            self.unplaced_list.addItem(item)
        self.unplaced_label.setText(
            f"Could not be placed in this document ({len(found)}):" if found
            else "Every date expression in this document was placed." if doc_id else "")
        self.unplaced_toggle.setVisible(bool(found))
        with QSignalBlocker(self.unplaced_toggle):
            self.unplaced_toggle.setChecked(self._list_open())
        self._show_list_state(bool(found))

    def _list_open(self) -> bool:
        """Whether the unplaced list is open: as last chosen, or else open
        only where the pane is tall enough to spare it the passage's room."""
        if self._unplaced_open is not None:
            return self._unplaced_open
        return self.height() >= TALL_PANE

    def _on_unplaced_toggled(self, opened: bool) -> None:
        self._unplaced_open = opened
        self._show_list_state(self.unplaced_list.count() > 0)

    def _show_list_state(self, found: bool) -> None:
        opened = found and self.unplaced_toggle.isChecked()
        self.unplaced_list.setVisible(opened)
        self.unplaced_toggle.setText("Hide" if opened else "Show")
        self.unplaced_toggle.setToolTip("Hide the list" if opened else
                                        "List the date expressions that could not be placed")

    def _enable_nav(self) -> None:
        n = len(self.current.mentions) if self.current else 0
        self.previous_button.setEnabled(self.mention_index > 0)
        self.next_button.setEnabled(self.mention_index < n - 1)
        self.open_button.setVisible(n > 0)
        for button in (self.previous_button, self.next_button, self.split_button):
            button.setVisible(n > 1)
        self.edit_button.setVisible(n > 0)
        self.add_button.setVisible(n > 0)
        self._enable_add()

    # ---------------------------------------------------------------- actions
    def step_mention(self, step: int) -> None:
        """Show the next (1) or previous (-1) mention of a merged event."""
        if self.current is None:
            return
        index = self.mention_index + step
        if 0 <= index < len(self.current.mentions):
            self.mention_index = index
            self._show_mention()

    def focus_source(self) -> None:
        """Move keyboard focus to the passage (Enter on a selected event)."""
        self.source.centre_on_sentence()
        self.source.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_target(self) -> QWidget:
        """What takes the focus when F6 comes to this pane: the passage when
        one is shown, else the heading."""
        return self.source if self.current is not None else self.header

    def open_file(self) -> bool:
        """Open the current mention's document with the desktop's default
        application; when none will, say so and offer its folder instead.
        True when the document was handed to an application."""
        if self.current is None:
            return False
        document = self._document(self.current.mentions[self.mention_index].document)
        if document is None:
            return False
        if QDesktopServices.openUrl(file_url(document.path)):
            return True
        self.no_viewer(document.path)
        return False

    def no_viewer(self, path: str) -> QMessageBox:
        """Say that nothing here opens ``path``, offering to show its folder
        (window-modal, so it does not block the caller)."""
        name = shown_name(path)
        box = QMessageBox(QMessageBox.Icon.Information, "No application for this file",
                          as_rich(f"No application on this computer is set to open {name}."),
                          QMessageBox.StandardButton.Close, self)
        box.setInformativeText(as_rich(f"It is at {shown_path(os.path.abspath(path))}."))
        folder = box.addButton("Show in Folder", QMessageBox.ButtonRole.ActionRole)
        folder.clicked.connect(lambda: self._show_folder(path))
        box.setDefaultButton(folder)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.no_viewer_box = box
        return box

    def _show_folder(self, path: str) -> None:
        """Open the folder holding ``path`` in the file manager."""
        if not QDesktopServices.openUrl(file_url(str(Path(path).parent))):
            QMessageBox.information(self, "No file manager",
                                    as_rich("The file is at "
                                            f"{shown_path(os.path.abspath(path))}."))

    def _on_mark_clicked(self, event_id: str) -> None:
        self.eventRequested.emit(event_id)

    def _on_unplaced(self, item: QListWidgetItem) -> None:
        self.source.scroll_to(int(item.data(Qt.ItemDataRole.UserRole)))


def state_html(state) -> str:
    """What the user's edits say of an event (marks, status, note), as HTML."""
    marks = [word for word, on in (("★ starred", state.starred), ("✎ edited", state.edited),
                                   ("hidden (not an event)", state.hidden)) if on]
    if state.status is not None:
        marks.append(state.status.value)
    lines = [f"<div style='color:{theme.SECONDARY_TEXT}'>{' · '.join(marks)}</div>"
             if marks else ""]
    if state.note:
        note = "<br>".join(html.escape(qt_safe(line)) for line in state.note.split("\n"))
        lines.append(f"<div style='margin-top:3px; padding:3px; "
                     f"background:{theme.SENTENCE_HIGHLIGHT}'>Note: {note}</div>")
    return "".join(lines)


def header_html(event: Event, mention: Mention, document) -> str:
    """Title, date in words, kind, actors and how the date was read, as HTML."""
    lines = explain(event.when, mention, document)
    actors = ", ".join(event.actors) if event.actors else "none named"
    title = html.escape(" ".join(event.title.split()))
    notes = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return (f"<div style='font-size:12pt; font-weight:600'>{title}</div>"
            f"<div style='font-size:11pt; margin-top:2px'>"
            f"{html.escape(when_with_precision(event.when))}</div>"
            f"<div style='color:{theme.SECONDARY_TEXT}'>Kind: {event.kind.value} · Actors: "
            f"{html.escape(actors)}</div>"
            + (f"<ul style='margin:2px 0 0 -20px; color:{theme.SECONDARY_TEXT}'>{notes}</ul>"
               if notes else ""))

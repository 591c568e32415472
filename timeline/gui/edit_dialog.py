"""The Edit Event dialog (also Add Event from Selection): title, date typed
as a person writes it, approximate, kind, actors, planned or happened, and
a note.

The date is read as it is typed and the reading shown in words with its
precision ("29–30 March 2011 (day)"); text that cannot be read stays in
the box with the reason under it, and OK does not close the dialog until
it can be read (as Go to Date does). A date left as it was keeps the
event's date exactly.

Tests drive it without showing it: set the widgets, call :meth:`accept`,
read :meth:`fields`; the window's commands also take the answer directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from timeline.edits import Status
from timeline.gui.dateparse import DateInputError, parse_user_date
from timeline.gui.display import qt_safe
from timeline.gui.wording import when_with_precision, when_words
from timeline.model import Kind, When

# Words that make a typed date approximate ("about May 2010").
_ROUGHLY = re.compile(r"\b(about|around|approximately|roughly|circa|ca\.|c\.)|~", re.I)


@dataclass(frozen=True)
class EventFields:
    """What the dialog edits. ``status`` None: neither said."""

    title: str
    when: When
    kind: Kind = Kind.OTHER
    actors: tuple[str, ...] = ()
    status: Status | None = None
    note: str = ""

    def changed(self, before: EventFields) -> dict[str, object]:
        """The fields of a SET edit that differ from ``before`` (by the
        names :func:`timeline.edits.set_edit` takes; the note is apart)."""
        found: dict[str, object] = {}
        for name in ("title", "when", "kind", "actors", "status"):
            if getattr(self, name) != getattr(before, name):
                found[name] = getattr(self, name)
        return found


def read_date(text: str, today: date | None = None) -> When:
    """The date ``text`` names as a person writes it ("mid-2013", "29-30
    March 2011"); raises :class:`DateInputError` with the reason. One
    expression keeps the tagger's whole reading (its approximate flag too);
    words such as "about" make it approximate."""
    from timeline.dates.temporal import find_times  # only when a date is typed

    found = [m.when for m in find_times(text, today or date.today()) if m.when is not None]
    when = found[0] if len(found) == 1 else parse_user_date(text, today)
    if _ROUGHLY.search(text) and not when.approximate:
        when = replace(when, approximate=True)
    return when


def split_actors(text: str) -> tuple[str, ...]:
    """Comma-separated names, trimmed, empties and repeats dropped."""
    return tuple(dict.fromkeys(" ".join(a.split()) for a in text.split(",") if a.strip()))


class EventDialog(QDialog):
    """Edit an event's fields (or a new event's, prefilled)."""

    def __init__(self, fields: EventFields, parent: QWidget | None = None,
                 heading: str = "Edit event", date_text: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(heading)
        self.initial = fields
        self._when: When | None = fields.when
        self.title = QLineEdit(qt_safe(fields.title))
        self._date_shown = date_text if date_text is not None else when_words(fields.when)
        self.date = QLineEdit(self._date_shown)
        self.date.setPlaceholderText("as you would write it: “mid-2013”, “29-30 March 2011”")
        self.reading = QLabel(wordWrap=True)
        self.reading.setTextFormat(Qt.TextFormat.PlainText)  # it quotes what was typed
        self.approximate = QCheckBox("Approximate (the date is not known exactly)")
        self.approximate.setChecked(fields.when.approximate)
        self.kind = QComboBox()
        for kind in Kind:
            self.kind.addItem(kind.value.capitalize(), kind)
        self.kind.setCurrentIndex(max(self.kind.findData(fields.kind), 0))
        self.actors = QLineEdit(", ".join(fields.actors))
        self.actors.setPlaceholderText("names, separated by commas")
        self.happened = QRadioButton("Happened")
        self.planned = QRadioButton("Planned")
        self.unsaid = QRadioButton("Not said")
        self.status = QButtonGroup(self)
        for button in (self.happened, self.planned, self.unsaid):
            self.status.addButton(button)
        {Status.HAPPENED: self.happened, Status.PLANNED: self.planned,
         None: self.unsaid}[fields.status].setChecked(True)
        self.note = QPlainTextEdit(fields.note)
        self.note.setPlaceholderText("a note of your own, kept with the event")
        self.note.setMaximumHeight(90)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.date.textEdited.connect(self._read)
        self._lay_out()
        self._read(self.date.text(), initial=True)
        self.setMinimumWidth(460)

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("&Date:", self.date)
        form.addRow("", self.reading)
        form.addRow("", self.approximate)
        form.addRow("&Kind:", self.kind)
        form.addRow("&Actors:", self.actors)
        row = QHBoxLayout()
        for button in (self.happened, self.planned, self.unsaid):
            row.addWidget(button)
        row.addStretch(1)
        form.addRow("Status:", row)
        form.addRow("&Note:", self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    # ------------------------------------------------------------------ date
    def _read(self, text: str, initial: bool = False) -> None:
        """Read the typed date and say what it was read as, or why not."""
        if text == self._date_shown:
            # As given: the event's own date, not a reading of its words.
            self._when = self.initial.when
            if not initial:
                self.approximate.setChecked(self.initial.when.approximate)
        else:
            try:
                self._when = read_date(text)
            except DateInputError as error:
                self._when = None
                self._say(error.reason, problem=True)
                return
            self.approximate.setChecked(self._when.approximate)
        if self._when is not None:
            self._say(f"Read as {when_with_precision(self._when)}", problem=False)

    def _say(self, text: str, problem: bool) -> None:
        self.reading.setText(text)
        self.reading.setStyleSheet("color: #B00020" if problem else "")

    @property
    def date_problem(self) -> str:
        """Why the typed date cannot be read ("" when it can)."""
        return self.reading.text() if self._when is None else ""

    # ---------------------------------------------------------------- answer
    def fields(self) -> EventFields | None:
        """What the dialog holds, or None while the title is empty or the
        date unreadable."""
        title = " ".join(self.title.text().split())
        if not title or self._when is None:
            return None
        if title == " ".join(self.initial.title.split()):
            title = self.initial.title  # only its spacing was folded for the box
        actors = split_actors(self.actors.text())
        if actors == split_actors(", ".join(self.initial.actors)):
            actors = self.initial.actors
        when = self._when
        if when.approximate != self.approximate.isChecked():
            when = replace(when, approximate=self.approximate.isChecked())
        status = (Status.HAPPENED if self.happened.isChecked() else
                  Status.PLANNED if self.planned.isChecked() else None)
        return EventFields(title, when, Kind(self.kind.currentData()), actors, status,
                           self.note.toPlainText().strip())

    def accept(self) -> None:
        """Close only with a title and a date that can be read; otherwise
        say what is missing and stay."""
        if self._when is None:
            self.date.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if not self.title.text().strip():
            self.title.setPlaceholderText("an event needs a title")
            self.title.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        super().accept()

"""A read-only view of a document's text with its date expressions marked."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QMouseEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from timeline.gui import theme

# Characters Qt's text document would treat as line or page breaks of its own;
# each is swapped for one of the same length so offsets keep matching the text.
_DISPLAY_TABLE = str.maketrans({"\r": " ", "\f": "\n", "\v": "\n"})


@dataclass(frozen=True)
class Mark:
    """A date expression to mark: ``event_id`` None for one that was not placed."""

    start: int
    end: int
    event_id: str | None
    current: bool


class OffsetMap:
    """Python string offsets to Qt's UTF-16 positions and back (they differ only
    after characters outside the Basic Multilingual Plane, such as emoji)."""

    def __init__(self, text: str) -> None:
        self._astral = np.array([i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
                                if not text.isascii() else [], dtype=np.int64)
        self._astral_qt = self._astral + np.arange(len(self._astral))

    def to_qt(self, offset: int) -> int:
        """The UTF-16 position of Python offset ``offset``."""
        return offset + int(np.searchsorted(self._astral, offset, side="left"))

    def from_qt(self, position: int) -> int:
        """The Python offset of UTF-16 position ``position``."""
        return position - int(np.searchsorted(self._astral_qt, position, side="left"))


class SourceView(QPlainTextEdit):
    """The document text; clicking a marked date emits its event id."""

    markClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        font = QFont()
        font.setPointSizeF(10.5)
        self.setFont(font)
        self.viewport().setMouseTracking(True)
        self.text = ""
        self.marks: list[Mark] = []
        self.sentence: tuple[int, int] | None = None
        self._offsets = OffsetMap("")
        self.extra_actions: list[QAction] = []  # added to the context menu (Add Event…)

    def selected_span(self) -> tuple[int, int] | None:
        """The selected text's span in the document (Python offsets), or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection() or not self.text:
            return None
        start = self._offsets.from_qt(cursor.selectionStart())
        end = self._offsets.from_qt(cursor.selectionEnd())
        return (start, end) if end > start else None

    def contextMenuEvent(self, ev: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(ev.pos())
        if self.extra_actions:
            menu.addSeparator()
            menu.addActions(self.extra_actions)
        menu.exec(ev.globalPos())
        menu.deleteLater()

    def show_document(self, text: str, marks: list[Mark],
                      sentence: tuple[int, int] | None) -> None:
        """Show ``text`` (kept if unchanged), mark it and scroll to ``sentence``."""
        if text != self.text:
            self.text = text
            self._offsets = OffsetMap(text)
            self.setPlainText(text.translate(_DISPLAY_TABLE))
        self.marks = sorted(marks, key=lambda m: m.start)
        self.sentence = sentence
        self._apply_marks()
        self.centre_on_sentence()

    def apply_theme(self) -> None:
        """Mark the text again in the theme's current colours."""
        self._apply_marks()

    def _cursor(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.to_qt(start))
        cursor.setPosition(self._offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        sel.cursor = self._cursor(start, end)
        sel.format = fmt
        return sel

    def _apply_marks(self) -> None:
        selections = []
        if self.sentence is not None:
            selections.append(self._selection(*self.sentence, _fmt(theme.SENTENCE_HIGHLIGHT)))
        for mark in self.marks:
            selections.append(self._selection(mark.start, mark.end, _mark_format(mark)))
        self.setExtraSelections(selections)

    def centre_on_sentence(self) -> None:
        """Scroll so the current date expression, in its sentence, sits near the
        middle of the view (the date rather than the sentence's start, which in
        a long sentence may be far above it)."""
        current = next((m for m in self.marks if m.current), None)
        if current is not None:
            self.scroll_to(current.start)
        elif self.sentence is not None:
            self.scroll_to(self.sentence[0])
        else:
            self.moveCursor(QTextCursor.MoveOperation.Start)

    def scroll_to(self, offset: int) -> None:
        """Put the caret at ``offset`` and centre it."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(self._offsets.to_qt(offset), self.document().characterCount() - 1))
        self.setTextCursor(cursor)
        self.centerCursor()

    def mark_at(self, offset: int) -> Mark | None:
        """The placed mark covering text offset ``offset``, if any."""
        for mark in self.marks:
            if mark.start <= offset < mark.end and mark.event_id is not None:
                return mark
        return None

    def mouseReleaseEvent(self, ev: QMouseEvent) -> None:
        super().mouseReleaseEvent(ev)
        if ev.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        mark = self._mark_under(ev)
        if mark is not None and not mark.current:
            self.markClicked.emit(mark.event_id)

    def mouseMoveEvent(self, ev: QMouseEvent) -> None:
        super().mouseMoveEvent(ev)
        shape = (Qt.CursorShape.PointingHandCursor if self._mark_under(ev) is not None
                 else Qt.CursorShape.IBeamCursor)
        self.viewport().setCursor(shape)

    def _mark_under(self, ev: QMouseEvent) -> Mark | None:
        position = self.cursorForPosition(ev.position().toPoint()).position()
        return self.mark_at(self._offsets.from_qt(position))


def _fmt(background: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(background))
    return fmt


def _mark_format(mark: Mark) -> QTextCharFormat:
    if mark.event_id is None:
        fmt = _fmt(theme.UNPLACED_MARK)
        fmt.setToolTip("Could not be placed on the timeline")
        return fmt
    if mark.current:
        fmt = _fmt(theme.MENTION_HIGHLIGHT)
        # The current date keeps the same bright mark in both schemes, so its
        # text colour is set with it rather than taken from the palette.
        fmt.setForeground(QColor(theme.MENTION_TEXT))
        fmt.setFontWeight(QFont.Weight.Bold)
        return fmt
    fmt = _fmt(theme.OTHER_MENTION)
    fmt.setFontUnderline(True)
    fmt.setUnderlineColor(QColor(theme.LINK))
    return fmt

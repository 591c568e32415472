"""Small panels: the empty state, the loading state, the Problems list, the
keyboard-shortcuts help, the Go to Date dialog and the note over an empty view."""

from __future__ import annotations

import html
from collections.abc import Callable, Collection, Sequence

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from timeline.gui.display import as_rich
from timeline.model import Problem, shown_path
from timeline.pipeline import is_duplicate_note

# Pointer and keys the canvas handles itself (the window's actions list theirs).
CANVAS_HELP: tuple[tuple[str, str], ...] = (
    ("Mouse wheel", "Zoom time around the pointer"),
    ("Shift+wheel", "Pan in time"),
    ("Alt+wheel", "Scroll the lanes"),
    ("Drag", "Pan in time"),
    ("Shift+drag", "Zoom to the dragged span"),
    ("Double-click", "Zoom in (on an event: open its source)"),
    ("Click", "Select an event (or its label)"),
    ("Left / Right", "Pan in time (timeline focused)"),
    ("Up / Down, Page Up / Page Down", "Scroll the lanes (timeline focused)"),
    ("Tab / Shift+Tab", "Next / previous event in time (timeline focused)"),
)


class EmptyState(QWidget):
    """What an empty window says: how to open documents."""

    openFiles = Signal()
    openFolder = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        files = QPushButton("Open Files…")
        folder = QPushButton("Open Folder…")
        files.clicked.connect(self.openFiles)
        folder.clicked.connect(self.openFolder)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.message)
        for button in (files, folder):
            button.setMinimumWidth(180)
            layout.addWidget(button, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.set_reason(0)

    def set_reason(self, documents: int) -> None:
        """Explain why there is nothing to show, given how many documents were read."""
        lead = ("No dated events were found in the "
                f"{documents} document{'s' if documents != 1 else ''} opened."
                if documents else "No documents are open.")
        self.message.setText(
            f"<p style='font-size:14pt; font-weight:600'>{lead}</p>"
            "<p style='color:#4A5260'>Open documents (text, Markdown, HTML, PDF or Word), "
            "or a folder of them, "
            "with <b>File ▸ Open Files…</b> (Ctrl+O) or <b>Open Folder…</b> "
            "(Ctrl+Shift+O),<br>or drop them onto this window. Every dated event they "
            "mention will appear on the timeline.</p>")


class LoadingState(QWidget):
    """Shown while documents are being read, with a Cancel button (Esc)."""

    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel("Reading documents…", alignment=Qt.AlignmentFlag.AlignCenter)
        # It shows file names, which must never be taken for HTML.
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setMaximumWidth(420)
        self.cancel = QPushButton("Cancel")
        self.cancel.setToolTip("Stop reading; the documents read so far are kept and shown "
                               "(Esc)")
        self.cancel.clicked.connect(self.cancelRequested)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.cancel, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def set_progress(self, done: int, total: int, path: str) -> None:
        """Show ``done`` of ``total`` files read, the last being ``path`` (as shown)."""
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.label.setText(f"Reading {done:,} of {total:,}: {path}")
        self.cancel.setEnabled(True)

    def reset(self) -> None:
        """Back to the start of a load: busy bar, Cancel enabled."""
        self.bar.setRange(0, 0)
        self.label.setText("Reading documents…")
        self.cancel.setEnabled(True)


class LoadProgress(QWidget):
    """A small progress bar with a Cancel button for the status bar, shown
    while documents are read behind a timeline already on screen."""

    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(160)
        self.bar.setMaximumHeight(14)
        self.bar.setTextVisible(False)
        self.cancel = QPushButton("Cancel")
        self.cancel.setFlat(True)
        self.cancel.setToolTip("Stop reading; the documents read so far are kept (Esc)")
        self.cancel.clicked.connect(self.cancelRequested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        self.hide()

    def start(self) -> None:
        self.bar.setRange(0, 0)
        self.cancel.setEnabled(True)
        self.show()

    def set_progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.bar.setToolTip(f"{done:,} of {total:,} documents read")

    def stopping(self) -> None:
        self.cancel.setEnabled(False)

    def finish(self) -> None:
        self.hide()


def split_problems(problems: Sequence[Problem], read_paths: Collection[str]
                   ) -> tuple[list[Problem], list[Problem]]:
    """``problems`` as (files not read, notes on files read): a problem about
    a path in ``read_paths`` (the documents that were read) is a note, such as
    a PDF named ``.txt`` read as a PDF, and so is a copy of another file (read,
    and counted once); any other is a file that was not read."""
    def is_note(p: Problem) -> bool:
        return p.path in read_paths or is_duplicate_note(p)

    errors = [p for p in problems if not is_note(p)]
    notes = [p for p in problems if is_note(p)]
    return errors, notes


def problems_summary(errors: int, notes: int) -> str:
    """``2 files could not be read · 1 note on a file read``; empty when there
    is nothing."""
    parts = []
    if errors:
        parts.append(f"{errors:,} file{'s' if errors != 1 else ''} could not be read")
    if notes:
        parts.append(f"{notes:,} note{'s' if notes != 1 else ''} on "
                     f"{'a file' if notes == 1 else 'files'} read")
    return " · ".join(parts)


class ProblemsPanel(QTreeWidget):
    """Files that could not be read, then notes on files that were read, each
    with its icon and reason; non-modal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels(["File", "What happened"])
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.header().setStretchLastSection(True)
        self.setColumnWidth(0, 380)
        self.errors: list[Problem] = []
        self.notes: list[Problem] = []

    def set_problems(self, problems: Sequence[Problem],
                     read_paths: Collection[str] = ()) -> None:
        """List ``problems``, files not read first, then notes on the files in
        ``read_paths``; paths and reasons as :func:`shown_path` writes them."""
        self.clear()
        self.errors, self.notes = split_problems(problems, read_paths)
        style = self.style()
        not_read = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        noted = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for problems_, icon, lead in ((self.errors, not_read, "Not read: "),
                                      (self.notes, noted, "Read, with a note: ")):
            for problem in problems_:
                self.addTopLevelItem(self._item(problem, icon, lead))

    @staticmethod
    def _item(problem: Problem, icon: QIcon, lead: str) -> QTreeWidgetItem:
        path, reason = shown_path(problem.path), shown_path(problem.reason)
        item = QTreeWidgetItem([path, reason])
        item.setIcon(0, icon)
        item.setToolTip(0, as_rich(path))
        item.setToolTip(1, as_rich(lead + reason))
        return item

    def summary(self) -> str:
        """How many files were not read and how many notes there are, in words."""
        return problems_summary(len(self.errors), len(self.notes))

    def title(self) -> str:
        """A short title for the panel's tab: ``Problems (2 not read, 1 note)``."""
        parts = [f"{len(self.errors):,} not read"] if self.errors else []
        if self.notes:
            parts.append(f"{len(self.notes):,} note{'s' if len(self.notes) != 1 else ''}")
        return f"Problems ({', '.join(parts)})" if parts else "Problems"

    def paths(self) -> list[str]:
        """The listed paths as shown, in order."""
        return [self.topLevelItem(i).text(0) for i in range(self.topLevelItemCount())]


class ShortcutsDialog(QDialog):
    """Help ▸ Keyboard shortcuts: every shortcut and pointer gesture, each
    column as wide as its longest text, so nothing is cut."""

    def __init__(self, rows: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.table = QTreeWidget()
        self.table.setHeaderLabels(["Keys", "Does"])
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.header().setStretchLastSection(True)
        for keys, text in list(rows) + list(CANVAS_HELP):
            self.table.addTopLevelItem(QTreeWidgetItem([keys, text]))
        for column in (0, 1):
            self.table.resizeColumnToContents(column)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(self._fitting_size())

    def _fitting_size(self) -> QSize:
        """Wide enough for both columns and tall enough for every row, within
        the screen (beyond it the list scrolls rather than cutting words)."""
        table = self.table
        frame = 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width()
        width = table.columnWidth(0) + table.columnWidth(1) + frame + 24
        rows = table.topLevelItemCount()
        row_height = table.sizeHintForRow(0) if rows else 20
        height = table.header().sizeHint().height() + rows * row_height + 90
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
        return QSize(max(width, 420), max(height, 300))

    def rows(self) -> list[tuple[str, str]]:
        """The listed (keys, description) pairs."""
        return [(self.table.topLevelItem(i).text(0), self.table.topLevelItem(i).text(1))
                for i in range(self.table.topLevelItemCount())]


class DateDialog(QDialog):
    """View ▸ Go to Date…: a date typed as one would write it. Text that
    cannot be read stays in the box, with the reason under it, until it
    can be read or the dialog is cancelled."""

    def __init__(self, parse: Callable[[str], object], parent: QWidget | None = None,
                 text: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Go to date")
        self.parse = parse
        self.value: object = None
        prompt = QLabel("Date (for example “March 2011”, “2013”, “12 October 2011”):")
        self.edit = QLineEdit(text)
        self.edit.selectAll()
        self.error = QLabel(wordWrap=True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # it quotes what was typed
        self.error.setStyleSheet("color: #B00020")
        self.error.hide()
        self.edit.textEdited.connect(self._clear_error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (prompt, self.edit, self.error, buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(440)

    def accept(self) -> None:
        """Close only when the text reads as a date; otherwise say why and stay."""
        try:
            self.value = self.parse(self.edit.text())
        except ValueError as error:
            self.error.setText(getattr(error, "reason", "") or str(error))
            self.error.show()
            self.adjustSize()  # room for the reason's lines, none cut
            self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
            self.edit.selectAll()
            return
        super().accept()

    def _clear_error(self) -> None:
        if self.error.isVisible():
            self.error.hide()
            self.adjustSize()


class EmptyViewNote(QLabel):
    """A note over the timeline when the view shows no events: what stretch is
    empty and where the nearest events are, with links that go there.

    It sits on top of the widget it is given (the canvas), near the top and
    centred, and keeps its place when that widget is resized."""

    goTo = Signal(float)  # epoch seconds to centre the view on

    def __init__(self, over: QWidget) -> None:
        super().__init__(over)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setObjectName("emptyViewNote")
        self.setStyleSheet("#emptyViewNote { background: rgba(255, 255, 255, 235); "
                           "border: 1px solid #C9CED6; border-radius: 6px; padding: 8px 12px; "
                           "color: #2B3340; }")
        self.linkActivated.connect(self._on_link)
        self._times: dict[str, float] = {}
        over.installEventFilter(self)
        self.hide()

    def show_nearest(self, nearest: object, words: object) -> None:
        """Show the ``words`` (an EmptyViewWords) with each side's nearest event
        in ``nearest`` as a link that goes there."""
        self._times = {side: t for side in ("before", "after")
                       if (t := getattr(nearest, side)) is not None}
        links = []
        if "before" in self._times:
            links.append(f"<a href='before'>◀ {html.escape(words.before)}</a>")
        if "after" in self._times:
            links.append(f"<a href='after'>{html.escape(words.after)} ▶</a>")
        self.setText(f"<div style='font-weight:600'>{html.escape(words.headline)}</div>"
                     f"<div style='margin-top:4px'>{'<br>'.join(links)}</div>")
        self._place()
        self.show()
        self.raise_()

    def _on_link(self, side: str) -> None:
        if side in self._times:
            # Just inside the event (its end is exclusive), so it is in view.
            self.goTo.emit(self._times[side] - (1.0 if side == "before" else -1.0))

    def _place(self) -> None:
        over = self.parentWidget()
        width = min(520, max(over.width() - 40, 200))
        self.setFixedWidth(width)
        self.adjustSize()
        top = max(int(over.height() * 0.3) - self.height() // 2, 8)
        self.move((over.width() - width) // 2, top)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

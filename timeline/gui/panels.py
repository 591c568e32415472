"""Small panels: the empty state, the loading state, the Problems list and the
keyboard-shortcuts help."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from timeline.gui.display import as_rich
from timeline.model import Problem, shown_path

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


class ProblemsPanel(QTreeWidget):
    """Files that could not be read, with the reason, non-modal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels(["File", "Why it could not be read"])
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.header().setStretchLastSection(True)
        self.setColumnWidth(0, 380)

    def set_problems(self, problems: Sequence[Problem]) -> None:
        """List ``problems``, paths and reasons as :func:`shown_path` writes them."""
        self.clear()
        for problem in problems:
            path, reason = shown_path(problem.path), shown_path(problem.reason)
            item = QTreeWidgetItem([path, reason])
            item.setToolTip(0, as_rich(path))
            item.setToolTip(1, as_rich(reason))
            self.addTopLevelItem(item)

    def paths(self) -> list[str]:
        """The listed paths as shown, in order."""
        return [self.topLevelItem(i).text(0) for i in range(self.topLevelItemCount())]


class ShortcutsDialog(QDialog):
    """Help ▸ Keyboard shortcuts: every shortcut and pointer gesture."""

    def __init__(self, rows: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.table = QTreeWidget()
        self.table.setHeaderLabels(["Keys", "Does"])
        self.table.setRootIsDecorated(False)
        for keys, text in list(rows) + list(CANVAS_HELP):
            self.table.addTopLevelItem(QTreeWidgetItem([keys, text]))
        self.table.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 620)

    def rows(self) -> list[tuple[str, str]]:
        """The listed (keys, description) pairs."""
        return [(self.table.topLevelItem(i).text(0), self.table.topLevelItem(i).text(1))
                for i in range(self.table.topLevelItemCount())]

"""The event table: date, title, kind, document, precision; sortable by any column."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from timeline.gui.display import as_rich, qt_safe
from timeline.gui.wording import PRECISION_NAMES, when_words
from timeline.model import Corpus, Event

COLUMNS = ("Date", "Title", "Kind", "Document", "Precision")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class EventTableModel(QAbstractTableModel):
    """The events that pass the filters, one per row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.events: list[Event] = []
        self._doc_titles: dict[str, str] = {}
        self._rows: dict[str, int] = {}

    def set_corpus(self, corpus: Corpus) -> None:
        """Remember document titles for the Document column."""
        self._doc_titles = {d.id: " ".join(d.title.split()) for d in corpus.documents}

    def set_events(self, events: Sequence[Event]) -> None:
        """Replace the rows."""
        self.beginResetModel()
        self.events = list(events)
        self._rows = {e.id: i for i, e in enumerate(self.events)}
        self.endResetModel()

    def row_of(self, event_id: str) -> int:
        """The source row of ``event_id``, or -1."""
        return self._rows.get(event_id, -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self.events)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        event = self.events[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(event, index.column())
        if role == SORT_ROLE:
            return self._sort_key(event, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            return as_rich(" ".join(event.title.split()))  # tooltips guess at HTML
        return None

    def _documents(self, event: Event) -> str:
        ids = dict.fromkeys(m.document for m in event.mentions)
        return "; ".join(self._doc_titles[d] if d in self._doc_titles else qt_safe(d)
                         for d in ids)

    def _display(self, event: Event, column: int) -> str:
        when = event.when
        values = (
            when_words(when) + (" (approx.)" if when.approximate else ""),
            " ".join(event.title.split()),
            event.kind.value,
            self._documents(event),
            PRECISION_NAMES[when.granularity],
        )
        return values[column]

    def _sort_key(self, event: Event, column: int) -> object:
        if column == 0:
            return f"{event.when.start.isoformat()} {event.when.end.isoformat()}"
        if column == 4:
            return event.when.granularity.rank
        return self._display(event, column).lower()


class EventTable(QTableView):
    """The sortable table view; emits the id of the event the user selects."""

    eventSelected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source_model = EventTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.source_model)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(22)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 150), (2, 90), (3, 200), (4, 80)):
            self.setColumnWidth(column, width)
        self.selectionModel().currentRowChanged.connect(self._on_current)

    def set_events(self, events: Sequence[Event]) -> None:
        """Show ``events`` (the filtered set)."""
        self.source_model.set_events(events)

    def event_at_row(self, row: int) -> Event:
        """The event shown in view row ``row`` (after sorting)."""
        source = self.proxy.mapToSource(self.proxy.index(row, 0))
        return self.source_model.events[source.row()]

    def select_id(self, event_id: str | None) -> None:
        """Select the row of ``event_id`` (None: clear) without emitting."""
        model = self.selectionModel()
        self.blockSignals(True)
        model.blockSignals(True)
        try:
            row = self.source_model.row_of(event_id) if event_id else -1
            if row < 0:
                model.clear()
                return
            index = self.proxy.mapFromSource(self.source_model.index(row, 0))
            flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                     | QItemSelectionModel.SelectionFlag.Rows
                     | QItemSelectionModel.SelectionFlag.Current)
            model.setCurrentIndex(index, flags)
            self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        finally:
            model.blockSignals(False)
            self.blockSignals(False)
        self.viewport().update()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.eventSelected.emit(self.event_at_row(current.row()).id)

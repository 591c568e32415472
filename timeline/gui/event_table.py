"""The event table: date, title, kind, document, precision, status; sortable by any column.

The model holds the rows as an array of corpus positions and reads everything
else from the corpus's numpy columns; a cell's text is made when the view asks
for it, so only visible rows cost anything. Sorting is a numpy argsort over a
per-column key (:mod:`timeline.gui.table_order`); for a large corpus it runs in
a worker thread and the rows are swapped in when ready, keeping the selection
and the sort column.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSignalBlocker,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from timeline.edits import UNTOUCHED
from timeline.gui import theme
from timeline.gui.background import LatestRunner
from timeline.gui.columns import GRANULARITIES, CorpusColumns
from timeline.gui.display import as_rich
from timeline.gui.table_order import COLUMNS, STATUS, TITLE, TableOrder
from timeline.gui.wording import PRECISION_NAMES, when_words
from timeline.index import KIND_CODES
from timeline.model import Corpus, Event, Status

INLINE_EVENTS = 1_000
"""Corpora with fewer events than this are sorted on the GUI thread."""

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, eq=False)
class TableRows:
    """The table's content: which events, in which order."""

    order: TableOrder
    shown: np.ndarray   # corpus positions of the events to list, any order
    rows: np.ndarray    # the same positions in the table's order
    row_of: np.ndarray  # corpus position -> table row, or -1
    column: int
    descending: bool

    @classmethod
    def empty(cls) -> TableRows:
        order = TableOrder(CorpusColumns.from_corpus(Corpus()))
        nothing = np.zeros(0, dtype=np.intp)
        return cls(order, nothing, nothing, nothing, 0, False)


def sort_rows(order: TableOrder, shown: np.ndarray, column: int,
              descending: bool) -> TableRows:
    """``shown`` in ``column``'s order, with the reverse lookup."""
    rows = order.rows(shown, column, descending)
    row_of = np.full(len(order.columns), -1, dtype=np.intp)
    row_of[rows] = np.arange(len(rows))
    order.columns.index_of  # noqa: B018 (select_id needs it: built here, off the GUI thread)
    order.document_names  # noqa: B018 (the Document column's text: likewise)
    return TableRows(order, shown, rows, row_of, column, descending)


class EventTableModel(QAbstractTableModel):
    """The events that pass the filters, one per row."""

    sortRequested = Signal(int, object)  # column, Qt.SortOrder

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content = TableRows.empty()
        self.states: Mapping = {}  # event id -> its edit state (few: those edited)

    @property
    def columns(self) -> CorpusColumns:
        return self.content.order.columns

    def set_content(self, content: TableRows) -> None:
        """Replace the rows."""
        self.beginResetModel()
        self.content = content
        self.endResetModel()

    def position_at(self, row: int) -> int:
        """The corpus position of the event in ``row``."""
        return int(self.content.rows[row])

    def row_of(self, event_id: str) -> int:
        """The row of ``event_id``, or -1."""
        i = self.columns.index_of.get(event_id)
        return -1 if i is None else int(self.content.row_of[i])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self.content.rows)

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
        if role == Qt.ItemDataRole.DisplayRole:
            text = self._display(self.position_at(index.row()), index.column())
            if index.column() == TITLE:
                return self._glyphs(self.position_at(index.row())) + text
            return text
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == TITLE:
            # tooltips guess at HTML
            i = self.position_at(index.row())
            return as_rich(" ".join(self.columns.titles[i].split()) + self._state_words(i))
        if role == Qt.ItemDataRole.ForegroundRole and self._state(
                self.position_at(index.row())).hidden:
            return QColor(theme.MUTED_TEXT)
        return None

    def _state(self, i: int):
        return self.states.get(self.columns.ids[i], UNTOUCHED) if self.states else UNTOUCHED

    def _glyphs(self, i: int) -> str:
        """Marks before a title: ★ starred, ✎ edited, ⊘ hidden (sorting goes
        by the title alone)."""
        state = self._state(i)
        marks = "★" * state.starred + "✎" * state.edited + "⊘" * state.hidden
        return f"{marks} " if marks else ""

    def _state_words(self, i: int) -> str:
        state = self._state(i)
        words = [w for w, on in (("starred", state.starred), ("edited", state.edited),
                                 ("hidden", state.hidden)) if on]
        return f"\n({', '.join(words)})" if words else ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Asked by the view (a header click): the table sorts, maybe in a worker."""
        self.sortRequested.emit(column, order)

    def _display(self, i: int, column: int) -> str:
        cols = self.columns
        if column == 0:
            return when_words(cols.when(i)) + (" (approx.)" if cols.approximate[i] else "")
        if column == 1:
            return " ".join(cols.titles[i].split())
        if column == 2:
            return KIND_CODES[cols.kind[i]].value
        if column == 3:
            return self.content.order.document_names[cols.sources[i]]
        if column == STATUS:
            return (Status.PLANNED if cols.planned[i] else Status.HAPPENED).value
        return PRECISION_NAMES[GRANULARITIES[cols.granularity[i]]]


class EventTable(QTableView):
    """The sortable table view; emits the id of the event the user selects."""

    eventSelected = Signal(str)
    settled = Signal()  # the newest rows are on show

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inline_events = INLINE_EVENTS
        self.source_model = EventTableModel(self)
        self.setModel(self.source_model)
        self._columns: CorpusColumns | None = None
        self._order: TableOrder | None = None
        self._shown = np.zeros(0, dtype=np.intp)
        self._sort = (0, False)
        self._requested: tuple = ()
        self._selected_id: str | None = None
        self._runner = LatestRunner(self)
        self._runner.finished.connect(self._show_rows)
        self._runner.settled.connect(self.settled)
        self.source_model.sortRequested.connect(self._on_sort)
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

    # ----------------------------------------------------------------- content
    def set_states(self, states: Mapping) -> None:
        """Each edited event's state by id: marks drawn in the Title column."""
        self.source_model.states = states
        self.viewport().update()

    def set_shown(self, columns: CorpusColumns, shown: np.ndarray) -> None:
        """List the events at corpus positions ``shown`` of the corpus ``columns``
        describes. Passing the same two objects again does nothing."""
        if columns is self._columns and shown is self._shown:
            return
        if columns is not self._columns:
            self._columns, self._order = columns, TableOrder(columns)
        self._shown = shown
        self._request()

    @property
    def busy(self) -> bool:
        """True while rows are being sorted."""
        return self._runner.busy

    def wait_idle(self, timeout_s: float = 60.0) -> bool:
        """Process events until the newest rows are on show."""
        return self._runner.wait_idle(timeout_s)

    def _on_sort(self, column: int, order: Qt.SortOrder) -> None:
        self._sort = (column, order == Qt.SortOrder.DescendingOrder)
        if self._order is not None:
            self._request()

    def _request(self) -> None:
        order, shown, (column, descending) = self._order, self._shown, self._sort
        assert order is not None
        last = self._requested
        if last and last[0] is order and last[1] is shown and last[2:] == (column, descending):
            return  # Qt asks twice when the sort is set from code
        self._requested = (order, shown, column, descending)
        if len(order.columns) < self.inline_events:
            self._runner.supersede()
            self._show_rows(sort_rows(order, shown, column, descending))
            if not self._runner.busy:
                self.settled.emit()
        else:
            self._runner.submit(lambda _stale: sort_rows(order, shown, column, descending))

    def _show_rows(self, content: TableRows) -> None:
        self.source_model.set_content(content)
        self._reselect()

    # --------------------------------------------------------------- selection
    def event_at_row(self, row: int) -> Event:
        """The event shown in view row ``row``."""
        return self.source_model.columns.events[self.source_model.position_at(row)]

    def id_at_row(self, row: int) -> str:
        """The id of the event shown in view row ``row``."""
        return self.source_model.columns.ids[self.source_model.position_at(row)]

    def select_id(self, event_id: str | None) -> None:
        """Select the row of ``event_id`` (None: clear) without emitting."""
        self._selected_id = event_id
        self._reselect()

    def _reselect(self) -> None:
        model = self.selectionModel()
        row = self.source_model.row_of(self._selected_id) if self._selected_id else -1
        with QSignalBlocker(self), QSignalBlocker(model):
            if row < 0:
                model.clear()
            else:
                index = self.source_model.index(row, 0)
                flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                         | QItemSelectionModel.SelectionFlag.Rows
                         | QItemSelectionModel.SelectionFlag.Current)
                model.setCurrentIndex(index, flags)
                self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        self.viewport().update()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._selected_id = self.id_at_row(current.row())
            self.eventSelected.emit(self._selected_id)

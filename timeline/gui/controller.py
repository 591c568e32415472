"""The state every view shares: corpus, filters, lanes, the drawn index, selection.

Views never talk to each other; they call the controller and follow its
signals, so a selection made anywhere is shown everywhere.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from timeline.gui.filters import EventFilter, FilterState
from timeline.index import LaneMode, TimelineIndex, build_index, corpus_extent
from timeline.model import Corpus, Event


class TimelineController(QObject):
    """Owns the corpus and the derived, filtered view of it."""

    corpusChanged = Signal()
    layoutChanged = Signal()          # shown events or lanes changed: index rebuilt
    selectionChanged = Signal(object)  # Event | None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.corpus = Corpus()
        self.filters = FilterState()
        self.lane_mode = LaneMode.DOCUMENT
        self.shown: list[Event] = []
        self.index: TimelineIndex = build_index([], [])
        self.selected: Event | None = None
        self.extent = (0.0, 0.0)
        self._filter = EventFilter(self.corpus)
        self._position: dict[str, int] = {}
        self._by_id: dict[str, Event] = {}

    def set_corpus(self, corpus: Corpus) -> None:
        """Show a new corpus; filters on documents that no longer exist are dropped."""
        self.corpus = corpus
        self._filter = EventFilter(corpus)
        self._by_id = {e.id: e for e in corpus.events}
        self.extent = corpus_extent(corpus.events, corpus.documents)
        self.selected = None
        self.filters = FilterState(text=self.filters.text)
        self._rebuild()
        self.corpusChanged.emit()
        self.selectionChanged.emit(None)

    def set_filters(self, filters: FilterState) -> None:
        """Apply new filters; a selection that is filtered out is cleared."""
        if filters == self.filters:
            return
        self.filters = filters
        self._rebuild()
        if self.selected is not None and self.selected.id not in self._position:
            self.select(None)

    def set_lane_mode(self, mode: LaneMode) -> None:
        """Group lanes by document, kind or actor."""
        mode = LaneMode(mode)  # Qt hands enum values back as plain strings
        if mode is not self.lane_mode:
            self.lane_mode = mode
            self._rebuild()

    def _rebuild(self) -> None:
        self.shown = self._filter.apply(self.filters)
        self._position = {e.id: i for i, e in enumerate(self.shown)}
        documents = self.corpus.documents
        if self.filters.documents:
            documents = tuple(d for d in documents if d.id in self.filters.documents)
        self.index = build_index(self.shown, documents, self.lane_mode)
        self.layoutChanged.emit()

    # --------------------------------------------------------------- selection
    def position(self, event: Event | None) -> int:
        """``event``'s position among the shown events (the index's event number), or -1."""
        return self._position.get(event.id, -1) if event is not None else -1

    def event_by_id(self, event_id: str) -> Event | None:
        """Any event of the corpus by id, shown or not."""
        return self._by_id.get(event_id)

    def select(self, event: Event | None) -> None:
        """Select ``event`` everywhere (None: clear)."""
        if event is self.selected or (event is not None and self.selected is not None
                                      and event.id == self.selected.id):
            return
        self.selected = event
        self.selectionChanged.emit(event)

    def select_position(self, position: int) -> None:
        """Select the shown event at ``position`` (-1: clear)."""
        self.select(self.shown[position] if 0 <= position < len(self.shown) else None)

    def step(self, direction: int) -> None:
        """Select the next (1) or previous (-1) shown event in time order."""
        self.select_position(self.index.step(self.position(self.selected), direction))

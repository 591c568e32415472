"""The state every view shares: corpus, filters, lanes, the drawn index, selection.

Views never talk to each other; they call the controller and follow its
signals, so a selection made anywhere is shown everywhere.

What is drawn is one :class:`Layout`: a corpus, the events that pass the
filters and the index built from them, made together and swapped in together,
so a view never sees an index that belongs to other events. For a large corpus
the layout is computed in a worker thread: a change of corpus, filters or lanes
is a request, a newer request supersedes an older one, and ``layoutChanged``
fires once the newest has been swapped in (``settled`` when nothing is left to
do). A small corpus is laid out at once, since the work costs less than a
frame.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, replace

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from timeline.gui.background import LatestRunner, Stale
from timeline.gui.columns import CorpusColumns
from timeline.gui.filters import EventFilter, FilterState, Search
from timeline.index import EventColumns, LaneMode, TimelineIndex, assign_lanes
from timeline.model import Corpus, Event

RELEASE_AFTER_MS = 30
INLINE_EVENTS = 1_000
"""Corpora with fewer events than this are laid out on the GUI thread."""


class Prepared:
    """What is computed once per corpus (columns, filter, extent), made on first
    use by whichever thread asks first."""

    def __init__(self, corpus: Corpus, search: Search | None = None,
                 hidden: Collection[str] = ()) -> None:
        self.corpus = corpus
        self._search = search
        self._hidden_ids = hidden
        self._hidden: np.ndarray | None = None
        self._filter: EventFilter | None = None
        self._extent = (0.0, 0.0)
        self._lock = threading.Lock()
        self._columns: EventColumns | None = None
        self._bases: dict[LaneMode, TimelineIndex] = {}

    def event_filter(self) -> EventFilter:
        """The corpus's filter, its columns and their id lookup."""
        with self._lock:
            if self._filter is None:
                columns = CorpusColumns.from_corpus(self.corpus)
                columns.index_of  # noqa: B018 (built here, off the GUI thread)
                self._extent = columns.extent()
                self._filter = EventFilter(self.corpus, self._search, columns)
            return self._filter

    def hidden(self) -> np.ndarray | None:
        """One bool per event: hidden by the user's edits (None: none is)."""
        if self._hidden_ids and self._hidden is None:
            columns = self.event_filter().columns
            found = np.zeros(len(columns), dtype=bool)
            found[columns.positions(self._hidden_ids)] = True
            self._hidden = found
        return self._hidden

    def extent(self) -> tuple[float, float]:
        """Earliest start and latest end over events and document dates."""
        self.event_filter()
        return self._extent

    def base(self, mode: LaneMode) -> TimelineIndex:
        """The unfiltered index of every event in lanes by ``mode``; filtered
        indices are cut from it with array masks."""
        with self._lock:
            found = self._bases.get(mode)
            if found is None:
                events = self.corpus.events
                if self._columns is None:
                    self._columns = EventColumns.from_events(events)
                found = TimelineIndex(self._columns,
                                      assign_lanes(mode, events, self.corpus.documents))
                self._bases[mode] = found
            return found


class ShownEvents(Sequence[Event]):
    """The corpus's events at ``indices``, looked up when asked for (a list of
    a million objects per filter change would cost more than the filter)."""

    def __init__(self, events: Sequence[Event], indices: np.ndarray) -> None:
        self._events, self._indices = events, indices

    def __len__(self) -> int:
        return len(self._indices)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self._events[int(j)] for j in self._indices[i]]
        return self._events[int(self._indices[i])]

    def __iter__(self) -> Iterator[Event]:
        events = self._events
        return (events[j] for j in self._indices.tolist())


@dataclass(frozen=True, eq=False)
class Layout:
    """One consistent state of what is drawn."""

    prepared: Prepared
    filters: FilterState
    lane_mode: LaneMode
    indices: np.ndarray   # corpus positions of the shown events, in corpus order
    shown: Sequence[Event]
    index: TimelineIndex
    position_of: np.ndarray  # corpus position -> shown position, or -1

    @property
    def columns(self) -> CorpusColumns:
        """The corpus's events as columns."""
        return self.prepared.event_filter().columns


def lay_out(prepared: Prepared, filters: FilterState, lane_mode: LaneMode,
            stale: Stale = lambda: False, previous: Layout | None = None) -> Layout | None:
    """Filter and index a corpus (None when ``stale`` says the work is no longer
    wanted). The shown events of ``previous`` are kept when its corpus and
    filters are the same (only the lanes changed)."""
    events = prepared.corpus.events
    if previous is not None and previous.prepared is prepared and previous.filters == filters:
        indices, shown, position_of = previous.indices, previous.shown, previous.position_of
        mask = position_of >= 0
    else:
        mask = prepared.event_filter().mask(filters)
        hidden = prepared.hidden()
        if hidden is not None and not filters.show_hidden:
            mask &= ~hidden
        if stale():
            return None
        indices = np.flatnonzero(mask)
        shown = ShownEvents(events, indices)
        position_of = np.full(len(events), -1, dtype=np.intp)
        position_of[indices] = np.arange(len(indices))
    base = prepared.base(lane_mode)
    if stale():
        return None
    lanes = None
    if filters.documents and lane_mode is LaneMode.DOCUMENT:
        lanes = np.array([ln.key in filters.documents for ln in base.lanes], dtype=bool)
    index = base.subset(mask, lanes) if filters.active or not mask.all() else base
    return Layout(prepared, filters, lane_mode, indices, shown, index, position_of)


class TimelineController(QObject):
    """Owns the corpus and the derived, filtered view of it."""

    corpusChanged = Signal()
    layoutChanged = Signal()          # shown events or lanes changed: index rebuilt
    selectionChanged = Signal(object)  # Event | None
    settled = Signal()                # the newest request has been laid out

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.filters = FilterState()
        self.lane_mode = LaneMode.DOCUMENT
        self.selected: Event | None = None
        self.inline_events = INLINE_EVENTS
        self._keep_selected: str | None = None
        self._retired: Layout | None = None
        self._prepared = Prepared(Corpus())
        self._layout = self._first_layout()
        self._runner = LatestRunner(self)
        self._runner.finished.connect(self._install)
        self._runner.settled.connect(self.settled)

    def _first_layout(self) -> Layout:
        layout = lay_out(self._prepared, self.filters, self.lane_mode)
        assert layout is not None
        return layout

    # ------------------------------------------------------ the current layout
    @property
    def corpus(self) -> Corpus:
        """The corpus on show (a newly set one once it has been laid out)."""
        return self._layout.prepared.corpus

    @property
    def shown(self) -> list[Event]:
        """The events that pass the filters, in corpus order."""
        return self._layout.shown

    @property
    def index(self) -> TimelineIndex:
        """The drawing index of :attr:`shown`."""
        return self._layout.index

    @property
    def shown_indices(self) -> np.ndarray:
        """Corpus positions of :attr:`shown`."""
        return self._layout.indices

    @property
    def columns(self) -> CorpusColumns:
        """The corpus's events as columns."""
        return self._layout.columns

    @property
    def extent(self) -> tuple[float, float]:
        """Earliest start and latest end of the corpus, epoch seconds."""
        return self._layout.prepared.extent()

    @property
    def busy(self) -> bool:
        """True while a layout is being computed."""
        return self._runner.busy

    def wait_idle(self, timeout_s: float = 60.0) -> bool:
        """Process events until the newest request has been laid out."""
        return self._runner.wait_idle(timeout_s)

    # ----------------------------------------------------------------- changes
    def set_corpus(self, corpus: Corpus, search: Search | None = None,
                   keep: bool = False, hidden: Collection[str] = ()) -> None:
        """Show a new corpus. Filters other than the search text are cleared,
        unless ``keep`` (a newer state of the same collection: filters, and
        the selection if its event is still there, stay); filters on
        documents that no longer exist are dropped either way.

        ``search`` answers text queries (see :data:`~timeline.gui.filters.Search`).
        ``hidden``: ids of events the user hid, left out unless the filters
        say to show them.
        """
        self._prepared = Prepared(corpus, search, hidden)
        if keep:
            ids = {d.id for d in corpus.documents}
            self.filters = replace(self.filters, documents=frozenset(
                d for d in self.filters.documents if d in ids))
            self._keep_selected = self.selected.id if self.selected is not None else None
        else:
            self.filters = FilterState(text=self.filters.text)
            self._keep_selected = None
        self._request()

    def set_filters(self, filters: FilterState) -> None:
        """Apply new filters; a selection that is filtered out is cleared."""
        if filters == self.filters:
            return
        self.filters = filters
        self._request()

    def set_lane_mode(self, mode: LaneMode) -> None:
        """Group lanes by document, kind or actor."""
        mode = LaneMode(mode)  # Qt hands enum values back as plain strings
        if mode is not self.lane_mode:
            self.lane_mode = mode
            self._request()

    def _request(self) -> None:
        prepared, filters, mode = self._prepared, self.filters, self.lane_mode
        previous = self._layout
        if len(prepared.corpus.events) < self.inline_events:
            self._runner.supersede()
            self._install(lay_out(prepared, filters, mode, previous=previous))
            if not self._runner.busy:
                self.settled.emit()
        else:
            self._runner.submit(lambda stale: lay_out(prepared, filters, mode, stale, previous))

    def _install(self, layout: Layout | None) -> None:
        if layout is None:
            return
        new_corpus = layout.prepared is not self._layout.prepared
        if new_corpus:
            # The old corpus may be a million objects: freeing them takes a
            # while, done in an event of its own once the views have let go.
            self._retired = self._layout
            QTimer.singleShot(RELEASE_AFTER_MS, self._release)
        self._layout = layout
        if new_corpus:
            kept = self._keep_selected
            self._keep_selected = None
            self.selected = self.event_by_id(kept) if kept is not None else None
            self.corpusChanged.emit()
        self.layoutChanged.emit()
        if new_corpus:
            self.selectionChanged.emit(self.selected)
        elif self.selected is not None and self.position(self.selected) < 0:
            self.select(None)

    def _release(self) -> None:
        self._retired = None

    # --------------------------------------------------------------- selection
    def position(self, event: Event | None) -> int:
        """``event``'s position among the shown events (the index's event number), or -1."""
        if event is None:
            return -1
        i = self.columns.index_of.get(event.id)
        return -1 if i is None else int(self._layout.position_of[i])

    def event_by_id(self, event_id: str) -> Event | None:
        """Any event of the corpus by id, shown or not."""
        i = self.columns.index_of.get(event_id)
        return None if i is None else self.corpus.events[i]

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

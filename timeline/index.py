"""A columnar numpy view of a corpus, laid out for drawing.

Time is measured in **epoch seconds (UTC, float64)**: a day ``d`` covers
``[seconds(d), seconds(d) + 86400)``. An event's inclusive ``When`` therefore
becomes the half-open interval ``[start, end)`` with ``end`` at midnight after
its last day, so a single day has a width and adjacent days touch without
overlapping. Epoch seconds are what a date axis expects, so the canvas can use
these numbers as its x coordinates unchanged.

The layout (lanes, stacked rows, sort orders) is computed once per layout
change; per-frame queries (:meth:`TimelineIndex.visible`, :meth:`density`,
:meth:`hit`) are searchsorted plus vectorised masks, with no Python loop over
events. Nothing here imports Qt.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import IntEnum, StrEnum

import numpy as np

from timeline.model import Document, Event, Granularity, Kind

SECONDS_PER_DAY = 86400.0
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
KIND_CODES: tuple[Kind, ...] = tuple(Kind)
NO_ACTOR = "(no actor named)"


def seconds(day: date) -> float:
    """Epoch seconds (UTC) at the start of ``day``."""
    return (day.toordinal() - _EPOCH_ORDINAL) * SECONDS_PER_DAY


def day_at(t: float) -> date:
    """The calendar day holding epoch second ``t`` (clamped to Python's date range)."""
    ordinal = int(np.floor(t / SECONDS_PER_DAY)) + _EPOCH_ORDINAL
    return date.fromordinal(min(max(ordinal, 1), date.max.toordinal()))


class Shape(IntEnum):
    """How an event is drawn."""

    POINT = 0       # one stated day
    RANGE = 1       # a stated span of days (29-30 March 2011)
    IMPRECISE = 2   # month, season, year...: the whole possible span, best guess in the middle


class LaneMode(StrEnum):
    """What the vertical lanes group events by."""

    DOCUMENT = "document"
    KIND = "kind"
    ACTOR = "actor"


def shape_of(granularity: Granularity, approximate: bool, days: int) -> Shape:
    """The drawing shape for a date of this precision and width."""
    if granularity is not Granularity.DAY or approximate:
        return Shape.IMPRECISE
    return Shape.POINT if days == 1 else Shape.RANGE


@dataclass(frozen=True, eq=False)
class EventColumns:
    """Per-event columns, in the order of the events they were built from."""

    start: np.ndarray        # float64 epoch seconds, inclusive
    end: np.ndarray          # float64 epoch seconds, exclusive (midnight after the last day)
    shape: np.ndarray        # int8 Shape
    granularity: np.ndarray  # int8 Granularity.rank
    approximate: np.ndarray  # bool
    relative: np.ndarray     # bool
    kind: np.ndarray         # int8 index into KIND_CODES
    weight: np.ndarray       # float32 label importance: more mentions, finer dates first
    titles: Sequence[str]

    def __len__(self) -> int:
        return len(self.start)

    @classmethod
    def from_events(cls, events: Sequence[Event]) -> EventColumns:
        """Columns for ``events`` (one Python pass; done once per corpus)."""
        n = len(events)
        start = np.fromiter((e.when.start.toordinal() for e in events), np.float64, n)
        end = np.fromiter((e.when.end.toordinal() + 1 for e in events), np.float64, n)
        gran = np.fromiter((e.when.granularity.rank for e in events), np.int8, n)
        approx = np.fromiter((e.when.approximate for e in events), bool, n)
        shape = np.fromiter((shape_of(e.when.granularity, e.when.approximate, e.when.days)
                             for e in events), np.int8, n)
        kinds = {k: i for i, k in enumerate(KIND_CODES)}
        mentions = np.fromiter((len(e.mentions) for e in events), np.float32, n)
        return cls(
            start=(start - _EPOCH_ORDINAL) * SECONDS_PER_DAY,
            end=(end - _EPOCH_ORDINAL) * SECONDS_PER_DAY,
            shape=shape, granularity=gran, approximate=approx,
            relative=np.fromiter((e.when.relative for e in events), bool, n),
            kind=np.fromiter((kinds[e.kind] for e in events), np.int8, n),
            weight=importance(mentions, gran),
            titles=[e.title for e in events],
        )


def importance(mentions: np.ndarray, granularity_rank: np.ndarray) -> np.ndarray:
    """Label priority: an event cited more often, or dated more precisely, keeps
    its label when space runs out."""
    return (mentions * 4.0 - granularity_rank.astype(np.float32)).astype(np.float32)


@dataclass(frozen=True)
class Lane:
    """One horizontal band: a header row, then ``rows`` stacked event rows."""

    key: str
    name: str
    header_row: int
    rows: int
    date: float | None = None  # a document lane's own date, epoch seconds

    @property
    def first_row(self) -> int:
        """The first event row (just under the header)."""
        return self.header_row + 1

    @property
    def end_row(self) -> int:
        """One past the lane's last row."""
        return self.header_row + 1 + self.rows


@dataclass(frozen=True, eq=False)
class LaneAssignment:
    """Which lane each drawn item sits in; an event may appear in several lanes
    (cited by two documents, or naming two actors)."""

    item_event: np.ndarray  # int32 event index per item
    item_lane: np.ndarray   # int32 lane index per item
    keys: tuple[str, ...]
    names: tuple[str, ...]
    dates: tuple[float | None, ...]


def lanes_by_document(events: Sequence[Event], documents: Sequence[Document]) -> LaneAssignment:
    """One lane per document, in the documents' order; an event sits in the lane
    of every document that mentions it."""
    position = {d.id: i for i, d in enumerate(documents)}
    pairs = [(i, position[doc]) for i, e in enumerate(events)
             for doc in dict.fromkeys(m.document for m in e.mentions) if doc in position]
    return _assignment(pairs, [d.id for d in documents], [d.title for d in documents],
                       [seconds(d.date) if d.date else None for d in documents])


def lanes_by_kind(events: Sequence[Event]) -> LaneAssignment:
    """One lane per kind present, in the Kind enum's order."""
    present = [k for k in KIND_CODES if any(e.kind is k for e in events)]
    position = {k: i for i, k in enumerate(present)}
    pairs = [(i, position[e.kind]) for i, e in enumerate(events)]
    names = [k.value.capitalize() for k in present]
    return _assignment(pairs, [k.value for k in present], names, [None] * len(present))


def lanes_by_actor(events: Sequence[Event]) -> LaneAssignment:
    """One lane per actor (most active first), plus one for events naming none."""
    counts: dict[str, int] = {}
    for e in events:
        for actor in e.actors or (NO_ACTOR,):
            counts[actor] = counts.get(actor, 0) + 1
    order = sorted(counts, key=lambda a: (a == NO_ACTOR, -counts[a], a.lower()))
    position = {a: i for i, a in enumerate(order)}
    pairs = [(i, position[a]) for i, e in enumerate(events)
             for a in dict.fromkeys(e.actors or (NO_ACTOR,))]
    return _assignment(pairs, order, order, [None] * len(order))


def assign_lanes(mode: LaneMode, events: Sequence[Event],
                 documents: Sequence[Document]) -> LaneAssignment:
    """Lanes for ``mode``."""
    if mode is LaneMode.KIND:
        return lanes_by_kind(events)
    if mode is LaneMode.ACTOR:
        return lanes_by_actor(events)
    return lanes_by_document(events, documents)


def _assignment(pairs: list[tuple[int, int]], keys: Sequence[str], names: Sequence[str],
                dates: Sequence[float | None]) -> LaneAssignment:
    arr = np.array(pairs, dtype=np.int32).reshape(-1, 2)
    return LaneAssignment(arr[:, 0].copy(), arr[:, 1].copy(), tuple(keys), tuple(names),
                          tuple(dates))


def stack_rows(start: np.ndarray, end: np.ndarray, lane: np.ndarray,
               n_lanes: int) -> np.ndarray:
    """Greedy interval packing: each item takes the lowest row of its lane that is
    free at its start. Items must be sorted by start. O(n log n).
    """
    rows = np.zeros(len(start), dtype=np.int32)
    busy: list[list[tuple[float, int]]] = [[] for _ in range(n_lanes)]  # (end, row) heaps
    free: list[list[int]] = [[] for _ in range(n_lanes)]                # row heaps
    count = [0] * n_lanes
    for i, (s, e, ln) in enumerate(zip(start.tolist(), end.tolist(), lane.tolist(),
                                       strict=True)):
        b, f = busy[ln], free[ln]
        while b and b[0][0] <= s:
            heapq.heappush(f, heapq.heappop(b)[1])
        if f:
            row = heapq.heappop(f)
        else:
            row, count[ln] = count[ln], count[ln] + 1
        heapq.heappush(b, (e, row))
        rows[i] = row
    return rows


class TimelineIndex:
    """Items (event × lane) sorted by start, with their stacked rows and lanes.

    ``row`` is a global vertical position: lane headers and event rows counted
    from the top, so a canvas maps it to pixels with one multiply.
    """

    def __init__(self, columns: EventColumns, lanes: LaneAssignment) -> None:
        self.columns = columns
        order = np.lexsort((columns.end[lanes.item_event], columns.start[lanes.item_event]))
        self.event = lanes.item_event[order]
        self.lane = lanes.item_lane[order]
        self.start = columns.start[self.event]
        self.end = columns.end[self.event]
        self.mid = (self.start + self.end) / 2
        self.shape = columns.shape[self.event]
        self.kind = columns.kind[self.event]
        packed = stack_rows(self.start, self.end, self.lane, len(lanes.keys))
        self.lanes = _lay_out_lanes(lanes, self.lane, packed)
        first_rows = np.array([ln.first_row for ln in self.lanes] or [0], dtype=np.int32)
        self.row = first_rows[self.lane] + packed
        # Running maximum of ends: the first item that can reach past t0 is found
        # by searchsorted even when long ranges start far to the left.
        self._max_end = np.maximum.accumulate(self.end) if len(self.end) else self.end
        self._mid_sorted = np.sort(self.mid)
        self.time_order = np.lexsort((columns.end, columns.start)).astype(np.int32)
        self._rank = np.empty(len(columns), dtype=np.int32)
        self._rank[self.time_order] = np.arange(len(columns), dtype=np.int32)
        # Items of one row never overlap (that is what the packing guarantees), so
        # sorted by start within a row their ends are sorted too: a row's visible
        # items are one contiguous slice, found by two searchsorted calls.
        self._by_row = np.lexsort((self.start, self.row)).astype(np.intp)
        self._row_start = self.start[self._by_row]
        self._row_end = self.end[self._by_row]
        self._row_offsets = np.searchsorted(self.row[self._by_row],
                                            np.arange(self.total_rows + 1))
        self._event_items = np.argsort(self.event, kind="stable")
        self._event_item_starts = np.searchsorted(self.event[self._event_items],
                                                  np.arange(len(columns) + 1))

    def __len__(self) -> int:
        """Number of drawn items."""
        return len(self.event)

    @property
    def total_rows(self) -> int:
        """Rows from the top of the first lane to the bottom of the last."""
        return self.lanes[-1].end_row if self.lanes else 0

    def extent(self) -> tuple[float, float]:
        """Earliest start and latest end over items and lane dates (0, 0 when
        empty); computed once (the view asks on every paint)."""
        found = self.__dict__.get("_extent")
        if found is None:
            found = self.__dict__["_extent"] = self._compute_extent()
        return found

    def _compute_extent(self) -> tuple[float, float]:
        points = [d for ln in self.lanes if ln.date is not None for d in (ln.date,)]
        lo = [float(self.start[0])] if len(self.start) else []
        hi = [float(self._max_end[-1])] if len(self.end) else []
        lo_all, hi_all = lo + points, hi + [p + SECONDS_PER_DAY for p in points]
        return (min(lo_all), max(hi_all)) if lo_all else (0.0, 0.0)

    def visible(self, t0: float, t1: float) -> np.ndarray:
        """Indices of items overlapping ``[t0, t1)``, in start order."""
        lo = int(np.searchsorted(self._max_end, t0, side="right"))
        hi = int(np.searchsorted(self.start, t1, side="left"))
        if hi <= lo:
            return np.empty(0, dtype=np.intp)
        candidates = np.arange(lo, hi)
        return candidates[self.end[lo:hi] > t0]

    def visible_in_rows(self, t0: float, t1: float, r0: int, r1: int) -> np.ndarray:
        """Indices of items overlapping ``[t0, t1)`` in rows ``r0..r1`` inclusive.

        Costs two binary searches per row plus the size of the answer, however
        many items lie in other rows: what a frame of a large corpus needs.
        """
        r0, r1 = max(r0, 0), min(r1, self.total_rows - 1)
        parts = []
        for row in range(r0, r1 + 1):
            a, b = self._row_offsets[row], self._row_offsets[row + 1]
            lo = a + int(np.searchsorted(self._row_end[a:b], t0, side="right"))
            hi = a + int(np.searchsorted(self._row_start[a:b], t1, side="left"))
            if hi > lo:
                parts.append(self._by_row[lo:hi])
        return np.concatenate(parts) if parts else np.empty(0, dtype=np.intp)

    def density(self, t0: float, t1: float, bins: int) -> np.ndarray:
        """Item counts by midpoint in ``bins`` equal slices of ``[t0, t1)``."""
        edges = np.linspace(t0, t1, bins + 1)
        return np.diff(np.searchsorted(self._mid_sorted, edges)).astype(np.int64)

    def items_of(self, event: int) -> np.ndarray:
        """Item indices drawing ``event`` (one per lane it sits in)."""
        lo, hi = self._event_item_starts[event], self._event_item_starts[event + 1]
        return self._event_items[lo:hi]

    def hit(self, t: float, row: int, tolerance: float) -> int:
        """The item in ``row`` nearest time ``t`` within ``tolerance`` seconds, or -1.

        A point counts by its middle, a bar anywhere along its length.
        """
        near = self.visible(t - tolerance, t + tolerance)
        near = near[self.row[near] == row]
        if not len(near):
            return -1
        inside = (self.start[near] <= t) & (t < self.end[near]) & (self.shape[near] != 0)
        distance = np.where(inside, 0.0, np.abs(self.mid[near] - t))
        best = int(np.argmin(distance))
        return int(near[best]) if distance[best] <= tolerance else -1

    def step(self, event: int, direction: int) -> int:
        """The event after (direction 1) or before (-1) ``event`` in time order;
        with ``event`` -1, the first or last. Stays put at either end."""
        n = len(self.time_order)
        if not n:
            return -1
        if event < 0:
            return int(self.time_order[0 if direction > 0 else -1])
        rank = min(max(int(self._rank[event]) + direction, 0), n - 1)
        return int(self.time_order[rank])


def corpus_extent(events: Sequence[Event], documents: Sequence[Document]) -> tuple[float, float]:
    """Earliest start and latest (exclusive) end over events and document dates,
    in epoch seconds; (0, 0) when nothing is dated."""
    starts = [e.when.start for e in events] + [d.date for d in documents if d.date]
    ends = [e.when.end for e in events] + [d.date for d in documents if d.date]
    if not starts:
        return 0.0, 0.0
    return seconds(min(starts)), seconds(max(ends)) + SECONDS_PER_DAY


def _lay_out_lanes(lanes: LaneAssignment, item_lane: np.ndarray,
                   packed: np.ndarray) -> tuple[Lane, ...]:
    """Stack the lanes top to bottom, each a header row plus its packed rows
    (at least one, so an empty document still shows its own date)."""
    depth = np.zeros(len(lanes.keys), dtype=np.int32)
    np.maximum.at(depth, item_lane, packed + 1)
    out, top = [], 0
    for i, key in enumerate(lanes.keys):
        rows = max(int(depth[i]), 1)
        out.append(Lane(key, lanes.names[i], top, rows, lanes.dates[i]))
        top += rows + 1
    return tuple(out)


def build_index(events: Sequence[Event], documents: Sequence[Document],
                mode: LaneMode = LaneMode.DOCUMENT) -> TimelineIndex:
    """The index for ``events`` grouped into lanes by ``mode``."""
    return TimelineIndex(EventColumns.from_events(events), assign_lanes(mode, events, documents))

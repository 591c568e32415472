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

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from enum import IntEnum, StrEnum
from pathlib import PurePath
from typing import overload

import numpy as np

from timeline.day import Day, day_from_ordinal
from timeline.model import Document, Event, Granularity, Kind, Status

SECONDS_PER_DAY = 86400.0
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_MILLION_YEARS = 365_242_500  # days; the far end of what a view may reach
KIND_CODES: tuple[Kind, ...] = tuple(Kind)
NO_ACTOR = "(no actor named)"


def seconds(day: Day) -> float:
    """Epoch seconds (UTC) at the start of ``day``."""
    return (day.toordinal() - _EPOCH_ORDINAL) * SECONDS_PER_DAY


def day_at(t: float) -> Day:
    """The calendar day holding epoch second ``t`` (within a million years of now)."""
    ordinal = int(np.floor(t / SECONDS_PER_DAY)) + _EPOCH_ORDINAL
    return day_from_ordinal(min(max(ordinal, -_MILLION_YEARS), _MILLION_YEARS))


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
    planned: np.ndarray      # bool: stated as still to come
    kind: np.ndarray         # int8 index into KIND_CODES
    mentions: np.ndarray     # int32 number of mentions
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
        mentions = np.fromiter((len(e.mentions) for e in events), np.int32, n)
        return cls(
            start=(start - _EPOCH_ORDINAL) * SECONDS_PER_DAY,
            end=(end - _EPOCH_ORDINAL) * SECONDS_PER_DAY,
            shape=shape, granularity=gran, approximate=approx,
            relative=np.fromiter((e.when.relative for e in events), bool, n),
            planned=np.fromiter((e.status is Status.PLANNED for e in events), bool, n),
            kind=np.fromiter((kinds[e.kind] for e in events), np.int8, n),
            mentions=mentions,
            titles=[e.title for e in events],
        )

    def take(self, positions: np.ndarray) -> EventColumns:
        """The columns of the events at ``positions``, in that order."""
        arrays = {f.name: getattr(self, f.name)[positions] for f in fields(self)
                  if f.name != "titles"}
        return EventColumns(titles=_Taken(self.titles, positions), **arrays)


class LaneSort(StrEnum):
    """The order lanes are shown in."""

    NATURAL = "natural"   # documents as listed, kinds in enum order, actors by activity
    FIRST_DATE = "date"   # earliest event first
    TITLE = "title"
    FILE = "file"


@dataclass(frozen=True)
class Lane:
    """One horizontal band of the timeline (a document, a kind or an actor)."""

    key: str
    name: str
    date: float | None = None  # a document lane's own date, epoch seconds
    path: str = ""             # a document lane's file


@dataclass(frozen=True, eq=False)
class LaneAssignment:
    """Which lane each drawn item sits in; an event may appear in several lanes
    (cited by two documents, or naming two actors)."""

    item_event: np.ndarray  # int32 event index per item
    item_lane: np.ndarray   # int32 lane index per item
    keys: tuple[str, ...]
    names: tuple[str, ...]
    dates: tuple[float | None, ...]
    paths: tuple[str, ...] = ()


def lanes_by_document(events: Sequence[Event], documents: Sequence[Document]) -> LaneAssignment:
    """One lane per document, in the documents' order; an event sits in the lane
    of every document that mentions it. Documents whose titles repeat are told
    apart by their file names."""
    position = {d.id: i for i, d in enumerate(documents)}
    pairs = [(i, position[doc]) for i, e in enumerate(events)
             for doc in dict.fromkeys(m.document for m in e.mentions) if doc in position]
    return _assignment(pairs, [d.id for d in documents], distinct_names(documents),
                       [seconds(d.date) if d.date else None for d in documents],
                       [d.path for d in documents])


def distinct_names(documents: Sequence[Document]) -> list[str]:
    """Each document's title, followed by its file name where titles repeat."""
    counts: dict[str, int] = {}
    for d in documents:
        key = " ".join(d.title.split()).casefold()
        counts[key] = counts.get(key, 0) + 1
    return [f"{d.title}  ({file_name(d.path)})"
            if counts[" ".join(d.title.split()).casefold()] > 1 else d.title
            for d in documents]


def file_name(path: str) -> str:
    """The last part of a path or URL."""
    return PurePath(path).name or path


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
                dates: Sequence[float | None], paths: Sequence[str] = ()) -> LaneAssignment:
    arr = np.array(pairs, dtype=np.int32).reshape(-1, 2)
    return LaneAssignment(arr[:, 0].copy(), arr[:, 1].copy(), tuple(keys), tuple(names),
                          tuple(dates), tuple(paths) or ("",) * len(keys))


# Label priority of each kind when space runs out: named gatherings and agreements
# before the rest, "other" last.
KIND_PRIORITY: dict[Kind, float] = {
    Kind.CONFERENCE: 6, Kind.AGREEMENT: 6, Kind.MEETING: 5, Kind.WORKSHOP: 4,
    Kind.LAUNCH: 4, Kind.PUBLICATION: 3, Kind.OTHER: 0,
}
_KIND_PRIORITY = np.array([KIND_PRIORITY[k] for k in KIND_CODES], dtype=np.float32)


def item_weight(mentions: np.ndarray, kind: np.ndarray, own: np.ndarray,
                granularity_rank: np.ndarray) -> np.ndarray:
    """Which label is kept when not all fit: more mentions first, then the
    document's own event, then the kind, then the finer date."""
    return (mentions.astype(np.float32) * 100.0 + own.astype(np.float32) * 40.0
            + _KIND_PRIORITY[kind] * 5.0 - granularity_rank.astype(np.float32) * 0.1)


class _Taken(Sequence[str]):
    """``items[positions]`` without copying a million strings."""

    def __init__(self, items: Sequence[str], positions: np.ndarray) -> None:
        self._items, self._positions = items, positions

    def __len__(self) -> int:
        return len(self._positions)

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self._items[int(p)] for p in self._positions[i]]
        return self._items[int(self._positions[i])]


def _remap(order: np.ndarray, keep: np.ndarray, new_number: np.ndarray) -> np.ndarray:
    """A permutation of all items restricted to the kept ones, renumbered
    (``new_number``: each item's number among the kept ones)."""
    chosen = order[keep[order]]
    return new_number.take(chosen)


class TimelineIndex:
    """Items (event × lane) sorted by start, with per-lane and per-time orders.

    Rows are not stored here: where an item sits inside its lane depends on
    the zoom and is worked out by :mod:`timeline.layout`. A filtered index is a
    :meth:`subset` of the unfiltered one, made with array masks (no Python loop
    over events, no sort), so a filter at a million events costs milliseconds.
    """

    def __init__(self, columns: EventColumns, lanes: LaneAssignment) -> None:
        order = np.lexsort((columns.end[lanes.item_event], columns.start[lanes.item_event]))
        event = lanes.item_event[order].astype(np.int32)
        lane = lanes.item_lane[order].astype(np.int32)
        self.columns = columns
        self.lanes = tuple(Lane(k, n, d, p) for k, n, d, p in
                           zip(lanes.keys, lanes.names, lanes.dates, lanes.paths, strict=True))
        self.event, self.lane = event, lane
        self._derive()
        self.by_lane = np.lexsort((self.mid, self.lane)).astype(np.intp)
        self.by_mid = np.argsort(self.mid, kind="stable").astype(np.intp)
        self._origin: tuple | None = None  # a subset's parent, for its event lookups
        self._finish()

    def _derive(self) -> None:
        """Per-item columns that follow from ``event`` and ``lane``."""
        c = self.columns
        self.start = c.start[self.event]
        self.end = c.end[self.event]
        self.mid = (self.start + self.end) / 2
        self.shape = c.shape[self.event]
        self.kind = c.kind[self.event]
        dates = np.array([np.nan if ln.date is None else ln.date for ln in self.lanes] or [0.0])
        lane_date = dates[self.lane] if len(self.lane) else np.empty(0)
        self.own = (lane_date >= self.start) & (lane_date < self.end)
        self.weight = item_weight(c.mentions[self.event], self.kind, self.own,
                                  c.granularity[self.event])

    def _finish(self) -> None:
        """Search structures over the orders (cheap: no sorting)."""
        n_lanes = len(self.lanes)
        # Running maximum of ends: the first item that can reach past t0 is found
        # by searchsorted even when long ranges start far to the left.
        self._max_end = np.maximum.accumulate(self.end) if len(self.end) else self.end
        self.mid_sorted = self.mid.take(self.by_mid)
        self.lane_mid = self.mid.take(self.by_lane)
        # Counts then running sums: linear, where a searchsorted per lane or
        # per event would not be.
        self.lane_counts = np.bincount(self.lane, minlength=n_lanes)[:n_lanes]
        self.lane_offsets = np.concatenate(([0], np.cumsum(self.lane_counts))).astype(np.intp)

    @property
    def _lookups(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Items by event (with each event's first position) and events in time
        order (with each one's rank): made on first use, since only selecting
        and stepping need them, not drawing or filtering."""
        found = self.__dict__.get("_lookups_made")
        if found is None:
            by_event, time_order = self._event_orders()
            n = len(self.columns)
            per_event = np.bincount(self.event, minlength=n)[:n]
            starts = np.concatenate(([0], np.cumsum(per_event))).astype(np.intp)
            rank = np.empty(n, dtype=np.int32)
            rank[time_order] = np.arange(n, dtype=np.int32)
            found = self.__dict__["_lookups_made"] = (by_event, starts, time_order, rank)
        return found

    def _event_orders(self) -> tuple[np.ndarray, np.ndarray]:
        if self._origin is None:
            c = self.columns
            return (np.argsort(self.event, kind="stable").astype(np.intp),
                    np.lexsort((c.end, c.start)).astype(np.int32))
        parent, events, keep, new_item, new_event = self._origin
        by_event, _starts, time_order, _rank = parent._lookups
        order = time_order[events.take(time_order)]
        return _remap(by_event, keep, new_item), new_event.take(order)

    @property
    def time_order(self) -> np.ndarray:
        """Event numbers in time order."""
        return self._lookups[2]

    def subset(self, events: np.ndarray, lanes: np.ndarray | None = None) -> TimelineIndex:
        """The index of the events where ``events`` (a bool per event) is True,
        dropping items in lanes where ``lanes`` (a bool per lane) is False.
        Events are renumbered in their order; lanes keep their numbers."""
        keep = events.take(self.event)
        if lanes is not None:
            keep &= lanes.take(self.lane)
        # Positions once, then take(): cheaper than masking each column again.
        kept = np.flatnonzero(keep)
        new_event = (np.cumsum(events, dtype=np.int32) - 1).astype(np.int32)
        new_item = np.cumsum(keep, dtype=np.int64).astype(np.intp) - 1
        out = object.__new__(TimelineIndex)
        out.columns = self.columns.take(np.flatnonzero(events))
        out.lanes = self.lanes
        out.event = new_event.take(self.event.take(kept))
        for name in ("lane", "start", "end", "mid", "shape", "kind", "own", "weight"):
            setattr(out, name, getattr(self, name).take(kept))
        out.by_lane = _remap(self.by_lane, keep, new_item)
        out.by_mid = _remap(self.by_mid, keep, new_item)
        out._origin = (self, events, keep, new_item, new_event)
        out._finish()
        return out

    def __len__(self) -> int:
        """Number of drawn items."""
        return len(self.event)

    def extent(self) -> tuple[float, float]:
        """Earliest start and latest end over items and lane dates (0, 0 when
        empty); computed once (the view asks on every paint)."""
        found = self.__dict__.get("_extent")
        if found is None:
            found = self.__dict__["_extent"] = self._compute_extent()
        return found

    def items_extent(self) -> tuple[float, float] | None:
        """Earliest start and latest end of the items alone (None when empty)."""
        if not len(self.start):
            return None
        return float(self.start[0]), float(self._max_end[-1])

    def _compute_extent(self) -> tuple[float, float]:
        points = [ln.date for ln in self.lanes if ln.date is not None]
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

    def mids_between(self, t0: float, t1: float) -> np.ndarray:
        """Items whose middle lies in ``[t0, t1)``, in order of their middles."""
        a, b = np.searchsorted(self.mid_sorted, (t0, t1))
        return self.by_mid[a:b]

    def lane_items(self, lane: int) -> np.ndarray:
        """Items of ``lane`` in order of their middles."""
        return self.by_lane[self.lane_offsets[lane]:self.lane_offsets[lane + 1]]

    def lane_density(self, lane: int, edges: np.ndarray) -> np.ndarray:
        """Items of ``lane`` by middle between consecutive ``edges`` (sorted epoch
        seconds): binary searches over the lane's sorted middles, so the cost
        follows the number of edges, not of items."""
        a, b = self.lane_offsets[lane], self.lane_offsets[lane + 1]
        return np.diff(np.searchsorted(self.lane_mid[a:b], edges)).astype(np.int64)

    def density(self, t0: float, t1: float, bins: int) -> np.ndarray:
        """Item counts by midpoint in ``bins`` equal slices of ``[t0, t1)``."""
        edges = np.linspace(t0, t1, bins + 1)
        return np.diff(np.searchsorted(self.mid_sorted, edges)).astype(np.int64)

    def items_of(self, event: int) -> np.ndarray:
        """Item indices drawing ``event`` (one per lane it sits in)."""
        by_event, starts, _order, _rank = self._lookups
        return by_event[starts[event]:starts[event + 1]]

    def step(self, event: int, direction: int) -> int:
        """The event after (direction 1) or before (-1) ``event`` in time order;
        with ``event`` -1, the first or last. Stays put at either end."""
        _by_event, _starts, order, ranks = self._lookups
        n = len(order)
        if not n:
            return -1
        if event < 0:
            return int(order[0 if direction > 0 else -1])
        rank = min(max(int(ranks[event]) + direction, 0), n - 1)
        return int(order[rank])


def corpus_extent(events: Sequence[Event], documents: Sequence[Document]) -> tuple[float, float]:
    """Earliest start and latest (exclusive) end over events and document dates,
    in epoch seconds; (0, 0) when nothing is dated."""
    starts = [e.when.start for e in events] + [d.date for d in documents if d.date]
    ends = [e.when.end for e in events] + [d.date for d in documents if d.date]
    if not starts:
        return 0.0, 0.0
    return seconds(min(starts)), seconds(max(ends)) + SECONDS_PER_DAY


def build_index(events: Sequence[Event], documents: Sequence[Document],
                mode: LaneMode = LaneMode.DOCUMENT) -> TimelineIndex:
    """The index for ``events`` grouped into lanes by ``mode``."""
    return TimelineIndex(EventColumns.from_events(events), assign_lanes(mode, events, documents))

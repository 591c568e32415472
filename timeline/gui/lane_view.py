"""Which lanes are shown, in what order, and how many rows each gets. Qt-free.

The index keeps every lane; the view decides: lanes without a matching event
are hidden while a filter is on (unless the user keeps them), collapsed lanes
show their header only, and lanes can be sorted by first date, title or file
name. Rows are counted from the top: each shown lane is a header row followed
by its event rows.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np

from timeline.index import LaneSort, TimelineIndex, file_name
from timeline.layout import lane_rows

MIN_ROWS = 2    # event rows a lane gets however many lanes there are
MAX_ROWS = 10   # ...and at most, however tall the window


def row_cap(available_rows: float, lanes: int) -> int:
    """Event rows per lane so that the lanes share the height (within bounds)."""
    if lanes <= 0:
        return MAX_ROWS
    return int(min(MAX_ROWS, max(MIN_ROWS, available_rows // lanes - 1)))


@dataclass(frozen=True, eq=False)
class LaneView:
    """Shown lanes top to bottom, with their rows."""

    order: np.ndarray     # int32 lane numbers in display order
    rows: np.ndarray      # int32 event rows per lane number (0: hidden or collapsed)
    top: np.ndarray       # int32 header row per lane number (-1: hidden)
    tops: list[int]       # header rows in display order, for bisection
    total_rows: int
    collapsed: frozenset[str]
    position: np.ndarray  # int32 display position per lane number (-1: hidden)

    def lanes_between(self, r0: float, r1: float) -> list[int]:
        """Lane numbers with rows in ``[r0, r1]``, in display order."""
        if not self.tops:
            return []
        first = max(bisect_right(self.tops, r0) - 1, 0)
        out = []
        for pos in range(first, len(self.tops)):
            if self.tops[pos] > r1:
                break
            out.append(int(self.order[pos]))
        return out

    def lane_at_row(self, row: float) -> int:
        """The lane number drawn at ``row``, or -1."""
        pos = bisect_right(self.tops, row) - 1
        if pos < 0 or row >= self.total_rows:
            return -1
        return int(self.order[pos])

    def shown(self, lane: int) -> bool:
        """True when ``lane`` is on the canvas."""
        return bool(self.top[lane] >= 0)


def lane_order(ix: TimelineIndex, sort: LaneSort) -> np.ndarray:
    """Lane numbers in the order ``sort`` asks for (stable: ties keep the
    natural order)."""
    n = len(ix.lanes)
    natural = np.arange(n, dtype=np.int32)
    if sort is LaneSort.FIRST_DATE:
        first = np.full(n, np.inf)
        if len(ix.lane):
            np.minimum.at(first, ix.lane, ix.start)
        dates = np.array([np.inf if ln.date is None else ln.date for ln in ix.lanes] or [0.0])
        first = np.minimum(first, dates[:n]) if n else first
        return natural[np.argsort(first, kind="stable")]
    if sort is LaneSort.TITLE:
        return np.array(sorted(natural.tolist(), key=lambda i: ix.lanes[i].name.casefold()),
                        dtype=np.int32)
    if sort is LaneSort.FILE:
        return np.array(sorted(natural.tolist(),
                               key=lambda i: file_name(ix.lanes[i].path or ix.lanes[i].name)
                               .casefold()), dtype=np.int32)
    return natural


def lane_view(ix: TimelineIndex, available_rows: float, sort: LaneSort = LaneSort.NATURAL,
              hide_empty: bool = False, collapsed: Collection[str] = ()) -> LaneView:
    """The lanes to draw for ``ix`` in a canvas ``available_rows`` tall."""
    n = len(ix.lanes)
    order = lane_order(ix, sort)
    if hide_empty:
        order = order[ix.lane_counts[order] > 0]
    cap = row_cap(available_rows, len(order))
    rows = np.zeros(n, dtype=np.int32)
    rows[order] = lane_rows(ix.lane_counts[order], cap)
    folded = frozenset(k for k in collapsed if k in {ln.key for ln in ix.lanes})
    for i in order.tolist():
        if ix.lanes[i].key in folded:
            rows[i] = 0
    top = np.full(n, -1, dtype=np.int32)
    heights = rows[order] + 1
    starts = (np.cumsum(heights) - heights).astype(np.int32)  # empty when no lane is shown
    top[order] = starts
    position = np.full(n, -1, dtype=np.int32)
    position[order] = np.arange(len(order), dtype=np.int32)
    return LaneView(order, rows, top, starts.tolist(), int(heights.sum()), folded, position)

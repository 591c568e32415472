"""Tile layouts computed in a worker thread and kept for reuse.

A frame asks for the tiles of its level. A tile already laid out is returned
at once; a missing one is queued for the worker, and the frame is drawn from
the nearest level that is ready (coarser first: its layout never overlaps at a
finer scale), so zooming never waits. A tile with few items is laid out on the
spot, since that costs less than a frame. ``ready`` fires when queued work
lands, and the canvas repaints.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np
from PySide6.QtCore import QObject, Signal

from timeline.index import TimelineIndex
from timeline.layout import (
    Geometry,
    TileLayout,
    WidthOf,
    lay_out_lane,
    lay_out_tile,
    tile_span,
    tiled_rows,
    tiles_over,
)

KEPT_TILES = 600      # tiles remembered (least recently used go first)
INLINE_ITEMS = 600    # a tile with no more items than this is laid out at once
NEAREST_LEVELS = 8    # levels tried either side when the wanted one is not ready

Key = tuple[int, str, int]  # (level, "tile", tile number) or (level, "lane", lane number)


class LayoutCache(QObject):
    """Layouts (tiles of busy lanes, whole quiet lanes) of one index at one
    set of lane rows."""

    ready = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="timeline-layout")
        self._lock = threading.Lock()
        self._tiles: OrderedDict[Key, TileLayout] = OrderedDict()
        self._pending: dict[Key, Future] = {}
        self._generation = 0
        self._job: tuple[TimelineIndex, np.ndarray, WidthOf, Geometry] | None = None
        self._tiled = np.zeros(0, dtype=np.int32)

    def reset(self, index: TimelineIndex | None, rows: np.ndarray, width_of: WidthOf,
              geometry: Geometry) -> None:
        """Forget every tile: the index or the lanes' rows changed."""
        with self._lock:
            self._generation += 1
            self._tiles.clear()
            for future in self._pending.values():
                future.cancel()
            self._pending.clear()
            self._job = None if index is None else (index, rows, width_of, geometry)
            self._tiled = tiled_rows(index, rows) if index is not None else self._tiled[:0]

    def layouts(self, level: int, t0: float, t1: float,
                lanes: list[int]) -> tuple[list[TileLayout], list[int], bool]:
        """What a frame over ``[t0, t1)`` showing ``lanes`` draws: tiles for
        busy lanes and whole-lane layouts for the others, each at ``level``
        or else the nearest level that is ready; the lanes with nothing ready
        yet (drawn as density meanwhile); and whether all is at ``level``."""
        job = self._job
        if job is None:
            return [], list(lanes), False
        index, rows = job[0], job[1]
        out: list[TileLayout] = []
        missing: list[int] = []
        complete = True
        busy = [ln for ln in lanes if self._tiled[ln] > 0]
        if busy:
            found = self.tiles(level, t0, t1)
            if found is None:
                missing.extend(busy)
                complete = False
            else:
                out.extend(found[1])
                complete &= found[0] == level
        for lane in lanes:
            if rows[lane] <= 0 or self._tiled[lane] > 0 or not index.lane_counts[lane]:
                continue
            layout = self._nearest_lane(level, lane)
            if layout is None:
                missing.append(lane)
                complete = False
            else:
                out.append(layout)
                complete &= layout.level == level
        return out, missing, complete

    def _nearest_lane(self, level: int, lane: int) -> TileLayout | None:
        found = self._get((level, "lane", lane), request=True)
        for step in range(1, NEAREST_LEVELS + 1):
            if found is not None:
                break
            for other in (level + step, level - step):
                found = found or self._get((other, "lane", lane), request=False)
        return found

    def tiles(self, level: int, t0: float, t1: float) -> tuple[int, list[TileLayout]] | None:
        """The tiles covering ``[t0, t1)`` at ``level``, or at the nearest level
        that has them all; None when no level is ready yet."""
        wanted = self._collect(level, t0, t1, request=True)
        if wanted is not None:
            return level, wanted
        for step in range(1, NEAREST_LEVELS + 1):
            for other in (level + step, level - step):
                found = self._collect(other, t0, t1, request=False)
                if found is not None:
                    return other, found
        return None

    def _collect(self, level: int, t0: float, t1: float,
                 request: bool) -> list[TileLayout] | None:
        if self._job is None:
            return None
        span = tiles_over(level, t0, t1)
        if len(span) > 8:  # a level far finer than the view: not a useful stand-in
            return None
        out, missing = [], False
        for tile in span:
            found = self._get((level, "tile", tile), request)
            if found is None:
                missing = True
            else:
                out.append(found)
        return None if missing else out

    def _get(self, key: Key, request: bool) -> TileLayout | None:
        """The layout ``key`` names when it is kept; else, with ``request``,
        made at once when small or queued for the worker (None meanwhile)."""
        with self._lock:
            found = self._tiles.get(key)
            if found is not None:
                self._tiles.move_to_end(key)
                return found
            if not request or key in self._pending or self._job is None:
                return None
            job, generation = self._job, self._generation
        if _items_in(key, job[0]) <= INLINE_ITEMS:
            layout = _lay_out(key, job)
            self._store(key, layout, generation)
            return layout
        future = self._pool.submit(self._work, key, job, generation)
        with self._lock:
            self._pending[key] = future
        return None

    def _work(self, key: Key, job: tuple, generation: int) -> None:
        try:
            layout = _lay_out(key, job)
        finally:
            with self._lock:
                self._pending.pop(key, None)
        if self._store(key, layout, generation):
            self.ready.emit()

    def _store(self, key: Key, layout: TileLayout, generation: int) -> bool:
        with self._lock:
            if generation != self._generation:
                return False
            self._tiles[key] = layout
            while len(self._tiles) > KEPT_TILES:
                self._tiles.popitem(last=False)
            return True

    def busy(self) -> bool:
        """True while tiles are being laid out."""
        with self._lock:
            return bool(self._pending)

    def wait(self, timeout_s: float = 30.0) -> None:
        """Block until the queued tiles are laid out (tests, snapshots)."""
        with self._lock:
            futures = list(self._pending.values())
        for future in futures:
            if not future.cancelled():
                future.result(timeout=timeout_s)

    def close(self) -> None:
        """Stop the worker (queued tiles are dropped)."""
        self.reset(None, np.zeros(0, dtype=np.int32), lambda items: items, Geometry())
        self._pool.shutdown(wait=False, cancel_futures=True)


def _items_in(key: Key, index: TimelineIndex) -> int:
    """How many items the layout ``key`` names has to place."""
    level, what, number = key
    if what == "lane":
        return int(index.lane_counts[number])
    lo, hi = tile_span(level, number)
    return len(index.mids_between(lo, hi))


def _lay_out(key: Key, job: tuple) -> TileLayout:
    """The layout ``key`` names: a whole quiet lane, or a tile of the busy ones."""
    index, rows, width_of, geometry = job
    level, what, number = key
    if what == "lane":
        return lay_out_lane(index, level, number, rows, width_of, geometry)
    return lay_out_tile(index, level, number, tiled_rows(index, rows), width_of, geometry)

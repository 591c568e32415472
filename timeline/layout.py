"""Where each event goes at a given zoom: rows, labels, clusters, density. Qt-free.

The timeline is laid out per *level* and per *tile*. A level is a scale (seconds
per pixel) on a ladder of √2 steps; a view at scale ``s`` uses the level just
coarser than ``s``, so everything laid out there takes at most the room it was
given: labels and markers are pixel-sized, and at a finer scale a pixel-sized
thing covers less time. A tile is a stretch of :data:`TILE_PX` pixels at its
level, aligned to absolute time, so panning shows the same layout again and
labels do not flicker.

Inside a tile each lane is laid out on its own, in one of two ways:

- **dense**: more items than half the tile's pixels; the lane is drawn as a
  density strip (counts per pixel column, read from the index's per-lane sorted
  middles at paint time, so a frame costs what its pixels cost);
- **detailed**: cells of :attr:`Geometry.cell` pixels holding more items than
  the lane has rows become one cluster (runs of such cells merge); then items,
  most important first, take the lowest row where their marker (or bar) and
  their whole title fit, right of the marker or else left of it; an item whose
  title fits nowhere keeps its marker and is named on hover; one whose marker
  fits nowhere turns its cell into a cluster and the lane is laid out again.

A title is never shortened: it is placed whole or not at all.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from timeline.index import Shape, TimelineIndex

TILE_PX = 4096
WHOLE_LANE_ITEMS = 2000
"""A lane with no more items than this is laid out whole at each level, so no
tile edge cuts through it; only busier lanes are laid out tile by tile."""
WHOLE = -(2 ** 62)        # the ``tile`` of a whole-lane layout (tiles before 1970 are negative)
LEVEL_STEP = 0.5          # levels are 2 ** (LEVEL_STEP * k) seconds per pixel
LABEL_NONE, LABEL_RIGHT, LABEL_LEFT = 0, 1, 2
_RELAYOUTS = 6            # a lane is laid out again at most this often


def level_of(seconds_per_px: float) -> int:
    """The level for a view at ``seconds_per_px``: the finest one at least as coarse."""
    return math.ceil(math.log2(max(seconds_per_px, 1e-9)) / LEVEL_STEP - 1e-9)


def scale_of(level: int) -> float:
    """Seconds per pixel at ``level``."""
    return float(2.0 ** (level * LEVEL_STEP))


def tile_span(level: int, tile: int) -> tuple[float, float]:
    """The time a tile covers, epoch seconds."""
    width = TILE_PX * scale_of(level)
    return tile * width, (tile + 1) * width


def tiles_over(level: int, t0: float, t1: float) -> range:
    """The tiles of ``level`` that meet ``[t0, t1)``."""
    width = TILE_PX * scale_of(level)
    return range(math.floor(t0 / width), math.floor(t1 / width) + 1)


@dataclass(frozen=True)
class Geometry:
    """Sizes in pixels."""

    marker: float = 11.0
    gap: float = 5.0          # between a marker and its title
    spacing: float = 6.0      # clear space between neighbours in a row
    max_label: float = 420.0  # longer titles are named on hover only
    cell: float = 36.0        # width of a cluster cell (a badge fits inside)
    dense: float = 0.5        # items per pixel beyond which a lane is a density strip

    def badge_radius(self, count: int) -> float:
        """A cluster badge's radius: grows with the count, fits its cell."""
        return min(self.cell / 2 - 1, 8.0 + 1.8 * math.log2(max(count, 2)))


@dataclass(frozen=True, eq=False)
class Clusters:
    """Cluster badges: one entry per cluster, members concatenated."""

    lane: np.ndarray      # int32
    at: np.ndarray        # float64 where the badge is drawn, epoch s
    count: np.ndarray     # int32
    kind: np.ndarray      # int8 the commonest kind among the members
    members: np.ndarray   # intp item indices, cluster after cluster
    offsets: np.ndarray   # intp, len = clusters + 1

    def __len__(self) -> int:
        return len(self.lane)

    def items(self, k: int) -> np.ndarray:
        """The member items of cluster ``k``, most important first is not
        promised: they are in time order."""
        return self.members[self.offsets[k]:self.offsets[k + 1]]


@dataclass(frozen=True, eq=False)
class TileLayout:
    """The layout of one tile at one level."""

    level: int
    tile: int
    items: np.ndarray   # intp items drawn one by one
    row: np.ndarray     # int16 row inside the item's lane (0 = top)
    label: np.ndarray   # int8 LABEL_NONE / LABEL_RIGHT / LABEL_LEFT
    width: np.ndarray   # float32 the title's width in pixels as laid out
    clusters: Clusters
    dense: np.ndarray   # int32 lanes drawn as density strips over this tile
    lane: int = -1      # the lane of a whole-lane layout (tile WHOLE)

    @property
    def span(self) -> tuple[float, float]:
        """The time this layout covers."""
        if self.tile == WHOLE:
            return -math.inf, math.inf
        return tile_span(self.level, self.tile)


WidthOf = Callable[[np.ndarray], np.ndarray]
"""Item indices -> title widths in pixels (may be called from a worker thread)."""


def lane_rows(counts: np.ndarray, cap: int) -> np.ndarray:
    """Rows each lane gets: as many as it has items, at least one, at most ``cap``."""
    return np.clip(counts, 1, max(cap, 1)).astype(np.int32)


def tiled_rows(ix: TimelineIndex, rows: np.ndarray) -> np.ndarray:
    """``rows`` for the lanes laid out by tile (0 for those laid out whole)."""
    return np.where(ix.lane_counts > WHOLE_LANE_ITEMS, rows, 0).astype(np.int32)


def lay_out_lane(ix: TimelineIndex, level: int, lane: int, rows: np.ndarray,
                 width_of: WidthOf, g: Geometry | None = None) -> TileLayout:
    """The whole of ``lane`` at ``level`` (cell grid aligned to the epoch, as
    tiles are, so both agree on where clusters fall)."""
    g = g or Geometry()
    items = ix.lane_items(lane)
    parts = []
    if len(items) and rows[lane] > 0:
        parts.append(_lay_out_lane(ix, items, 0.0, scale_of(level), int(rows[lane]),
                                   width_of, g))
    layout = _combine(level, WHOLE, parts, np.empty(0, dtype=np.int32), ix)
    return TileLayout(layout.level, WHOLE, layout.items, layout.row, layout.label,
                      layout.width, layout.clusters, layout.dense, lane)


def lay_out_tile(ix: TimelineIndex, level: int, tile: int, rows: np.ndarray,
                 width_of: WidthOf, g: Geometry | None = None) -> TileLayout:
    """The layout of ``tile`` at ``level``; ``rows`` gives each lane's rows (0:
    the lane is collapsed or hidden, nothing in it is laid out)."""
    g = g or Geometry()
    lo, hi = tile_span(level, tile)
    chosen = ix.mids_between(lo, hi)
    lanes = ix.lane[chosen]
    counts = np.bincount(lanes, minlength=len(ix.lanes))
    dense = (counts > TILE_PX * g.dense) & (rows > 0)
    detailed = chosen[~dense[lanes] & (rows[lanes] > 0)]
    detailed = detailed[np.argsort(ix.lane[detailed], kind="stable")]  # by lane, then middle
    bounds = np.flatnonzero(np.diff(ix.lane[detailed])) + 1
    parts = [_lay_out_lane(ix, part, lo, scale_of(level), int(rows[ix.lane[part[0]]]),
                           width_of, g)
             for part in np.split(detailed, bounds) if len(part)]
    return _combine(level, tile, parts, np.flatnonzero(dense).astype(np.int32), ix)


@dataclass
class _LaneResult:
    items: list[int]
    row: list[int]
    label: list[int]
    width: list[float]
    clusters: list[tuple[np.ndarray, float]]  # members and the badge's time


class _Row:
    """The occupied pixel spans of one row, kept sorted and disjoint."""

    __slots__ = ("ends", "starts")

    def __init__(self) -> None:
        self.starts: list[float] = []
        self.ends: list[float] = []

    def free(self, a: float, b: float, pad: float) -> bool:
        i = bisect_right(self.starts, a)
        if i and self.ends[i - 1] + pad > a:
            return False
        return not (i < len(self.starts) and self.starts[i] < b + pad)

    def take(self, a: float, b: float) -> None:
        i = bisect_right(self.starts, a)
        self.starts.insert(i, a)
        self.ends.insert(i, b)

    def drop(self, a: float, b: float) -> None:
        """Forget the span ``[a, b]`` taken earlier."""
        i = bisect_right(self.starts, a) - 1
        while i >= 0 and self.starts[i] == a:
            if self.ends[i] == b:
                del self.starts[i], self.ends[i]
                return
            i -= 1


def _lay_out_lane(ix: TimelineIndex, items: np.ndarray, origin: float, scale: float,
                  rows: int, width_of: WidthOf, g: Geometry) -> _LaneResult:
    """One lane of one tile; ``items`` are in order of their middles."""
    xm = (ix.mid[items] - origin) / scale
    x0, x1 = (ix.start[items] - origin) / scale, (ix.end[items] - origin) / scale
    bar = (ix.shape[items] == Shape.RANGE) & (x1 - x0 > g.marker)
    body_lo = np.where(bar, x0, xm - g.marker / 2)
    body_hi = np.where(bar, x1, xm + g.marker / 2)
    # Cells are counted from the epoch, not from the tile, so a tile and a
    # whole-lane layout put the same clusters in the same places.
    cell = np.floor((xm + origin / scale) / g.cell).astype(np.int64)
    cells, per_cell = np.unique(cell, return_counts=True)
    # A cell holds about two markers side by side per row before they must merge.
    crowded = set(cells[per_cell > 2 * rows].tolist())
    counts = dict(zip(cells.tolist(), per_cell.tolist(), strict=True))
    widths = np.asarray(width_of(items), dtype=np.float64)
    order = np.lexsort((xm, -ix.weight[items])).tolist()
    cell = cell.copy()  # an item may be adopted by a neighbouring cell's badge
    for attempt in range(_RELAYOUTS + 1):
        result, unplaced = _place(items, xm, body_lo, body_hi, widths, order, cell, crowded,
                                  rows, g, attempt == _RELAYOUTS, origin, scale)
        if not unplaced:
            return result
        for k in unplaced:
            _adopt_or_crowd(cell, crowded, k, counts)
    return result


ADOPT_CELLS = 2   # an item with no room joins a badge at most this many cells away


def _adopt_or_crowd(cell: np.ndarray, crowded: set[int], k: int,
                    per_cell: dict[int, int]) -> None:
    """Item ``k`` found no row: a badge nearby takes it in; with none near,
    the busiest of its cell and the two beside it becomes a badge and takes
    it in (a badge of a single event would read oddly)."""
    home = int(cell[k])
    for step in range(1, ADOPT_CELLS + 1):
        for near in (home - step, home + step):
            if near in crowded:
                cell[k] = near
                return
    best = max((home, home - 1, home + 1), key=lambda c: (per_cell.get(c, 0), c == home))
    crowded.add(best)
    cell[k] = best


def _place(items: np.ndarray, xm: np.ndarray, body_lo: np.ndarray, body_hi: np.ndarray,
           widths: np.ndarray, order: list[int], cell: np.ndarray, crowded: set[int],
           rows: int, g: Geometry, force: bool, origin: float,
           scale: float) -> tuple[_LaneResult, list[int]]:
    """Markers first (every event drawn matters more than any title), then
    titles, most important first, each in its marker's row or by moving the
    marker to a row where both fit."""
    lanes = [_Row() for _ in range(rows)]
    in_cluster = np.isin(cell, np.fromiter(crowded, np.int64, len(crowded)))
    clusters = _reserve_clusters(items, xm, cell, in_cluster, lanes, g, origin, scale)
    lo_l, hi_l, w_l = body_lo.tolist(), body_hi.tolist(), widths.tolist()
    placed: dict[int, int] = {}
    unplaced = []
    for k in order:
        if in_cluster[k]:
            continue
        r = _free_row(lanes, lo_l[k], hi_l[k], g.spacing)
        if r is None:
            unplaced.append(k)
        else:
            lanes[r].take(lo_l[k], hi_l[k])
            placed[k] = r
    if unplaced and not force:
        return _LaneResult([], [], [], [], clusters), unplaced
    if unplaced:  # rows full even after clustering: each joins the nearest badge
        _join_nearest(clusters, [int(items[k]) for k in unplaced],
                      [origin + float(xm[k]) * scale for k in unplaced])
    out = _LaneResult([], [], [], [], clusters)
    for k in order:
        if k not in placed:
            continue
        r, side = _with_title(lanes, placed[k], lo_l[k], hi_l[k], w_l[k], g)
        out.items.append(int(items[k]))
        out.row.append(r)
        out.label.append(side)
        out.width.append(w_l[k])
    return out, []


def _join_nearest(clusters: list[tuple[np.ndarray, float]], items: list[int],
                  times: list[float]) -> None:
    """Add each of ``items`` (at ``times``) to the nearest badge; with no badge
    yet, the first of them becomes one where it falls."""
    for item, at in zip(items, times, strict=True):
        if not clusters:
            clusters.append((np.array([item]), at))
            continue
        k = min(range(len(clusters)), key=lambda j: abs(clusters[j][1] - at))
        members, where = clusters[k]
        clusters[k] = (np.append(members, item), where)


def _free_row(lanes: list[_Row], lo: float, hi: float, pad: float) -> int | None:
    for r, row in enumerate(lanes):
        if row.free(lo, hi, pad):
            return r
    return None


def _with_title(lanes: list[_Row], r: int, lo: float, hi: float, width: float,
                g: Geometry) -> tuple[int, int]:
    """Room for the title of the item at ``[lo, hi]`` in row ``r``: right of
    it, else left, in its own row, else in another row the marker moves to.
    Returns the item's row and the title's side."""
    if width > g.max_label:
        return r, LABEL_NONE
    pad = g.spacing
    right, left = hi + g.gap + width, lo - g.gap - width
    own = lanes[r]
    own.drop(lo, hi)
    for row_number in [r, *(i for i in range(len(lanes)) if i != r)]:
        row = lanes[row_number]
        if row.free(lo, right, pad):
            row.take(lo, right)
            return row_number, LABEL_RIGHT
        if row.free(left, hi, pad):
            row.take(left, hi)
            return row_number, LABEL_LEFT
    own.take(lo, hi)
    return r, LABEL_NONE


def _reserve_clusters(items: np.ndarray, xm: np.ndarray, cell: np.ndarray,
                      in_cluster: np.ndarray, lanes: list[_Row], g: Geometry,
                      origin: float, scale: float) -> list[tuple[np.ndarray, float]]:
    """Each crowded cell becomes one badge at the cell's middle, taking its
    width in every row of the lane. A badge is narrower than its cell, so
    badges of neighbouring cells never overlap (they may touch)."""
    chosen = np.flatnonzero(in_cluster)
    if not len(chosen):
        return []
    chosen = chosen[np.argsort(cell[chosen], kind="stable")]  # adopted items join their cell
    breaks = np.flatnonzero(np.diff(cell[chosen])) + 1
    out = []
    for run in np.split(chosen, breaks):
        centre = (float(cell[run[0]]) + 0.5) * g.cell - origin / scale
        r = g.badge_radius(len(run))
        for row in lanes:
            row.take(centre - r, centre + r)
        out.append((items[run], origin + centre * scale))
    return out


def _combine(level: int, tile: int, parts: list[_LaneResult], dense: np.ndarray,
             ix: TimelineIndex) -> TileLayout:
    items = np.array([i for p in parts for i in p.items], dtype=np.intp)
    row = np.array([r for p in parts for r in p.row], dtype=np.int16)
    label = np.array([s for p in parts for s in p.label], dtype=np.int8)
    width = np.array([w for p in parts for w in p.width], dtype=np.float32)
    groups = [c for p in parts for c in p.clusters]
    return TileLayout(level, tile, items, row, label, width, _clusters(groups, ix), dense)


def _clusters(groups: list[tuple[np.ndarray, float]], ix: TimelineIndex) -> Clusters:
    if not groups:
        empty = np.empty(0, dtype=np.intp)
        return Clusters(empty.astype(np.int32), empty.astype(float), empty.astype(np.int32),
                        empty.astype(np.int8), empty, np.zeros(1, dtype=np.intp))
    members = np.concatenate([m for m, _ in groups]).astype(np.intp)
    counts = np.array([len(m) for m, _ in groups], dtype=np.int32)
    offsets = np.concatenate(([0], np.cumsum(counts))).astype(np.intp)
    kinds = np.array([np.bincount(ix.kind[m]).argmax() for m, _ in groups], dtype=np.int8)
    return Clusters(ix.lane[members[offsets[:-1]]].astype(np.int32),
                    np.array([at for _, at in groups]), counts, kinds, members, offsets)

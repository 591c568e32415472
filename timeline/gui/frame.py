"""What one paint of the canvas shows, in viewport pixels. Qt-free.

A :class:`Frame` is built from the index, the lanes on show and the tile
layouts of the current level; the painter draws it and the mouse is tested
against it, so what is clicked is exactly what was drawn. Building it costs
numpy work over the items of the tiles in view and a Python loop over the
lanes in view only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from timeline.gui.lane_view import LaneView
from timeline.index import Shape, TimelineIndex
from timeline.layout import LABEL_LEFT, Geometry, TileLayout, tile_span

DENSITY_BIN_PX = 2.0   # a density strip counts items per this many pixels
MAX_BINS = 8192        # ...and never more columns than this


@dataclass(frozen=True)
class Transform:
    """View (epoch seconds, rows) to viewport pixels: x = ox + sx t, y = oy + sy r."""

    sx: float
    ox: float
    sy: float
    oy: float

    def x(self, t: np.ndarray | float) -> np.ndarray | float:
        return self.ox + self.sx * t

    def y(self, r: np.ndarray | float) -> np.ndarray | float:
        return self.oy + self.sy * r

    def t(self, x: float) -> float:
        return (x - self.ox) / self.sx


@dataclass(frozen=True, eq=False)
class Strip:
    """A lane drawn as counts per pixel column over ``[x0, x1)``."""

    lane: int
    x0: float
    x1: float
    top: float
    bottom: float
    counts: np.ndarray  # items per DENSITY_BIN_PX column


@dataclass(frozen=True, eq=False)
class Badge:
    """A cluster badge."""

    x0: float
    x1: float
    y: float
    radius: float
    count: int
    kind: int
    members: np.ndarray  # item indices


@dataclass(eq=False)
class Frame:
    """Everything drawn in one paint."""

    left: float
    right: float
    lanes: list[int]                 # lane numbers in view, display order
    items: np.ndarray                # intp items drawn one by one
    x0: np.ndarray                   # span start, px
    x1: np.ndarray                   # span end, px
    xm: np.ndarray                   # marker centre, px
    y: np.ndarray                    # row centre, px
    bar: np.ndarray                  # bool: drawn as a solid bar
    label: np.ndarray                # int8 side the title may take
    width: np.ndarray                # float32 the title's laid-out width
    badges: list[Badge] = field(default_factory=list)
    strips: list[Strip] = field(default_factory=list)
    complete: bool = True            # False: drawn from a stand-in while tiles are laid out

    @property
    def body_lo(self) -> np.ndarray:
        return np.where(self.bar, self.x0, self.xm - Geometry.marker / 2)

    @property
    def body_hi(self) -> np.ndarray:
        return np.where(self.bar, self.x1, self.xm + Geometry.marker / 2)

    def label_x(self, k: int, width: float, g: Geometry) -> float:
        """Where title ``k`` starts when it is ``width`` pixels wide."""
        if self.label[k] == LABEL_LEFT:
            return float(self.body_lo_at(k)) - g.gap - width
        return float(self.body_hi_at(k)) + g.gap

    def body_lo_at(self, k: int) -> float:
        return float(self.x0[k] if self.bar[k] else self.xm[k] - Geometry.marker / 2)

    def body_hi_at(self, k: int) -> float:
        return float(self.x1[k] if self.bar[k] else self.xm[k] + Geometry.marker / 2)


def lanes_in_view(lanes: LaneView, r0: float, r1: float) -> list[int]:
    """Lane numbers drawn between rows ``r0`` and ``r1`` (one lane of slack)."""
    return lanes.lanes_between(r0 - 1, r1 + 1)


def build_frame(ix: TimelineIndex, lanes: LaneView, tiles: list[TileLayout],
                tr: Transform, view: tuple[float, float, float, float], pitch_rows: float,
                g: Geometry, complete: bool = True, waiting: list[int] = ()) -> Frame:
    """The frame for the view ``(t0, t1, r0, r1)`` from ``tiles`` (tile and
    whole-lane layouts); lanes in ``waiting`` have no layout ready yet and are
    drawn as density strips meanwhile."""
    t0, t1, r0, r1 = view
    left, right = float(tr.x(t0)), float(tr.x(t1))
    in_view = lanes_in_view(lanes, r0, r1)
    visible = np.zeros(len(ix.lanes), dtype=bool)
    visible[in_view] = True
    visible &= lanes.rows > 0
    visible[list(waiting)] = False
    parts = [_tile_items(ix, tile, visible) for tile in tiles]
    items = np.concatenate([p[0] for p in parts]) if parts else np.empty(0, np.intp)
    row = np.concatenate([p[1] for p in parts]) if parts else np.empty(0, np.int16)
    label = np.concatenate([p[2] for p in parts]) if parts else np.empty(0, np.int8)
    width = np.concatenate([p[3] for p in parts]) if parts else np.empty(0, np.float32)
    lane = ix.lane[items]
    y = tr.y(lanes.top[lane] + 1 + row + 0.5)
    x0, x1, xm = tr.x(ix.start[items]), tr.x(ix.end[items]), tr.x(ix.mid[items])
    reach = g.max_label + g.gap + g.marker
    on = (x1 > left - reach) & (x0 < right + reach) & (y > -pitch_rows) & \
        (y < tr.y(r1) + pitch_rows)
    bar = (ix.shape[items] == Shape.RANGE) & ((x1 - x0) > g.marker)
    frame = Frame(left, right, in_view, items[on], x0[on], x1[on], xm[on], y[on], bar[on],
                  label[on], width[on], complete=complete)
    frame.strips.extend(_strip(ix, lane, lanes, tr, t0, t1, left, right)
                        for lane in waiting if lanes.rows[lane] > 0)
    for tile in tiles:
        frame.badges.extend(_badges(ix, tile, visible, lanes, tr, g, left, right))
        if not len(tile.dense):
            continue
        lo, hi = tile_span(tile.level, tile.tile)
        a, b = max(lo, t0), min(hi, t1)
        if b <= a:
            continue
        for lane in tile.dense.tolist():
            if visible[lane]:
                frame.strips.append(_strip(ix, lane, lanes, tr, a, b, left, right))
    return frame


def _tile_items(ix: TimelineIndex, tile: TileLayout, visible: np.ndarray):
    keep = visible[ix.lane[tile.items]]
    return tile.items[keep], tile.row[keep], tile.label[keep], tile.width[keep]


def _badges(ix: TimelineIndex, tile: TileLayout, visible: np.ndarray, lanes: LaneView,
            tr: Transform, g: Geometry, left: float, right: float) -> list[Badge]:
    """Badges of ``tile`` in view; culled with numpy before any Python loop."""
    c = tile.clusters
    if not len(c):
        return []
    x = tr.x(c.at)
    radius = np.minimum(g.cell / 2 - 1, 8.0 + 1.8 * np.log2(np.maximum(c.count, 2)))
    shown = np.flatnonzero(visible[c.lane] & (x + radius >= left) & (x - radius <= right))
    if not len(shown):
        return []
    lane = c.lane[shown]
    y = tr.y(lanes.top[lane] + 1 + lanes.rows[lane] / 2)
    return [Badge(float(xk), float(xk), float(yk), float(rk), int(n), int(kind), c.items(k))
            for k, xk, yk, rk, n, kind in zip(shown.tolist(), x[shown].tolist(), y.tolist(),
                                               radius[shown].tolist(), c.count[shown].tolist(),
                                               c.kind[shown].tolist(), strict=True)]


def _strip(ix: TimelineIndex, lane: int, lanes: LaneView, tr: Transform, a: float, b: float,
           left: float, right: float) -> Strip:
    xa, xb = max(float(tr.x(a)), left), min(float(tr.x(b)), right)
    # A view not yet laid out can map to absurd widths: the bins stay bounded.
    bins = min(max(int((xb - xa) / DENSITY_BIN_PX), 1), MAX_BINS)
    edges = np.linspace(tr.t(xa), tr.t(xb), bins + 1)
    top = float(tr.y(lanes.top[lane] + 1))
    bottom = float(tr.y(lanes.top[lane] + 1 + lanes.rows[lane]))
    return Strip(lane, xa, xb, top, bottom, ix.lane_density(lane, edges))


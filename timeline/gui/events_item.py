"""One graphics item that paints every visible event, lane and label.

Each frame: cull with the index (searchsorted), map the survivors to pixels with
numpy, reset the painter's transform and draw whole groups with a few
``drawRects`` / ``drawPixmapFragments`` calls, so marker sizes stay constant
while zooming and the cost does not grow with per-event Python. Labels are
placed greedily, most important first, and only a bounded number are tried.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from pyqtgraph.Qt import internals
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen, QPolygonF, QStaticText, QTransform

from timeline.gui import (
    qt_compat,  # noqa: F401  (guards None's refcount first)
    theme,
)
from timeline.gui.labels import Candidates, LabelGeometry, Placement, place_labels
from timeline.gui.markers import MarkerAtlas, MarkerStyle
from timeline.gui.wording import day_words
from timeline.index import KIND_CODES, SECONDS_PER_DAY, Lane, Shape, TimelineIndex, day_at

DETAIL_LIMIT = 40_000   # more items than this in view: draw a density sketch instead
LABEL_CANDIDATES = 400  # labels tried per frame, most important first
ELIDE_STEP = 6          # elided titles are cut to multiples of this many pixels
STATIC_CACHE = 5000     # laid-out titles kept between frames


@dataclass(frozen=True)
class Frame:
    """Visible items of one paint, in device pixels."""

    items: np.ndarray
    x0: np.ndarray
    x1: np.ndarray
    xm: np.ndarray
    y: np.ndarray
    left: float
    right: float


@dataclass(frozen=True)
class PlacedLabel:
    """A label drawn in the last frame, kept for hit testing."""

    item: int
    rect: QRectF


class EventsItem(pg.GraphicsObject):
    """Paints a :class:`TimelineIndex` inside a ViewBox (x: epoch s, y: rows)."""

    def __init__(self) -> None:
        super().__init__()
        self.index: TimelineIndex | None = None
        self._lane_rows: tuple[object, list[int]] = (None, [])
        self.selected_event = -1
        self.hover_item = -1
        self.labels: list[PlacedLabel] = []
        self._atlas = MarkerAtlas()
        self._rects = internals.PrimitiveArray(QRectF, 4)
        self._fragments = internals.PrimitiveArray(QPainter.PixmapFragment, 10)
        self._widths: dict[int, float] = {}
        self._titles: dict[int, str] = {}
        self._statics: dict[tuple[int, bool, int], QStaticText] = {}
        self._font = theme.label_font()
        self._bold = theme.label_font(bold=True)
        self._metrics = QFontMetricsF(self._font)
        self._bold_metrics = QFontMetricsF(self._bold)
        self._geometry = LabelGeometry(theme.MARKER, theme.LABEL_GAP, theme.MIN_LABEL_PX,
                                       theme.MAX_LABEL_PX)
        self._header_font = theme.header_font()
        self._header_metrics = QFontMetricsF(self._header_font)

    def set_index(self, index: TimelineIndex | None) -> None:
        """Show ``index`` (None: nothing)."""
        self.prepareGeometryChange()
        self.index = index
        self.hover_item = -1
        self._widths.clear()
        self._titles.clear()
        self._statics.clear()
        self.update()

    def boundingRect(self) -> QRectF:
        if self.index is None or not self.index.lanes:
            return QRectF()
        t0, t1 = self.index.extent()
        return QRectF(t0, 0.0, max(t1 - t0, SECONDS_PER_DAY), float(self.index.total_rows))

    # ----------------------------------------------------------------- painting
    def paint(self, painter: QPainter, *_args: object) -> None:
        self.labels = []
        vb = self.getViewBox()
        if self.index is None or vb is None:
            return
        (t0, t1), (r0, r1) = vb.viewRange()
        tr = painter.transform()
        sx, ox, sy, oy = tr.m11(), tr.dx(), tr.m22(), tr.dy()
        painter.resetTransform()
        left, right = ox + sx * t0, ox + sx * t1
        self._paint_lanes(painter, sy, oy, left, right, r0, r1)
        frame = self._frame(t0, t1, r0, r1, (sx, ox, sy, oy), (left, right))
        self._paint_doc_dates(painter, (sx, ox, sy, oy), left, right, r0, r1)
        self._paint_lane_names(painter, sy, oy, left, right, r0, r1)
        if len(frame.items) > DETAIL_LIMIT:
            self._paint_sketch(painter, frame)
            return
        self._paint_spans(painter, frame)
        self._paint_markers(painter, frame)
        self._paint_highlights(painter, frame)
        self._paint_labels(painter, frame)

    def _frame(self, t0: float, t1: float, r0: float, r1: float,
               tr: tuple[float, float, float, float], edges: tuple[float, float]) -> Frame:
        ix = self.index
        sx, ox, sy, oy = tr
        items = ix.visible_in_rows(t0, t1, int(np.floor(r0)) - 1, int(np.ceil(r1)) + 1)
        return Frame(items, ox + sx * ix.start[items], ox + sx * ix.end[items],
                     ox + sx * ix.mid[items], oy + sy * (ix.row[items] + 0.5),
                     edges[0], edges[1])

    def _visible_lanes(self, r0: float, r1: float) -> list[tuple[int, Lane]]:
        """The lanes (with their numbers) that reach rows ``r0``..``r1``, found
        by bisection: lanes follow one another down the rows."""
        lanes = self.index.lanes
        if self._lane_rows[0] is not lanes:
            self._lane_rows = (lanes, [ln.end_row for ln in lanes])
        first = bisect.bisect_left(self._lane_rows[1], r0)
        found = []
        for i in range(first, len(lanes)):
            if lanes[i].header_row > r1:
                break
            found.append((i, lanes[i]))
        return found

    def _paint_lanes(self, p: QPainter, sy: float, oy: float, left: float, right: float,
                     r0: float, r1: float) -> None:
        width = right - left
        p.setPen(Qt.PenStyle.NoPen)
        for i, lane in self._visible_lanes(r0, r1):
            top, mid, bottom = (oy + sy * r for r in (lane.header_row, lane.first_row,
                                                      lane.end_row))
            p.setBrush(QColor(theme.HEADER_SHADE))
            p.drawRect(QRectF(left, top, width, mid - top))
            p.setBrush(QColor(theme.LANE_SHADE if i % 2 else theme.BACKGROUND))
            p.drawRect(QRectF(left, mid, width, bottom - mid))

    def _paint_lane_names(self, p: QPainter, sy: float, oy: float, left: float, right: float,
                          r0: float, r1: float) -> None:
        """Lane names stay at the left edge, on a patch of header colour so a
        document-date flag passing beneath never garbles them."""
        p.setFont(self._header_font)
        for _i, lane in self._visible_lanes(r0, r1):
            top, mid = oy + sy * lane.header_row, oy + sy * lane.first_row
            room = min(right - left - 16, max((right - left) * 0.7, 240))
            elided = self._lane_title(lane, room)
            w = self._header_metrics.horizontalAdvance(elided)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(theme.HEADER_SHADE))
            p.drawRect(QRectF(left, top, w + 16, mid - top))
            p.setPen(QColor(theme.HEADER_TEXT))
            p.drawText(QRectF(left + 8, top, w + 2, mid - top),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, elided)

    def _paint_doc_dates(self, p: QPainter, tr: tuple[float, float, float, float],
                         left: float, right: float, r0: float, r1: float) -> None:
        """A dashed line down each document's lane at its own date, flagged in
        the header (lanes out of view are not visited: there may be thousands)."""
        sx, ox, sy, oy = tr
        pen = QPen(QColor(theme.DOC_DATE), 1.2, Qt.PenStyle.DashLine)
        for _i, lane in self._visible_lanes(r0, r1):
            if lane.date is None:
                continue
            x = ox + sx * (lane.date + SECONDS_PER_DAY / 2)
            if not left - 8 <= x <= right + 8:
                continue
            top, bottom = oy + sy * lane.first_row, oy + sy * lane.end_row
            p.setPen(pen)
            p.drawLine(QPointF(x, top), QPointF(x, bottom))
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(theme.DOC_DATE))
            p.drawPolygon(QPolygonF([QPointF(x - 6, top - 9), QPointF(x + 6, top - 9),
                                     QPointF(x, top - 1)]))

    def _lane_title(self, lane: Lane, room: float) -> str:
        """The lane's name shortened to ``room`` pixels, keeping "dated …" whole."""
        metrics = self._header_metrics
        name = " ".join(lane.name.split())
        suffix = f"  ·  dated {day_words(day_at(lane.date))}" if lane.date is not None else ""
        if suffix and metrics.horizontalAdvance(suffix) > room * 0.6:
            suffix = ""
        rest = room - metrics.horizontalAdvance(suffix)
        return metrics.elidedText(name, Qt.TextElideMode.ElideRight, rest) + suffix

    def _draw_rects(self, p: QPainter, x0: np.ndarray, y0: np.ndarray, w: np.ndarray,
                    h: float | np.ndarray) -> None:
        self._rects.resize(len(x0))
        arr = self._rects.ndarray()
        arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3] = x0, y0, w, h
        p.drawRects(*self._rects.drawargs())

    def _paint_spans(self, p: QPainter, f: Frame) -> None:
        """Ranges as solid bars; imprecise spans as bars feathered towards their ends."""
        ix = self.index
        shape, kind = ix.shape[f.items], ix.kind[f.items]
        x0, x1 = np.maximum(f.x0, f.left - 2), np.minimum(f.x1, f.right + 2)
        wide = (x1 - x0) > theme.MARKER
        p.setPen(Qt.PenStyle.NoPen)
        for code in np.unique(kind):
            colour = theme.kind_colour(KIND_CODES[code])
            group = wide & (kind == code)
            fuzzy = group & (shape == Shape.IMPRECISE)
            self._paint_feathered(p, colour, f.x0[fuzzy], f.x1[fuzzy], f.y[fuzzy], f)
            solid = group & (shape == Shape.RANGE)
            colour.setAlpha(200)
            p.setBrush(colour)
            h = theme.BAR_HEIGHT
            self._draw_rects(p, x0[solid], f.y[solid] - h / 2, x1[solid] - x0[solid], h)

    def _paint_feathered(self, p: QPainter, colour: QColor, x0: np.ndarray, x1: np.ndarray,
                         y: np.ndarray, f: Frame) -> None:
        # Three nested bands, each darker and narrower: a gradient without a
        # per-item brush, so the possible span reads as "somewhere in here".
        width = x1 - x0
        for step, alpha in ((0.0, 34), (0.2, 34), (0.36, 40)):
            a = np.maximum(x0 + width * step, f.left - 2)
            b = np.minimum(x1 - width * step, f.right + 2)
            keep = b > a
            colour.setAlpha(alpha)
            p.setBrush(colour)
            h = theme.BAR_HEIGHT + 2
            self._draw_rects(p, a[keep], y[keep] - h / 2, b[keep] - a[keep], h)

    def _marker_style(self, items: np.ndarray) -> np.ndarray:
        ix = self.index
        approximate = ix.columns.approximate[ix.event[items]]
        style = np.where(ix.shape[items] == Shape.IMPRECISE, MarkerStyle.DIAMOND, MarkerStyle.DOT)
        return style + np.where(approximate, 1, 0)  # hollow variants follow solid ones

    def _paint_markers(self, p: QPainter, f: Frame) -> None:
        ix = self.index
        shape, kind = ix.shape[f.items], ix.kind[f.items]
        narrow = (f.x1 - f.x0) <= theme.MARKER
        show = (shape != Shape.RANGE) | narrow
        style = self._marker_style(f.items)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # the pixmaps are smooth
        for code in np.unique(kind[show]):
            for st in np.unique(style[show & (kind == code)]):
                group = show & (kind == code) & (style == st)
                pixmap = self._atlas.pixmap(MarkerStyle(st), KIND_CODES[code])
                self._draw_fragments(p, f.xm[group], f.y[group], pixmap)

    def _draw_fragments(self, p: QPainter, x: np.ndarray, y: np.ndarray, pixmap) -> None:
        dpr = pixmap.devicePixelRatio()
        self._fragments.resize(len(x))
        frags = self._fragments.ndarray()
        frags[:, 0], frags[:, 1] = x, y
        frags[:, 2:6] = [0, 0, pixmap.width(), pixmap.height()]
        frags[:, 6:10] = [1 / dpr, 1 / dpr, 0.0, 1.0]
        p.drawPixmapFragments(*self._fragments.drawargs(), pixmap)

    def _paint_highlights(self, p: QPainter, f: Frame) -> None:
        ix = self.index
        rings = []
        if self.selected_event >= 0:
            chosen = np.isin(f.items, ix.items_of(self.selected_event))
            rings.append((chosen, QColor(theme.SELECTION), 2.2))
        if self.hover_item >= 0:
            rings.append((f.items == self.hover_item, QColor(theme.HOVER), 2.6))
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setBrush(Qt.BrushStyle.NoBrush)
        r = theme.MARKER / 2 + 3
        for mask, colour, width in rings:
            p.setPen(QPen(colour, width))
            for k in np.flatnonzero(mask):
                x0, x1 = max(f.x0[k], f.left - 4), min(f.x1[k], f.right + 4)
                if ix.shape[f.items[k]] == Shape.RANGE and x1 - x0 > theme.MARKER:
                    p.drawRoundedRect(QRectF(x0 - 2, f.y[k] - r, x1 - x0 + 4, 2 * r), 4, 4)
                else:
                    p.drawEllipse(QPointF(f.xm[k], f.y[k]), r, r)

    def _paint_sketch(self, p: QPainter, f: Frame) -> None:
        """Too many items to draw one by one: one short tick per occupied pixel cell."""
        col = np.clip(f.xm, f.left, f.right).astype(np.int64)
        row = np.round(f.y).astype(np.int64)
        cells = np.unique(row * 1_000_003 + col)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(theme.KIND_COLOURS[KIND_CODES[-1]]))
        self._draw_rects(p, (cells % 1_000_003).astype(np.float64),
                         (cells // 1_000_003).astype(np.float64) - 4, np.full(len(cells), 1.6),
                         8.0)

    # ------------------------------------------------------------------- labels
    def _paint_labels(self, p: QPainter, f: Frame) -> None:
        ix = self.index
        events = ix.event[f.items]
        weight = ix.columns.weight[events].astype(np.float64)
        wide = (ix.shape[f.items] == Shape.RANGE) & ((f.x1 - f.x0) > theme.MARKER)
        candidates = Candidates(ix.row[f.items], f.x0, f.x1, f.xm, wide,
                                np.where(events == self.selected_event, np.inf, weight),
                                f.left, f.right)
        selected = self.selected_event
        event_list = events.tolist()

        def width_of(k: int) -> float:
            return self._text_width(event_list[k], event_list[k] == selected)

        placements = place_labels(candidates, width_of, LABEL_CANDIDATES, self._geometry)
        if not placements:
            return
        h = self._metrics.height()
        x = np.array([pl.x for pl in placements])
        w = np.array([pl.width for pl in placements])
        y = f.y[[pl.k for pl in placements]] - h / 2
        halo = QColor(theme.BACKGROUND)
        halo.setAlpha(215)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(halo)
        self._draw_rects(p, x - 2, y + 1, w + 4, h - 2)
        p.setPen(QColor(theme.LABEL_TEXT))
        for pl, top in zip(placements, y.tolist(), strict=True):
            event = event_list[pl.k]
            bold = event == selected
            p.setFont(self._bold if bold else self._font)
            p.drawStaticText(QPointF(pl.x, top), self._static_label(event, bold, pl))
            rect = QRectF(pl.x, top, pl.width + 1, h)
            self.labels.append(PlacedLabel(int(f.items[pl.k]), rect))

    def _static_label(self, event: int, bold: bool, place: Placement) -> QStaticText:
        """The title as laid-out static text, elided to the room (in 6-px steps so
        panning reuses layouts instead of eliding on every frame)."""
        bucket = -1 if place.full <= place.width else int(place.width // ELIDE_STEP)
        key = (event, bold, bucket)
        text = self._statics.get(key)
        if text is None:
            if len(self._statics) > STATIC_CACHE:
                self._statics.clear()
            metrics = self._bold_metrics if bold else self._metrics
            title = self._title(event)
            if bucket >= 0:
                title = metrics.elidedText(title, Qt.TextElideMode.ElideRight,
                                           bucket * ELIDE_STEP)
            text = QStaticText(title)
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.prepare(QTransform(), self._bold if bold else self._font)
            self._statics[key] = text
        return text

    def _title(self, event: int) -> str:
        title = self._titles.get(event)
        if title is None:
            title = self._titles[event] = " ".join(self.index.columns.titles[event].split())
        return title

    def _text_width(self, event: int, bold: bool) -> float:
        key = -event - 1 if bold else event
        if key not in self._widths:
            metrics = self._bold_metrics if bold else self._metrics
            self._widths[key] = metrics.horizontalAdvance(self._title(event))
        return self._widths[key]

    def label_at(self, x: float, y: float) -> int:
        """The item whose label was drawn at device pixel (x, y) last frame, or -1."""
        for label in self.labels:
            if label.rect.contains(QPointF(x, y)):
                return label.item
        return -1

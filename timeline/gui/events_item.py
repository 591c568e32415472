"""One graphics item that paints every visible lane, event, cluster and title.

Each frame: pick the level for the current scale, take its tile layouts (see
:mod:`timeline.layout` and :mod:`timeline.gui.layout_cache`), turn them into a
:class:`~timeline.gui.frame.Frame` of pixel positions with numpy, reset the
painter's transform and draw whole groups with a few ``drawRects`` /
``drawPixmapFragments`` calls, so marker sizes stay constant while zooming and
the cost follows what is on screen, not the size of the collection.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from pyqtgraph.Qt import internals
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPaintEngine,
    QPainter,
    QPen,
    QPixmap,
    QPolygonF,
    QStaticText,
    QTransform,
)

from timeline.gui import (
    qt_compat,  # noqa: F401  (guards None's refcount first)
    theme,
)
from timeline.gui.frame import Badge, Frame, Strip, Transform, build_frame, lanes_in_view
from timeline.gui.lane_view import LaneView
from timeline.gui.layout_cache import LayoutCache
from timeline.gui.markers import MarkerAtlas, MarkerStyle
from timeline.gui.wording import day_words
from timeline.index import KIND_CODES, SECONDS_PER_DAY, Shape, TimelineIndex, day_at
from timeline.layout import LABEL_LEFT, LABEL_NONE, Geometry, level_of

EDIT_MARK = "#E8590C"  # the dot above an edited or starred event's marker
STATIC_CACHE = 5000     # laid-out titles kept between frames
MAX_STRIP_PX = 16384    # density strips are drawn into an image no wider or taller
DENSITY_RAMP = ("#DCE6F2", "#B3C8E3", "#7FA3D1", "#4F7DB8", "#2A5A9A", "#143B70")
"""Light to strong, used when the theme does not name its own ramp."""


@dataclass(frozen=True)
class Hit:
    """What is under the mouse: an item, a cluster badge or a density strip."""

    item: int = -1
    badge: Badge | None = None
    strip: Strip | None = None
    lane: int = -1   # a lane header


@dataclass(frozen=True)
class PlacedLabel:
    """A title drawn in the last frame, kept for hit testing."""

    item: int
    rect: QRectF


class TitleWidths:
    """Title widths in pixels, estimated from per-character advances so they
    can be worked out in the layout thread (QFontMetrics is asked only on the
    GUI thread). Kerning only narrows text, and a margin covers rounding; the
    painter still checks the exact width before drawing a title."""

    def __init__(self, ix: TimelineIndex, font: QFont) -> None:
        metrics = QFontMetricsF(font)
        self._advance = {chr(c): metrics.horizontalAdvance(chr(c)) for c in range(32, 0x250)}
        self._fallback = metrics.horizontalAdvance("M")
        self._ix = ix
        self._known = np.full(len(ix.columns), np.nan, dtype=np.float32)

    def __call__(self, items: np.ndarray) -> np.ndarray:
        events = self._ix.event[items]
        missing = events[np.isnan(self._known[events])]
        if len(missing):
            titles, get, fallback = self._ix.columns.titles, self._advance.get, self._fallback
            for e in np.unique(missing).tolist():
                text = " ".join(titles[e].split())
                self._known[e] = sum(get(ch, fallback) for ch in text) * 1.04 + 2.0
        return self._known[events]


class EventsItem(pg.GraphicsObject):
    """Paints a :class:`TimelineIndex` inside a ViewBox (x: epoch s, y: rows)."""

    def __init__(self) -> None:
        super().__init__()
        self.index: TimelineIndex | None = None
        self.lanes: LaneView | None = None
        self.cache = LayoutCache()
        self.cache.ready.connect(self.update)
        self.selected_event = -1
        # Per shown event, set by the window: edited or starred (a dot above
        # the marker), and hidden but shown on request (drawn faded).
        self.marked = np.zeros(0, dtype=bool)
        self.faded = np.zeros(0, dtype=bool)
        self.hover_item = -1
        self.hover_badge: Badge | None = None
        self.frame: Frame | None = None
        self.labels: list[PlacedLabel] = []  # titles drawn in the last frame
        self._atlas = MarkerAtlas()
        self._rects = internals.PrimitiveArray(QRectF, 4)
        self._fragments = internals.PrimitiveArray(QPainter.PixmapFragment, 10)
        self._exact: dict[tuple[int, bool], float] = {}
        self._titles: dict[int, str] = {}
        self._statics: dict[tuple[int, bool], QStaticText] = {}
        self._font = theme.label_font()
        self._bold = theme.label_font(bold=True)
        self._metrics = QFontMetricsF(self._font)
        self._bold_metrics = QFontMetricsF(self._bold)
        self._header_font = theme.header_font()
        self._header_metrics = QFontMetricsF(self._header_font)
        self.geometry = Geometry(marker=theme.MARKER, gap=theme.LABEL_GAP)
        self._widths: TitleWidths | None = None
        self._badges: dict[tuple, QPixmap] = {}
        self._lane_labels: dict[tuple, tuple[str, float, QStaticText]] = {}
        self._badge_font = QFont(self._bold)
        self._badge_font.setPointSizeF(max(self._badge_font.pointSizeF() - 1, 6))
        self._badge_metrics = QFontMetricsF(self._badge_font)

    def set_index(self, index: TimelineIndex | None, lanes: LaneView | None) -> None:
        """Show ``index`` with ``lanes`` (None: nothing)."""
        self.prepareGeometryChange()
        new_index = index is not self.index
        self.index, self.lanes = index, lanes
        self.hover_item, self.hover_badge, self.frame = -1, None, None
        self._lane_labels.clear()
        if new_index:
            self._exact.clear()
            self._titles.clear()
            self._statics.clear()
            self._widths = TitleWidths(index, self._bold) if index is not None else None
        rows = lanes.rows if lanes is not None else np.zeros(0, dtype=np.int32)
        self.cache.reset(index, rows, self._widths or (lambda items: items), self.geometry)
        self.update()

    def boundingRect(self) -> QRectF:
        if self.index is None or self.lanes is None or not self.lanes.total_rows:
            return QRectF()
        t0, t1 = self.index.extent()
        return QRectF(t0, 0.0, max(t1 - t0, SECONDS_PER_DAY), float(self.lanes.total_rows))

    # -------------------------------------------------------------------- frame
    def current_frame(self) -> Frame | None:
        """The frame for the view as it is now (built, not painted)."""
        vb = self.getViewBox()
        if self.index is None or self.lanes is None or vb is None:
            return None
        widget = self.getViewWidget()
        if widget is None:
            return None
        tr = self.sceneTransform() * widget.viewportTransform()
        (t0, t1), (r0, r1) = vb.viewRange()
        return self._build(Transform(tr.m11(), tr.dx(), tr.m22(), tr.dy()), t0, t1, r0, r1)

    def _build(self, tr: Transform, t0: float, t1: float, r0: float, r1: float) -> Frame:
        seconds_per_px = 1.0 / max(tr.sx, 1e-12)
        level = level_of(seconds_per_px)
        margin = (self.geometry.max_label + 20) * seconds_per_px
        lanes = lanes_in_view(self.lanes, r0, r1)
        found, waiting, complete = self.cache.layouts(level, t0 - margin, t1 + margin, lanes)
        return build_frame(self.index, self.lanes, found, tr, (t0, t1, r0, r1), tr.sy,
                           self.geometry, complete, waiting)

    # ----------------------------------------------------------------- painting
    def paint(self, painter: QPainter, *_args: object) -> None:
        self.labels = []
        vb = self.getViewBox()
        if self.index is None or self.lanes is None or vb is None:
            return
        (t0, t1), (r0, r1) = vb.viewRange()
        qt = painter.transform()
        tr = Transform(qt.m11(), qt.dx(), qt.m22(), qt.dy())
        painter.resetTransform()
        frame = self._build(tr, t0, t1, r0, r1)
        self.frame = frame
        self._paint_lanes(painter, frame, tr)
        self._paint_doc_dates(painter, frame, tr)
        self._paint_strips(painter, frame)
        self._paint_spans(painter, frame)
        self._paint_markers(painter, frame)
        self._paint_edit_marks(painter, frame)
        self._paint_badges(painter, frame)
        self._paint_highlights(painter, frame)
        self._paint_labels(painter, frame)
        self._paint_lane_names(painter, frame, tr)

    def _lane_rect(self, lane: int, tr: Transform, f: Frame) -> tuple[float, float, float]:
        top = self.lanes.top[lane]
        return (float(tr.y(top)), float(tr.y(top + 1)),
                float(tr.y(top + 1 + self.lanes.rows[lane])))

    def _paint_lanes(self, p: QPainter, f: Frame, tr: Transform) -> None:
        width = f.right - f.left
        p.setPen(Qt.PenStyle.NoPen)
        for lane in f.lanes:
            top, mid, bottom = self._lane_rect(lane, tr, f)
            p.setBrush(QColor(theme.HEADER_SHADE))
            p.drawRect(QRectF(f.left, top, width, mid - top))
            p.setBrush(QColor(self._lane_shade(lane)))
            p.drawRect(QRectF(f.left, mid, width, bottom - mid))

    def _lane_shade(self, lane: int) -> str:
        """Lanes alternate between two shades by their place in the order (not
        by their place on screen, which would flip every shade on a scroll)."""
        return theme.LANE_SHADE if self.lanes.position[lane] % 2 else theme.BACKGROUND

    def _paint_lane_names(self, p: QPainter, f: Frame, tr: Transform) -> None:
        """Lane names stay at the left edge, on a patch of header colour so a
        document-date flag passing beneath never garbles them. Their shortened
        text is laid out once per width and kept."""
        room = min(f.right - f.left - 16, max((f.right - f.left) * 0.7, 240))
        vector = _is_svg(p)
        p.setFont(self._header_font)
        shade, ink = QColor(theme.HEADER_SHADE), QColor(theme.HEADER_TEXT)
        h = self._header_metrics.height()
        for lane in f.lanes:
            top, mid, _ = self._lane_rect(lane, tr, f)
            text, width, static = self._lane_label(lane, room)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(shade)
            p.drawRect(QRectF(f.left, top, width + 16, mid - top))
            p.setPen(ink)
            if vector:  # an SVG keeps the name as text
                p.drawText(QRectF(f.left + 6, top, width + 4, mid - top),
                           Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
            else:
                p.drawStaticText(QPointF(f.left + 6, (top + mid - h) / 2), static)

    def _lane_label(self, lane: int, room: float) -> tuple[str, float, QStaticText]:
        key = (lane, int(room // 8), lane >= 0 and self.index.lanes[lane].key
               in self.lanes.collapsed)
        found = self._lane_labels.get(key)
        if found is None:
            if len(self._lane_labels) > STATIC_CACHE:
                self._lane_labels.clear()
            text = self._lane_title(lane, (room // 8) * 8)
            static = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(QTransform(), self._header_font)
            found = (text, self._header_metrics.horizontalAdvance(text), static)
            self._lane_labels[key] = found
        return found

    def _lane_title(self, lane: int, room: float) -> str:
        """The lane's name shortened to ``room`` pixels, keeping "dated …" whole;
        a collapsed lane says how many events it holds."""
        info = self.lanes
        ln = self.index.lanes[lane]
        metrics = self._header_metrics
        folded = ln.key in info.collapsed
        mark = "▸ " if folded else "▾ "
        name = " ".join(ln.name.split())
        suffix = f"  ·  dated {day_words(day_at(ln.date))}" if ln.date is not None else ""
        if folded:
            count = int(self.index.lane_counts[lane])
            suffix += f"  ·  {count:,} event{'s' if count != 1 else ''}"
        if suffix and metrics.horizontalAdvance(suffix) > room * 0.6:
            suffix = ""
        rest = room - metrics.horizontalAdvance(suffix + mark)
        return mark + metrics.elidedText(name, Qt.TextElideMode.ElideRight, rest) + suffix

    def _paint_doc_dates(self, p: QPainter, f: Frame, tr: Transform) -> None:
        """A dashed line down each document's lane at its own date, flagged in
        the header (lanes out of view are not visited: there may be thousands)."""
        pen = QPen(QColor(theme.DOC_DATE), 1.2, Qt.PenStyle.DashLine)
        for lane in f.lanes:
            date = self.index.lanes[lane].date
            if date is None:
                continue
            x = float(tr.x(date + SECONDS_PER_DAY / 2))
            if not f.left - 8 <= x <= f.right + 8:
                continue
            _, top, bottom = self._lane_rect(lane, tr, f)
            p.setPen(pen)
            p.drawLine(QPointF(x, top), QPointF(x, bottom))
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(theme.DOC_DATE))
            p.drawPolygon(QPolygonF([QPointF(x - 6, top - 9), QPointF(x + 6, top - 9),
                                     QPointF(x, top - 1)]))

    def _draw_rects(self, p: QPainter, x0: np.ndarray, y0: np.ndarray,
                    w: np.ndarray | float, h: float | np.ndarray) -> None:
        self._rects.resize(len(x0))
        arr = self._rects.ndarray()
        arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3] = x0, y0, w, h
        p.drawRects(*self._rects.drawargs())

    def _paint_strips(self, p: QPainter, f: Frame) -> None:
        """Density strips: each pixel column coloured from a ramp on a log scale
        of its count (so a few and a thousand both read), all strips of the
        frame filled into one image with numpy and drawn at once."""
        if not f.strips:
            return
        ramp = np.array([QColor(c).rgba() for c in getattr(theme, "DENSITY", DENSITY_RAMP)],
                        dtype=np.uint32)
        peak = max((int(s.counts.max()) for s in f.strips if len(s.counts)), default=1)
        scale = np.log1p(max(peak, 1))
        x0 = int(np.floor(min(s.x0 for s in f.strips)))
        width = int(np.ceil(max(s.x1 for s in f.strips))) - x0 + 1
        y0 = int(np.floor(min(s.top for s in f.strips)))
        height = int(np.ceil(max(s.bottom for s in f.strips))) - y0 + 1
        if not 0 < width <= MAX_STRIP_PX or not 0 < height <= MAX_STRIP_PX:
            return  # nothing, or a view not laid out yet
        pixels = np.zeros((height, width), dtype=np.uint32)
        for s in f.strips:
            a, b = round(s.x0) - x0, round(s.x1) - x0
            if b <= a or not len(s.counts):
                continue
            column = np.minimum(((np.arange(a, b) - a) * len(s.counts)) // (b - a),
                                len(s.counts) - 1)
            counts = s.counts[column]
            shade = np.minimum((np.log1p(counts) / scale * len(ramp)).astype(int), len(ramp) - 1)
            colours = np.where(counts > 0, ramp[shade], 0).astype(np.uint32)
            top, bottom = int(s.top + 3) - y0, int(s.bottom - 3) - y0
            if bottom > top:
                pixels[top:bottom, a:b] = colours
        image = QImage(pixels.data, width, height, width * 4, QImage.Format.Format_ARGB32)
        p.drawImage(QPointF(x0, y0), image)

    def _paint_spans(self, p: QPainter, f: Frame) -> None:
        """Ranges as solid bars (planned ones as dashed outlines); imprecise
        spans as bars feathered towards their ends."""
        if not len(f.items):
            return
        ix = self.index
        shape, kind = ix.shape[f.items], ix.kind[f.items]
        planned_items = ix.columns.planned[ix.event[f.items]]
        x0, x1 = np.maximum(f.x0, f.left - 2), np.minimum(f.x1, f.right + 2)
        wide = (f.x1 - f.x0) > theme.MARKER
        p.setPen(Qt.PenStyle.NoPen)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for code in np.unique(kind):
            colour = theme.kind_colour(KIND_CODES[code])
            group = wide & (kind == code)
            fuzzy = group & (shape == Shape.IMPRECISE)
            self._paint_feathered(p, colour, f.x0[fuzzy], f.x1[fuzzy], f.y[fuzzy], f)
            bar = group & f.bar
            solid, planned = bar & ~planned_items, bar & planned_items
            h = theme.BAR_HEIGHT
            if planned.any():
                # A planned range: an outline still to be filled in, as its marker.
                # (the kind's colour afresh: feathering left its alpha low)
                pen = QPen(theme.kind_colour(KIND_CODES[code]), 2.0)
                pen.setDashPattern([3.0, 2.0])
                p.setPen(pen)
                p.setBrush(QColor(theme.BACKGROUND))
                self._draw_rects(p, x0[planned], f.y[planned] - h / 2,
                                 x1[planned] - x0[planned], h)
                p.setPen(Qt.PenStyle.NoPen)
            colour.setAlpha(200)
            p.setBrush(colour)
            self._draw_rects(p, x0[solid], f.y[solid] - h / 2, x1[solid] - x0[solid], h)

    def _paint_feathered(self, p: QPainter, colour: QColor, x0: np.ndarray, x1: np.ndarray,
                         y: np.ndarray, f: Frame) -> None:
        # Three nested bands, each darker and narrower: a gradient without a
        # per-item brush, so the possible span reads as "somewhere in here".
        # A span far wider than the view shows no gradient anyway: one band.
        width = x1 - x0
        wide = width > 3 * (f.right - f.left)
        if wide.any():
            colour.setAlpha(44)
            p.setBrush(colour)
            h = theme.BAR_HEIGHT + 2
            n = int(wide.sum())
            self._draw_rects(p, np.full(n, f.left - 2), y[wide] - h / 2,
                             f.right - f.left + 4, h)
            x0, x1, y, width = x0[~wide], x1[~wide], y[~wide], width[~wide]
        for step, alpha in ((0.0, 30), (0.2, 30), (0.36, 36)):
            a = np.maximum(x0 + width * step, f.left - 2)
            b = np.minimum(x1 - width * step, f.right + 2)
            keep = b > a
            colour.setAlpha(alpha)
            p.setBrush(colour)
            h = theme.BAR_HEIGHT + 2
            self._draw_rects(p, a[keep], y[keep] - h / 2, b[keep] - a[keep], h)

    def _marker_style(self, items: np.ndarray) -> np.ndarray:
        return marker_styles(self.index, items)

    def _paint_markers(self, p: QPainter, f: Frame) -> None:
        if not len(f.items):
            return
        ix = self.index
        kind = ix.kind[f.items]
        show = ~f.bar
        style = self._marker_style(f.items)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # the pixmaps are smooth
        for code in np.unique(kind[show]):
            for st in np.unique(style[show & (kind == code)]):
                group = show & (kind == code) & (style == st)
                pixmap = self._atlas.pixmap(MarkerStyle(st), KIND_CODES[code])
                self._draw_fragments(p, f.xm[group], f.y[group], pixmap)

    def _flags(self, flags: np.ndarray, f: Frame) -> np.ndarray:
        """``flags`` (one per shown event) for the frame's items."""
        events = self.index.event[f.items]
        if not len(flags) or not len(events) or int(events.max()) >= len(flags):
            return np.zeros(len(events), dtype=bool)  # not set for this index yet
        return flags[events]

    def _paint_edit_marks(self, p: QPainter, f: Frame) -> None:
        """Faded washes over hidden events shown on request, and a small dot
        above each edited or starred event."""
        if not len(f.items):
            return
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.setPen(Qt.PenStyle.NoPen)
        x = np.where(f.bar, np.maximum(f.x0, f.left) + 4, f.xm)
        faded = self._flags(self.faded, f)
        if faded.any():
            wash = QColor(theme.BACKGROUND)
            wash.setAlpha(170)
            p.setBrush(wash)
            x0 = np.where(f.bar, np.maximum(f.x0, f.left - 2), f.xm - theme.MARKER / 2 - 1)
            x1 = np.where(f.bar, np.minimum(f.x1, f.right + 2), f.xm + theme.MARKER / 2 + 1)
            h = theme.MARKER + 2
            self._draw_rects(p, x0[faded], f.y[faded] - h / 2, x1[faded] - x0[faded], h)
        marked = self._flags(self.marked, f)
        if marked.any():
            p.setBrush(QColor(EDIT_MARK))
            # Above the selection ring (radius MARKER/2 + 3), below the row above.
            top = f.y[marked] - theme.MARKER / 2 - 10
            self._draw_rects(p, x[marked] - 2.5, top, 5.0, 5.0)

    def _draw_fragments(self, p: QPainter, x: np.ndarray, y: np.ndarray, pixmap) -> None:
        dpr = pixmap.devicePixelRatio()
        self._fragments.resize(len(x))
        frags = self._fragments.ndarray()
        frags[:, 0], frags[:, 1] = x, y
        frags[:, 2:6] = [0, 0, pixmap.width(), pixmap.height()]
        frags[:, 6:10] = [1 / dpr, 1 / dpr, 0.0, 1.0]
        p.drawPixmapFragments(*self._fragments.drawargs(), pixmap)

    def _paint_badges(self, p: QPainter, f: Frame) -> None:
        """Cluster badges: a disc in the commonest kind's colour, the count
        inside. Drawn from cached pixmaps (hundreds per frame); an SVG gets
        shapes and text instead."""
        if not f.badges:
            return
        vector = _is_svg(p)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, vector)
        for b in f.badges:
            if vector:
                self._draw_badge(p, b, _badge_rect(b))
                continue
            pixmap = self._badge_pixmap(b)
            size = 2 * b.radius + 2
            p.drawPixmap(QRectF(b.x0 - size / 2, b.y - size / 2, size, size), pixmap,
                         QRectF(pixmap.rect()))

    def _badge_pixmap(self, b: Badge) -> QPixmap:
        key = (b.kind, badge_text(b.count), round(b.radius * 2) / 2, theme.generation
               if hasattr(theme, "generation") else 0)
        found = self._badges.get(key)
        if found is None:
            if len(self._badges) > STATIC_CACHE:
                self._badges.clear()
            dpr = 2.0
            size = 2 * b.radius + 2
            found = QPixmap(round(size * dpr), round(size * dpr))
            found.fill(Qt.GlobalColor.transparent)
            painter = QPainter(found)
            painter.scale(dpr, dpr)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            self._draw_badge(painter, b, QRectF(1, 1, size - 2, size - 2))
            painter.end()
            self._badges[key] = found
        return found

    def _draw_badge(self, p: QPainter, b: Badge, rect: QRectF) -> None:
        colour = theme.kind_colour(KIND_CODES[b.kind])
        p.setPen(QPen(colour.darker(130), 1.2))
        fill = QColor(colour)
        fill.setAlpha(230)
        p.setBrush(fill)
        p.drawRoundedRect(rect, b.radius, b.radius)
        text = badge_text(b.count)
        if self._badge_metrics.horizontalAdvance(text) <= rect.width() - 2:
            p.setFont(self._badge_font)
            p.setPen(QColor(_text_on(colour)))
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_highlights(self, p: QPainter, f: Frame) -> None:
        ix = self.index
        rings = []
        if self.selected_event >= 0 and len(f.items):
            chosen = np.isin(f.items, ix.items_of(self.selected_event))
            rings.append((chosen, QColor(theme.SELECTION), 2.2))
        if self.hover_item >= 0 and len(f.items):
            rings.append((f.items == self.hover_item, QColor(theme.HOVER), 2.6))
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setBrush(Qt.BrushStyle.NoBrush)
        r = theme.MARKER / 2 + 3
        for mask, colour, width in rings:
            p.setPen(QPen(colour, width))
            for k in np.flatnonzero(mask):
                x0, x1 = max(f.x0[k], f.left - 4), min(f.x1[k], f.right + 4)
                if f.bar[k]:
                    p.drawRoundedRect(QRectF(x0 - 2, f.y[k] - r, x1 - x0 + 4, 2 * r), 4, 4)
                else:
                    p.drawEllipse(QPointF(f.xm[k], f.y[k]), r, r)
        for badge, colour in ((self._selected_badge(f), theme.SELECTION),
                              (self.hover_badge, theme.HOVER)):
            if badge is not None:
                p.setPen(QPen(QColor(colour), 2.4))
                p.drawRoundedRect(_badge_rect(badge).adjusted(-3, -3, 3, 3), badge.radius + 3,
                                  badge.radius + 3)

    def _selected_badge(self, f: Frame) -> Badge | None:
        if self.selected_event < 0 or not f.badges:
            return None
        items = self.index.items_of(self.selected_event)
        for b in f.badges:
            if np.isin(items, b.members).any():
                return b
        return None

    # ------------------------------------------------------------------- labels
    def _paint_labels(self, p: QPainter, f: Frame) -> None:
        """Titles where the layout gave them room, whole or not at all: one
        that would run past the view's edge, or whose exact width exceeds the
        room, or that meets a title from a neighbouring tile, is left out."""
        if not len(f.items):
            return
        ix = self.index
        events = ix.event[f.items]
        g = self.geometry
        h = self._metrics.height()
        candidates = np.flatnonzero(f.label != LABEL_NONE)
        order = candidates[np.argsort(-ix.weight[f.items[candidates]], kind="stable")]
        bodies = _row_bodies(f)
        badges = _badge_boxes(f)
        taken: dict[float, list[tuple[float, float]]] = {}
        placed: list[tuple[int, float, float, bool]] = []
        for k in order.tolist():
            event = int(events[k])
            bold = event == self.selected_event
            width = self._exact_width(event, bold)
            if width > f.width[k] + 0.5:
                continue
            row = round(float(f.y[k]), 1)
            spans = taken.setdefault(row, [])
            for x in self._title_spots(f, k, width, g):
                if _free(spans, bodies.get(row), x, width, k) and \
                        not _meets_badge(badges, x, width, float(f.y[k]), h):
                    spans.append((x, x + width))
                    placed.append((k, x, width, bold))
                    break
        if not placed:
            return
        self._draw_label_halos(p, f, placed, h)
        text_engine = _is_svg(p)
        p.setPen(QColor(theme.LABEL_TEXT))
        for k, x, width, bold in placed:
            event = int(events[k])
            top = float(f.y[k]) - h / 2
            p.setFont(self._bold if bold else self._font)
            if text_engine:  # an SVG keeps titles as text, not as glyph outlines
                p.drawText(QRectF(x, top, width + 4, h),
                           Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                           self._title(event))
            else:
                p.drawStaticText(QPointF(x, top), self._static_label(event, bold))
            self.labels.append(PlacedLabel(int(f.items[k]), QRectF(x, top, width + 1, h)))

    def _title_spots(self, f: Frame, k: int, width: float, g: Geometry) -> list[float]:
        """Where title ``k`` may start, best first: the side the layout gave it;
        when the view's edge cuts that, the other side, or inside its bar."""
        x = f.label_x(k, width, g)
        if f.left + 2 <= x and x + width <= f.right - 2:
            return [x]
        spots = []
        other = (f.body_hi_at(k) + g.gap if f.label[k] == LABEL_LEFT
                 else f.body_lo_at(k) - g.gap - width)
        if f.left + 2 <= other and other + width <= f.right - 2:
            spots.append(other)
        inside = self._inside_bar(f, k, width)
        if inside is not None:
            spots.append(inside)
        return spots

    @staticmethod
    def _inside_bar(f: Frame, k: int, width: float) -> float | None:
        """A bar reaching past the view's edge carries its title inside, at its
        visible start: the layout gave the bar's whole span to this event."""
        if not f.bar[k]:
            return None
        a, b = max(float(f.x0[k]), f.left) + 6, min(float(f.x1[k]), f.right) - 6
        return a if b - a >= width else None

    def _draw_label_halos(self, p: QPainter, f: Frame, placed: list, h: float) -> None:
        """A light wash of the lane's own shade under each title: text stays
        readable over a bar, and a faint span still shows through."""
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.setPen(Qt.PenStyle.NoPen)
        ks = np.array([pl[0] for pl in placed])
        x = np.array([pl[1] for pl in placed])
        w = np.array([pl[2] for pl in placed])
        y = f.y[ks] - h / 2
        shaded = self.lanes.position[self.index.lane[f.items[ks]]] % 2 == 1
        for shade, chosen in ((theme.LANE_SHADE, shaded), (theme.BACKGROUND, ~shaded)):
            if chosen.any():
                halo = QColor(shade)
                halo.setAlpha(150)
                p.setBrush(halo)
                self._draw_rects(p, x[chosen] - 2, y[chosen] + 1, w[chosen] + 4, h - 2)

    def _static_label(self, event: int, bold: bool) -> QStaticText:
        """The whole title as laid-out static text, kept between frames."""
        key = (event, bold)
        text = self._statics.get(key)
        if text is None:
            if len(self._statics) > STATIC_CACHE:
                self._statics.clear()
            text = QStaticText(self._title(event))
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.prepare(QTransform(), self._bold if bold else self._font)
            self._statics[key] = text
        return text

    def _title(self, event: int) -> str:
        title = self._titles.get(event)
        if title is None:
            title = self._titles[event] = " ".join(self.index.columns.titles[event].split())
        return title

    def _exact_width(self, event: int, bold: bool) -> float:
        key = (event, bold)
        found = self._exact.get(key)
        if found is None:
            metrics = self._bold_metrics if bold else self._metrics
            found = self._exact[key] = metrics.horizontalAdvance(self._title(event))
        return found

    # -------------------------------------------------------------- hit testing
    def hit(self, x: float, y: float, slop: float = 4.0) -> Hit:
        """What the last frame drew at viewport pixel ``(x, y)``."""
        f = self.frame if self.frame is not None else self.current_frame()
        if f is None:
            return Hit()
        r = theme.MARKER / 2 + slop
        if len(f.items):
            near_y = np.abs(f.y - y) <= r
            inside = near_y & (f.bar & (f.x0 - slop <= x) & (x <= f.x1 + slop))
            dist = np.where(inside, 0.0, np.abs(f.xm - x))
            dist = np.where(near_y & (dist <= r), dist, np.inf)
            best = int(np.argmin(dist))
            if np.isfinite(dist[best]):
                return Hit(item=int(f.items[best]))
        for b in f.badges:
            if _badge_rect(b).adjusted(-slop, -slop, slop, slop).contains(QPointF(x, y)):
                return Hit(badge=b)
        for label in self.labels:
            if label.rect.contains(QPointF(x, y)):
                return Hit(item=label.item)
        for s in f.strips:
            if s.x0 <= x <= s.x1 and s.top <= y <= s.bottom:
                return Hit(strip=s)
        return Hit()

    def point_of(self, event: int) -> QPointF | None:
        """Where ``event``'s marker (or its cluster) is drawn, viewport pixels."""
        f = self.current_frame()
        if f is None or event < 0:
            return None
        items = self.index.items_of(event)
        found = np.flatnonzero(np.isin(f.items, items))
        if len(found):
            k = int(found[0])
            x = (f.x0[k] + min(f.x1[k], f.right)) / 2 if f.bar[k] else f.xm[k]
            return QPointF(float(x), float(f.y[k]))
        for b in f.badges:
            if np.isin(items, b.members).any():
                return QPointF((b.x0 + b.x1) / 2, b.y)
        return None


def marker_styles(ix: TimelineIndex, items: np.ndarray) -> np.ndarray:
    """The :class:`MarkerStyle` of each of ``items``: a dot for a day, a
    diamond inside an imprecise span; hollow when approximate; a dashed
    ring when planned (planned wins over approximate: it says more)."""
    events = ix.event[items]
    approximate = ix.columns.approximate[events]
    planned = ix.columns.planned[events]
    imprecise = ix.shape[items] == Shape.IMPRECISE
    style = np.where(imprecise, MarkerStyle.DIAMOND, MarkerStyle.DOT)
    style = style + np.where(approximate, 1, 0)  # hollow variants follow solid ones
    return np.where(planned, np.where(imprecise, MarkerStyle.PLANNED_DIAMOND,
                                      MarkerStyle.PLANNED_DOT), style)


def _row_bodies(f: Frame) -> dict[float, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Markers and bars drawn in each row (keyed as titles are): starts, ends
    and frame positions, so a title can be kept off everything but its own."""
    if not len(f.items):
        return {}
    lo, hi = f.body_lo, f.body_hi
    rows = np.round(f.y, 1)
    out = {}
    for row in np.unique(rows).tolist():
        chosen = np.flatnonzero(rows == row)
        out[row] = (lo[chosen], hi[chosen], chosen)
    return out


def _free(spans: list[tuple[float, float]], bodies, x: float, width: float, k: int) -> bool:
    """True when ``[x, x + width]`` meets no title in ``spans`` and no marker or
    bar in ``bodies`` other than item ``k``'s own."""
    if any(a < x + width + 2 and x < b + 2 for a, b in spans):
        return False
    if bodies is None:
        return True
    lo, hi, index = bodies
    hits = (lo < x + width + 1) & (hi > x - 1) & (index != k)
    return not hits.any()


def _badge_boxes(f: Frame) -> np.ndarray:
    """The frame's badges as rows of (left, right, top, bottom)."""
    if not f.badges:
        return np.empty((0, 4))
    return np.array([(b.x0 - b.radius, b.x1 + b.radius, b.y - b.radius, b.y + b.radius)
                     for b in f.badges])


def _meets_badge(boxes: np.ndarray, x: float, width: float, y: float, h: float) -> bool:
    """True when a title at ``x`` on the row centred at ``y`` touches a badge."""
    if not len(boxes):
        return False
    return bool(((boxes[:, 0] < x + width + 2) & (boxes[:, 1] > x - 2)
                 & (boxes[:, 2] < y + h / 2) & (boxes[:, 3] > y - h / 2)).any())


def _badge_rect(b: Badge) -> QRectF:
    return QRectF(b.x0 - b.radius, b.y - b.radius, b.x1 - b.x0 + 2 * b.radius, 2 * b.radius)


VECTOR_ENGINES = (QPaintEngine.Type.SVG, QPaintEngine.Type.Picture, QPaintEngine.Type.Pdf)


def _is_svg(p: QPainter) -> bool:
    """True when painting into a file that keeps text as text (SVG, PDF, a
    recorded picture being printed): titles are then drawn as text, and
    badges as shapes rather than cached pixmaps."""
    engine = p.paintEngine()
    return engine is not None and engine.type() in VECTOR_ENGINES


def badge_text(count: int) -> str:
    """A cluster's count as its badge shows it: +37, +999, +12k."""
    return f"+{count}" if count < 1000 else f"+{count // 1000}k"


def _text_on(colour: QColor) -> str:
    """Black or white, whichever reads better on ``colour``."""
    luminance = 0.2126 * colour.redF() + 0.7152 * colour.greenF() + 0.0722 * colour.blueF()
    return "#111111" if luminance > 0.55 else "#FFFFFF"

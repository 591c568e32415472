"""Pre-rendered marker pixmaps, one per style and kind, for batched drawing."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPen, QPixmap, QPolygonF

from timeline.gui import theme
from timeline.model import Kind


class MarkerStyle(IntEnum):
    """Marker shapes; each hollow variant is its solid one plus one."""

    DOT = 0             # a stated day
    HOLLOW_DOT = 1      # an approximate day
    DIAMOND = 2         # best guess inside an imprecise span
    HOLLOW_DIAMOND = 3  # ...of an approximate imprecise span
    PLANNED_DOT = 4     # a planned day: a dashed ring, not yet filled in
    PLANNED_DIAMOND = 5  # a planned imprecise span

_DASHED = (MarkerStyle.PLANNED_DOT, MarkerStyle.PLANNED_DIAMOND)
_HOLLOW = (MarkerStyle.HOLLOW_DOT, MarkerStyle.HOLLOW_DIAMOND, *_DASHED)
_DOTS = (MarkerStyle.DOT, MarkerStyle.HOLLOW_DOT, MarkerStyle.PLANNED_DOT)


class MarkerAtlas:
    """Caches one small antialiased pixmap per (style, kind), drawn anew after
    the theme switches scheme."""

    def __init__(self) -> None:
        self._cache: dict[tuple[MarkerStyle, Kind], QPixmap] = {}
        self.generation = theme.generation  # the scheme the cache was drawn in

    def pixmap(self, style: MarkerStyle, kind: Kind) -> QPixmap:
        """The pixmap for ``style`` in ``kind``'s colour."""
        if self.generation != theme.generation:
            self._cache.clear()
            self.generation = theme.generation
        key = (style, kind)
        if key not in self._cache:
            self._cache[key] = render_marker(style, theme.kind_colour(kind))
        return self._cache[key]


def render_marker(style: MarkerStyle, colour: QColor, size: int = theme.MARKER + 2) -> QPixmap:
    """Draw one marker centred in a square pixmap at the screen's pixel ratio."""
    app = QGuiApplication.instance()
    dpr = app.devicePixelRatio() if app is not None else 1.0
    pixmap = QPixmap(round(size * dpr), round(size * dpr))
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    hollow = style in _HOLLOW
    # A hollow marker's ring is all the colour it has: drawn in the kind's own
    # colour, which keeps 3:1 against the canvas in either scheme.
    edge = colour if hollow else theme.marker_edge(colour)
    pen = QPen(edge, 2.0 if hollow else 1.2)
    if style in _DASHED:
        # Dashes in pen widths: short enough for several round a small marker.
        pen.setDashPattern([1.2, 1.0])
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    p.setPen(pen)
    p.setBrush(QColor(theme.BACKGROUND) if hollow else colour)
    c, r = size / 2, theme.MARKER / 2
    if style in _DOTS:
        p.drawEllipse(QPointF(c, c), r - 0.5, r - 0.5)
    else:
        p.drawPolygon(QPolygonF([QPointF(c, c - r), QPointF(c + r, c), QPointF(c, c + r),
                                 QPointF(c - r, c)]))
    p.end()
    return pixmap

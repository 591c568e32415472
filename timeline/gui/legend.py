"""A one-line legend: what each shape means and which colour is which kind."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from timeline.gui import theme
from timeline.gui.markers import MarkerStyle, render_marker
from timeline.model import Kind

SWATCH = 30  # width reserved for each symbol
LINE = 24    # height of one line of entries


class Legend(QWidget):
    """Explains the canvas's shapes and colours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kinds: tuple[Kind, ...] = (Kind.OTHER,)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip("Imprecise dates (a month, a season, a year…) are drawn over the "
                        "whole span they could mean, fading towards its ends, with the "
                        "marker at the middle.")

    def set_kinds(self, kinds: Iterable[Kind]) -> None:
        """Show colour swatches for ``kinds``."""
        self.kinds = tuple(kinds) or (Kind.OTHER,)
        self.setFixedHeight(LINE * self._lines(max(self.width(), 200)) + 4)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(900, LINE * self._lines(900) + 4)

    def _entries(self) -> list[tuple[object, str, float]]:
        """(painter, text, symbol width) in reading order."""
        shapes = [(self._dot, "day"), (self._bar, "span of days"),
                  (self._fuzzy, "month, year…: possible span"), (self._hollow, "approximate"),
                  (self._doc_date, "document's own date")]
        out = [(draw, text, float(SWATCH)) for draw, text in shapes]
        if len(self.kinds) > 1:
            out += [(self._swatch(kind), kind.value, 14.0) for kind in self.kinds]
        return out

    def _positions(self, width: float) -> list[tuple[float, int]]:
        """Where each entry goes: x and line, wrapping when the width runs out."""
        metrics = QFontMetricsF(self.font())
        x, line, out = 8.0, 0, []
        for _draw, text, symbol in self._entries():
            w = symbol + metrics.horizontalAdvance(text) + 12
            if x + w > width and x > 8:
                x, line = 8.0, line + 1
            out.append((x, line))
            x += w
        return out

    def _lines(self, width: float) -> int:
        return max((line for _x, line in self._positions(width)), default=0) + 1

    def resizeEvent(self, ev) -> None:
        super().resizeEvent(ev)
        self.setFixedHeight(LINE * self._lines(self.width()) + 4)

    def paintEvent(self, _ev: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.fillRect(self.rect(), QColor(theme.BACKGROUND))
        colour = theme.kind_colour(self.kinds[0])
        entries = self._entries()
        for (draw, text, symbol), (x, line) in zip(entries, self._positions(self.width()),
                                                   strict=True):
            y = 2 + LINE * line + LINE / 2
            draw(p, x, y, colour)
            self._text(p, x + symbol, y, text)
        p.end()

    def _swatch(self, kind: Kind):
        def draw(p: QPainter, x: float, y: float, _colour: QColor) -> None:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(theme.kind_colour(kind))
            p.drawRoundedRect(QRectF(x, y - 5, 10, 10), 2, 2)
        return draw

    def _text(self, p: QPainter, x: float, y: float, text: str) -> float:
        p.setPen(QColor(theme.MUTED_TEXT))
        metrics = QFontMetricsF(p.font())
        p.drawText(QPointF(x, y + metrics.ascent() / 2 - 1), text)
        return x + metrics.horizontalAdvance(text)

    def _marker(self, p: QPainter, x: float, y: float, style: MarkerStyle, colour: QColor):
        pixmap = render_marker(style, colour)
        size = pixmap.width() / pixmap.devicePixelRatio()
        p.drawPixmap(QPointF(x + SWATCH / 2 - size / 2, y - size / 2), pixmap)

    def _dot(self, p: QPainter, x: float, y: float, colour: QColor) -> None:
        self._marker(p, x, y, MarkerStyle.DOT, colour)

    def _hollow(self, p: QPainter, x: float, y: float, colour: QColor) -> None:
        self._marker(p, x, y, MarkerStyle.HOLLOW_DOT, colour)

    def _bar(self, p: QPainter, x: float, y: float, colour: QColor) -> None:
        c = QColor(colour)
        c.setAlpha(200)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(c)
        h = theme.BAR_HEIGHT
        p.drawRect(QRectF(x + 2, y - h / 2, SWATCH - 4, h))

    def _fuzzy(self, p: QPainter, x: float, y: float, colour: QColor) -> None:
        p.setPen(Qt.PenStyle.NoPen)
        h = theme.BAR_HEIGHT + 2
        for step, alpha in ((0.0, 34), (0.2, 34), (0.36, 40)):
            c = QColor(colour)
            c.setAlpha(alpha)
            p.setBrush(c)
            inset = (SWATCH - 2) * step
            p.drawRect(QRectF(x + 1 + inset, y - h / 2, SWATCH - 2 - 2 * inset, h))
        self._marker(p, x, y, MarkerStyle.DIAMOND, colour)

    def _doc_date(self, p: QPainter, x: float, y: float, _colour: QColor) -> None:
        c = x + SWATCH / 2
        p.setPen(QPen(QColor(theme.DOC_DATE), 1.2, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(c, y - 4), QPointF(c, y + 10))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(theme.DOC_DATE))
        p.drawPolygon(QPolygonF([QPointF(c - 6, y - 11), QPointF(c + 6, y - 11),
                                 QPointF(c, y - 3)]))

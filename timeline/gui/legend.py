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
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(900, 26)

    def paintEvent(self, _ev: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.fillRect(self.rect(), QColor(theme.BACKGROUND))
        x, y = 8.0, self.height() / 2
        colour = theme.kind_colour(self.kinds[0])
        entries = [
            (self._dot, "day"),
            (self._bar, "span of days"),
            (self._fuzzy, "month, year…: possible span"),
            (self._hollow, "approximate"),
            (self._doc_date, "document's own date"),
        ]
        for draw, text in entries:
            draw(p, x, y, colour)
            x = self._text(p, x + SWATCH, y, text) + 12
        if len(self.kinds) > 1:
            for kind in self.kinds:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(theme.kind_colour(kind))
                p.drawRoundedRect(QRectF(x, y - 5, 10, 10), 2, 2)
                x = self._text(p, x + 14, y, kind.value) + 10
        p.end()

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

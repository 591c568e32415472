"""A one-line legend: what each shape means and which colour is which kind.

It never takes more than one line of the window's height: when the entries do
not fit, shorter words are tried, and whatever still does not fit is behind a
"More" button at the end of the line that shows the whole legend.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QMenu, QSizePolicy, QToolButton, QWidget, QWidgetAction

from timeline.gui import theme
from timeline.gui.markers import MarkerStyle, render_marker
from timeline.model import Kind

SWATCH = 30  # width reserved for each symbol
LINE = 24    # height of the line of entries
MARGIN = 8.0
GAP = 12.0   # between one entry's text and the next symbol
POPUP_WIDTH = 520  # the whole legend, wrapped, in the More popup

# (long words, short words) for each shape, in reading order.
SHAPE_WORDS = (("day", "day"), ("span of days", "span"),
               ("month, year…: possible span", "month, year…"),
               ("approximate", "approx."), ("planned", "planned"),
               ("document's own date", "doc. date"))


class Legend(QWidget):
    """Explains the canvas's shapes and colours, on one line."""

    def __init__(self, parent: QWidget | None = None, wrap: bool = False) -> None:
        super().__init__(parent)
        self.kinds: tuple[Kind, ...] = (Kind.OTHER,)
        theme.notifier().changed.connect(self.update)
        self.wrap = wrap  # the full legend inside the More popup wraps instead
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip("Imprecise dates (a month, a season, a year…) are drawn over the "
                        "whole span they could mean, fading towards its ends, with the "
                        "marker at the middle.")
        self.more = QToolButton(self)
        self.more.setText("More…")
        self.more.setAutoRaise(True)
        self.more.setToolTip("Show the whole legend")
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # The menu arrow drawn over the text's last letters at this size.
        self.more.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")
        self.more.setMenu(QMenu(self.more))
        self.more.menu().aboutToShow.connect(self._fill_more)
        self.more.hide()
        if not wrap:
            self.setFixedHeight(LINE + 4)

    def set_kinds(self, kinds: Iterable[Kind]) -> None:
        """Show colour swatches for ``kinds``."""
        self.kinds = tuple(kinds) or (Kind.OTHER,)
        self._relayout()

    def sizeHint(self) -> QSize:
        if self.wrap:
            return QSize(POPUP_WIDTH, LINE * self._lines(POPUP_WIDTH) + 4)
        return QSize(900, LINE + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, LINE + 4)

    # ------------------------------------------------------------------ layout
    def _entries(self, short: bool = False) -> list[tuple[object, str, float]]:
        """(painter, text, symbol width) in reading order."""
        draws = (self._dot, self._bar, self._fuzzy, self._hollow, self._planned, self._doc_date)
        out = [(draw, words[short], float(SWATCH))
               for draw, words in zip(draws, SHAPE_WORDS, strict=True)]
        if len(self.kinds) > 1:
            out += [(self._swatch(kind), kind.value, 14.0) for kind in self.kinds]
        return out

    def _widths(self, entries: list[tuple[object, str, float]]) -> list[float]:
        metrics = QFontMetricsF(self.font())
        return [symbol + metrics.horizontalAdvance(text) + GAP for _d, text, symbol in entries]

    def _positions(self, width: float, widths: list[float]) -> list[tuple[float, int]]:
        """Where each entry goes: x and line, wrapping when the width runs out."""
        x, line, out = MARGIN, 0, []
        for w in widths:
            if x + w > width and x > MARGIN:
                x, line = MARGIN, line + 1
            out.append((x, line))
            x += w
        return out

    def _lines(self, width: float) -> int:
        positions = self._positions(width, self._widths(self._entries()))
        return max((line for _x, line in positions), default=0) + 1

    def layout_line(self, width: float) -> tuple[list[tuple[object, str, float]],
                                                 list[float], bool]:
        """What one line of ``width`` shows: the entries (long words if they all
        fit, else short ones), their x positions, and whether some were left out
        (then they are behind the More button)."""
        for short in (False, True):
            entries = self._entries(short)
            widths = self._widths(entries)
            if MARGIN + sum(widths) <= width:
                return entries, self._xs(widths), False
        room = width - self.more.sizeHint().width()
        kept = len(widths)
        while kept > 1 and MARGIN + sum(widths[:kept]) > room:
            kept -= 1
        return entries[:kept], self._xs(widths[:kept]), True

    @staticmethod
    def _xs(widths: list[float]) -> list[float]:
        xs, x = [], MARGIN
        for w in widths:
            xs.append(x)
            x += w
        return xs

    def _relayout(self) -> None:
        if self.wrap:
            self.setFixedHeight(LINE * self._lines(max(self.width(), 200)) + 4)
        else:
            _entries, _xs, cut = self.layout_line(self.width())
            self.more.setVisible(cut)
            hint = self.more.sizeHint()
            self.more.setGeometry(self.width() - hint.width() - 2,
                                  (self.height() - hint.height()) // 2,
                                  hint.width(), hint.height())
        self.update()

    def resizeEvent(self, ev) -> None:
        super().resizeEvent(ev)
        self._relayout()

    def _fill_more(self) -> None:
        """The More popup: the whole legend, wrapped to a comfortable width."""
        menu = self.more.menu()
        menu.clear()
        full = Legend(menu, wrap=True)
        full.setFixedWidth(POPUP_WIDTH)  # first: the height follows from the width
        full.set_kinds(self.kinds)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(full)
        menu.addAction(holder)

    # ---------------------------------------------------------------- painting
    def paintEvent(self, _ev: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.fillRect(self.rect(), QColor(theme.BACKGROUND))
        colour = theme.kind_colour(self.kinds[0])
        if self.wrap:
            entries = self._entries()
            placed = self._positions(self.width(), self._widths(entries))
        else:
            entries, xs, _cut = self.layout_line(self.width())
            placed = [(x, 0) for x in xs]
        for (draw, text, symbol), (x, line) in zip(entries, placed, strict=True):
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

    def _planned(self, p: QPainter, x: float, y: float, colour: QColor) -> None:
        self._marker(p, x, y, MarkerStyle.PLANNED_DOT, colour)

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

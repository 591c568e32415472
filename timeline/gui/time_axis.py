"""A two-level date axis: ticks of the finest unit that fits, and a band naming
the month or year they sit in (the choice itself is in ``timeline.ticks``)."""

from __future__ import annotations

from typing import NamedTuple

import pyqtgraph as pg
from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from timeline.gui import theme
from timeline.ticks import AxisTicks, Label, axis_ticks

ROW_PAD_PX = 3  # space above each row's text


class DrawnText(NamedTuple):
    """A label as the last paint drew it: its row, text, font and baseline origin."""

    row: str  # "ticks" or "band"
    text: str
    font: QFont
    origin: QPointF


class _Measure:
    """Text widths in one font, remembered: the same few labels come back every frame."""

    def __init__(self, font: QFont) -> None:
        self.font = font
        self.metrics = QFontMetricsF(font)
        self._widths: dict[str, float] = {}

    def __call__(self, text: str) -> float:
        width = self._widths.get(text)
        if width is None:
            width = self._widths[text] = self.metrics.horizontalAdvance(text)
        return width


class TimeAxis(pg.AxisItem):
    """A bottom date axis in UTC: lower ticks with labels, and a band beneath them
    naming the larger unit (pinned at the left so the year in view is named).

    Given less height than two rows need (as in the overview strip) it draws one
    row: the band's names when there is a band, else the tick labels. Colours
    are read from ``theme`` at every paint, so a palette change shows at the
    next frame.
    """

    def __init__(self, orientation: str = "bottom") -> None:
        super().__init__(orientation=orientation)
        self._tick_measure = _Measure(theme.label_font())
        self._band_measure = _Measure(theme.label_font(bold=True))
        self._cached: tuple[tuple[float, float, float], AxisTicks] | None = None
        self.drawn: list[DrawnText] = []
        self.setHeight(self.two_row_height())

    def row_height(self) -> float:
        """Height of one row of labels."""
        return ROW_PAD_PX + max(self._tick_measure.metrics.height(),
                                self._band_measure.metrics.height()) + 1

    def two_row_height(self) -> int:
        """The height the axis needs for ticks and band."""
        return int(2 * self.row_height() + 2)

    def ticks_for(self, t0: float, t1: float, width: float) -> AxisTicks:
        """The ticks for a range and width, computed once while they stay the same."""
        key = (t0, t1, width)
        if self._cached is None or self._cached[0] != key:
            self._cached = (key, axis_ticks(t0, t1, width, self._tick_measure,
                                            self._band_measure))
        return self._cached[1]

    def paint(self, p: QPainter, opt, widget) -> None:
        bounds = self.mapRectFromParent(self.geometry())
        t0, t1 = self.range
        ticks = self.ticks_for(t0, t1, bounds.width())
        band = [span.label for span in ticks.spans if span.label is not None]
        self.drawn = []
        p.save()
        p.setClipRect(bounds)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        top = bounds.top()
        if bounds.height() >= self.two_row_height() - 1:
            band_top = top + self.row_height()
            self._draw_lines(p, bounds, ticks, band_top)
            self._draw_labels(p, bounds, ticks.labels, "ticks", top)
            self._draw_labels(p, bounds, band, "band", band_top)
        elif band:
            # One row (the overview strip): the month or year matters more than
            # the days or weeks under it.
            self._draw_lines(p, bounds, ticks, top)
            self._draw_labels(p, bounds, band, "band", top)
        else:
            self._draw_lines(p, bounds, ticks, None)
            self._draw_labels(p, bounds, ticks.labels, "ticks", top)
        p.restore()

    def _draw_lines(self, p: QPainter, bounds: QRectF, ticks: AxisTicks,
                    band_top: float | None) -> None:
        """The axis line, tick marks, and period boundaries from ``band_top`` down."""
        left, top = bounds.left(), bounds.top()
        p.setPen(QPen(QColor(theme.GRID), 1))
        p.drawLine(QLineF(left, top, bounds.right(), top))
        tick_colour = QColor(theme.MUTED_TEXT)
        tick_colour.setAlpha(110)
        p.setPen(QPen(tick_colour, 1))
        tick_bottom = top + self.row_height() * 0.55
        p.drawLines([QLineF(left + tick.x, top, left + tick.x, tick_bottom)
                     for tick in ticks.ticks])
        if band_top is not None and ticks.spans:
            # Period boundaries divide the band row only: carried up through the
            # tick row they would cross the label of a week that straddles them.
            band_colour = QColor(theme.MUTED_TEXT)
            band_colour.setAlpha(170)
            p.setPen(QPen(band_colour, 1))
            p.drawLines([QLineF(left + span.x0, band_top, left + span.x0, bounds.bottom())
                         for span in ticks.spans[1:]])

    def _draw_labels(self, p: QPainter, bounds: QRectF, labels, row: str,
                     row_top: float) -> None:
        measure = self._band_measure if row == "band" else self._tick_measure
        colour = theme.LABEL_TEXT if row == "band" else theme.MUTED_TEXT
        p.setFont(measure.font)
        p.setPen(QColor(colour))
        baseline = row_top + ROW_PAD_PX + measure.metrics.ascent()
        for label in labels:
            self._draw_label(p, bounds, label, row, measure.font, baseline)

    def _draw_label(self, p: QPainter, bounds: QRectF, label: Label, row: str,
                    font: QFont, baseline: float) -> None:
        origin = QPointF(bounds.left() + label.x, baseline)
        p.drawText(origin, label.text)
        self.drawn.append(DrawnText(row, label.text, font, origin))

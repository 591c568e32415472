"""The overview strip: event density over the whole corpus and a draggable,
resizable rectangle for the range the canvas shows."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from timeline.gui import theme
from timeline.gui.time_axis import TimeAxis
from timeline.index import SECONDS_PER_DAY, TimelineIndex

BIN_PX = 4  # one density bar per this many pixels


class OverviewViewBox(pg.ViewBox):
    """Fixed view; a click moves the visible range there."""

    clickedAt = Signal(float)

    def __init__(self) -> None:
        super().__init__(enableMenu=False)
        self.setMouseEnabled(x=False, y=False)

    def mouseClickEvent(self, ev) -> None:
        if ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            self.clickedAt.emit(self.mapToView(ev.pos()).x())

    def wheelEvent(self, ev, axis=None) -> None:
        ev.ignore()


class Overview(pg.PlotWidget):
    """Density of events across the corpus with the visible range marked."""

    regionChanged = Signal(float, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        self.vb = OverviewViewBox()
        self.axis = TimeAxis()
        super().__init__(parent, viewBox=self.vb, axisItems={"bottom": self.axis},
                         background=theme.BACKGROUND)
        self.hideButtons()
        self.getPlotItem().hideAxis("left")
        self.getPlotItem().setContentsMargins(0, 2, 8, 0)
        self.axis.setTextPen(QColor(theme.MUTED_TEXT))
        self.axis.setPen(QColor(theme.GRID))
        self.axis.setHeight(22)
        self.curve = pg.PlotCurveItem(np.array([0.0, 1.0]), np.array([0.0]), stepMode="center",
                                      fillLevel=0,
                                      brush=QColor(theme.OVERVIEW_FILL),
                                      pen=pg.mkPen(QColor(theme.OVERVIEW_FILL).darker(130)))
        self.addItem(self.curve)
        self.region = pg.LinearRegionItem(brush=QColor(*theme.REGION_FILL),
                                          pen=pg.mkPen(QColor(theme.SELECTION), width=1.5))
        self.region.setZValue(10)
        self.addItem(self.region, ignoreBounds=True)
        self.region.sigRegionChanged.connect(self._on_region)
        self.vb.clickedAt.connect(self._centre_on)
        self.setMinimumHeight(60)
        self.index: TimelineIndex | None = None
        self._extent = (0.0, SECONDS_PER_DAY)
        theme.notifier().changed.connect(self.apply_theme)

    def apply_theme(self) -> None:
        """Take the theme's current colours (pyqtgraph keeps its own copies)."""
        self.setBackground(theme.BACKGROUND)
        self.axis.setTextPen(QColor(theme.MUTED_TEXT))
        self.axis.setPen(QColor(theme.GRID))
        self.curve.setBrush(QColor(theme.OVERVIEW_FILL))
        self.curve.setPen(pg.mkPen(QColor(theme.OVERVIEW_FILL).darker(130)))
        fill = QColor(*theme.REGION_FILL)
        self.region.setBrush(fill)
        fill.setAlpha(min(fill.alpha() * 2, 255))  # as pyqtgraph derives its hover fill
        self.region.setHoverBrush(fill)
        for line in self.region.lines:
            line.setPen(pg.mkPen(QColor(theme.SELECTION), width=1.5))
        self.region.update()

    def sizeHint(self) -> QSize:
        return QSize(800, 80)

    def set_index(self, index: TimelineIndex | None, extent: tuple[float, float]) -> None:
        """Show the density of ``index`` across ``extent`` (epoch seconds)."""
        self.index = index
        self._extent = extent
        self.refresh()

    def refresh(self) -> None:
        """Recompute the bars for the current width."""
        t0, t1 = self._extent
        bins = max(int(self.width() / BIN_PX), 10)
        counts = (self.index.density(t0, t1, bins) if self.index is not None
                  else np.zeros(bins, dtype=np.int64))
        edges = np.linspace(t0, t1, bins + 1)
        self.curve.setData(edges, counts.astype(float))
        top = max(float(counts.max()) if len(counts) else 0.0, 1.0)
        self.vb.setRange(xRange=(t0, t1), yRange=(0, top * 1.1), padding=0)
        self.region.setBounds((t0, t1))

    def resizeEvent(self, ev) -> None:
        super().resizeEvent(ev)
        # pyqtgraph calls this from its own constructor, before our attributes exist.
        if getattr(self, "index", None) is not None:
            self.refresh()

    def set_region(self, t0: float, t1: float) -> None:
        """Move the rectangle without echoing a change back."""
        self.region.blockSignals(True)
        self.region.setRegion((t0, t1))
        self.region.blockSignals(False)

    def _on_region(self) -> None:
        t0, t1 = self.region.getRegion()
        self.regionChanged.emit(float(t0), float(t1))

    def _centre_on(self, t: float) -> None:
        t0, t1 = self.region.getRegion()
        half = (t1 - t0) / 2
        self.regionChanged.emit(t - half, t + half)

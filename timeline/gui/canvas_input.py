"""Mouse and keyboard on the canvas: a ViewBox that zooms and pans time only,
and a graphics view that turns keys into canvas actions."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import ClassVar

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from timeline.gui import (
    qt_compat,  # noqa: F401  (guards None's refcount first)
    theme,
)

WHEEL_BASE = 1.0017     # zoom factor per eighth of a degree of wheel turn
PAN_STEP = 0.15         # fraction of the view an arrow key or wheel notch pans


class TimelineViewBox(pg.ViewBox):
    """A ViewBox that zooms and pans time only, and reports clicks and spans."""

    clicked = Signal(QPointF, bool)   # view coordinates, double click
    spanChosen = Signal(float, float)
    scrollRows = Signal(float)

    def __init__(self) -> None:
        super().__init__(enableMenu=False, invertY=True)
        self.setMouseEnabled(x=True, y=False)
        self.enableAutoRange(enable=False)
        self._band = QGraphicsRectItem()
        self._band.setPen(QPen(QColor(theme.SELECTION), 1, Qt.PenStyle.DashLine))
        self._band.setBrush(QColor(*theme.REGION_FILL))
        self._band.setZValue(1e9)
        self._band.hide()
        self.addItem(self._band, ignoreBounds=True)

    def wheelEvent(self, ev, axis=None) -> None:
        delta = ev.delta()
        mods = ev.modifiers()
        ev.accept()
        if mods & Qt.KeyboardModifier.AltModifier:
            self.scrollRows.emit(-delta / 40.0)
        elif mods & Qt.KeyboardModifier.ShiftModifier or \
                ev.orientation() == Qt.Orientation.Horizontal:
            self.pan_fraction(-delta / 120.0 * PAN_STEP)
        else:
            center = self.mapToView(ev.pos())
            self.zoom_x(WHEEL_BASE ** -delta, center.x())

    def zoom_x(self, factor: float, center: float) -> None:
        """Scale the time range by ``factor`` keeping ``center`` in place."""
        (t0, t1), _ = self.viewRange()
        self.set_x(center - (center - t0) * factor, center + (t1 - center) * factor)

    def pan_fraction(self, fraction: float) -> None:
        """Move the time range by ``fraction`` of its width."""
        (t0, t1), _ = self.viewRange()
        shift = (t1 - t0) * fraction
        self.set_x(t0 + shift, t1 + shift)

    def set_x(self, t0: float, t1: float) -> None:
        """Show ``[t0, t1]`` clamped to the limits, keeping the rows where they are."""
        limits = self.state["limits"]
        lo, hi = limits["xLimits"]
        min_w, max_w = limits["xRange"]
        width = t1 - t0
        if min_w is not None and width < min_w:
            c = (t0 + t1) / 2
            t0, t1 = c - min_w / 2, c + min_w / 2
        if max_w is not None and width > max_w:
            c = (t0 + t1) / 2
            t0, t1 = c - max_w / 2, c + max_w / 2
        if lo is not None and t0 < lo:
            t0, t1 = lo, lo + (t1 - t0)
        if hi is not None and t1 > hi:
            t0, t1 = hi - (t1 - t0), hi
        self.setXRange(t0, t1, padding=0)

    def mouseDragEvent(self, ev, axis=None) -> None:
        if ev.button() == Qt.MouseButton.LeftButton and \
                ev.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            ev.accept()
            self._drag_band(ev)
            return
        if ev.button() in (Qt.MouseButton.LeftButton, Qt.MouseButton.MiddleButton):
            super().mouseDragEvent(ev, axis=0)
        else:
            ev.ignore()

    def _drag_band(self, ev) -> None:
        a = self.mapToView(ev.buttonDownPos()).x()
        b = self.mapToView(ev.pos()).x()
        if ev.isFinish():
            self._band.hide()
            if abs(b - a) > 0:
                self.spanChosen.emit(min(a, b), max(a, b))
            return
        _, (r0, r1) = self.viewRange()
        self._band.setRect(QRectF(min(a, b), r0, abs(b - a), r1 - r0))
        self._band.show()

    def mouseClickEvent(self, ev) -> None:
        if ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            self.clicked.emit(self.mapToView(ev.pos()), bool(ev.double()))
        else:
            ev.ignore()


class TimelineView(pg.PlotWidget):
    """The graphics view: owns the keyboard for zooming and panning."""

    keyAction = Signal(str)
    left = Signal()

    KEYS: ClassVar[Mapping[Qt.Key, str]] = MappingProxyType({
        Qt.Key.Key_Plus: "zoom_in", Qt.Key.Key_Equal: "zoom_in", Qt.Key.Key_Minus: "zoom_out",
        Qt.Key.Key_Left: "pan_left", Qt.Key.Key_Right: "pan_right",
        Qt.Key.Key_Up: "rows_up", Qt.Key.Key_Down: "rows_down",
        Qt.Key.Key_PageUp: "page_up", Qt.Key.Key_PageDown: "page_down",
    })

    def keyPressEvent(self, ev: QKeyEvent) -> None:
        action = self.KEYS.get(Qt.Key(ev.key()))
        if action is None:
            super().keyPressEvent(ev)
            return
        ev.accept()
        self.keyAction.emit(action)

    def leaveEvent(self, ev) -> None:
        super().leaveEvent(ev)
        self.left.emit()

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab and Shift+Tab step through events in time instead of moving focus.
        self.keyAction.emit("next" if next else "previous")
        return True

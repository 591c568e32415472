"""The timeline canvas: time left to right on a date axis, lanes top to bottom.

Mouse: wheel zooms time around the cursor, Shift+wheel pans, Alt+wheel scrolls
the lanes, drag pans, Shift+drag zooms to the dragged span, double-click zooms
in (or opens an event's source), hover shows a tooltip, click selects.
"""

from __future__ import annotations

import math
import time

import numpy as np
from PySide6.QtCore import QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QGraphicsView, QHBoxLayout, QScrollBar, QToolTip, QWidget

from timeline.gui import (
    qt_compat,  # noqa: F401  (guards None's refcount first)
    theme,
)
from timeline.gui.canvas_input import PAN_STEP, TimelineView, TimelineViewBox
from timeline.gui.events_item import EventsItem
from timeline.gui.time_axis import TimeAxis
from timeline.index import SECONDS_PER_DAY, TimelineIndex

HIT_SLOP_PX = 4


# Share of the corpus's span kept free after its last event when fitting, so the
# latest titles are not cut at the window's edge.
FIT_TITLE_ROOM = 0.18


class TimelineCanvas(QWidget):
    """The canvas widget the window embeds; speaks in indices of the index's events."""

    eventClicked = Signal(int)    # event index, -1 for a click on empty space
    eventActivated = Signal(int)  # double-click on an event
    rangeChanged = Signal(float, float)
    stepRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vb = TimelineViewBox()
        self.axis = TimeAxis()
        self.view = TimelineView(viewBox=self.vb, axisItems={"bottom": self.axis},
                                 background=theme.BACKGROUND)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # One item paints the whole viewport (lane bands, labels beyond the data),
        # so partial updates would leave stale pixels when a filter shrinks it.
        self.view.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.view.hideButtons()
        self.plot = self.view.getPlotItem()
        self.plot.hideAxis("left")
        self.plot.setContentsMargins(0, 4, 8, 0)
        # The axis reads its colours from the theme as it paints.
        self.item = EventsItem()
        self.vb.addItem(self.item)
        self.scrollbar = QScrollBar(Qt.Orientation.Vertical)
        self.scrollbar.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.view)
        layout.addWidget(self.scrollbar)
        self._top_row = 0.0
        self._bounds: tuple[float, float] | None = None
        self._visible_events: tuple[tuple, np.ndarray] = ((), np.empty(0, dtype=np.intp))
        self._connect()

    def _connect(self) -> None:
        self.vb.clicked.connect(self._on_click)
        self.vb.spanChosen.connect(self.set_range)
        self.vb.scrollRows.connect(self.scroll_rows)
        self.vb.sigResized.connect(self._layout_rows)
        self.vb.sigXRangeChanged.connect(self._on_x_range)
        self.scrollbar.valueChanged.connect(self._on_scrollbar)
        self.view.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.view.keyAction.connect(self._on_key)
        self.view.left.connect(lambda: self._set_hover(-1))

    # ------------------------------------------------------------------ content
    @property
    def index(self) -> TimelineIndex | None:
        """The index being drawn."""
        return self.item.index

    def set_index(self, index: TimelineIndex | None, fit: bool = True,
                  bounds: tuple[float, float] | None = None) -> None:
        """Draw ``index``; ``fit`` shows all of it, otherwise the time range stays.

        ``bounds`` (epoch seconds) is the span the view may roam, usually the whole
        corpus, so that filtering events out does not shrink where one can go.
        """
        self._bounds = bounds
        self.item.selected_event = -1
        self.item.set_index(index)
        self._set_limits()
        self._top_row = 0.0
        self._layout_rows()
        if fit:
            self.fit_all()

    def limits(self) -> tuple[float, float]:
        """The furthest the view may go: the corpus with a margin either side."""
        t0, t1 = self._extent()
        margin = max((t1 - t0) * 0.08, 20 * SECONDS_PER_DAY)
        # More room after the last event than before the first: titles run rightwards.
        return t0 - margin, t1 + max(margin, (t1 - t0) * FIT_TITLE_ROOM)

    def _set_limits(self) -> None:
        lo, hi = self.limits()
        self.vb.setLimits(xMin=lo, xMax=hi, minXRange=SECONDS_PER_DAY, maxXRange=hi - lo)

    def _extent(self) -> tuple[float, float]:
        lo, hi = self.index.extent() if self.index is not None else (0.0, 0.0)
        if self._bounds is not None and self._bounds[1] > self._bounds[0]:
            lo, hi = self._bounds
        if hi > lo:
            return lo, hi
        now = time.time()  # nothing dated: show the past year rather than 1970
        return now - 365 * SECONDS_PER_DAY, now

    def set_selected(self, event: int) -> None:
        """Mark ``event`` as selected (-1: none) without moving the view."""
        self.item.selected_event = event
        self.item.update()

    @property
    def selected(self) -> int:
        """The selected event, or -1."""
        return self.item.selected_event

    # ------------------------------------------------------------------- ranges
    def view_range(self) -> tuple[float, float]:
        """The visible time range in epoch seconds."""
        (t0, t1), _ = self.vb.viewRange()
        return t0, t1

    def set_range(self, t0: float, t1: float) -> None:
        """Show ``[t0, t1]`` (clamped to the zoom limits)."""
        self.vb.set_x(t0, t1)

    def fit_all(self) -> None:
        """Show the whole corpus with a small margin."""
        t0, t1 = self._extent()
        pad = max((t1 - t0) * 0.04, 2 * SECONDS_PER_DAY)
        # Leave room right of the last marker for a title of typical length.
        self.set_range(t0 - pad, t1 + max(pad, (t1 - t0) * FIT_TITLE_ROOM))

    def zoom(self, factor: float, center: float | None = None) -> None:
        """Zoom time by ``factor`` (< 1 zooms in) around ``center`` (view middle)."""
        t0, t1 = self.view_range()
        self.vb.zoom_x(factor, (t0 + t1) / 2 if center is None else center)

    def pan(self, fraction: float) -> None:
        """Pan by ``fraction`` of the view width (negative: back in time)."""
        self.vb.pan_fraction(fraction)

    def fit_event(self, event: int) -> None:
        """Zoom so ``event``'s whole span fills most of the view."""
        ix = self.index
        if ix is None or event < 0:
            return
        start, end = ix.columns.start[event], ix.columns.end[event]
        pad = max((end - start) * 0.3, 3 * SECONDS_PER_DAY)
        self.set_range(start - pad, end + pad)
        self.ensure_row_visible(event)

    def reveal(self, event: int) -> None:
        """Pan (not zoom) so ``event`` is in view, and scroll its row into view."""
        ix = self.index
        if ix is None or event < 0:
            return
        t0, t1 = self.view_range()
        start, end = ix.columns.start[event], ix.columns.end[event]
        mid = (start + end) / 2
        if not (t0 + (t1 - t0) * 0.05 <= mid <= t1 - (t1 - t0) * 0.2):
            width = t1 - t0
            self.set_range(mid - width * 0.4, mid + width * 0.6)
        self.ensure_row_visible(event)

    # --------------------------------------------------------------------- rows
    def _pitch(self) -> float:
        total = self.index.total_rows if self.index is not None else 0
        height = max(self.vb.height(), 1.0)
        if total <= 0:
            return theme.ROW_PITCH
        return float(min(theme.MAX_ROW_PITCH, max(theme.MIN_ROW_PITCH, height / total)))

    def _layout_rows(self) -> None:
        total = self.index.total_rows if self.index is not None else 0
        shown = max(self.vb.height(), 1.0) / self._pitch()
        spare = max(total - shown, 0.0)
        self._top_row = min(max(self._top_row, 0.0), spare)
        self.scrollbar.blockSignals(True)
        self.scrollbar.setRange(0, math.ceil(spare))
        self.scrollbar.setPageStep(max(int(shown), 1))
        self.scrollbar.setValue(round(self._top_row))
        self.scrollbar.blockSignals(False)
        self.scrollbar.setVisible(spare > 0)
        self.vb.setYRange(self._top_row, self._top_row + shown, padding=0)

    def scroll_rows(self, rows: float) -> None:
        """Scroll the lanes by ``rows`` (positive: down)."""
        self._top_row += rows
        self._layout_rows()

    def _on_scrollbar(self, value: int) -> None:
        self._top_row = float(value)
        self._layout_rows()

    def ensure_row_visible(self, event: int) -> None:
        """Scroll so the rows drawing ``event`` are on screen."""
        rows = self.index.row[self.index.items_of(event)] if self.index is not None else []
        if not len(rows):
            return
        _, (r0, r1) = self.vb.viewRange()
        top, bottom = int(rows.min()), int(rows.max()) + 1
        if top - 1 < r0 or bottom > r1:
            self._top_row = max(top - 1.0, 0.0)
            self._layout_rows()

    # -------------------------------------------------------------- hit testing
    def item_at(self, view_point: QPointF) -> int:
        """The item under a point in view coordinates (its marker or bar first,
        then its label), or -1."""
        ix = self.index
        if ix is None or not len(ix):
            return -1
        t0, t1 = self.view_range()
        per_px = (t1 - t0) / max(self.vb.width(), 1.0)
        slop = (theme.MARKER / 2 + HIT_SLOP_PX) * per_px
        item = ix.hit(view_point.x(), math.floor(view_point.y()), slop)
        if item >= 0:
            return item
        pixel = self.view.mapFromScene(self.vb.mapViewToScene(view_point))
        return self.item.label_at(pixel.x(), pixel.y())

    def event_at(self, view_point: QPointF) -> int:
        """The event under a point in view coordinates, or -1."""
        item = self.item_at(view_point)
        return int(self.index.event[item]) if item >= 0 else -1

    def event_point(self, event: int) -> QPoint | None:
        """Where ``event``'s marker is, in the graphics view's viewport pixels."""
        ix = self.index
        items = ix.items_of(event) if ix is not None else []
        if not len(items):
            return None
        item = int(items[0])
        scene = self.vb.mapViewToScene(QPointF(float(ix.mid[item]), float(ix.row[item]) + 0.5))
        return self.view.mapFromScene(scene)

    def _on_click(self, point: QPointF, double: bool) -> None:
        event = self.event_at(point)
        self.view.setFocus(Qt.FocusReason.MouseFocusReason)
        if double and event >= 0:
            self.eventActivated.emit(event)
        elif double:
            self.zoom(0.5, point.x())
        else:
            self.eventClicked.emit(event)

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        if not self.vb.sceneBoundingRect().contains(scene_pos):
            self._set_hover(-1)
            return
        item = self.item_at(self.vb.mapSceneToView(scene_pos))
        self._set_hover(item)

    def _set_hover(self, item: int) -> None:
        if item == self.item.hover_item:
            return
        self.item.hover_item = item
        self.item.update()
        if item < 0:
            QToolTip.hideText()
            self.view.viewport().unsetCursor()
            return
        self.view.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        QToolTip.showText(QCursor.pos(), self.tooltip_for(int(self.index.event[item])),
                          self.view)

    def tooltip_for(self, event: int) -> str:
        """Tooltip HTML for ``event``; the window supplies it via ``tooltip_provider``."""
        provider = getattr(self, "tooltip_provider", None)
        return provider(event) if provider is not None else self.index.columns.titles[event]

    # ---------------------------------------------------------------- keyboard
    def _on_key(self, action: str) -> None:
        steps = {"next": 1, "previous": -1}
        if action in steps:
            self.stepRequested.emit(steps[action])
            return
        moves = {
            "zoom_in": lambda: self.zoom(0.6), "zoom_out": lambda: self.zoom(1 / 0.6),
            "pan_left": lambda: self.pan(-PAN_STEP), "pan_right": lambda: self.pan(PAN_STEP),
            "rows_up": lambda: self.scroll_rows(-1), "rows_down": lambda: self.scroll_rows(1),
            "page_up": lambda: self.scroll_rows(-self.scrollbar.pageStep()),
            "page_down": lambda: self.scroll_rows(self.scrollbar.pageStep()),
        }
        moves[action]()

    def _on_x_range(self, _vb: object, rng: tuple[float, float]) -> None:
        self.rangeChanged.emit(float(rng[0]), float(rng[1]))

    def visible_events(self) -> np.ndarray:
        """Indices of the events with at least one item in the current view."""
        if self.index is None:
            return np.empty(0, dtype=np.int32)
        key = (self.index, *self.view_range())
        if self._visible_events[0] != key:  # asked again for the same view: the status line
            t0, t1 = key[1:]
            seen = np.zeros(len(self.index.columns), dtype=bool)  # linear, unlike np.unique
            seen[self.index.event[self.index.visible(t0, t1)]] = True
            self._visible_events = (key, np.flatnonzero(seen))
        return self._visible_events[1]

    def apply_theme(self) -> None:
        """Take the theme's current colours: pyqtgraph keeps its own copy of
        the background; the items read the theme as they paint."""
        self.view.setBackground(theme.BACKGROUND)
        self.item.update()
        self.view.viewport().update()

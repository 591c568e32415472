"""The timeline canvas: time left to right on a date axis, lanes top to bottom.

Mouse: wheel zooms time around the cursor, Shift+wheel pans, Alt+wheel scrolls
the lanes, drag pans, Shift+drag zooms to the dragged span, double-click zooms
in (or opens an event's source), hover shows a tooltip, click selects.
"""

from __future__ import annotations

import html
import math
import time

import numpy as np
from PySide6.QtCore import QCoreApplication, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QGraphicsView, QHBoxLayout, QScrollBar, QToolTip, QWidget

from timeline.gui import (
    qt_compat,  # noqa: F401  (guards None's refcount first)
    theme,
)
from timeline.gui.canvas_input import PAN_STEP, TimelineView, TimelineViewBox
from timeline.gui.events_item import EventsItem, Hit
from timeline.gui.lane_view import LaneView, lane_view
from timeline.gui.time_axis import TimeAxis
from timeline.gui.wording import day_words
from timeline.index import SECONDS_PER_DAY, LaneSort, TimelineIndex, day_at, file_name

HIT_SLOP_PX = 4


# Share of the corpus's span kept free after its last event when fitting, so the
# latest titles are not cut at the window's edge.
FIT_TITLE_ROOM = 0.18


class TimelineCanvas(QWidget):
    """The canvas widget the window embeds; speaks in indices of the index's events."""

    eventClicked = Signal(int)    # event index, -1 for a click on empty space
    eventActivated = Signal(int)  # double-click on an event
    lanesChanged = Signal()       # lanes sorted, collapsed, hidden or shown
    rangeChanged = Signal(float, float)
    stepRequested = Signal(int)
    eventMenuRequested = Signal(int, QPoint)  # right-click: event index (-1: none), global px

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
        self.lane_sort = LaneSort.NATURAL
        self.keep_empty_lanes = False
        self.collapsed: set[str] = set()
        self._filtered = False
        self._cap_rows = 0.0
        self._visible_events: tuple[tuple, np.ndarray] = ((), np.empty(0, dtype=np.intp))
        self._connect()

    def _connect(self) -> None:
        self.vb.clicked.connect(self._on_click)
        self.vb.spanChosen.connect(self.set_range)
        self.vb.scrollRows.connect(self.scroll_rows)
        self.vb.sigResized.connect(self._on_resized)
        self.vb.sigXRangeChanged.connect(self._on_x_range)
        self.scrollbar.valueChanged.connect(self._on_scrollbar)
        self.view.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.view.keyAction.connect(self._on_key)
        self.view.left.connect(lambda: self._set_hover(Hit()))
        viewport = self.view.viewport()
        viewport.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        viewport.customContextMenuRequested.connect(self._on_context_menu)

    def _on_context_menu(self, pixel: QPoint) -> None:
        """Right-click: the event under the mouse (its marker, bar or title)."""
        if self.index is None:
            return
        point = self.vb.mapSceneToView(self.view.mapToScene(pixel))
        self.eventMenuRequested.emit(self.event_at(point),
                                     self.view.viewport().mapToGlobal(pixel))

    def set_marks(self, marked: np.ndarray, faded: np.ndarray) -> None:
        """One bool per shown event: marked (edited or starred: a dot above
        the marker) and faded (hidden, shown on request)."""
        self.item.marked, self.item.faded = marked, faded
        self.item.update()

    # ------------------------------------------------------------------ content
    @property
    def index(self) -> TimelineIndex | None:
        """The index being drawn."""
        return self.item.index

    @property
    def lanes(self) -> LaneView | None:
        """The lanes on show."""
        return self.item.lanes

    def set_index(self, index: TimelineIndex | None, fit: bool = True,
                  bounds: tuple[float, float] | None = None, filtered: bool = False) -> None:
        """Draw ``index``; ``fit`` shows all of it, otherwise the time range stays.

        ``bounds`` (epoch seconds) is the span the view may roam, usually the whole
        corpus, so that filtering events out does not shrink where one can go.
        ``filtered`` says a filter or search chose the events: lanes without one
        are hidden (unless :attr:`keep_empty_lanes`) and Fit fits the matches.
        """
        self._bounds = bounds
        self._filtered = filtered
        self.item.selected_event = -1
        self._install(index)
        self._set_limits()
        self._top_row = 0.0
        self._layout_rows()
        if fit:
            self.fit_all()

    def _install(self, index: TimelineIndex | None) -> None:
        """Work out the lanes on show for ``index`` and hand both to the item."""
        self._cap_rows = self._available_rows()
        lanes = None
        if index is not None:
            lanes = lane_view(index, self._cap_rows, self.lane_sort,
                              self._filtered and not self.keep_empty_lanes, self.collapsed)
        self.item.set_index(index, lanes)

    def _available_rows(self) -> float:
        return max(self.vb.height(), 200.0) / theme.ROW_PITCH

    def relayout_lanes(self) -> None:
        """Lay the lanes out again after a change of sort, collapse or kept lanes."""
        top_lane = self.lanes.lane_at_row(self._top_row) if self.lanes is not None else -1
        self._install(self.index)
        if top_lane >= 0 and self.lanes is not None and self.lanes.shown(top_lane):
            self._top_row = float(self.lanes.top[top_lane])
        self._layout_rows()
        self.lanesChanged.emit()

    def set_lane_sort(self, sort: LaneSort) -> None:
        """Order the lanes by ``sort``."""
        self.lane_sort = LaneSort(sort)
        self.relayout_lanes()

    def set_keep_empty_lanes(self, keep: bool) -> None:
        """Keep lanes without a matching event on screen while filtering."""
        self.keep_empty_lanes = bool(keep)
        self.relayout_lanes()

    def toggle_lane(self, lane: int) -> None:
        """Collapse lane number ``lane`` to its header, or open it again."""
        if self.index is None or not 0 <= lane < len(self.index.lanes):
            return
        key = self.index.lanes[lane].key
        self.collapsed.symmetric_difference_update({key})
        self.relayout_lanes()

    def set_all_collapsed(self, collapsed: bool) -> None:
        """Collapse every lane, or open them all."""
        self.collapsed = {ln.key for ln in self.index.lanes} if collapsed and self.index \
            else set()
        self.relayout_lanes()

    def settle(self, timeout_s: float = 30.0) -> None:
        """Wait until the layout of the current view is computed, then repaint
        (pending resizes are applied first: they change the view's scale)."""
        app = QCoreApplication.instance()
        for _ in range(4):
            if app is not None:
                app.processEvents()
            frame = self.item.current_frame()
            if frame is None or frame.complete:
                break
            self.item.cache.wait(timeout_s)
        self.item.update()

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
        """Show the whole corpus with a small margin; while filtering, the
        matching events."""
        t0, t1 = self._extent()
        matched = self.index.items_extent() if self._filtered and self.index is not None \
            else None
        if matched is not None:
            t0, t1 = max(matched[0], t0), min(matched[1], t1) if t1 > t0 else matched[1]
            if t1 <= t0:
                t0, t1 = matched
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
    def _total_rows(self) -> int:
        return self.lanes.total_rows if self.lanes is not None else 0

    def _pitch(self) -> float:
        total = self._total_rows()
        height = max(self.vb.height(), 1.0)
        if total <= 0:
            return theme.ROW_PITCH
        return float(min(theme.MAX_ROW_PITCH, max(theme.MIN_ROW_PITCH, height / total)))

    def _on_resized(self) -> None:
        # Lanes share the height: a much taller or shorter canvas changes the
        # rows each may use, and so the layout.
        rows = self._available_rows()
        if self.index is not None and abs(rows - self._cap_rows) >= 1.0:
            self.relayout_lanes()
        else:
            self._layout_rows()

    def _layout_rows(self) -> None:
        total = self._total_rows()
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
        """Scroll so a lane drawing ``event`` is on screen (opening it if it
        was collapsed)."""
        ix, lanes = self.index, self.lanes
        if ix is None or lanes is None or event < 0:
            return
        shown = [int(ln) for ln in ix.lane[ix.items_of(event)] if lanes.shown(int(ln))]
        if not shown:
            return
        _, (r0, r1) = self.vb.viewRange()
        tops = [(int(lanes.top[ln]), ln) for ln in shown]
        if any(r0 <= t and t + 1 + lanes.rows[ln] <= r1 + 0.5 for t, ln in tops):
            return
        top, lane = min(tops)
        if ix.lanes[lane].key in lanes.collapsed:
            self.toggle_lane(lane)
            top = int(self.lanes.top[lane])
        self._top_row = max(top - 0.0, 0.0)
        self._layout_rows()

    # -------------------------------------------------------------- hit testing
    def _pixel(self, view_point: QPointF) -> QPointF:
        return QPointF(self.view.mapFromScene(self.vb.mapViewToScene(view_point)))

    def hit_at(self, view_point: QPointF) -> Hit:
        """What is drawn at a point in view coordinates."""
        if self.index is None:
            return Hit()
        pixel = self._pixel(view_point)
        found = self.item.hit(pixel.x(), pixel.y(), HIT_SLOP_PX)
        if found.item < 0 and found.badge is None and found.strip is None:
            lane = self._header_at(view_point.y())
            if lane >= 0:
                return Hit(lane=lane)
        return found

    def _header_at(self, row: float) -> int:
        lanes = self.lanes
        lane = lanes.lane_at_row(row) if lanes is not None else -1
        return lane if lane >= 0 and row < lanes.top[lane] + 1 else -1

    def item_at(self, view_point: QPointF) -> int:
        """The item under a point in view coordinates (its marker, bar or title), or -1."""
        return self.hit_at(view_point).item

    def event_at(self, view_point: QPointF) -> int:
        """The event under a point in view coordinates, or -1."""
        item = self.item_at(view_point)
        return int(self.index.event[item]) if item >= 0 else -1

    def event_point(self, event: int) -> QPoint | None:
        """Where ``event``'s marker (or its cluster) is, in viewport pixels."""
        if self.index is None:
            return None
        point = self.item.point_of(event)
        return None if point is None else point.toPoint()

    def drawn_events(self) -> np.ndarray:
        """Events drawn one by one (not inside a cluster) in the current view."""
        frame = self.item.current_frame()
        if frame is None or self.index is None:
            return np.empty(0, dtype=np.int32)
        return np.unique(self.index.event[frame.items])

    def _on_click(self, point: QPointF, double: bool) -> None:
        found = self.hit_at(point)
        self.view.setFocus(Qt.FocusReason.MouseFocusReason)
        event = int(self.index.event[found.item]) if found.item >= 0 else -1
        if found.badge is not None:
            self._zoom_to_items(found.badge.members)
        elif found.strip is not None:
            self.zoom(0.25, point.x())
        elif found.lane >= 0 and not double:
            self.toggle_lane(found.lane)
        elif double and event >= 0:
            self.eventActivated.emit(event)
        elif double:
            self.zoom(0.5, point.x())
        else:
            self.eventClicked.emit(event)

    def _zoom_to_items(self, items: np.ndarray) -> None:
        """Show the span of ``items`` (a cluster's members) with a margin."""
        ix = self.index
        start, end = float(ix.start[items].min()), float(ix.end[items].max())
        pad = max((end - start) * 0.15, SECONDS_PER_DAY)
        self.set_range(start - pad, end + pad * 2)

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        if not self.vb.sceneBoundingRect().contains(scene_pos):
            self._set_hover(Hit())
            return
        self._set_hover(self.hit_at(self.vb.mapSceneToView(scene_pos)))

    def _set_hover(self, found: Hit) -> None:
        item = self.item
        key = _hover_key(found)
        if key == getattr(self, "_hover_key", None):
            return
        self._hover_key = key
        if found.item != item.hover_item or _badge_key(found.badge) != _badge_key(
                item.hover_badge):
            item.hover_item, item.hover_badge = found.item, found.badge
            item.update()
        text = self._hover_text(found)
        if not text:
            QToolTip.hideText()
            self.view.viewport().unsetCursor()
            return
        self.view.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        QToolTip.showText(QCursor.pos(), text, self.view)

    def _hover_text(self, found: Hit) -> str:
        if found.item >= 0:
            return self.tooltip_for(int(self.index.event[found.item]))
        if found.badge is not None:
            return self.cluster_tooltip(found.badge.members)
        if found.strip is not None:
            return self._strip_tooltip(found.strip)
        if found.lane >= 0:
            return self.lane_tooltip(found.lane)
        return ""

    def cluster_tooltip(self, items: np.ndarray, shown: int = 8) -> str:
        """The first titles of a cluster, most cited first, and how to see them all."""
        ix = self.index
        events = np.unique(ix.event[items])
        best = events[np.argsort(-ix.columns.mentions[events], kind="stable")][:shown]
        lines = [html.escape(" ".join(ix.columns.titles[int(e)].split())) for e in best]
        more = len(events) - len(best)
        tail = f"<br>… and {more:,} more" if more > 0 else ""
        return (f"<b>{len(events):,} events</b> close together here<br>" + "<br>".join(
            f"• {t}" for t in lines) + tail + "<br><i>Click to zoom in on them.</i>")

    def _strip_tooltip(self, strip) -> str:
        t0, t1 = self.view_range()
        count = int(strip.counts.sum())
        return (f"<b>{count:,} events</b> in this lane between {day_words(day_at(t0))} and "
                f"{day_words(day_at(t1))}: too many to draw one by one.<br>"
                "<i>Click or zoom in to see them.</i>")

    def lane_tooltip(self, lane: int) -> str:
        """A lane header's tooltip: its name, file, date and event count."""
        ix = self.index
        ln = ix.lanes[lane]
        count = int(ix.lane_counts[lane])
        parts = [f"<b>{html.escape(ln.name)}</b>"]
        if ln.path:
            parts.append(f"File: {html.escape(file_name(ln.path))}<br>"
                         f"<span style='color:gray'>{html.escape(ln.path)}</span>")
        if ln.date is not None:
            parts.append(f"Dated {day_words(day_at(ln.date))}")
        parts.append(f"{count:,} event{'s' if count != 1 else ''} shown")
        folded = self.lanes is not None and ln.key in self.lanes.collapsed
        parts.append("<i>Click to open this lane.</i>" if folded
                     else "<i>Click to collapse this lane.</i>")
        return "<br>".join(parts)

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


def _badge_key(badge) -> tuple[int, int] | None:
    return None if badge is None else (int(badge.members[0]), badge.count)


def _hover_key(found: Hit) -> tuple:
    strip = None if found.strip is None else (found.strip.lane, int(found.strip.counts.sum()))
    return (found.item, _badge_key(found.badge), strip, found.lane)

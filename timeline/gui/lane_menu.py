"""View ▸ Lanes: the order of the lanes, whether empty ones stay while
filtering, and collapsing them all (a click on a lane's header folds one)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow, QMenu

from timeline.gui.canvas import TimelineCanvas
from timeline.index import LaneSort

SORTS = ((LaneSort.NATURAL, "As &Listed"), (LaneSort.FIRST_DATE, "By First &Date"),
         (LaneSort.TITLE, "By &Title"), (LaneSort.FILE, "By &File Name"))


def add_lane_menu(window: QMainWindow, menu: QMenu, before: QAction,
                  canvas: TimelineCanvas) -> QMenu:
    """A Lanes submenu inserted in ``menu`` before ``before``."""
    lanes = QMenu("Lane &Options", window)
    order = lanes.addMenu("&Order Lanes")
    group = QActionGroup(window)
    for sort, text in SORTS:
        action = order.addAction(text)
        action.setCheckable(True)
        action.setChecked(sort is canvas.lane_sort)
        action.setData(sort.value)
        group.addAction(action)
    group.triggered.connect(lambda action: canvas.set_lane_sort(LaneSort(action.data())))
    keep = lanes.addAction("&Keep Lanes Without Matches While Filtering")
    keep.setCheckable(True)
    keep.setChecked(canvas.keep_empty_lanes)
    keep.toggled.connect(canvas.set_keep_empty_lanes)
    lanes.addSeparator()
    lanes.addAction("&Collapse All Lanes").triggered.connect(
        lambda: canvas.set_all_collapsed(True))
    lanes.addAction("&Expand All Lanes").triggered.connect(
        lambda: canvas.set_all_collapsed(False))
    menu.insertMenu(before, lanes)
    return lanes

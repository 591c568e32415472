"""View ▸ Lane Options: the order of the lanes, whether empty ones stay while
filtering, and collapsing them all (a click on a lane's header folds one).
The order and the choice about empty lanes are remembered between runs."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow, QMenu

from timeline.gui.canvas import TimelineCanvas
from timeline.gui.settings import read_choice
from timeline.index import LaneSort

ORDER_KEY = "view/lane_order"
KEEP_KEY = "view/keep_empty_lanes"

SORTS = ((LaneSort.NATURAL, "As &Listed"), (LaneSort.FIRST_DATE, "By First &Date"),
         (LaneSort.TITLE, "By &Title"), (LaneSort.FILE, "By &File Name"))


def restore_lane_options(canvas: TimelineCanvas, settings: QSettings) -> None:
    """Give ``canvas`` the lane order and empty-lane choice saved last time."""
    canvas.lane_sort = LaneSort(read_choice(settings, ORDER_KEY, {s.value for s in LaneSort},
                                            LaneSort.NATURAL.value))
    canvas.keep_empty_lanes = read_choice(settings, KEEP_KEY, {"true", "false"},
                                          "false") == "true"
    # Written back at once, so a damaged value is replaced by the default and
    # the next start reads cleanly.
    settings.setValue(ORDER_KEY, canvas.lane_sort.value)
    settings.setValue(KEEP_KEY, "true" if canvas.keep_empty_lanes else "false")


def add_lane_menu(window: QMainWindow, menu: QMenu, before: QAction, canvas: TimelineCanvas,
                  settings: QSettings | None = None) -> QMenu:
    """A Lanes submenu inserted in ``menu`` before ``before``; choices are
    saved in ``settings`` as they are made."""
    if settings is not None:
        restore_lane_options(canvas, settings)

    def remember(key: str, value: str) -> None:
        if settings is not None:
            settings.setValue(key, value)

    lanes = QMenu("Lane &Options", window)
    order = lanes.addMenu("&Order Lanes")
    group = QActionGroup(window)
    for sort, text in SORTS:
        action = order.addAction(text)
        action.setCheckable(True)
        action.setChecked(sort is canvas.lane_sort)
        action.setData(sort.value)
        group.addAction(action)
    def sort(action: QAction) -> None:
        canvas.set_lane_sort(LaneSort(action.data()))
        remember(ORDER_KEY, canvas.lane_sort.value)

    group.triggered.connect(sort)
    keep = lanes.addAction("&Keep Lanes Without Matches While Filtering")
    keep.setCheckable(True)
    keep.setChecked(canvas.keep_empty_lanes)
    def keep_empty(on: bool) -> None:
        canvas.set_keep_empty_lanes(on)
        remember(KEEP_KEY, "true" if on else "false")

    keep.toggled.connect(keep_empty)
    lanes.addSeparator()
    lanes.addAction("&Collapse All Lanes").triggered.connect(
        lambda: canvas.set_all_collapsed(True))
    lanes.addAction("&Expand All Lanes").triggered.connect(
        lambda: canvas.set_all_collapsed(False))
    menu.insertMenu(before, lanes)
    return lanes

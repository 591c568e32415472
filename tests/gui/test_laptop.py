"""The window on a laptop screen (1024x680): the timeline keeps at least half
the height, the legend one line, the toolbar all its buttons; the table and
the detail pane can be hidden and come back as they were left."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar

from tests.gui.conftest import SEEDS
from timeline.gui.legend import LINE, Legend
from timeline.gui.main_window import MainWindow
from timeline.model import Kind

LAPTOP = (1024, 680)


def laptop_window(qtbot, settings, corpus, size=LAPTOP) -> MainWindow:
    """A window first shown at ``size`` (as on a screen that size), on ``corpus``."""
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    w.paths = [str(SEEDS)]
    w.show_corpus(corpus)
    qtbot.wait(10)
    return w


def test_the_timeline_gets_half_the_height_of_a_laptop_window(qtbot, settings, seeds_corpus):
    w = laptop_window(qtbot, settings, seeds_corpus)
    assert w.size().toTuple() == LAPTOP
    assert w.canvas.height() >= LAPTOP[1] / 2
    # ...and the other panes are still there, not squeezed out.
    assert w.table_dock.isVisible() and w.table.height() >= 80
    assert w.detail_dock.isVisible() and w.detail.width() >= 280


def test_a_window_made_smaller_while_open_gives_the_timeline_its_room_back(
        qtbot, settings, seeds_corpus):
    w = laptop_window(qtbot, settings, seeds_corpus, size=(1600, 1000))
    w.resizeDocks([w.table_dock], [430], Qt.Orientation.Vertical)  # a tall table
    qtbot.wait(10)
    w.resize(*LAPTOP)
    qtbot.waitUntil(lambda: w.canvas.height() >= LAPTOP[1] / 2, timeout=2000)
    assert w.table_dock.isVisible() and w.table.height() >= 80


def test_the_legend_takes_one_line_and_offers_the_rest(qtbot, settings, seeds_corpus):
    w = laptop_window(qtbot, settings, seeds_corpus)
    assert w.legend.height() <= LINE + 4
    entries, xs, cut = w.legend.layout_line(w.legend.width())
    assert len(entries) >= 5  # at least the five shapes fit
    assert cut == w.legend.more.isVisible()
    last_end = xs[-1] + entries[-1][2]
    right = w.legend.more.x() if cut else w.legend.width()
    assert last_end <= right  # nothing is drawn under the More button


def test_a_narrow_legend_puts_what_does_not_fit_behind_more(qtbot):
    legend = Legend()
    qtbot.addWidget(legend)
    legend.set_kinds(list(Kind))
    legend.resize(420, 40)
    legend.show()
    _entries, _xs, cut = legend.layout_line(420)
    assert cut and legend.more.isVisible()
    assert legend.height() == LINE + 4
    legend.resize(2400, 40)
    entries, _xs, cut = legend.layout_line(2400)
    assert not cut and not legend.more.isVisible()
    assert len(entries) == 6 + len(Kind)  # six shapes (planned among them), every kind
    assert entries[1][1] == "span of days"  # the long words when there is room


def test_the_toolbar_fits_a_laptop_window(qtbot, settings, seeds_corpus):
    w = laptop_window(qtbot, settings, seeds_corpus)
    bar = w.findChild(QToolBar, "toolbar")
    assert bar.sizeHint().width() <= bar.width()
    for action in bar.actions():
        widget = bar.widgetForAction(action)
        if widget is not None and not action.isSeparator():
            assert widget.isVisible(), action.text()
    extension = bar.findChild(object, "qt_toolbar_ext_button")
    assert extension is None or not extension.isVisible()


@pytest.mark.parametrize(("name", "dock"), [("show_table", "table_dock"),
                                            ("show_details", "detail_dock")])
def test_panes_can_be_hidden_and_restored_from_the_view_menu(qtbot, window, name, dock):
    action, pane = window.acts[name], getattr(window, dock)
    assert action.isCheckable() and action.isChecked() and action.shortcut().toString()
    room = window.canvas.height() * window.canvas.width()
    action.trigger()
    assert not pane.isVisible() and not action.isChecked()
    # The room goes to the timeline.
    qtbot.waitUntil(lambda: window.canvas.height() * window.canvas.width() > room)
    action.trigger()
    assert pane.isVisible() and action.isChecked()
    qtbot.waitUntil(lambda: window.canvas.height() * window.canvas.width() == room)


def test_closing_a_pane_by_its_own_button_unchecks_its_menu_item(window):
    window.detail_dock.close()
    assert not window.acts["show_details"].isChecked()
    window.detail_dock.show()
    assert window.acts["show_details"].isChecked()


def test_hidden_panes_and_pane_sizes_are_remembered(qtbot, settings, seeds_corpus):
    first = laptop_window(qtbot, settings, seeds_corpus)
    first.acts["show_details"].trigger()
    first.splitter.setSizes([300, 120])
    sizes = first.splitter.sizes()
    first.close()
    second = laptop_window(qtbot, settings, seeds_corpus)
    assert not second.detail_dock.isVisible()
    assert not second.acts["show_details"].isChecked()
    assert second.table_dock.isVisible() and second.acts["show_table"].isChecked()
    assert second.splitter.sizes() == sizes
    second.acts["show_details"].trigger()
    assert second.detail_dock.isVisible()


def test_the_more_popup_holds_the_whole_legend_snugly(qtbot):
    legend = Legend()
    qtbot.addWidget(legend)
    legend.set_kinds(list(Kind))
    legend.resize(420, 40)
    legend.show()
    menu = legend.more.menu()
    menu.aboutToShow.emit()
    full = menu.actions()[0].defaultWidget()
    assert full.wrap and full.kinds == legend.kinds
    lines = full._lines(full.width())
    assert full.height() == LINE * lines + 4
    assert lines <= 4  # a few lines, not one entry a line


def test_a_layout_saved_on_a_big_screen_leaves_the_timeline_room_on_a_laptop(
        qtbot, settings, seeds_corpus):
    first = laptop_window(qtbot, settings, seeds_corpus, size=(1600, 1000))
    first.resizeDocks([first.table_dock], [420], Qt.Orientation.Vertical)
    qtbot.waitUntil(lambda: first.table_dock.height() >= 400)
    first.close()
    second = laptop_window(qtbot, settings, seeds_corpus)  # the same layout, a smaller screen
    qtbot.waitUntil(lambda: second.canvas.height() >= LAPTOP[1] / 2)
    assert second.table_dock.isVisible() and second.table.height() >= 80

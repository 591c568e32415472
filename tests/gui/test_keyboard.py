"""Keys and small things: F6 between panes, the lane mode marked in the View
menu, the shortcuts list, Go to Date, the Problems list, a file no application
opens, and the note over an empty stretch of time."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices, QFontMetrics
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from timeline.gui import commands
from timeline.gui.actions import shortcut_rows
from timeline.gui.panels import ShortcutsDialog
from timeline.index import SECONDS_PER_DAY, LaneMode
from timeline.model import Problem


def focused_pane(window) -> str:
    """Which pane holds the keyboard focus: timeline, table, detail or other."""
    focused = QApplication.focusWidget()
    for name, pane in (("timeline", window.canvas), ("table", window.table),
                       ("detail", window.detail)):
        if focused is pane or pane.isAncestorOf(focused):
            return name
    return "other"


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


def active(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.canvas.view.setFocus()
    qtbot.waitUntil(lambda: focused_pane(window) == "timeline")
    return window


def test_f6_moves_the_focus_round_the_panes_and_shift_f6_back(qtbot, window):
    active(qtbot, window)
    seen = []
    for _ in range(3):
        press(qtbot, window, Qt.Key.Key_F6)
        seen.append(focused_pane(window))
    assert seen == ["table", "detail", "timeline"]
    back = []
    for _ in range(3):
        press(qtbot, window, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
        back.append(focused_pane(window))
    assert back == ["detail", "table", "timeline"]


def test_f6_skips_a_hidden_pane(qtbot, window):
    active(qtbot, window)
    window.acts["show_table"].trigger()
    press(qtbot, window, Qt.Key.Key_F6)
    assert focused_pane(window) == "detail"
    press(qtbot, window, Qt.Key.Key_F6)
    assert focused_pane(window) == "timeline"


def test_f6_lands_on_the_passage_when_an_event_is_selected(qtbot, window):
    active(qtbot, window)
    window.controller.select(window.controller.shown[0])
    window.table.setFocus()
    press(qtbot, window, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is window.detail.source


def test_tab_in_the_timeline_still_steps_events(qtbot, window):
    active(qtbot, window)
    window.controller.select(window.controller.shown[0])
    first = window.controller.selected
    press(qtbot, window, Qt.Key.Key_Tab)
    assert focused_pane(window) == "timeline"
    assert window.controller.selected is not first


def test_the_view_menu_marks_the_lane_mode(window):
    marks = {mode: window.acts[f"lanes_{mode.value}"] for mode in LaneMode}
    for mode in LaneMode:
        window.set_lane_mode(mode)
        assert [m for m, action in marks.items() if action.isChecked()] == [mode]
    marks[LaneMode.KIND].trigger()
    assert window.controller.lane_mode is LaneMode.KIND
    assert marks[LaneMode.KIND].isChecked() and not marks[LaneMode.DOCUMENT].isChecked()


def test_the_shortcuts_list_shows_every_text_whole(qtbot, window):
    dialog = ShortcutsDialog(shortcut_rows(), window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.table
    metrics = QFontMetrics(table.font())
    for column in (0, 1):
        longest = max(metrics.horizontalAdvance(row[column]) for row in dialog.rows())
        assert table.columnWidth(column) >= longest, column
    assert table.columnWidth(0) + table.columnWidth(1) <= table.viewport().width()
    assert ("F6", "Move the focus to the next pane: timeline, table, details") in dialog.rows()


def test_go_to_date_keeps_unreadable_text_and_says_why(qtbot, window):
    dialog = commands.date_dialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.edit.setText("31 February 2011")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.edit.text() == "31 February 2011"
    assert dialog.error.isVisible() and "28 days" in dialog.error.text()
    qtbot.waitUntil(lambda: dialog.error.height()
                    >= dialog.error.heightForWidth(dialog.error.width()))  # no line cut
    qtbot.keyClicks(dialog.edit, "x")  # typing again clears the complaint
    assert not dialog.error.isVisible()
    dialog.edit.setText("March 2011")
    dialog.accept()
    assert not dialog.isVisible() and dialog.value.start.month == 3
    again = commands.date_dialog(window)
    qtbot.addWidget(again)
    assert again.edit.text() == "March 2011"  # ready to be changed to April


def test_a_short_detail_pane_keeps_the_unplaced_list_closed_until_asked(qtbot, window,
                                                                        merged_corpus):
    window.show_corpus(merged_corpus)
    window.detail_dock.setFloating(True)
    window.detail_dock.resize(420, 400)
    qtbot.waitUntil(lambda: window.detail.height() < 520)
    window.controller.select(window.controller.shown[0])
    detail = window.detail
    assert detail.unplaced_list.count() == 1
    assert detail.unplaced_toggle.isVisible() and not detail.unplaced_list.isVisible()
    detail.unplaced_toggle.click()
    assert detail.unplaced_list.isVisible() and detail.unplaced_toggle.text() == "Hide"
    window.controller.select(None)
    window.controller.select(window.controller.shown[0])
    assert detail.unplaced_list.isVisible()  # the choice holds for the next event


def test_problems_tell_files_not_read_from_notes_on_files_read(window, seeds_corpus):
    read = seeds_corpus.documents[0].path
    problems = (Problem(read, "read as PDF: its name says .txt"),
                Problem("/gone/missing.txt", "file not found"),
                Problem("/x/locked.pdf", "password-protected PDF"))
    window.show_corpus(replace(seeds_corpus, problems=problems))
    panel = window.problems
    assert [p.path for p in panel.errors] == ["/gone/missing.txt", "/x/locked.pdf"]
    assert [p.path for p in panel.notes] == [read]
    assert panel.paths()[-1] == read  # files not read come first
    icons = [panel.topLevelItem(i).icon(0).cacheKey() for i in range(3)]
    assert icons[0] == icons[1] != icons[2]
    assert window.problems_dock.windowTitle() == "Problems (2 not read, 1 note)"
    assert "2 files could not be read · 1 note on a file read" in window.status.text()


def test_a_file_no_application_opens_is_offered_in_its_folder(qtbot, window, monkeypatch):
    opened = []

    def refuse_files(url):
        opened.append(url.toLocalFile())
        return len(opened) > 1  # the file: no viewer; its folder: a file manager

    monkeypatch.setattr(QDesktopServices, "openUrl", refuse_files)
    window.controller.select(window.controller.shown[0])
    assert not window.detail.open_file()
    box = window.detail.no_viewer_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "No application" in box.text()
    document = window.controller.corpus.document(window.controller.selected.mentions[0].document)
    assert str(Path(document.path).resolve()) in box.informativeText()
    button = next(b for b in box.findChildren(QPushButton) if b.text() == "Show in Folder")
    button.click()
    assert opened[-1].rstrip("/") == str(Path(document.path).parent)


def test_an_empty_stretch_says_where_the_nearest_events_are(qtbot, window):
    window.canvas.set_range(*_gap(window))
    window.update_status()
    note = window.empty_note
    assert note.isVisible()
    assert "No events from" in note.text() and "Nearest before:" in note.text()
    t0, t1 = window.canvas.view_range()
    note.linkActivated.emit("after")
    qtbot.waitUntil(lambda: window.canvas.view_range() != (t0, t1))
    window.update_status()
    assert len(window.canvas.visible_events()) > 0
    assert not note.isVisible()


def _gap(window) -> tuple[float, float]:
    """A stretch of a few weeks inside the widest gap between the seeds' events."""
    index = window.controller.index
    order = index.start.argsort()
    starts, ends = index.start[order], index.end[order]
    reach = np.maximum.accumulate(ends)
    gaps = starts[1:] - reach[:-1]
    i = int(gaps.argmax())
    middle = (reach[i] + starts[i + 1]) / 2
    return middle - 20 * SECONDS_PER_DAY, middle + 20 * SECONDS_PER_DAY
